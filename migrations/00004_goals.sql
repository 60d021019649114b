-- +goose Up
-- The verdict stays when the status moves on to the CRM's stages, and the
-- business time it took is kept for the stats.
ALTER TABLE leads
    ADD COLUMN verdict          text    NOT NULL DEFAULT '',
    ADD COLUMN decision_seconds integer;

-- The stats read decisions by time, and what they need of each rides in the
-- index so that they never touch the table.
CREATE INDEX leads_decided_at_idx ON leads (decided_at) INCLUDE (verdict, due_at, decision_seconds, decided_by)
    WHERE decided_at IS NOT NULL;
CREATE INDEX leads_undecided_idx ON leads (received_at) INCLUDE (overdue) WHERE status IN ('new', 'announced');
CREATE INDEX lead_events_kind_at_idx ON lead_events (kind, at);

-- The monthly goals both teams commit to.
CREATE TABLE goals (
    period text        NOT NULL, -- YYYY-MM
    metric text        NOT NULL,
    target numeric     NOT NULL,
    set_by text        NOT NULL,
    set_at timestamptz NOT NULL,
    PRIMARY KEY (period, metric),
    CONSTRAINT goals_target_check CHECK (target >= 0)
);

-- Website visits per day, from the analytics tool.
CREATE TABLE daily_visits (
    day        date        PRIMARY KEY,
    visits     bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT daily_visits_visits_check CHECK (visits >= 0)
);

-- Every digest posted: one per kind, period and channel.
CREATE TABLE digests (
    kind       text        NOT NULL, -- daily, weekly, monthly
    period     text        NOT NULL, -- 2026-11-23, 2026-W48, 2026-11
    channel_id text        NOT NULL,
    message_id text        NOT NULL,
    posted_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, period, channel_id)
);

-- When Armistice was installed: a digest scheduled before then is not owed.
CREATE TABLE installation (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    installed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO installation DEFAULT VALUES;

-- +goose Down
DROP TABLE installation;
DROP TABLE digests;
DROP TABLE daily_visits;
DROP TABLE goals;
DROP INDEX lead_events_kind_at_idx;
ALTER TABLE leads DROP COLUMN verdict, DROP COLUMN decision_seconds;
