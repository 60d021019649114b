-- name: InsertLeads :many
-- Stores a batch of leads in one statement: creates the personas they name
-- that do not exist yet (named after their slug until an admin describes
-- them), inserts the leads whose external_id is new with their "received"
-- events (with announce, queued for announcement in their channels), and
-- returns the new leads; the caller looks up the others (LeadsByExternalIDs).
-- Looking them up here, by external_id = ANY(...), would be planned once per
-- connection, while the table is small, as a scan of the whole table.
-- pooled says a new lead's channel has a pool of reps (it is assigned
-- ahead of its card).
-- A score of -1 stands for no score.
WITH new_personas AS (
    INSERT INTO personas (slug, name)
    SELECT slug, slug FROM unnest(@persona_slugs::text[]) AS slug
    ON CONFLICT (slug) DO NOTHING
), inserted AS (
    INSERT INTO leads (external_id, email, name, company, title, phone, source, score, persona,
                       segment, region, country, crm_url, notes, fields, received_at, due_at,
                       announce_channel, announce_pending, below_bar)
    SELECT l.external_id, l.email, l.name, l.company, l.title, l.phone, l.source, nullif(l.score, -1), nullif(l.persona, ''),
           l.segment, l.region, l.country, l.crm_url, l.notes, l.fields, @received_at::timestamptz, @due_at::timestamptz,
           l.announce_channel, @announce::boolean, l.below_bar
    FROM (SELECT unnest(@external_ids::text[]) AS external_id, unnest(@emails::text[]) AS email,
                 unnest(@names::text[]) AS name, unnest(@companies::text[]) AS company,
                 unnest(@titles::text[]) AS title, unnest(@phones::text[]) AS phone,
                 unnest(@sources::text[]) AS source, unnest(@scores::smallint[]) AS score,
                 unnest(@personas::text[]) AS persona, unnest(@segments::text[]) AS segment,
                 unnest(@regions::text[]) AS region, unnest(@countries::text[]) AS country,
                 unnest(@crm_urls::text[]) AS crm_url, unnest(@notes::text[]) AS notes,
                 unnest(@fields::jsonb[]) AS fields, unnest(@announce_channels::text[]) AS announce_channel,
                 unnest(@below_bars::text[]) AS below_bar) AS l
    ON CONFLICT (external_id) DO NOTHING
    RETURNING id, external_id, announce_channel
), received AS (
    INSERT INTO lead_events (lead_id, kind, actor, data, at)
    SELECT id, 'received', @actor::text, '{}'::jsonb, @received_at::timestamptz FROM inserted
)
SELECT id, external_id, announce_channel,
       EXISTS (SELECT 1 FROM pool_reps r WHERE r.channel_id = inserted.announce_channel) AS pooled
FROM inserted;

-- name: LeadsByExternalIDs :many
SELECT id, external_id, status FROM leads WHERE external_id = ANY(@external_ids::text[]);

-- name: InsertLeadEvents :exec
-- Appends one event of the same kind to each of the leads.
INSERT INTO lead_events (lead_id, kind, actor, data, at)
SELECT lead_id, @kind, @actor, @data, @at FROM unnest(@lead_ids::bigint[]) AS lead_id;

-- name: LeadByID :one
SELECT * FROM leads WHERE id = $1;

-- name: LeadByExternalID :one
SELECT * FROM leads WHERE external_id = $1;

-- name: LeadCard :one
SELECT * FROM lead_cards WHERE lead_id = $1;

-- name: InsertLeadCard :execrows
-- Records the card of a lead unless one is recorded already.
INSERT INTO lead_cards (lead_id, platform, channel_id, message_id, posted_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (lead_id) DO NOTHING;

-- name: MarkAnnounced :execrows
UPDATE leads SET status = 'announced' WHERE id = $1 AND status = 'new';

-- name: LeadEvents :many
SELECT * FROM lead_events WHERE lead_id = $1 ORDER BY id;
