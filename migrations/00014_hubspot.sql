-- +goose Up
-- How far the deals read back from HubSpot have been applied: the newest
-- hs_lastmodifieddate applied and the deals applied at exactly that time.
-- The next search starts at that time, inclusive, and skips those deals, so
-- none modified in the same millisecond as a page's last one is missed. One
-- row at most.
CREATE TABLE hubspot_deal_cursor (
    id          boolean PRIMARY KEY DEFAULT true,
    modified_at timestamptz NOT NULL,
    deal_ids    text[]      NOT NULL DEFAULT '{}',
    CONSTRAINT hubspot_deal_cursor_one_row CHECK (id)
);

-- +goose Down
DROP TABLE hubspot_deal_cursor;
