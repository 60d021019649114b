-- name: RecordDigest :exec
INSERT INTO digests (kind, period, channel_id, message_id, posted_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING;

-- name: DigestPosted :one
SELECT EXISTS (SELECT 1 FROM digests WHERE kind = $1 AND period = $2 AND channel_id = $3);

-- name: InstalledAt :one
SELECT installed_at FROM installation;
