-- name: PeriodCounts :one
-- The funnel of a period [from, to): one pass over the decisions, one over
-- the hand-overs, one over the CRM stages.
WITH decisions AS (
    SELECT count(*) AS decided,
           count(*) FILTER (WHERE l.verdict = 'accepted') AS accepted,
           count(*) FILTER (WHERE l.decided_at <= l.due_at) AS sla_met,
           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.decision_seconds), 0) AS median_seconds,
           coalesce(percentile_cont(0.9) WITHIN GROUP (ORDER BY l.decision_seconds), 0) AS p90_seconds
    FROM leads l WHERE l.decided_at >= @from_at::timestamptz AND l.decided_at < @to_at::timestamptz
), stages AS (
    SELECT count(*) FILTER (WHERE e.data ->> 'stage' = 'opportunity') AS opportunities,
           count(*) FILTER (WHERE e.data ->> 'stage' = 'won') AS won,
           count(*) FILTER (WHERE e.data ->> 'stage' = 'lost') AS lost,
           coalesce(sum((e.data ->> 'amount')::numeric) FILTER (WHERE e.data ->> 'stage' = 'won'), 0) AS revenue
    FROM lead_events e WHERE e.kind = 'stage' AND e.at >= @from_at AND e.at < @to_at
), under_bar AS (
    SELECT count(*) AS below_bar, count(*) FILTER (WHERE l.verdict = 'accepted') AS below_bar_accepted
    FROM leads l WHERE l.below_bar <> '' AND l.received_at >= @from_at::timestamptz AND l.received_at < @to_at::timestamptz
)
SELECT
    (SELECT count(*) FROM leads l WHERE l.received_at >= @from_at AND l.received_at < @to_at)::bigint AS mqls,
    r.below_bar::bigint AS below_bar, r.below_bar_accepted::bigint AS below_bar_accepted,
    d.decided::bigint AS decided, d.accepted::bigint AS accepted, d.sla_met::bigint AS sla_met,
    s.opportunities::bigint AS opportunities, s.won::bigint AS won, s.lost::bigint AS lost, s.revenue::float8 AS revenue,
    (SELECT coalesce(sum(v.visits), 0) FROM daily_visits v WHERE v.day >= @from_day AND v.day < @to_day)::bigint AS visits,
    d.median_seconds::float8 AS median_seconds, d.p90_seconds::float8 AS p90_seconds
FROM decisions d, stages s, under_bar r;

-- name: RejectionReasons :many
SELECT reason, count(*)::bigint AS n
FROM leads
WHERE decided_at >= @from_at AND decided_at < @to_at AND verdict = 'rejected'
GROUP BY reason
ORDER BY n DESC, reason
LIMIT 5;

-- name: RepDecisions :many
SELECT decided_by, count(*)::bigint AS decided, count(*) FILTER (WHERE verdict = 'accepted')::bigint AS accepted,
       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY decision_seconds), 0)::float8 AS median_seconds
FROM leads
WHERE decided_at >= @from_at AND decided_at < @to_at
GROUP BY decided_by
ORDER BY decided DESC, decided_by;

-- name: PendingLeads :one
SELECT count(*)::bigint AS pending, count(*) FILTER (WHERE overdue)::bigint AS overdue
FROM leads WHERE status IN ('new', 'announced');

-- name: DailyTrend :many
-- MQLs received and leads accepted on each day of [from, to).
SELECT d.day::timestamptz AS day,
       (SELECT count(*) FROM leads l WHERE l.received_at >= d.day AND l.received_at < d.day + '1 day'::interval)::bigint AS mqls,
       (SELECT count(*) FROM leads l WHERE l.decided_at >= d.day AND l.decided_at < d.day + '1 day'::interval AND l.verdict = 'accepted')::bigint AS accepted
FROM generate_series(sqlc.arg(from_at)::timestamptz, sqlc.arg(last_day)::timestamptz, '1 day'::interval) AS d(day)
ORDER BY d.day;

-- name: RepScorecardCounts :many
-- Each rep's decisions of a period [from, to), those accepted and those in
-- time, and the opportunities of the leads the rep owns in it.
SELECT l.decided_by::text AS rep,
       count(*)::bigint AS decided,
       count(*) FILTER (WHERE l.verdict = 'accepted')::bigint AS accepted,
       count(*) FILTER (WHERE l.decided_at <= l.due_at)::bigint AS sla_met,
       (SELECT count(*) FROM lead_events e JOIN leads o ON o.id = e.lead_id
        WHERE e.kind = 'stage' AND e.data ->> 'stage' = 'opportunity' AND o.owner_id = l.decided_by
          AND e.at >= @from_at::timestamptz AND e.at < @to_at::timestamptz)::bigint AS opportunities
FROM leads l
WHERE l.decided_at >= @from_at::timestamptz AND l.decided_at < @to_at::timestamptz AND l.decided_by <> ''
GROUP BY l.decided_by
ORDER BY l.decided_by;

-- name: RepStats :many
-- Each rep's part in a period [from, to): the leads assigned to them and
-- those moved on to another rep, their decisions, those in time, and the
-- median business time from announcement to decision.
WITH decided AS (
    SELECT l.decided_by AS rep, count(*) AS decided,
           count(*) FILTER (WHERE l.verdict = 'accepted') AS accepted,
           count(*) FILTER (WHERE l.verdict = 'rejected') AS rejected,
           count(*) FILTER (WHERE l.decided_at <= l.due_at) AS sla_met,
           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.decision_seconds), 0) AS median_seconds
    FROM leads l
    WHERE l.decided_at >= @from_at::timestamptz AND l.decided_at < @to_at::timestamptz AND l.decided_by <> ''
    GROUP BY l.decided_by
), assigned AS (
    SELECT a.user_id AS rep,
           count(*) FILTER (WHERE a.at >= @from_at::timestamptz AND a.at < @to_at::timestamptz) AS assigned,
           count(*) FILTER (WHERE a.ended_at >= @from_at::timestamptz AND a.ended_at < @to_at::timestamptz) AS reassigned_away
    FROM assignments a
    WHERE (a.at >= @from_at::timestamptz AND a.at < @to_at::timestamptz)
       OR (a.ended_at >= @from_at::timestamptz AND a.ended_at < @to_at::timestamptz)
    GROUP BY a.user_id
)
SELECT coalesce(d.rep, a.rep)::text AS rep,
       coalesce(a.assigned, 0)::bigint AS assigned,
       coalesce(d.decided, 0)::bigint AS decided,
       coalesce(d.accepted, 0)::bigint AS accepted,
       coalesce(d.rejected, 0)::bigint AS rejected,
       coalesce(a.reassigned_away, 0)::bigint AS reassigned_away,
       coalesce(d.sla_met, 0)::bigint AS sla_met,
       coalesce(d.median_seconds, 0)::float8 AS median_seconds
FROM decided d FULL JOIN assigned a ON a.rep = d.rep
ORDER BY coalesce(d.decided, 0) DESC, coalesce(a.assigned, 0) DESC, 1;
