-- name: StoredSettings :many
SELECT * FROM settings ORDER BY key;

-- name: LockSetting :one
SELECT value FROM settings WHERE key = $1 FOR UPDATE;

-- name: UpsertSetting :exec
INSERT INTO settings (key, value, updated_by, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (key) DO UPDATE
SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: InsertSettingsEvent :exec
INSERT INTO settings_events (key, actor, before, after, at)
VALUES ($1, $2, $3, $4, $5);

-- name: SettingsEvents :many
-- The newest changes first.
SELECT * FROM settings_events ORDER BY id DESC LIMIT $1;

-- name: NotifySettingsChanged :exec
-- Tells every replica listening on the channel that the settings changed;
-- delivered when the transaction commits, not before.
SELECT pg_notify(@channel::text, @payload::text);
