-- name: BoardVersion :one
-- What the board shows changes with each lead, each event of a lead (its
-- decision, its CRM stages), each goal set, each day of visits recorded and
-- each setting changed and each agreement proposed, edited or signed: the
-- newest of each, read from the primary keys' indexes or from small tables.
SELECT
    (SELECT coalesce(max(id), 0) FROM leads)::bigint AS last_lead,
    (SELECT coalesce(max(id), 0) FROM lead_events)::bigint AS last_event,
    (SELECT count(*) FROM goals)::bigint AS goals,
    (SELECT coalesce(extract(epoch FROM max(set_at)), 0) FROM goals)::float8 AS goal_set_at,
    (SELECT coalesce(extract(epoch FROM max(updated_at)), 0) FROM daily_visits)::float8 AS visits_at,
    (SELECT coalesce(max(id), 0) FROM settings_events)::bigint AS last_setting,
    (SELECT count(*) FROM agreements)::bigint AS agreements,
    (SELECT coalesce(extract(epoch FROM max(greatest(proposed_at, marketing_at, sales_at))), 0) FROM agreements)::float8 AS agreement_at;
