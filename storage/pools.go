package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// PoolKey is the key of the pools' changes in the settings' audit trail.
const PoolKey = "pool"

// Today names the day and month the pools' counts are taken over, in the
// business zone.
type Today struct {
	Day        armistice.Date
	DayStart   time.Time
	MonthStart time.Time
	Month      string // YYYY-MM
}

// TodayAt gives the day and month of t in loc.
func TodayAt(t time.Time, loc *time.Location) Today {
	t = t.In(loc)
	day := armistice.DateOf(t)
	m := armistice.MonthOf(t, loc)
	return Today{Day: day, DayStart: day.Start(loc), MonthStart: m.Start(loc), Month: m.String()}
}

// PoolReps returns the reps of a channel's pool and where they stand on
// today, in the order they were added; none when the channel has no pool.
func (db *DB) PoolReps(ctx context.Context, channel string, today Today) ([]armistice.PoolRep, error) {
	reps, _, err := db.poolReps(ctx, db.pool, channel, today)
	if err != nil {
		return nil, fmt.Errorf("the pool of %s: %w", channel, interpretError(err))
	}
	return reps, nil
}

// poolReps reads the reps of a pool and where they stand, and whether the
// pool last saw each of them away.
func (db *DB) poolReps(ctx context.Context, q dbsqlc.DBTX, channel string, today Today) ([]armistice.PoolRep, []bool, error) {
	rows, err := db.q.PoolStandings(ctx, q, dbsqlc.PoolStandingsParams{MonthStart: today.MonthStart, DayStart: today.DayStart, Today: pgDate(today.Day), ChannelID: channel})
	if err != nil {
		return nil, nil, err
	}
	out := make([]armistice.PoolRep, len(rows))
	wasAway := make([]bool, len(rows))
	for i, r := range rows {
		wasAway[i] = r.WasAway
		rep := armistice.PoolRep{User: r.UserID, Weight: int(r.Weight), DailyCap: int(r.DailyCap), Month: int(r.MonthCount),
			Today: int(r.DayCount), Away: r.Away, AwayNote: r.AwayNote}
		if r.CreditMonth == today.Month {
			rep.Credit = r.Credit
		}
		if r.LastTurn.After(time.Unix(0, 0)) {
			rep.LastTurn = r.LastTurn
		}
		if r.AwayUntil.Valid {
			d := dateOf(r.AwayUntil)
			rep.AwayUntil = &d
		}
		out[i] = rep
	}
	return out, wasAway, nil
}

// creditReturns notes, under the pool's lock, the reps it sees away, and
// credits those back since it last looked with the pool's current share
// (whether their absence ended on its date or by their word).
func (db *DB) creditReturns(ctx context.Context, tx pgx.Tx, channel string, today Today, reps []armistice.PoolRep, wasAway []bool) error {
	for i, r := range reps {
		if r.Away == wasAway[i] {
			continue
		}
		if err := db.q.SetPoolRepWasAway(ctx, tx, dbsqlc.SetPoolRepWasAwayParams{ChannelID: channel, UserID: r.User, WasAway: r.Away}); err != nil {
			return err
		}
		if r.Away {
			continue
		}
		mine := r
		mine.Credit = 0
		reps[i].Credit = armistice.ShareCredit(reps, mine)
		if err := db.q.SetPoolRepCredit(ctx, tx, dbsqlc.SetPoolRepCreditParams{ChannelID: channel, UserID: r.User, Credit: reps[i].Credit, CreditMonth: today.Month}); err != nil {
			return err
		}
	}
	return nil
}

// AddPoolRep adds a rep to a channel's pool (creating the pool), counted as
// having the pool's current share of this month's leads (so that joining
// mid-month brings no flood), with its audit event; ErrDuplicate when the
// rep is in the pool already.
func (db *DB) AddPoolRep(ctx context.Context, channel, user string, weight, dailyCap int, by string, today Today) error {
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		if err := db.q.EnsurePool(ctx, tx, channel); err != nil {
			return err
		}
		if _, err := db.q.LockPool(ctx, tx, channel); err != nil {
			return err
		}
		if _, err := db.q.PoolRep(ctx, tx, dbsqlc.PoolRepParams{ChannelID: channel, UserID: user}); err == nil {
			return ErrDuplicate
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		reps, _, err := db.poolReps(ctx, tx, channel, today)
		if err != nil {
			return err
		}
		now := db.now()
		if err := db.q.InsertPoolRep(ctx, tx, dbsqlc.InsertPoolRepParams{ChannelID: channel, UserID: user, Weight: int16(weight), DailyCap: int32(dailyCap),
			Credit: armistice.ShareCredit(reps, armistice.PoolRep{User: user, Weight: weight}), CreditMonth: today.Month, AddedBy: by, AddedAt: now}); err != nil {
			return err
		}
		return db.auditPool(ctx, tx, by, nil, poolJSON(channel, user, weight, dailyCap), now)
	})
	if err != nil {
		return fmt.Errorf("adding %s to the pool of %s: %w", user, channel, err)
	}
	return nil
}

// SetPoolRep changes a rep's weight and daily cap, with its audit event;
// ErrNotFound when the rep is not in the pool. changed is false when both
// were so already.
func (db *DB) SetPoolRep(ctx context.Context, channel, user string, weight, dailyCap int, by string) (changed bool, err error) {
	err = db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := db.q.LockPool(ctx, tx, channel); err != nil {
			return err
		}
		cur, err := db.q.PoolRep(ctx, tx, dbsqlc.PoolRepParams{ChannelID: channel, UserID: user})
		if err != nil {
			return err
		}
		if int(cur.Weight) == weight && int(cur.DailyCap) == dailyCap {
			return nil
		}
		if err := db.q.UpdatePoolRep(ctx, tx, dbsqlc.UpdatePoolRepParams{ChannelID: channel, UserID: user, Weight: int16(weight), DailyCap: int32(dailyCap)}); err != nil {
			return err
		}
		changed = true
		return db.auditPool(ctx, tx, by, poolJSON(channel, user, int(cur.Weight), int(cur.DailyCap)), poolJSON(channel, user, weight, dailyCap), db.now())
	})
	if err != nil {
		return false, fmt.Errorf("changing %s in the pool of %s: %w", user, channel, err)
	}
	return changed, nil
}

// RemovePoolRep takes a rep out of a channel's pool, with its audit event;
// ErrNotFound when the rep is not in it. Leads assigned to the rep stay so.
func (db *DB) RemovePoolRep(ctx context.Context, channel, user, by string) error {
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := db.q.LockPool(ctx, tx, channel); err != nil {
			return err
		}
		cur, err := db.q.PoolRep(ctx, tx, dbsqlc.PoolRepParams{ChannelID: channel, UserID: user})
		if err != nil {
			return err
		}
		if _, err := db.q.DeletePoolRep(ctx, tx, dbsqlc.DeletePoolRepParams{ChannelID: channel, UserID: user}); err != nil {
			return err
		}
		return db.auditPool(ctx, tx, by, poolJSON(channel, user, int(cur.Weight), int(cur.DailyCap)), nil, db.now())
	})
	if err != nil {
		return fmt.Errorf("removing %s from the pool of %s: %w", user, channel, err)
	}
	return nil
}

func poolJSON(channel, user string, weight, dailyCap int) []byte {
	b, _ := json.Marshal(map[string]any{"channel": channel, "user": user, "weight": weight, "cap": dailyCap})
	return b
}

func (db *DB) auditPool(ctx context.Context, tx pgx.Tx, by string, before, after []byte, at time.Time) error {
	return db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: PoolKey, Actor: by, Before: before, After: after, At: at})
}

// AssignStep is one assignment of a lead: on its announcement (From
// empty), or moving it on from its assignee From.
type AssignStep struct {
	LeadID  int64
	Channel string // whose pool
	From    string
	Actor   string // "armistice", or the user who moved it
	Today   Today
	// Manual moves the lead whoever has it (a manager's choice): From is
	// not checked.
	Manual bool
}

// Chooser decides an assignment from the lead, the pool's reps as they
// stand under the pool's lock, and awayOf, which tells how a user (in the
// pool or not) is away ("" when not). An Assignment without a Reason
// changes nothing.
type Chooser func(ctx context.Context, lead armistice.Lead, reps []armistice.PoolRep, awayOf func(user string) (string, error)) (armistice.Assignment, error)

// Assign assigns a lead holding the lead's row and its pool's row locked
// until tx ends, so that replicas assigning at once take turns and read
// exact counts: choose decides, and the assignment and its event (the
// candidates and why each was passed over) are recorded; the caller
// schedules in tx what the assignment causes (the new window's jobs).
// Nothing is done (done false) when the channel has no pool or no reps,
// when the lead is decided, when on announcement it was assigned already,
// or when moving it on it is no longer From's.
func (tx *Tx) Assign(ctx context.Context, step AssignStep, choose Chooser) (lead armistice.Lead, a armistice.Assignment, done bool, err error) {
	lead, a, done, err = tx.assign(ctx, step, choose)
	if err != nil {
		return lead, a, false, fmt.Errorf("assigning lead %d: %w", step.LeadID, interpretError(err))
	}
	return lead, a, done, nil
}

func (tx *Tx) assign(ctx context.Context, step AssignStep, choose Chooser) (lead armistice.Lead, a armistice.Assignment, done bool, err error) {
	db, ptx := tx.db, tx.tx
	row, err := db.q.LockLead(ctx, ptx, step.LeadID)
	if err != nil {
		return lead, a, false, err
	}
	lead = leadFromRow(row)
	switch {
	case !armistice.Undecided(lead.Status):
		return lead, a, false, nil
	case step.Manual:
		step.From = lead.Assignee
	case step.From == "" && lead.AssignWhy != "":
		return lead, a, false, nil
	case step.From != "" && lead.Assignee != step.From:
		return lead, a, false, nil
	}
	if _, err := db.q.LockPool(ctx, ptx, step.Channel); errors.Is(err, pgx.ErrNoRows) {
		return lead, a, false, nil
	} else if err != nil {
		return lead, a, false, err
	}
	reps, wasAway, err := db.poolReps(ctx, ptx, step.Channel, step.Today)
	if err != nil || len(reps) == 0 {
		return lead, a, false, err
	}
	if err := db.creditReturns(ctx, ptx, step.Channel, step.Today, reps, wasAway); err != nil {
		return lead, a, false, err
	}
	awayOf := func(user string) (string, error) { return db.awayText(ctx, ptx, user, step.Today) }
	if a, err = choose(ctx, lead, reps, awayOf); err != nil || a.Reason == "" {
		return lead, a, false, err
	}
	now := db.now()
	if step.From != "" || step.Manual {
		if err := db.q.EndAssignment(ctx, ptx, dbsqlc.EndAssignmentParams{LeadID: lead.ID, At: &now}); err != nil {
			return lead, a, false, err
		}
	}
	if a.To != "" {
		if err := db.q.InsertAssignment(ctx, ptx, dbsqlc.InsertAssignmentParams{LeadID: lead.ID, ChannelID: step.Channel, UserID: a.To, Reason: string(a.Reason), Turn: a.Turn, At: now}); err != nil {
			return lead, a, false, err
		}
	}
	reassigned := int32(0)
	if a.Reason == armistice.AssignSLA {
		reassigned = 1
	}
	if err := db.q.SetAssignee(ctx, ptx, dbsqlc.SetAssigneeParams{ID: lead.ID, Assignee: a.To, AssignWhy: a.Why, Reassigned: reassigned}); err != nil {
		return lead, a, false, err
	}
	kind := armistice.EventAssigned
	switch {
	case a.To == "":
		kind = armistice.EventUnassigned
	case step.From != "" || step.Manual:
		kind = armistice.EventReassigned
	}
	data, _ := json.Marshal(map[string]any{"to": a.To, "from": step.From, "reason": a.Reason, "why": a.Why, "candidates": a.Candidates})
	if _, err := db.q.InsertLeadEvent(ctx, ptx, dbsqlc.InsertLeadEventParams{LeadID: lead.ID, Kind: string(kind), Actor: step.Actor, Data: data, At: now}); err != nil {
		return lead, a, false, err
	}
	lead.Assignee, lead.AssignWhy = a.To, a.Why
	lead.Reassignments += int(reassigned)
	return lead, a, true, nil
}

// OwnerByDomain returns the rep who accepted the newest lead of an email
// domain since a moment; "" when there is none.
func (db *DB) OwnerByDomain(ctx context.Context, domain string, since time.Time) (string, error) {
	owner, err := db.q.OwnerByDomain(ctx, db.pool, dbsqlc.OwnerByDomainParams{Domain: domain, Since: since})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("the owner of %s's leads: %w", domain, interpretError(err))
	}
	return owner, nil
}

// UndecidedAssigned returns the undecided leads assigned to a rep, oldest
// first.
func (db *DB) UndecidedAssigned(ctx context.Context, user string) ([]int64, error) {
	ids, err := db.q.UndecidedAssigned(ctx, db.pool, user)
	if err != nil {
		return nil, fmt.Errorf("the leads of %s: %w", user, interpretError(err))
	}
	return ids, nil
}

// DirectCard is the copy of a lead's card in its assignee's direct
// messages.
type DirectCard struct {
	LeadID    int64
	User      string
	Platform  armistice.Platform
	ChannelID string
	MessageID string
	PostedAt  time.Time
}

// DirectCard returns the copy of a lead's card in its assignee's direct
// messages, or ErrNotFound when none was posted.
func (db *DB) DirectCard(ctx context.Context, leadID int64) (DirectCard, error) {
	r, err := db.q.DirectCard(ctx, db.pool, leadID)
	if err != nil {
		return DirectCard{}, fmt.Errorf("the direct card of lead %d: %w", leadID, interpretError(err))
	}
	return DirectCard{LeadID: r.LeadID, User: r.UserID, Platform: armistice.Platform(r.Platform), ChannelID: r.ChannelID, MessageID: r.MessageID, PostedAt: r.PostedAt}, nil
}

// SetDirectCard records the copy of a lead's card in its assignee's direct
// messages, in place of the one before.
func (db *DB) SetDirectCard(ctx context.Context, c DirectCard) error {
	err := db.q.UpsertDirectCard(ctx, db.pool, dbsqlc.UpsertDirectCardParams{LeadID: c.LeadID, UserID: c.User, Platform: string(c.Platform), ChannelID: c.ChannelID, MessageID: c.MessageID, PostedAt: c.PostedAt})
	if err != nil {
		return fmt.Errorf("recording the direct card of lead %d: %w", c.LeadID, interpretError(err))
	}
	return nil
}

// AbsenceKey is the key of absences in the settings' audit trail.
const AbsenceKey = "away"

// SetAbsence records that a user is away until a day (nil: until they are
// back), with a note, and its audit event.
func (db *DB) SetAbsence(ctx context.Context, user string, until *armistice.Date, note, by string) error {
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		p := dbsqlc.UpsertAbsenceParams{UserID: user, Note: note, SetBy: by, SetAt: db.now()}
		after := map[string]any{"user": user, "note": note}
		if until != nil {
			p.Until = pgDate(*until)
			after["until"] = until.String()
		}
		if err := db.q.UpsertAbsence(ctx, tx, p); err != nil {
			return err
		}
		raw, _ := json.Marshal(after)
		return db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: AbsenceKey, Actor: by, After: raw, At: p.SetAt})
	})
	if err != nil {
		return fmt.Errorf("recording the absence of %s: %w", user, err)
	}
	return nil
}

// EndAbsence records that a user is back, with its audit event; false when
// they were not away.
func (db *DB) EndAbsence(ctx context.Context, user, by string) (bool, error) {
	ended := false
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		n, err := db.q.DeleteAbsence(ctx, tx, user)
		if err != nil || n == 0 {
			return err
		}
		ended = true
		raw, _ := json.Marshal(map[string]any{"user": user})
		return db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: AbsenceKey, Actor: by, Before: raw, At: db.now()})
	})
	if err != nil {
		return false, fmt.Errorf("ending the absence of %s: %w", user, err)
	}
	return ended, nil
}

// AwayText says how a user is away on today: "away until 2026-12-10",
// "away", or "" when they are not.
func (db *DB) AwayText(ctx context.Context, user string, today Today) (string, error) {
	text, err := db.awayText(ctx, db.pool, user, today)
	if err != nil {
		return "", fmt.Errorf("the absence of %s: %w", user, interpretError(err))
	}
	return text, nil
}

func (db *DB) awayText(ctx context.Context, q dbsqlc.DBTX, user string, today Today) (string, error) {
	ab, err := db.q.AbsenceOf(ctx, q, dbsqlc.AbsenceOfParams{UserID: user, Today: pgDate(today.Day)})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return "", nil
	case err != nil:
		return "", err
	case ab.Until.Valid:
		return "away until " + dateOf(ab.Until).String(), nil
	}
	return "away", nil
}
