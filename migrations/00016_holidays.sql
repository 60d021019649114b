-- +goose Up
-- The holiday calendar: days on which the business-hours clock stands
-- still. ARMISTICE_HOLIDAYS seeds it (a date already here, even one removed,
-- is left as it is); admins add and remove days from the chat. A removed day
-- is kept, marked removed, so that the environment does not bring it back.
-- Changes are audited in settings_events (key "holiday").
CREATE TABLE holidays (
    day        date        PRIMARY KEY,
    name       text        NOT NULL DEFAULT '',
    removed    boolean     NOT NULL DEFAULT false,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE holidays;
