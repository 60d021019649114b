-- name: LockLeadByExternalID :one
SELECT id, status FROM leads WHERE external_id = $1 FOR UPDATE;

-- name: UpdateLeadStage :exec
UPDATE leads SET status = @status, amount = @amount, currency = @currency WHERE id = @id;
