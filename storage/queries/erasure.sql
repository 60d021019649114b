-- name: LockLeadsByEmail :many
-- The leads that still hold this email address, under a row lock.
SELECT * FROM leads WHERE lower(email) = lower(@email::text) AND erased_at IS NULL ORDER BY id FOR UPDATE;

-- name: LockLeadsByExternalID :many
-- The lead with this external ID if it still holds personal data, under a
-- row lock.
SELECT * FROM leads WHERE external_id = @external_id::text AND erased_at IS NULL ORDER BY id FOR UPDATE;

-- name: LockExpiredLeads :many
-- A batch of leads received before the cutoff that still hold personal data,
-- after the given (received_at, id) so that a run walks the range once.
-- Rows locked by someone else are left for the next run.
SELECT * FROM leads
WHERE received_at < @cutoff::timestamptz AND erased_at IS NULL
  AND (received_at, id) > (@after_received_at::timestamptz, @after_id::bigint)
ORDER BY received_at, id
LIMIT @max_rows::int
FOR UPDATE SKIP LOCKED;

-- name: EraseLeads :exec
-- Blanks the personal data of leads, keeping what the anonymous counts
-- need. An external ID that is an email address is replaced too.
UPDATE leads
SET email = '', name = '', title = '', phone = '', notes = '', fields = '{}', crm_url = '', comment = '',
    external_id = CASE WHEN external_id LIKE '%@%' THEN 'erased-' || id::text ELSE external_id END,
    erased_at = @erased_at::timestamptz
WHERE id = ANY(@ids::bigint[]);

-- name: EraseEventComments :exec
-- The rejection comments in the leads' audit trails: free text about the
-- person. The reasons stay.
UPDATE lead_events SET data = jsonb_set(data, '{comment}', '""')
WHERE lead_id = ANY(@ids::bigint[]) AND coalesce(data ->> 'comment', '') <> '';

-- name: InsertLeadMessage :exec
INSERT INTO lead_messages (lead_id, kind, platform, channel_id, message_id, posted_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING;

-- name: LeadMessages :many
SELECT * FROM lead_messages WHERE lead_id = $1 ORDER BY posted_at;

-- name: ScrubInsights :exec
-- Free text that names an erased lead (an insight saved from its card, say):
-- each match of the pattern (a case-insensitive regular expression of the
-- lead's email, full name and phone) becomes "[erased]".
UPDATE insights SET body = left(regexp_replace(body, @pattern::text, '[erased]', 'gi'), 3000)
WHERE body ~* @pattern::text;

-- name: ScrubPersonaBriefs :exec
UPDATE persona_briefs SET body = left(regexp_replace(body, @pattern::text, '[erased]', 'gi'), 2000)
WHERE body ~* @pattern::text;

-- name: ScrubRejectionBriefs :exec
UPDATE rejection_briefs SET body = left(regexp_replace(body, @pattern::text, '[erased]', 'gi'), 2000)
WHERE body ~* @pattern::text;
