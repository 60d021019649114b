-- name: Holidays :many
-- The holidays in force, oldest first.
SELECT day, name FROM holidays WHERE NOT removed ORDER BY day;

-- name: SeedHolidays :exec
-- Adds the days not known yet (in force or removed).
INSERT INTO holidays (day, updated_by, updated_at)
SELECT d, @updated_by::text, @updated_at::timestamptz FROM unnest(@days::date[]) AS d
ON CONFLICT (day) DO NOTHING;

-- name: LockHoliday :one
SELECT day, name, removed FROM holidays WHERE day = $1 FOR UPDATE;

-- name: UpsertHoliday :exec
-- Puts a day in force with its name.
INSERT INTO holidays (day, name, removed, updated_by, updated_at)
VALUES (@day, @name, false, @updated_by, @updated_at)
ON CONFLICT (day) DO UPDATE
SET name = excluded.name, removed = false, updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: RemoveHoliday :exec
UPDATE holidays SET removed = true, updated_by = @updated_by, updated_at = @updated_at WHERE day = @day;
