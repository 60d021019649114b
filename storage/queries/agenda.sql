-- name: InsertAgendaItem :one
INSERT INTO agenda_items (week, body, added_by, added_at) VALUES ($1, $2, $3, $4) RETURNING *;

-- name: AgendaItems :many
-- The open items, and those done since @since, in the order they were added.
SELECT * FROM agenda_items WHERE done_at IS NULL OR done_at >= @since::timestamptz ORDER BY id;

-- name: MarkAgendaItemDone :one
UPDATE agenda_items SET done_by = $2, done_at = $3 WHERE id = $1 AND done_at IS NULL RETURNING *;
