-- name: LockLead :one
SELECT * FROM leads WHERE id = $1 FOR UPDATE;

-- name: DecideLead :execrows
-- The first decision wins: only an undecided lead changes.
UPDATE leads
SET status = @status, verdict = @status, decided_by = @decided_by, decided_at = @decided_at, reason = @reason, comment = @comment,
    decision_seconds = @decision_seconds,
    owner_id = CASE WHEN @status::text = 'accepted' THEN @decided_by ELSE owner_id END
WHERE id = @id AND status IN ('new', 'announced');

-- name: InsertLeadEvent :one
INSERT INTO lead_events (lead_id, kind, actor, data, at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: SetSLA :exec
UPDATE leads SET due_at = @due_at, sla_jobs = @sla_jobs WHERE id = @id;

-- name: MarkOverdue :execrows
UPDATE leads SET overdue = true WHERE id = $1 AND status IN ('new', 'announced') AND NOT overdue;

-- name: SetFeedbackMessage :exec
UPDATE lead_cards SET feedback_channel = $2, feedback_id = $3 WHERE lead_id = $1;

-- name: LeadEventByID :one
SELECT * FROM lead_events WHERE id = $1;
