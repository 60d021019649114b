-- name: ExistingExternalIDs :many
-- The external IDs among the given ones that are already stored (read-only;
-- the dry run of the CSV import).
SELECT external_id FROM leads WHERE external_id = ANY(@external_ids::text[]);
