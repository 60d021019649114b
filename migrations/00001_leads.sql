-- +goose Up
CREATE TABLE personas (
    slug        text PRIMARY KEY,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT personas_slug_check CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$')
);

CREATE TABLE leads (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_id text        NOT NULL,
    email       text        NOT NULL DEFAULT '',
    name        text        NOT NULL DEFAULT '',
    company     text        NOT NULL DEFAULT '',
    title       text        NOT NULL DEFAULT '',
    phone       text        NOT NULL DEFAULT '',
    source      text        NOT NULL DEFAULT '',
    score       smallint,
    persona     text REFERENCES personas (slug),
    segment     text        NOT NULL DEFAULT '',
    region      text        NOT NULL DEFAULT '',
    country     text        NOT NULL DEFAULT '',
    crm_url     text        NOT NULL DEFAULT '',
    notes       text        NOT NULL DEFAULT '',
    fields      jsonb       NOT NULL DEFAULT '{}',
    status      text        NOT NULL DEFAULT 'new',
    received_at timestamptz NOT NULL,
    CONSTRAINT leads_external_id_key UNIQUE (external_id),
    CONSTRAINT leads_score_check CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT leads_status_check CHECK (status IN ('new', 'announced', 'accepted', 'rejected', 'opportunity', 'won', 'lost'))
);

CREATE INDEX leads_received_at_idx ON leads (received_at);

-- The audit trail: every change of a lead, with who made it and when.
CREATE TABLE lead_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id bigint      NOT NULL REFERENCES leads (id),
    kind    text        NOT NULL,
    actor   text        NOT NULL,
    data    jsonb       NOT NULL DEFAULT '{}',
    at      timestamptz NOT NULL
);

CREATE INDEX lead_events_lead_id_idx ON lead_events (lead_id, id);

-- The one message that announces a lead: at most one per lead.
CREATE TABLE lead_cards (
    lead_id    bigint PRIMARY KEY REFERENCES leads (id),
    platform   text        NOT NULL,
    channel_id text        NOT NULL,
    message_id text        NOT NULL,
    posted_at  timestamptz NOT NULL
);

-- +goose Down
DROP TABLE lead_cards;
DROP TABLE lead_events;
DROP TABLE leads;
DROP TABLE personas;
