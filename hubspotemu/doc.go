// Package hubspotemu is an in-process HubSpot CRM for tests and the sandbox:
// the calls of package hubspot, answered over real HTTP as HubSpot answers
// them.
//
// It owns owners (GET /crm/v3/owners?email=), contacts (read, PATCH with
// HubSpot's validation of properties and their options, search by email),
// notes with their associations (POST /crm/v3/objects/notes), deals (search
// on hs_lastmodifieddate with sorting and "after" paging) and their contacts
// (GET /crm/v4/objects/deals/{id}/associations/contacts), and the account's
// currency (GET /account-info/v3/details). Every call needs the bearer token
// the server was made with.
//
// For tests it records each request (Requests), lets them wait for a state
// (Await), and injects faults (FailNext): a 429 with HubSpot's rate limit
// headers and body, or a 5xx.
package hubspotemu
