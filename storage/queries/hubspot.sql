-- name: HubSpotDealCursor :one
-- Where reading HubSpot's deals got to; before the first read, the arrival
-- of the first lead (no deal modified earlier concerns a lead), else now.
SELECT coalesce((SELECT c.modified_at FROM hubspot_deal_cursor c WHERE c.id),
                (SELECT min(received_at) FROM leads),
                @now::timestamptz)::timestamptz AS modified_at,
       coalesce((SELECT c.deal_ids FROM hubspot_deal_cursor c WHERE c.id), '{}')::text[] AS deal_ids;

-- name: SaveHubSpotDealCursor :exec
-- Moves the cursor forward, never back: a slower reader's page does not
-- undo a faster one's.
INSERT INTO hubspot_deal_cursor (id, modified_at, deal_ids) VALUES (true, @modified_at, @deal_ids::text[])
ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at, deal_ids = excluded.deal_ids
WHERE hubspot_deal_cursor.modified_at < excluded.modified_at
   OR (hubspot_deal_cursor.modified_at = excluded.modified_at
       AND cardinality(hubspot_deal_cursor.deal_ids) < cardinality(excluded.deal_ids));

-- name: LeadExternalIDsByEmail :many
-- The leads with an email address, oldest first (erased leads have none).
SELECT external_id FROM leads WHERE lower(email) = lower(@email::text) AND email <> '' ORDER BY id;
