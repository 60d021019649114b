-- +goose Up
-- A rep's personal view (Slack's Home tab, Teams' `my leads`): the
-- undecided leads assigned to them, oldest first, and their latest
-- decisions.
CREATE INDEX leads_assignee_undecided_idx ON leads (assignee, received_at, id) WHERE status IN ('new', 'announced');
CREATE INDEX leads_decided_by_idx ON leads (decided_by, decided_at) WHERE decided_at IS NOT NULL;

-- +goose Down
DROP INDEX leads_decided_by_idx;
DROP INDEX leads_assignee_undecided_idx;
