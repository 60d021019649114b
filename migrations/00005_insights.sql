-- +goose Up
-- What each team learns about the buyer personas. Search works in English
-- and Spanish with accents ignored: the text is stemmed both ways.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only stable; an immutable wrapper with the dictionary named
-- can feed a generated column.
CREATE FUNCTION armistice_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

CREATE TABLE insights (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    persona    text        NOT NULL REFERENCES personas (slug),
    author     text        NOT NULL,
    team       text        NOT NULL,
    body       text        NOT NULL,
    tags       text[]      NOT NULL DEFAULT '{}',
    permalink  text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    search     tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, armistice_unaccent(body)) || to_tsvector('spanish'::regconfig, armistice_unaccent(body))
    ) STORED,
    CONSTRAINT insights_team_check CHECK (team IN ('sales', 'marketing', 'both', 'neither')),
    CONSTRAINT insights_body_check CHECK (char_length(body) BETWEEN 1 AND 3000)
);

CREATE INDEX insights_search_idx ON insights USING gin (search);
CREATE INDEX insights_persona_idx ON insights (persona, created_at DESC);
CREATE INDEX insights_created_at_idx ON insights (created_at);

-- +goose Down
DROP TABLE insights;
DROP FUNCTION armistice_unaccent(text);
