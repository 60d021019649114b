-- +goose Up
-- The announcement queue: leads whose cards are still to be posted, by
-- channel. Each channel's queue is drained oldest lead first by one job at a
-- time, so cards appear in the order the leads arrived. announce_attempted
-- says a post may have been made (the channel is searched for it before
-- posting again). The partial index holds only the pending leads.
ALTER TABLE leads
    ADD COLUMN announce_pending   boolean NOT NULL DEFAULT false,
    ADD COLUMN announce_attempted boolean NOT NULL DEFAULT false;

CREATE INDEX leads_announce_pending_idx ON leads (announce_channel, id) WHERE announce_pending;

-- +goose Down
DROP INDEX leads_announce_pending_idx;
ALTER TABLE leads DROP COLUMN announce_attempted, DROP COLUMN announce_pending;
