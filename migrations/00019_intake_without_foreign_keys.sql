-- +goose Up
-- The intake writes a lead and its "received" event per row of one
-- statement; a foreign key made Postgres run a trigger per row that looked
-- up and locked the referenced row (the persona, the lead just inserted),
-- a quarter of the database's time per lead in arrays of 1,000. Nothing
-- deletes or renames a persona or deletes a lead (erasure blanks a lead's
-- fields and keeps its row), the intake creates the personas it names in
-- the same statement, and every event is written for a lead read or
-- inserted in the same transaction, so the two checks never fail.
ALTER TABLE leads DROP CONSTRAINT leads_persona_fkey;
ALTER TABLE lead_events DROP CONSTRAINT lead_events_lead_id_fkey;

-- +goose Down
ALTER TABLE lead_events ADD CONSTRAINT lead_events_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES leads (id);
ALTER TABLE leads ADD CONSTRAINT leads_persona_fkey FOREIGN KEY (persona) REFERENCES personas (slug);
