-- +goose Up
-- The verdict of sales on a lead, and its follow-up window.
ALTER TABLE leads
    ADD COLUMN due_at     timestamptz,
    ADD COLUMN overdue    boolean     NOT NULL DEFAULT false,
    ADD COLUMN owner_id   text        NOT NULL DEFAULT '',
    ADD COLUMN decided_by text        NOT NULL DEFAULT '',
    ADD COLUMN decided_at timestamptz,
    ADD COLUMN reason     text        NOT NULL DEFAULT '',
    ADD COLUMN comment    text        NOT NULL DEFAULT '',
    ADD COLUMN sla_jobs   bigint[]    NOT NULL DEFAULT '{}';

-- The message that told marketing about a rejection: its thread is where
-- the two teams talk about that lead.
ALTER TABLE lead_cards
    ADD COLUMN feedback_channel text NOT NULL DEFAULT '',
    ADD COLUMN feedback_id      text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE lead_cards DROP COLUMN feedback_channel, DROP COLUMN feedback_id;
ALTER TABLE leads DROP COLUMN due_at, DROP COLUMN overdue, DROP COLUMN owner_id, DROP COLUMN decided_by,
    DROP COLUMN decided_at, DROP COLUMN reason, DROP COLUMN comment, DROP COLUMN sla_jobs;
