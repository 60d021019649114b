-- name: InsertPersonaBrief :exec
-- The first brief of a persona's week stays.
INSERT INTO persona_briefs (persona, week, body, insights, model, created_at)
VALUES (@persona, @week, @body, @insights, @model, @created_at)
ON CONFLICT (persona, week) DO NOTHING;

-- name: NewestPersonaBrief :one
SELECT b.persona, p.name, b.week, b.body, b.insights, b.model, b.created_at
FROM persona_briefs b JOIN personas p ON p.slug = b.persona
WHERE b.persona = @persona
ORDER BY b.week DESC
LIMIT 1;

-- name: PersonaBriefsOfWeek :many
SELECT b.persona, p.name, b.week, b.body, b.insights, b.model, b.created_at
FROM persona_briefs b JOIN personas p ON p.slug = b.persona
WHERE b.week = @week
ORDER BY b.persona;

-- name: PersonasToBrief :many
-- The personas with insights in [from, to) and no brief for the week yet.
SELECT i.persona::text AS persona
FROM insights i
WHERE i.created_at >= @from_at AND i.created_at < @to_at
  AND NOT EXISTS (SELECT 1 FROM persona_briefs b WHERE b.persona = i.persona AND b.week = @week)
GROUP BY i.persona
ORDER BY i.persona;

-- name: PersonaInsightsBetween :many
-- One persona's insights saved in [from, to), oldest first.
SELECT id, persona, author, team, body, tags, permalink, created_at FROM insights
WHERE persona = @persona AND created_at >= @from_at AND created_at < @to_at
ORDER BY created_at, id;

-- name: RejectionsBetween :many
-- The leads rejected in [from, to), oldest first: what the rejection was
-- about, without the lead's personal data.
SELECT reason, comment, coalesce(persona, '')::text AS persona, segment, source
FROM leads
WHERE decided_at >= @from_at AND decided_at < @to_at AND verdict = 'rejected'
ORDER BY decided_at, id
LIMIT @max;

-- name: InsertRejectionBrief :exec
INSERT INTO rejection_briefs (week, body, rejections, model, created_at)
VALUES (@week, @body, @rejections, @model, @created_at)
ON CONFLICT (week) DO NOTHING;

-- name: RejectionBriefOfWeek :one
SELECT * FROM rejection_briefs WHERE week = @week;
