-- name: QueueAnnouncements :exec
INSERT INTO announce_queue (lead_id, channel_id)
SELECT id, announce_channel FROM leads WHERE id = ANY(sqlc.arg(ids)::bigint[])
ON CONFLICT (lead_id) DO NOTHING;

-- name: QueuedChannel :one
SELECT channel_id FROM announce_queue WHERE lead_id = $1;

-- name: NextQueued :one
SELECT lead_id, attempted FROM announce_queue WHERE channel_id = $1 ORDER BY lead_id LIMIT 1;

-- name: MarkQueuedAttempted :exec
UPDATE announce_queue SET attempted = true WHERE lead_id = $1;

-- name: Dequeue :exec
DELETE FROM announce_queue WHERE lead_id = $1;

-- name: TryChannelLock :one
SELECT pg_try_advisory_lock(1095914829, hashtext(sqlc.arg(channel)::text));

-- name: ChannelUnlock :one
SELECT pg_advisory_unlock(1095914829, hashtext(sqlc.arg(channel)::text));
