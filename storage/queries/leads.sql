-- name: LeadsByExternalIDs :many
SELECT id, external_id, status FROM leads WHERE external_id = ANY(@external_ids::text[]);

-- name: InsertLeadEvents :exec
-- Appends one event of the same kind to each of the leads.
INSERT INTO lead_events (lead_id, kind, actor, data, at)
SELECT lead_id, @kind, @actor, @data, @at FROM unnest(@lead_ids::bigint[]) AS lead_id;

-- name: LeadByID :one
SELECT * FROM leads WHERE id = $1;

-- name: LeadByExternalID :one
SELECT * FROM leads WHERE external_id = $1;

-- name: LeadCard :one
SELECT * FROM lead_cards WHERE lead_id = $1;

-- name: InsertLeadCard :execrows
-- Records the card of a lead unless one is recorded already.
INSERT INTO lead_cards (lead_id, platform, channel_id, message_id, posted_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (lead_id) DO NOTHING;

-- name: MarkAnnounced :execrows
UPDATE leads SET status = 'announced' WHERE id = $1 AND status = 'new';

-- name: LeadEvents :many
SELECT * FROM lead_events WHERE lead_id = $1 ORDER BY id;
