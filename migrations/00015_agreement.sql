-- +goose Up
-- The monthly agreement between marketing and sales, one row a version: an
-- edit adds a version, signed by no one; the goals take effect when both
-- teams signed the newest one.
CREATE TABLE agreements (
    month          text        NOT NULL, -- YYYY-MM
    version        integer     NOT NULL,
    goals          jsonb       NOT NULL, -- {"mqls": 200, …}
    mql_min_score  integer     NOT NULL DEFAULT 0,
    mql_required   text[]      NOT NULL DEFAULT '{}',
    sla_seconds    integer     NOT NULL,
    shared_weight  integer     NOT NULL,
    proposed_by    text        NOT NULL,
    proposed_at    timestamptz NOT NULL,
    marketing_by   text        NOT NULL DEFAULT '',
    marketing_at   timestamptz,
    sales_by       text        NOT NULL DEFAULT '',
    sales_at       timestamptz,
    PRIMARY KEY (month, version),
    CONSTRAINT agreements_version_check CHECK (version > 0),
    CONSTRAINT agreements_score_check CHECK (mql_min_score BETWEEN 0 AND 100),
    CONSTRAINT agreements_weight_check CHECK (shared_weight BETWEEN 0 AND 100)
);

-- Why a lead fell short of the agreed MQL bar when it arrived; '' when it
-- met it or no bar was agreed.
ALTER TABLE leads ADD COLUMN below_bar text NOT NULL DEFAULT '';
-- The stats count them apart: few leads, found without reading the others.
CREATE INDEX leads_below_bar_idx ON leads (received_at) INCLUDE (verdict) WHERE below_bar <> '';

-- The agenda of the weekly meeting of both teams.
CREATE TABLE agenda_items (
    id       bigserial   PRIMARY KEY,
    week     text        NOT NULL, -- ISO week, 2026-W49
    body     text        NOT NULL,
    added_by text        NOT NULL,
    added_at timestamptz NOT NULL,
    done_by  text        NOT NULL DEFAULT '',
    done_at  timestamptz
);
CREATE INDEX agenda_items_week_idx ON agenda_items (week, id);

-- +goose Down
DROP TABLE agenda_items;
ALTER TABLE leads DROP COLUMN below_bar;
DROP TABLE agreements;
