package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// MyLeads is what a rep's personal view reads: the undecided leads
// assigned to them (oldest first, at most the limit asked, with how many
// there are in all), their latest decisions and their period's numbers.
type MyLeads struct {
	Undecided      []armistice.Lead
	UndecidedCount int
	Decided        []armistice.Lead
	Month          MyMonth
}

// MyMonth is a rep's period: the leads assigned to them, and of those they
// decided, how many, how many accepted, how many in time, and the median
// business time to decision.
type MyMonth struct {
	Assigned, Decided, Accepted, SLAMet int
	MedianTook                          time.Duration
}

// MyLeads reads a rep's personal view: at most maxUndecided undecided
// leads, their last maxDecided decisions, and their numbers of [from, to).
func (db *DB) MyLeads(ctx context.Context, user string, maxUndecided, maxDecided int, from, to time.Time) (MyLeads, error) {
	var out MyLeads
	undecided, err := db.q.MyUndecidedLeads(ctx, db.pool, dbsqlc.MyUndecidedLeadsParams{Assignee: user, MaxLeads: int32(maxUndecided)})
	if err != nil {
		return out, fmt.Errorf("the leads of %s: %w", user, interpretError(err))
	}
	count, err := db.q.MyUndecidedCount(ctx, db.pool, user)
	if err != nil {
		return out, fmt.Errorf("the leads of %s: %w", user, interpretError(err))
	}
	decided, err := db.q.MyDecidedLeads(ctx, db.pool, dbsqlc.MyDecidedLeadsParams{DecidedBy: user, MaxLeads: int32(maxDecided)})
	if err != nil {
		return out, fmt.Errorf("the decisions of %s: %w", user, interpretError(err))
	}
	m, err := db.q.MyMonth(ctx, db.pool, dbsqlc.MyMonthParams{Rep: user, FromAt: from, ToAt: to})
	if err != nil {
		return out, fmt.Errorf("the month of %s: %w", user, interpretError(err))
	}
	for _, r := range undecided {
		out.Undecided = append(out.Undecided, leadFromRow(r))
	}
	for _, r := range decided {
		out.Decided = append(out.Decided, leadFromRow(r))
	}
	out.UndecidedCount = int(count)
	out.Month = MyMonth{Assigned: int(m.Assigned), Decided: int(m.Decided), Accepted: int(m.Accepted), SLAMet: int(m.SlaMet),
		MedianTook: time.Duration(m.MedianSeconds * float64(time.Second))}
	return out, nil
}
