// Package hubspot is a small client for the parts of HubSpot's CRM API that
// Armistice uses: owners, contacts, notes, deals and their associations
// (CRM v3, associations v4), over net/http with a private app's access token.
//
// HubSpot publishes SDKs for Node.js, Python, PHP, Ruby and .NET but none for
// Go; the Go clients that exist are community ports or cover a slice of the
// API and have gone unmaintained, so the few calls needed are written here
// against HubSpot's reference:
//
//   - owners: GET /crm/v3/owners?email=
//   - contacts: GET and PATCH /crm/v3/objects/contacts/{id}, and
//     POST /crm/v3/objects/contacts/search (filterGroups on email)
//   - notes: POST /crm/v3/objects/notes with hs_timestamp, hs_note_body and an
//     association to the contact (HUBSPOT_DEFINED type 202, note to contact)
//   - deals: POST /crm/v3/objects/deals/search on hs_lastmodifieddate, sorted
//     ascending, paged with "after"; their contacts through
//     GET /crm/v4/objects/deals/{id}/associations/contacts
//   - the account's currency, for deals without one:
//     GET /account-info/v3/details (companyCurrency)
//
// Rate limits: a private app may make a burst of 100 to 190 calls in 10
// seconds (by subscription) and a daily number; the search endpoints allow 5
// calls a second. The client paces itself under the lowest of these, and on a
// 429 reads HubSpot's answer (Retry-After when given,
// X-HubSpot-RateLimit-Interval-Milliseconds for the rolling window,
// X-HubSpot-RateLimit-Daily-Remaining and the body's policyName "DAILY" for
// the day) and
// answers every call with a RateLimitError until the wait is over. Each call
// is made once: the jobs that use the client retry 5xx and network errors
// with their backoff, wait out a RateLimitError, and give up at once on any
// other 4xx (an APIError with HubSpot's message).
package hubspot
