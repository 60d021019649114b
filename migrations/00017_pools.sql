-- +goose Up
-- A channel's pool: the reps who take its leads in turn. The pools row is
-- what an assignment locks (FOR UPDATE), so that replicas assigning at once
-- take turns and every count they read is exact.
CREATE TABLE pools (
    channel_id text PRIMARY KEY
);

-- A rep of a pool: weight 1–10 (a rep of weight 2 takes twice the leads of
-- one of weight 1), a daily cap (0: none). credit counts as leads the rep
-- has in credit_month (YYYY-MM): a rep who joins or comes back starts at
-- the pool's current share instead of catching up. was_away says the pool
-- last saw the rep away (their return is credited on the next assignment).
CREATE TABLE pool_reps (
    channel_id   text        NOT NULL REFERENCES pools (channel_id),
    user_id      text        NOT NULL,
    weight       smallint    NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 10),
    daily_cap    integer     NOT NULL DEFAULT 0 CHECK (daily_cap >= 0),
    credit       double precision NOT NULL DEFAULT 0,
    credit_month text        NOT NULL DEFAULT '',
    was_away     boolean     NOT NULL DEFAULT false,
    added_by     text        NOT NULL,
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

-- Absences: a rep away gets no leads, from any pool, until the date (the
-- absence ends on it; null: until they are back).
CREATE TABLE absences (
    user_id text        PRIMARY KEY,
    until   date,
    note    text        NOT NULL DEFAULT '',
    set_by  text        NOT NULL,
    set_at  timestamptz NOT NULL
);

-- Every assignment of a lead to a rep. turn says it took the rep's turn in
-- the pool's rotation (an owner's lead does not); ended_at is set when the
-- lead is moved on to another rep. One open assignment per lead.
CREATE TABLE assignments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id    bigint      NOT NULL REFERENCES leads (id),
    channel_id text        NOT NULL,
    user_id    text        NOT NULL,
    reason     text        NOT NULL,
    turn       boolean     NOT NULL,
    at         timestamptz NOT NULL,
    ended_at   timestamptz
);
CREATE UNIQUE INDEX assignments_open_idx ON assignments (lead_id) WHERE ended_at IS NULL;
CREATE INDEX assignments_rep_idx ON assignments (channel_id, user_id, at);

-- The lead's assignee (empty: claim mode, anyone on the sales team), why,
-- and how many times the SLA moved it on; the owner its intake named.
ALTER TABLE leads
    ADD COLUMN assignee      text    NOT NULL DEFAULT '',
    ADD COLUMN assign_why    text    NOT NULL DEFAULT '',
    ADD COLUMN reassignments integer NOT NULL DEFAULT 0,
    ADD COLUMN owner_hint    text    NOT NULL DEFAULT '';

-- Returning companies: the accepted leads by email domain.
CREATE INDEX leads_accepted_domain_idx ON leads (split_part(email, '@', 2), decided_at) WHERE verdict = 'accepted';

-- The copy of a lead's card in its assignee's direct messages (Slack's DM
-- with the app, Teams' personal chat): one per lead, its current
-- assignee's (a new assignee's replaces the one before, once redrawn). It
-- may be posted before the channel's card.
CREATE TABLE lead_direct_cards (
    lead_id    bigint      PRIMARY KEY REFERENCES leads (id),
    user_id    text        NOT NULL,
    platform   text        NOT NULL,
    channel_id text        NOT NULL,
    message_id text        NOT NULL,
    posted_at  timestamptz NOT NULL
);

-- +goose Down
DROP INDEX leads_accepted_domain_idx;
DROP TABLE lead_direct_cards;
ALTER TABLE leads DROP COLUMN assignee, DROP COLUMN assign_why, DROP COLUMN reassignments, DROP COLUMN owner_hint;
DROP TABLE assignments;
DROP TABLE absences;
DROP TABLE pool_reps;
DROP TABLE pools;
