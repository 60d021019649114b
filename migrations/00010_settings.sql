-- +goose Up
-- Settings changed from the chat by an admin: one row per key, the value as
-- JSON. A stored key wins over its environment variable; a key never stored
-- follows the environment.
CREATE TABLE settings (
    key        text PRIMARY KEY,
    value      jsonb       NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The audit trail of the settings (and of the routing rules): append-only,
-- who changed what, when, from which value to which. before is the value in
-- force until then (the environment's, for a key changed the first time);
-- null means there was none (a routing rule added), as after does for one
-- removed.
CREATE TABLE settings_events (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key    text        NOT NULL,
    actor  text        NOT NULL,
    before jsonb,
    after  jsonb,
    at     timestamptz NOT NULL
);

-- +goose Down
DROP TABLE settings_events;
DROP TABLE settings;
