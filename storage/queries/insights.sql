-- name: Personas :many
SELECT p.slug, p.name, p.description, (SELECT count(*) FROM insights i WHERE i.persona = p.slug)::bigint AS insights
FROM personas p ORDER BY p.slug;

-- name: PersonaBySlug :one
SELECT * FROM personas WHERE slug = $1;

-- name: UpsertPersona :exec
INSERT INTO personas (slug, name, description, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description;

-- name: InsertInsight :one
INSERT INTO insights (persona, author, team, body, tags, permalink, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- name: NewestInsights :many
-- The newest insights, of one persona when persona is not empty.
SELECT id, persona, author, team, body, tags, permalink, created_at FROM insights
WHERE (@persona::text = '' OR persona = @persona::text)
ORDER BY created_at DESC, id DESC
LIMIT @max OFFSET @skip;

-- name: SearchInsights :many
-- Insights matching words in English or Spanish, accents ignored, best first.
SELECT id, persona, author, team, body, tags, permalink, created_at FROM insights
WHERE (@persona::text = '' OR persona = @persona::text)
  AND search @@ (websearch_to_tsquery('english'::regconfig, armistice_unaccent(@words::text))
              || websearch_to_tsquery('spanish'::regconfig, armistice_unaccent(@words::text)))
ORDER BY created_at DESC, id DESC
LIMIT @max OFFSET @skip;

-- name: InsightsBetween :many
SELECT id, persona, author, team, body, tags, permalink, created_at FROM insights
WHERE created_at >= @from_at AND created_at < @to_at
ORDER BY persona, created_at;
