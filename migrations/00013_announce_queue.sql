-- +goose Up
-- The leads whose cards are still to be posted, by channel. Each channel's
-- queue is drained oldest lead first by one job at a time, so cards appear
-- in the order the leads arrived. attempted says a post may have been made
-- (the channel is searched for it before posting again).
CREATE TABLE announce_queue (
    lead_id    bigint PRIMARY KEY REFERENCES leads (id),
    channel_id text    NOT NULL,
    attempted  boolean NOT NULL DEFAULT false
);

CREATE INDEX announce_queue_channel_idx ON announce_queue (channel_id, lead_id);

-- +goose Down
DROP TABLE announce_queue;
