-- name: UpsertGoal :exec
INSERT INTO goals (period, metric, target, set_by, set_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (period, metric) DO UPDATE SET target = excluded.target, set_by = excluded.set_by, set_at = excluded.set_at;

-- name: GoalsOf :many
SELECT * FROM goals WHERE period = $1;

-- name: UpsertVisits :exec
INSERT INTO daily_visits (day, visits, updated_at)
VALUES ($1, $2, $3)
ON CONFLICT (day) DO UPDATE SET visits = excluded.visits, updated_at = excluded.updated_at;
