-- name: QueueAnnouncements :exec
UPDATE leads SET announce_pending = true WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: NextQueued :one
SELECT id, announce_attempted FROM leads
WHERE announce_pending AND announce_channel = $1
ORDER BY id LIMIT 1;

-- name: MarkQueuedAttempted :exec
UPDATE leads SET announce_attempted = true WHERE id = $1;

-- name: Dequeue :exec
UPDATE leads SET announce_pending = false, announce_attempted = true WHERE id = $1 AND announce_pending;

-- name: TryChannelLock :one
SELECT pg_try_advisory_lock(1095914829, hashtext(sqlc.arg(channel)::text));

-- name: ChannelUnlock :one
SELECT pg_advisory_unlock(1095914829, hashtext(sqlc.arg(channel)::text));

-- name: AnnouncementState :one
SELECT announce_channel, announce_pending, announce_attempted FROM leads WHERE id = $1;

-- name: PendingHeads :many
-- The oldest pending lead of each channel.
SELECT DISTINCT ON (announce_channel) id FROM leads
WHERE announce_pending
ORDER BY announce_channel, id;

-- name: ChannelPooled :one
-- Whether a channel has a pool of reps, whose leads are assigned ahead of
-- their cards.
SELECT EXISTS (SELECT 1 FROM pool_reps WHERE channel_id = $1);
