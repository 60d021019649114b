-- +goose Up
-- What the CRM reports after the decision: the opportunity and its outcome.
ALTER TABLE leads
    ADD COLUMN amount   numeric(14, 2),
    ADD COLUMN currency text NOT NULL DEFAULT '',
    ADD CONSTRAINT leads_amount_check CHECK (amount >= 0);

-- Routing rules: a lead whose region, segment or source matches goes to that
-- channel instead of the sales channel; the first matching rule wins.
CREATE TABLE routing_rules (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    field      text        NOT NULL,
    value      text        NOT NULL,
    channel_id text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT routing_rules_field_check CHECK (field IN ('region', 'segment', 'source'))
);

-- Values match ignoring case, so one rule per field and value however written.
CREATE UNIQUE INDEX routing_rules_field_value_key ON routing_rules (field, lower(value));

-- +goose Down
DROP TABLE routing_rules;
ALTER TABLE leads DROP COLUMN amount, DROP COLUMN currency;
