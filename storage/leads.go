package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Lead returns the lead with the given ID.
func (db *DB) Lead(ctx context.Context, id int64) (armistice.Lead, error) {
	row, err := db.q.LeadByID(ctx, db.pool, id)
	if err != nil {
		return armistice.Lead{}, fmt.Errorf("lead %d: %w", id, interpretError(err))
	}
	return leadFromRow(row), nil
}

// LeadByExternalID returns the lead with the sender's ID.
func (db *DB) LeadByExternalID(ctx context.Context, externalID string) (armistice.Lead, error) {
	row, err := db.q.LeadByExternalID(ctx, db.pool, externalID)
	if err != nil {
		return armistice.Lead{}, fmt.Errorf("lead %q: %w", externalID, interpretError(err))
	}
	return leadFromRow(row), nil
}

func leadFromRow(r dbsqlc.Lead) armistice.Lead {
	l := armistice.Lead{
		ID: r.ID, ExternalID: r.ExternalID, Email: r.Email, Name: r.Name, Company: r.Company, Title: r.Title,
		Phone: r.Phone, Source: r.Source, Segment: r.Segment, Region: r.Region, Country: r.Country,
		CRMURL: r.CrmUrl, Notes: r.Notes, Status: armistice.Status(r.Status), ReceivedAt: r.ReceivedAt, Channel: r.AnnounceChannel,
		Amount: r.Amount, Currency: r.Currency, DueAt: r.DueAt, Overdue: r.Overdue, OwnerID: r.OwnerID, Verdict: armistice.Status(r.Verdict),
		DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt, Reason: r.Reason, Comment: r.Comment,
		ErasedAt: r.ErasedAt, BelowBar: r.BelowBar,
		Assignee: r.Assignee, AssignWhy: r.AssignWhy, Reassignments: int(r.Reassignments), OwnerHint: r.OwnerHint,
	}
	if r.Score.Valid {
		s := int(r.Score.Int16)
		l.Score = &s
	}
	if r.Persona.Valid {
		l.Persona = r.Persona.String
	}
	if len(r.Fields) > 0 {
		_ = json.Unmarshal(r.Fields, &l.Fields)
	}
	return l
}

// inTx runs fn in a transaction, committing when it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(context.Context, pgx.Tx) error) error {
	return inTx(ctx, db.pool, fn)
}

// inTx runs fn in a transaction of conn (a pool or one of its
// connections), committing when it returns nil.
func inTx(ctx context.Context, conn interface {
	Begin(context.Context) (pgx.Tx, error)
}, fn func(context.Context, pgx.Tx) error) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return interpretError(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after Commit
	if err := fn(ctx, tx); err != nil {
		return interpretError(err)
	}
	return interpretError(tx.Commit(ctx))
}

// Card is the message that announced a lead.
type Card struct {
	LeadID    int64
	Platform  armistice.Platform
	ChannelID string
	MessageID string
	PostedAt  time.Time
	// FeedbackChannel and FeedbackID name the marketing channel message
	// about the lead's rejection, once posted.
	FeedbackChannel string
	FeedbackID      string
	// Refused, when set, is the platform's answer to the lead's full
	// card: the card recorded is the minimal one.
	Refused string
}

// LeadCard returns the card of a lead, or ErrNotFound if it has none yet.
func (db *DB) LeadCard(ctx context.Context, leadID int64) (Card, error) {
	return leadCard(ctx, db.q, db.pool, leadID)
}

// LeadCard returns the card of a lead as tx sees it, or ErrNotFound. Read
// with the lead's row locked, it is the card recorded before the lock, or
// none: recording a card takes that lock too.
func (tx *Tx) LeadCard(ctx context.Context, leadID int64) (Card, error) {
	return leadCard(ctx, tx.db.q, tx.tx, leadID)
}

func leadCard(ctx context.Context, q *dbsqlc.Queries, conn dbsqlc.DBTX, leadID int64) (Card, error) {
	r, err := q.LeadCard(ctx, conn, leadID)
	if err != nil {
		return Card{}, fmt.Errorf("card of lead %d: %w", leadID, interpretError(err))
	}
	return Card{LeadID: r.LeadID, Platform: armistice.Platform(r.Platform), ChannelID: r.ChannelID, MessageID: r.MessageID,
		PostedAt: r.PostedAt, FeedbackChannel: r.FeedbackChannel, FeedbackID: r.FeedbackID}, nil
}

// RecordLeadCard records the card of a lead, takes it out of its channel's
// announcement queue, marks the lead announced and appends the "announced"
// event (and the "card_minimal" one when c.Refused says why). recorded is
// false when the lead had a card already: nothing changes then. Once
// recorded, the caller sets the lead's SLA window (SetSLA) in tx, with the
// jobs that watch it when undecided says the lead still awaits a decision (a
// rep quick enough to decide between the post and this write leaves no
// window to watch).
func (tx *Tx) RecordLeadCard(ctx context.Context, c Card) (recorded, undecided bool, err error) {
	recorded, undecided, err = tx.recordLeadCard(ctx, c)
	if err != nil {
		return false, false, fmt.Errorf("recording the card of lead %d: %w", c.LeadID, interpretError(err))
	}
	return recorded, undecided, nil
}

func (tx *Tx) recordLeadCard(ctx context.Context, c Card) (recorded, undecided bool, err error) {
	db := tx.db
	if err := db.q.Dequeue(ctx, tx.tx, c.LeadID); err != nil {
		return false, false, err
	}
	n, err := db.q.InsertLeadCard(ctx, tx.tx, dbsqlc.InsertLeadCardParams{
		LeadID: c.LeadID, Platform: string(c.Platform), ChannelID: c.ChannelID, MessageID: c.MessageID, PostedAt: c.PostedAt,
	})
	if err != nil || n == 0 {
		return false, false, err
	}
	marked, err := db.q.MarkAnnounced(ctx, tx.tx, c.LeadID)
	if err != nil {
		return false, false, err
	}
	data, _ := json.Marshal(map[string]string{"platform": string(c.Platform), "channel": c.ChannelID, "message": c.MessageID})
	if err := db.q.InsertLeadEvents(ctx, tx.tx, dbsqlc.InsertLeadEventsParams{Kind: string(armistice.EventAnnounced), Actor: "armistice", Data: data, At: db.now(), LeadIds: []int64{c.LeadID}}); err != nil {
		return false, false, err
	}
	if c.Refused != "" {
		if err := db.insertMinimalCardEvent(ctx, tx.tx, c.LeadID, c.Platform, c.Refused); err != nil {
			return false, false, err
		}
	}
	return true, marked > 0, nil
}

// LockLead locks a lead's row until tx ends and returns the lead with the
// jobs that watch its SLA window.
func (tx *Tx) LockLead(ctx context.Context, leadID int64) (armistice.Lead, []int64, error) {
	row, err := tx.db.q.LockLead(ctx, tx.tx, leadID)
	if err != nil {
		return armistice.Lead{}, nil, fmt.Errorf("locking lead %d: %w", leadID, interpretError(err))
	}
	return leadFromRow(row), row.SlaJobs, nil
}

// SetSLA sets the end of a lead's SLA window and the jobs that watch it
// (none: nil).
func (tx *Tx) SetSLA(ctx context.Context, leadID int64, due time.Time, jobs []int64) error {
	if jobs == nil {
		jobs = []int64{} // sla_jobs is NOT NULL
	}
	if err := tx.db.q.SetSLA(ctx, tx.tx, dbsqlc.SetSLAParams{ID: leadID, DueAt: &due, SlaJobs: jobs}); err != nil {
		return fmt.Errorf("setting the SLA window of lead %d: %w", leadID, interpretError(err))
	}
	return nil
}

// LeadEvents returns a lead's audit trail, oldest first.
func (db *DB) LeadEvents(ctx context.Context, leadID int64) ([]armistice.Event, error) {
	rows, err := db.q.LeadEvents(ctx, db.pool, leadID)
	if err != nil {
		return nil, fmt.Errorf("events of lead %d: %w", leadID, interpretError(err))
	}
	events := make([]armistice.Event, len(rows))
	for i, r := range rows {
		events[i] = armistice.Event{Kind: armistice.EventKind(r.Kind), Actor: r.Actor, At: r.At}
		_ = json.Unmarshal(r.Data, &events[i].Data)
	}
	return events, nil
}
