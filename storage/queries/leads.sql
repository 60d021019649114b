-- name: LeadByExternalID :one
SELECT * FROM leads WHERE external_id = $1;

-- name: CountLeads :one
SELECT count(*) FROM leads;
