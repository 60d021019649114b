package handlers

import (
	"context"
	"errors"
	"fmt"
	"maps"

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

// TakeLeads validates and stores MQLs, routed by the routing rules and
// measured against the MQL bar in force, and schedules the announcement of
// each new one in the same statement (IntakeJobs): when it returns, the
// leads and their announcements are committed. Calls made at the same time
// are committed together (see groupCommit). Nothing of an invalid batch is stored; the
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
	// The routing rules and the MQL bar are the settings', read on first
	// use (serve reads them before it takes a lead).
	if _, err := s.loaded(ctx); err != nil {
		return nil, retryLater(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var jobs *storage.IntakeJobs
	if !opts.Quiet {
		j := s.jobs.IntakeJobs()
		jobs = &j
	}
	// Concurrent calls share one write; the caller's context does not cut
	// a write that carries other callers' leads too.
	wctx := context.WithoutCancel(ctx)
	return s.groupFor(opts).take(leads, func(batch []armistice.Lead) ([]armistice.Received, error) {
		live := s.live.Load()
		now := s.now()
		markBelowBar(batch, live.bar(armistice.MonthOf(now, live.Location)))
		due := live.Calendar().Add(now, live.SLA)
		received, err := s.db.InsertLeads(wctx, batch, route(live, batch), opts.Actor, due, jobs)
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
