-- +goose Up
-- Where a lead's card goes is decided when it arrives, and a lead waits
-- for the earlier leads of its channel to be announced, so that cards
-- appear in the order the leads arrived.
ALTER TABLE leads
    ADD COLUMN announce_channel text    NOT NULL DEFAULT '',
    ADD COLUMN announce_pending boolean NOT NULL DEFAULT false;

CREATE INDEX leads_announce_pending_idx ON leads (announce_channel, id) WHERE announce_pending;

-- +goose Down
DROP INDEX leads_announce_pending_idx;
ALTER TABLE leads DROP COLUMN announce_channel, DROP COLUMN announce_pending;
