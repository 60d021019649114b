-- name: EnsurePool :exec
INSERT INTO pools (channel_id) VALUES ($1) ON CONFLICT DO NOTHING;

-- name: LockPool :one
-- Takes the pool's lock for the transaction; no rows: the channel has no pool.
SELECT channel_id FROM pools WHERE channel_id = $1 FOR UPDATE;

-- name: PoolRep :one
SELECT * FROM pool_reps WHERE channel_id = $1 AND user_id = $2;

-- name: InsertPoolRep :exec
INSERT INTO pool_reps (channel_id, user_id, weight, daily_cap, credit, credit_month, added_by, added_at)
VALUES (@channel_id, @user_id, @weight, @daily_cap, @credit, @credit_month, @added_by, @added_at);

-- name: UpdatePoolRep :exec
UPDATE pool_reps SET weight = @weight, daily_cap = @daily_cap WHERE channel_id = @channel_id AND user_id = @user_id;

-- name: SetPoolRepCredit :exec
UPDATE pool_reps SET credit = @credit, credit_month = @credit_month WHERE channel_id = @channel_id AND user_id = @user_id;

-- name: SetPoolRepWasAway :exec
UPDATE pool_reps SET was_away = @was_away WHERE channel_id = @channel_id AND user_id = @user_id;

-- name: DeletePoolRep :execrows
DELETE FROM pool_reps WHERE channel_id = $1 AND user_id = $2;

-- name: PoolStandings :many
-- The reps of a pool with their leads since month_start (those that took
-- a turn) and since day_start (all), the moment of their last turn this
-- month (the epoch: none), and their absence on today, if any.
SELECT r.user_id, r.weight, r.daily_cap, r.credit, r.credit_month, r.was_away,
       count(a.id) FILTER (WHERE a.turn AND a.at >= @month_start::timestamptz)::integer AS month_count,
       count(a.id) FILTER (WHERE a.at >= @day_start::timestamptz)::integer AS day_count,
       coalesce(max(a.at) FILTER (WHERE a.turn), 'epoch')::timestamptz AS last_turn,
       (ab.user_id IS NOT NULL)::boolean AS away, ab.until AS away_until, coalesce(ab.note, '')::text AS away_note
FROM pool_reps r
LEFT JOIN assignments a ON a.channel_id = r.channel_id AND a.user_id = r.user_id AND a.at >= @month_start::timestamptz
LEFT JOIN absences ab ON ab.user_id = r.user_id AND (ab.until IS NULL OR ab.until > @today::date)
WHERE r.channel_id = @channel_id
GROUP BY r.channel_id, r.user_id, ab.user_id
ORDER BY r.added_at, r.user_id;

-- name: InsertAssignment :exec
INSERT INTO assignments (lead_id, channel_id, user_id, reason, turn, at)
VALUES (@lead_id, @channel_id, @user_id, @reason, @turn, @at);

-- name: EndAssignment :exec
UPDATE assignments SET ended_at = @at WHERE lead_id = @lead_id AND ended_at IS NULL;

-- name: SetAssignee :exec
UPDATE leads SET assignee = @assignee, assign_why = @assign_why, reassignments = reassignments + @reassigned::integer
WHERE id = @id;

-- name: AbsenceOf :one
SELECT * FROM absences WHERE user_id = $1 AND (until IS NULL OR until > @today::date);

-- name: UpsertAbsence :exec
INSERT INTO absences (user_id, until, note, set_by, set_at)
VALUES (@user_id, @until, @note, @set_by, @set_at)
ON CONFLICT (user_id) DO UPDATE SET until = excluded.until, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at;

-- name: DeleteAbsence :execrows
DELETE FROM absences WHERE user_id = $1;

-- name: UndecidedAssigned :many
-- The undecided leads assigned to a rep, oldest first.
SELECT id FROM leads WHERE assignee = $1 AND status IN ('new', 'announced') ORDER BY id;

-- name: OwnerByDomain :one
-- The rep who accepted the newest lead of an email domain since a moment.
SELECT owner_id FROM leads
WHERE verdict = 'accepted' AND owner_id <> '' AND split_part(email, '@', 2) = @domain::text
  AND decided_at >= @since::timestamptz
ORDER BY decided_at DESC LIMIT 1;

-- name: DirectCard :one
SELECT * FROM lead_direct_cards WHERE lead_id = $1;

-- name: UpsertDirectCard :exec
INSERT INTO lead_direct_cards (lead_id, user_id, platform, channel_id, message_id, posted_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (lead_id) DO UPDATE
SET user_id = excluded.user_id, platform = excluded.platform, channel_id = excluded.channel_id,
    message_id = excluded.message_id, posted_at = excluded.posted_at;

-- name: LeadPoolReps :many
-- The reps of the pool a lead is assigned in, in the pool's order.
SELECT r.user_id FROM assignments a JOIN pool_reps r ON r.channel_id = a.channel_id
WHERE a.lead_id = $1 AND a.ended_at IS NULL
ORDER BY r.added_at, r.user_id;
