-- +goose Up
-- What the optional language model made of each week (weeks start on
-- Monday, in the configured zone): a brief per persona from that week's
-- insights, and a summary of why sales rejected that week's leads. One of
-- each per week at most.
CREATE TABLE persona_briefs (
    persona    text        NOT NULL REFERENCES personas (slug) ON DELETE CASCADE,
    week       date        NOT NULL,
    body       text        NOT NULL, -- bullets, one a line: model output, untrusted
    insights   integer     NOT NULL, -- how many insights it summarises
    model      text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (persona, week),
    CONSTRAINT persona_briefs_body_check CHECK (char_length(body) BETWEEN 1 AND 2000)
);

CREATE TABLE rejection_briefs (
    week       date        PRIMARY KEY,
    body       text        NOT NULL,
    rejections integer     NOT NULL, -- how many rejections it summarises
    model      text        NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT rejection_briefs_body_check CHECK (char_length(body) BETWEEN 1 AND 2000)
);

-- +goose Down
DROP TABLE rejection_briefs;
DROP TABLE persona_briefs;
