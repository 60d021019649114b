-- name: InsertAgreement :one
INSERT INTO agreements (month, version, goals, mql_min_score, mql_required, sla_seconds, shared_weight, proposed_by, proposed_at)
VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM agreements a WHERE a.month = $1), $2, $3, $4, $5, $6, $7, $8)
RETURNING *;

-- name: AgreementVersions :many
SELECT * FROM agreements WHERE month = $1 ORDER BY version DESC;

-- name: LatestSignedAgreement :one
SELECT * FROM agreements
WHERE month <= $1 AND marketing_by <> '' AND sales_by <> ''
ORDER BY month DESC, version DESC
LIMIT 1;

-- name: SignedAgreements :many
-- The newest version of each month that both teams signed, newest month first.
SELECT DISTINCT ON (month) * FROM agreements
WHERE marketing_by <> '' AND sales_by <> ''
ORDER BY month DESC, version DESC;

-- name: LockNewestAgreement :one
SELECT * FROM agreements WHERE month = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE;

-- name: SignAgreementForMarketing :one
UPDATE agreements SET marketing_by = $3, marketing_at = $4
WHERE month = $1 AND version = $2 AND marketing_by = ''
RETURNING *;

-- name: SignAgreementForSales :one
UPDATE agreements SET sales_by = $3, sales_at = $4
WHERE month = $1 AND version = $2 AND sales_by = ''
RETURNING *;

-- name: DeleteGoalsOf :exec
DELETE FROM goals WHERE period = $1;
