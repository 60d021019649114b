-- name: MyUndecidedLeads :many
-- The undecided leads assigned to a rep, oldest first, at most a limit.
SELECT * FROM leads
WHERE assignee = @assignee::text AND status IN ('new', 'announced')
ORDER BY received_at, id
LIMIT @max_leads::integer;

-- name: MyUndecidedCount :one
SELECT count(*)::bigint FROM leads WHERE assignee = @assignee::text AND status IN ('new', 'announced');

-- name: MyDecidedLeads :many
-- The leads a rep decided, newest decision first, at most a limit.
SELECT * FROM leads
WHERE decided_by = @decided_by::text AND decided_at IS NOT NULL
ORDER BY decided_at DESC, id DESC
LIMIT @max_leads::integer;

-- name: MyMonth :one
-- A rep's period [from, to): the leads assigned to them, and of their
-- decisions those accepted, those in time and the median time to decision.
SELECT
    (SELECT count(DISTINCT a.lead_id) FROM assignments a
     WHERE a.user_id = @rep::text AND a.at >= @from_at::timestamptz AND a.at < @to_at::timestamptz)::bigint AS assigned,
    count(*)::bigint AS decided,
    count(*) FILTER (WHERE l.verdict = 'accepted')::bigint AS accepted,
    count(*) FILTER (WHERE l.decided_at <= l.due_at)::bigint AS sla_met,
    coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.decision_seconds), 0)::float8 AS median_seconds
FROM leads l
WHERE l.decided_by = @rep::text AND l.decided_at >= @from_at::timestamptz AND l.decided_at < @to_at::timestamptz;
