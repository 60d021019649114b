package handlers

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// MaxBatch is the most leads one call may hand over.
const MaxBatch = 1000

// TakeOptions says who hands leads over and whether they are announced.
type TakeOptions struct {
	Actor string // "api", "hubspot", "import", or the user ID of who typed it in
	// Quiet stores the leads without announcing them: a historical backfill
	// must not flood the sales channel.
	Quiet bool
}

// TakeLeads validates and stores MQLs, and schedules the announcement of
// each new one in the same transaction: when it returns, the leads and their
// announcements are committed. Calls made at the same time are committed
// together (see groupCommit). Nothing of an invalid batch is stored; the
// error's Fields name every bad field, prefixed with the item's index when
// there are several leads ("3.email").
func (s *Service) TakeLeads(ctx context.Context, leads []armistice.Lead, opts TakeOptions) ([]armistice.Received, error) {
	if len(leads) == 0 {
		return nil, &armistice.Error{Code: armistice.EINVALID, Message: "no leads given"}
	}
	if len(leads) > MaxBatch {
		return nil, armistice.Errorf(armistice.EINVALID, "%d leads in one call; at most %d", len(leads), MaxBatch)
	}
	if bad := ValidateLeads(leads); len(bad) > 0 {
		return nil, &armistice.Error{Code: armistice.EINVALID, Message: InvalidMessage(len(bad)), Fields: bad}
	}
	var announce func(context.Context, *storage.Tx, []storage.NewLead) error
	if !opts.Quiet {
		announce = s.announceNew
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Concurrent calls share one transaction; the caller's context does not
	// cut a write that carries other callers' leads too.
	wctx := context.WithoutCancel(ctx)
	return s.groupFor(opts).take(leads, func(batch []armistice.Lead) ([]armistice.Received, error) {
		cfg := s.current()
		now := s.now()
		due := cfg.Calendar().Add(now, cfg.SLA)
		prepare := func(rules []armistice.RoutingRule, bar *armistice.Agreement) []string {
			markBelowBar(batch, bar)
			return s.route(rules, batch)
		}
		received, err := s.db.InsertLeads(wctx, batch, opts.Actor, due, armistice.MonthOf(now, cfg.Location), prepare, withOwners(batch, announce))
		return received, retryLater(err)
	})
}

// retryLater says, in words a sender can act on, that the database is too
// busy to take the leads now or that it is unavailable.
func retryLater(err error) error {
	switch {
	case errors.Is(err, storage.ErrBusy):
		return &armistice.Error{Code: armistice.EBUSY, Message: "the service is busy; nothing was stored, please retry in a moment"}
	case errors.Is(err, storage.ErrUnavailable):
		return &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "the database is unavailable; nothing was stored, please retry"}
	}
	return err
}

// isRetryLater tells whether err is one of retryLater's.
func isRetryLater(err error) bool {
	code := armistice.ErrorCode(err)
	return code == armistice.EBUSY || code == armistice.EUNAVAILABLE
}

// ValidateLeads normalizes leads in place and returns what is wrong with
// each bad field: keyed by field name for one lead, by index and field name
// ("3.email") for several.
func ValidateLeads(leads []armistice.Lead) map[string]string {
	bad := map[string]string{}
	for i := range leads {
		leads[i].Normalize()
		errs := leads[i].Validate()
		if len(leads) == 1 {
			maps.Copy(bad, errs)
			continue
		}
		for field, msg := range errs {
			bad[fmt.Sprintf("%d.%s", i, field)] = msg
		}
	}
	return bad
}

// InvalidMessage is the summary of n field errors.
func InvalidMessage(n int) string {
	if n == 1 {
		return "1 field is invalid; nothing was stored"
	}
	return fmt.Sprintf("%d fields are invalid; nothing was stored", n)
}

// withOwners records, with the announcement of new leads and in its
// transaction, the owners their intake named (for the assignment).
func withOwners(batch []armistice.Lead, announce func(context.Context, *storage.Tx, []storage.NewLead) error) func(context.Context, *storage.Tx, []storage.NewLead) error {
	if announce == nil || !slices.ContainsFunc(batch, func(l armistice.Lead) bool { return l.OwnerHint != "" }) {
		return announce
	}
	return func(ctx context.Context, tx *storage.Tx, news []storage.NewLead) error {
		ids := make([]int64, len(news))
		for i, n := range news {
			ids[i] = n.ID
		}
		if err := tx.SetOwnerHints(ctx, batch, ids); err != nil {
			return err
		}
		return announce(ctx, tx, news)
	}
}
