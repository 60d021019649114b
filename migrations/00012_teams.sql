-- +goose Up
-- The teams the Teams app is installed in, from Teams' installation events:
-- where to reach them (the service URL) and whether the app is still there.
CREATE TABLE teams_installations (
    team_id      text PRIMARY KEY,
    name         text        NOT NULL DEFAULT '',
    tenant_id    text        NOT NULL,
    service_url  text        NOT NULL,
    installed    boolean     NOT NULL,
    updated_by   text        NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL
);

-- The Teams conversations the bot has seen: channels (with their team and
-- membership type, whose roster decides who may act) and personal chats
-- (to reach a user privately). Kept so that proactive posts work after a
-- restart.
CREATE TABLE teams_conversations (
    id          text PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('channel', 'personal', 'groupChat')),
    tenant_id   text        NOT NULL,
    service_url text        NOT NULL,
    team_id     text        NOT NULL DEFAULT '',
    name        text        NOT NULL DEFAULT '',
    membership  text        NOT NULL DEFAULT '',
    user_id     text        NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL
);

CREATE UNIQUE INDEX teams_conversations_personal_idx ON teams_conversations (user_id) WHERE kind = 'personal';

-- Teams users by Entra object ID: their per-bot ID (to open a personal
-- chat) and their display name (to show who decided).
CREATE TABLE teams_users (
    aad_object_id text PRIMARY KEY,
    mri           text        NOT NULL,
    name          text        NOT NULL DEFAULT '',
    updated_at    timestamptz NOT NULL
);

-- Leads whose card could not be posted because the app is not installed
-- where it should go; announced again once an installation arrives.
CREATE TABLE announce_waits (
    lead_id    bigint PRIMARY KEY REFERENCES leads (id),
    channel_id text        NOT NULL,
    since      timestamptz NOT NULL
);

-- The activities Teams delivered, for a day: Teams delivers an activity
-- again when the bot's answer is slow, and a command must run once.
CREATE TABLE teams_activities (
    key         text PRIMARY KEY,
    received_at timestamptz NOT NULL
);

CREATE INDEX teams_activities_received_at_idx ON teams_activities (received_at);

-- +goose Down
DROP TABLE teams_activities;
DROP TABLE announce_waits;
DROP TABLE teams_users;
DROP TABLE teams_conversations;
DROP TABLE teams_installations;
