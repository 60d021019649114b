-- name: RoutingRules :many
SELECT * FROM routing_rules ORDER BY id;

-- name: InsertRoutingRule :one
INSERT INTO routing_rules (field, value, channel_id, created_by, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: DeleteRoutingRule :execrows
DELETE FROM routing_rules WHERE id = $1;
