-- name: PeriodCounts :one
-- The funnel of a period [from, to).
SELECT
    (SELECT count(*) FROM leads l WHERE l.received_at >= @from_at AND l.received_at < @to_at)::bigint AS mqls,
    (SELECT count(*) FROM leads l WHERE l.decided_at >= @from_at AND l.decided_at < @to_at)::bigint AS decided,
    (SELECT count(*) FROM leads l WHERE l.decided_at >= @from_at AND l.decided_at < @to_at AND l.verdict = 'accepted')::bigint AS accepted,
    (SELECT count(*) FROM leads l WHERE l.decided_at >= @from_at AND l.decided_at < @to_at AND l.decided_at <= l.due_at)::bigint AS sla_met,
    (SELECT count(*) FROM lead_events e WHERE e.kind = 'stage' AND e.at >= @from_at AND e.at < @to_at AND e.data ->> 'stage' = 'opportunity')::bigint AS opportunities,
    (SELECT count(*) FROM lead_events e WHERE e.kind = 'stage' AND e.at >= @from_at AND e.at < @to_at AND e.data ->> 'stage' = 'won')::bigint AS won,
    (SELECT count(*) FROM lead_events e WHERE e.kind = 'stage' AND e.at >= @from_at AND e.at < @to_at AND e.data ->> 'stage' = 'lost')::bigint AS lost,
    (SELECT coalesce(sum((e.data ->> 'amount')::numeric), 0) FROM lead_events e WHERE e.kind = 'stage' AND e.at >= @from_at AND e.at < @to_at AND e.data ->> 'stage' = 'won')::float8 AS revenue,
    (SELECT coalesce(sum(v.visits), 0) FROM daily_visits v WHERE v.day >= @from_day AND v.day < @to_day)::bigint AS visits,
    (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.decision_seconds), 0) FROM leads l WHERE l.decided_at >= @from_at AND l.decided_at < @to_at)::float8 AS median_seconds,
    (SELECT coalesce(percentile_cont(0.9) WITHIN GROUP (ORDER BY l.decision_seconds), 0) FROM leads l WHERE l.decided_at >= @from_at AND l.decided_at < @to_at)::float8 AS p90_seconds;

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
