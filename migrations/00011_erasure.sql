-- +goose Up
-- When a lead's personal data was erased (on request or by the retention
-- job). The row stays, with what the anonymous counts need.
ALTER TABLE leads ADD COLUMN erased_at timestamptz;

-- Messages about a lead that show its personal data, besides its card and
-- the rejection feedback (kept in lead_cards): redrawn when it is erased.
CREATE TABLE lead_messages (
    lead_id    bigint      NOT NULL REFERENCES leads (id),
    kind       text        NOT NULL,
    platform   text        NOT NULL,
    channel_id text        NOT NULL,
    message_id text        NOT NULL,
    posted_at  timestamptz NOT NULL,
    PRIMARY KEY (lead_id, channel_id, message_id)
);

-- +goose Down
DROP TABLE lead_messages;
ALTER TABLE leads DROP COLUMN erased_at;
