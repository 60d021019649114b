-- name: LockRoutingRule :one
SELECT * FROM routing_rules WHERE id = $1 FOR UPDATE;
