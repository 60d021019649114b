-- +goose Up
-- Each lead the intake writes updates every index of leads and of
-- lead_events whose predicate it meets; in arrays of 1,000 that work is
-- the largest part of the database's time a lead. Two did more of it than
-- their queries need.
--
-- Events were indexed by kind and time for the stage changes alone (the
-- funnel, a rep's opportunities): every lead's "received" event went into
-- it too.
DROP INDEX lead_events_kind_at_idx;
CREATE INDEX lead_events_stage_at_idx ON lead_events (at) WHERE kind = 'stage';
-- An external ID is an opaque key, looked up by equality alone: compared
-- byte by byte rather than by the database's locale, which costs a call
-- into the C library's collation for each comparison in its unique index.
ALTER TABLE leads ALTER COLUMN external_id TYPE text COLLATE "C";

-- +goose Down
ALTER TABLE leads ALTER COLUMN external_id TYPE text COLLATE "default";
DROP INDEX lead_events_stage_at_idx;
CREATE INDEX lead_events_kind_at_idx ON lead_events (kind, at);
