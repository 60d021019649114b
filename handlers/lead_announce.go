package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// AnnounceLead posts the card of a lead to the sales channel and records it,
// once, the lead assigned first (once) when its channel has a pool; with
// nobody in the pool available the managers are told. retry says an earlier attempt may have posted the card without
// recording it; the channel is then searched first, so a lead never gets two
// cards.
func (s *Service) AnnounceLead(ctx context.Context, leadID int64, retry bool) error {
	if _, err := s.db.LeadCard(ctx, leadID); err == nil { // announced already
		return s.db.Dequeue(ctx, leadID)
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return err
	}
	channel := lead.Channel
	if channel == "" { // stored quietly, announced later
		channels, err := s.channelsFor(ctx, []armistice.Lead{lead})
		if err != nil {
			return err
		}
		channel = channels[0]
	}
	lead, err = s.assignOnAnnouncement(ctx, lead, channel)
	if err != nil {
		return err
	}
	var ref chat.MessageRef
	found := false
	if retry {
		if ref, found, err = s.chat.FindLeadCard(ctx, channel, leadID, lead.ReceivedAt); err != nil {
			return fmt.Errorf("looking for an unrecorded card of lead %d: %w", leadID, err)
		}
	}
	card := s.card(ctx, lead)
	var refused error // the platform's answer to the full card, when it stands in a minimal one
	if !found {
		ref, err = s.chat.PostLeadCard(ctx, channel, card)
		if errors.Is(err, chat.ErrNotInstalled) {
			s.log.Warn("a lead waits for the app to be installed where its channel is", "lead", leadID, "channel", channel)
			return s.db.WaitForInstallation(ctx, leadID, channel)
		}
		if errors.Is(err, chat.ErrMessageRefused) {
			s.log.Warn("the chat platform refuses a lead's card; posting its minimal card", "lead", leadID, "channel", channel, "err", err)
			refused, card.Minimal = err, true
			ref, err = s.chat.PostLeadCard(ctx, channel, card)
		}
		if err != nil {
			return fmt.Errorf("posting the card of lead %d: %w", leadID, err)
		}
	}
	// The SLA counts from the hand-over: reminded at 75% of the window,
	// escalated at its end, both in business hours.
	remindAt := s.current().Calendar().Add(lead.ReceivedAt, s.current().SLA*3/4)
	rec := storage.Card{LeadID: leadID, Platform: ref.Platform, ChannelID: ref.Channel, MessageID: ref.ID, PostedAt: s.now()}
	if refused != nil {
		rec.Refused = refused.Error()
	}
	recorded := false
	err = s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		var undecided bool
		var err error
		if recorded, undecided, err = tx.RecordLeadCard(ctx, rec); err != nil || !recorded {
			return err
		}
		var jobs []int64
		if undecided {
			if jobs, err = s.jobs.ScheduleSLA(ctx, tx, leadID, remindAt, card.DueAt); err != nil {
				return err
			}
		}
		return tx.SetSLA(ctx, leadID, card.DueAt, jobs)
	})
	if err != nil || !recorded {
		return err
	}
	if refused != nil {
		s.tellAdminsCardRefused(ctx, ref, card, refused)
	}
	if lead.Assignee == "" && lead.AssignWhy != "" {
		s.tellManagersUnassigned(ctx, ref, card)
	}
	return s.redrawIfChangedMeanwhile(ctx, ref, card)
}

// redrawIfChangedMeanwhile redraws a card drawn before its lead's personal
// data was erased, or before the lead moved to another rep: an erasure or
// a move that committed between the card's post and its record found no
// card to redraw, so the card would keep showing what was erased, or the
// rep the lead left.
func (s *Service) redrawIfChangedMeanwhile(ctx context.Context, ref chat.MessageRef, drawn chat.LeadCard) error {
	lead, err := s.db.Lead(ctx, drawn.Lead.ID)
	switch {
	case err != nil:
		return err
	case drawn.Lead.ErasedAt == nil && lead.ErasedAt != nil:
		return s.RedrawErased(ctx, lead.ID)
	case lead.Assignee != drawn.Lead.Assignee:
		return s.redrawCard(ctx, ref, s.card(ctx, lead))
	}
	return nil
}

// tellManagersUnassigned tells the sales managers, in the card's thread,
// that nobody in the pool was available for a lead, so anyone on the sales
// team may claim it. A notice that fails is logged: the card says it too.
func (s *Service) tellManagersUnassigned(ctx context.Context, ref chat.MessageRef, card chat.LeadCard) {
	n := chat.Notice{Kind: chat.NoticeUnassigned, Channel: ref.Channel, Thread: ref.ID, CardRef: ref, Card: card, Mentions: s.current().SalesManagers}
	if _, err := s.chat.PostNotice(ctx, n); err != nil {
		s.log.Warn("telling the managers that nobody was available for a lead", "lead", card.Lead.ID, "err", err)
	}
}

// AnnounceWaiting schedules again the announcement of the leads that waited
// for an installation of the app, as when one arrives.
func (s *Service) AnnounceWaiting(ctx context.Context) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		leadIDs, err := tx.TakeWaiting(ctx)
		if err != nil || len(leadIDs) == 0 {
			return err
		}
		n = len(leadIDs)
		if err := tx.QueueAnnouncements(ctx, leadIDs); err != nil {
			return err
		}
		return s.jobs.Announce(ctx, tx, leadIDs)
	})
	return n, err
}

// Announce assigns a lead and sends its assignee their copy at once
// (assignAhead), then posts its card in the order leads arrived in its
// channel: under the channel's lock (one holder across replicas), the
// channel's queue is drained oldest first, this lead among them. When
// another holds the lock, it drains this lead too, and looks at the queue
// again after letting the lock go, so no lead is left behind; a job whose
// lead was drained by another (while it was snoozed) still drains what is
// left, and SweepAnnouncements restarts a queue whose jobs all gave up.
// retry says an earlier attempt of the job may have posted the card (for
// a lead queued before queues existed, announced on its own).
func (s *Service) Announce(ctx context.Context, leadID int64, retry bool) error {
	if err := s.assignAhead(ctx, leadID); err != nil {
		return err
	}
	channel, pending, attempted, err := s.db.AnnouncementState(ctx, leadID)
	if err != nil {
		return err
	}
	if !pending && !attempted {
		if err := s.AnnounceLead(ctx, leadID, retry); err != nil {
			return err
		}
	}
	// With this lead queued, the queue is known not to be empty.
	return s.drainQueue(ctx, channel, !pending)
}

// DrainChannel posts the cards queued in a channel, oldest first (see
// Announce): the job of a batch of new leads whose channel has no pool.
func (s *Service) DrainChannel(ctx context.Context, channel string) error {
	return s.drainQueue(ctx, channel, true)
}

// drainQueue drains a channel's queue under its lock, looking first
// whether it holds anything when look is set. After a drain it looks
// again: a lead queued after the drain's last look, whose job found the
// lock held, is this job's to post.
func (s *Service) drainQueue(ctx context.Context, channel string, look bool) error {
	for ; ; look = true {
		if look {
			if _, _, more, err := s.db.NextQueued(ctx, channel); err != nil || !more {
				return err
			}
		}
		if held, err := s.drainLocked(ctx, channel); err != nil || !held {
			return err
		}
	}
}

// maxDrains is how many channels one process drains at once: each drain
// holds a pooled connection for its lock and needs others for its work.
const maxDrains = 4

// drainLocked drains a channel's queue if its lock is free; held is false
// when another holds it.
func (s *Service) drainLocked(ctx context.Context, channel string) (held bool, err error) {
	select {
	case s.drains <- struct{}{}:
		defer func() { <-s.drains }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	unlock, held, err := s.db.LockChannel(ctx, channel)
	if err != nil || !held {
		return false, err
	}
	defer unlock()
	return true, s.drain(ctx, channel)
}

// SweepAnnouncements schedules a drain of every channel with queued leads:
// the queue goes on after an outage outlasted its jobs' attempts.
func (s *Service) SweepAnnouncements(ctx context.Context) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		heads, err := tx.PendingHeads(ctx)
		if err != nil || len(heads) == 0 {
			return err
		}
		return s.jobs.Announce(ctx, tx, heads)
	})
}

// drainBudget bounds one job's drain, well within a job's time limit; a
// longer queue is left for the job's next run, at once.
const drainBudget = 8 * time.Second

// errQueueLong says a drain stopped at its budget with leads left.
var errQueueLong = errors.New("the channel's queue is long: it is drained on in the job's next run")

// drain posts the cards of a channel's queue, oldest first, until it is
// empty or a post fails. As the leads behind wait for the one that failed,
// a failure is tried again twice within the drain (a platform's blip)
// before it is the job's, which comes back with River's backoff; a rate
// limit is the job's at once; a lead whose card and minimal card the
// platform both refuse for good is set aside, with an error in the log and
// an event on the lead.
func (s *Service) drain(ctx context.Context, channel string) error {
	start := time.Now()
	failures := 0
	for {
		if time.Since(start) > drainBudget {
			return &chat.RetryAfterError{After: 0, Err: errQueueLong}
		}
		leadID, attempted, ok, err := s.db.NextQueued(ctx, channel)
		if err != nil || !ok {
			return err
		}
		if !attempted {
			if err := s.db.MarkQueuedAttempted(ctx, leadID); err != nil {
				return err
			}
		}
		err = s.AnnounceLead(ctx, leadID, attempted)
		_, limited := errors.AsType[*chat.RetryAfterError](err)
		switch {
		case err == nil:
			failures = 0
			continue
		case errors.Is(err, chat.ErrMessageRefused):
			s.log.Error("the chat platform refuses a lead's card, even its minimal one; it is set aside and the channel goes on", "lead", leadID, "channel", channel, "err", err)
			if err := s.db.SetAside(ctx, leadID, err.Error()); err != nil {
				return err
			}
			failures = 0
			continue
		case limited || failures == 2:
			return err
		}
		failures++
		s.log.Warn("announcing a lead failed; trying again", "lead", leadID, "err", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(failures) * 500 * time.Millisecond):
		}
	}
}
