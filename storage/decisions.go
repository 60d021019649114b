package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Decided is what Tx.Decide did.
type Decided struct {
	// Lead is the lead as decided, or as it stands when an earlier
	// decision won.
	Lead armistice.Lead
	// Recorded says the decision was recorded: no earlier one had won.
	Recorded bool
	// EventID is the decision's event, and SLAJobs the jobs of the lead's
	// SLA window (to cancel), when Recorded.
	EventID int64
	SLAJobs []int64
}

// Decide records d on the lead unless it is decided already: the first
// decision wins, under the lead's row lock, which tx holds until it ends.
// The decision's event is appended too.
func (tx *Tx) Decide(ctx context.Context, leadID int64, d armistice.Decision) (Decided, error) {
	dec, err := tx.decide(ctx, leadID, d)
	if err != nil {
		return Decided{}, fmt.Errorf("deciding lead %d: %w", leadID, interpretError(err))
	}
	return dec, nil
}

func (tx *Tx) decide(ctx context.Context, leadID int64, d armistice.Decision) (Decided, error) {
	q := tx.db.q
	row, err := q.LockLead(ctx, tx.tx, leadID)
	if err != nil {
		return Decided{}, err
	}
	if !armistice.Undecided(armistice.Status(row.Status)) {
		return Decided{Lead: leadFromRow(row)}, nil
	}
	if _, err := q.DecideLead(ctx, tx.tx, dbsqlc.DecideLeadParams{
		ID: leadID, Status: string(d.Verdict), DecidedBy: d.By, DecidedAt: &d.At, Reason: d.Reason, Comment: d.Comment,
		DecisionSeconds: pgtype.Int4{Int32: int32(d.Took / time.Second), Valid: true},
	}); err != nil {
		return Decided{}, err
	}
	data, _ := json.Marshal(map[string]string{"reason": d.Reason, "comment": d.Comment})
	eventID, err := q.InsertLeadEvent(ctx, tx.tx, dbsqlc.InsertLeadEventParams{LeadID: leadID, Kind: string(d.Verdict), Actor: d.By, Data: data, At: d.At})
	if err != nil {
		return Decided{}, err
	}
	if row, err = q.LockLead(ctx, tx.tx, leadID); err != nil {
		return Decided{}, err
	}
	return Decided{Lead: leadFromRow(row), Recorded: true, EventID: eventID, SLAJobs: row.SlaJobs}, nil
}

// AddEvent appends an event to a lead's trail, in a transaction of its
// own. onlyIfUndecided skips it (and reports false) when the lead has been
// decided.
func (db *DB) AddEvent(ctx context.Context, leadID int64, kind armistice.EventKind, actor string, data map[string]any, onlyIfUndecided bool) (bool, error) {
	added := false
	err := db.InTx(ctx, func(ctx context.Context, tx *Tx) error {
		var err error
		_, added, err = tx.AddEvent(ctx, leadID, kind, actor, data, onlyIfUndecided)
		return err
	})
	return added, err
}

// AddEvent appends an event to a lead's trail under the lead's row lock,
// and returns its ID; an escalation marks the lead overdue too.
// onlyIfUndecided skips both (and reports false) when the lead has been
// decided.
func (tx *Tx) AddEvent(ctx context.Context, leadID int64, kind armistice.EventKind, actor string, data map[string]any, onlyIfUndecided bool) (eventID int64, added bool, err error) {
	eventID, added, err = tx.addEvent(ctx, leadID, kind, actor, data, onlyIfUndecided)
	if err != nil {
		return 0, false, fmt.Errorf("adding a %s event to lead %d: %w", kind, leadID, interpretError(err))
	}
	return eventID, added, nil
}

func (tx *Tx) addEvent(ctx context.Context, leadID int64, kind armistice.EventKind, actor string, data map[string]any, onlyIfUndecided bool) (int64, bool, error) {
	q := tx.db.q
	row, err := q.LockLead(ctx, tx.tx, leadID)
	if err != nil {
		return 0, false, err
	}
	if onlyIfUndecided && !armistice.Undecided(armistice.Status(row.Status)) {
		return 0, false, nil
	}
	if kind == armistice.EventEscalated {
		if _, err := q.MarkOverdue(ctx, tx.tx, leadID); err != nil {
			return 0, false, err
		}
	}
	raw, _ := json.Marshal(data)
	id, err := q.InsertLeadEvent(ctx, tx.tx, dbsqlc.InsertLeadEventParams{LeadID: leadID, Kind: string(kind), Actor: actor, Data: raw, At: tx.db.now()})
	if err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// SetFeedbackMessage records the marketing channel message about a lead's
// rejection.
func (db *DB) SetFeedbackMessage(ctx context.Context, leadID int64, channel, messageID string) error {
	err := db.q.SetFeedbackMessage(ctx, db.pool, dbsqlc.SetFeedbackMessageParams{LeadID: leadID, FeedbackChannel: channel, FeedbackID: messageID})
	return interpretError(err)
}

// EventRecord is one event with the lead it belongs to.
type EventRecord struct {
	ID   int64
	Lead armistice.Lead
	armistice.Event
}

// EventByID returns an event and its lead.
func (db *DB) EventByID(ctx context.Context, id int64) (EventRecord, error) {
	e, err := db.q.LeadEventByID(ctx, db.pool, id)
	if err != nil {
		return EventRecord{}, fmt.Errorf("event %d: %w", id, interpretError(err))
	}
	lead, err := db.Lead(ctx, e.LeadID)
	if err != nil {
		return EventRecord{}, err
	}
	rec := EventRecord{ID: e.ID, Lead: lead, Event: armistice.Event{Kind: armistice.EventKind(e.Kind), Actor: e.Actor, At: e.At}}
	_ = json.Unmarshal(e.Data, &rec.Data)
	return rec, nil
}
