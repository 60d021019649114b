-- +goose Up
-- Where a lead's card goes is decided by the routing rules when it arrives.
ALTER TABLE leads ADD COLUMN announce_channel text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE leads DROP COLUMN announce_channel;
