-- name: UpsertTeamsInstallation :exec
INSERT INTO teams_installations (team_id, name, tenant_id, service_url, installed, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (team_id) DO UPDATE
SET name = CASE WHEN excluded.name = '' THEN teams_installations.name ELSE excluded.name END,
    tenant_id = excluded.tenant_id, service_url = excluded.service_url,
    installed = excluded.installed, updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: TeamsInstallation :one
SELECT * FROM teams_installations WHERE team_id = $1;

-- name: NewestTeamsInstallation :one
SELECT * FROM teams_installations WHERE installed ORDER BY updated_at DESC LIMIT 1;

-- name: UpsertTeamsConversation :exec
INSERT INTO teams_conversations (id, kind, tenant_id, service_url, team_id, name, membership, user_id, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO UPDATE
SET tenant_id = excluded.tenant_id, service_url = excluded.service_url,
    team_id = CASE WHEN excluded.team_id = '' THEN teams_conversations.team_id ELSE excluded.team_id END,
    name = CASE WHEN excluded.name = '' THEN teams_conversations.name ELSE excluded.name END,
    membership = CASE WHEN excluded.membership = '' THEN teams_conversations.membership ELSE excluded.membership END,
    user_id = CASE WHEN excluded.user_id = '' THEN teams_conversations.user_id ELSE excluded.user_id END,
    updated_at = excluded.updated_at;

-- name: TeamsConversation :one
SELECT * FROM teams_conversations WHERE id = $1;

-- name: TeamsChannels :many
SELECT * FROM teams_conversations WHERE kind = 'channel' ORDER BY name, id;

-- name: TeamsPersonalChat :one
SELECT * FROM teams_conversations WHERE kind = 'personal' AND user_id = $1;

-- name: UpsertTeamsUsers :exec
INSERT INTO teams_users (aad_object_id, mri, name, updated_at)
SELECT unnest(sqlc.arg(ids)::text[]), unnest(sqlc.arg(mris)::text[]), unnest(sqlc.arg(names)::text[]), sqlc.arg(updated_at)::timestamptz
ON CONFLICT (aad_object_id) DO UPDATE
SET mri = excluded.mri,
    name = CASE WHEN excluded.name = '' THEN teams_users.name ELSE excluded.name END,
    updated_at = excluded.updated_at;

-- name: TeamsUsers :many
SELECT * FROM teams_users WHERE aad_object_id = ANY(sqlc.arg(ids)::text[]);

-- name: InsertAnnounceWait :exec
INSERT INTO announce_waits (lead_id, channel_id, since) VALUES ($1, $2, $3)
ON CONFLICT (lead_id) DO NOTHING;

-- name: TakeAnnounceWaits :many
DELETE FROM announce_waits RETURNING lead_id;

-- name: FirstDelivery :execrows
-- Records an activity's key unless it was seen, and forgets up to a hundred
-- keys older than the cutoff on the way.
WITH gone AS (
    DELETE FROM teams_activities WHERE key IN (
        SELECT key FROM teams_activities WHERE received_at < sqlc.arg(cutoff)::timestamptz LIMIT 100)
)
INSERT INTO teams_activities (key, received_at) VALUES (sqlc.arg(key), sqlc.arg(received_at))
ON CONFLICT (key) DO NOTHING;
