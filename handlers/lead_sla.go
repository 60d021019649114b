package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// Remind nudges the sales team in the card's thread when 75% of a lead's
// SLA window has passed undecided; an assigned lead's reminder names its
// assignee and reaches them in their direct messages too.
func (s *Service) Remind(ctx context.Context, leadID int64) error {
	lead, card, ok, err := s.undecidedLead(ctx, leadID)
	if err != nil || !ok {
		return err
	}
	ref := chat.MessageRef{Platform: card.Platform, Channel: card.ChannelID, ID: card.MessageID}
	n := chat.Notice{Kind: chat.NoticeReminder, Channel: card.ChannelID, Thread: card.MessageID, CardRef: ref, Card: s.card(ctx, lead)}
	if lead.Assignee != "" {
		n.Mentions = []string{lead.Assignee}
	}
	if _, err := s.chat.PostNotice(ctx, n); err != nil {
		return err
	}
	if lead.Assignee != "" {
		n.To, n.Thread = lead.Assignee, ""
		if _, err := s.chat.PostNotice(ctx, n); err != nil {
			s.log.Warn("reminding a lead's assignee in their direct messages", "lead", leadID, "err", err)
		}
	}
	_, err = s.db.AddEvent(ctx, leadID, armistice.EventReminded, "armistice", nil, false)
	return err
}

// Escalate moves an assigned lead whose SLA window ended undecided on to
// the next available rep of its pool with a fresh window, as many times as
// ARMISTICE_SLA_REASSIGN says; after the last window (or without a pool, or
// with nobody else available) it marks the lead overdue, on its card too,
// and tells the sales managers, in the card's thread and in the marketing
// channel, and the CRM. windowEnd is the end of the window the escalation
// was scheduled for (zero: whichever is current): when a reassignment has
// since given the lead a later one — the same job retried after the move,
// say — that window's own jobs take over and this one does nothing.
func (s *Service) Escalate(ctx context.Context, leadID int64, windowEnd time.Time) error {
	lead, card, ok, err := s.undecidedLead(ctx, leadID)
	if err != nil || !ok {
		return err
	}
	if !windowEnd.IsZero() && lead.DueAt != nil && lead.DueAt.After(windowEnd) {
		return nil
	}
	if lead.Assignee != "" && lead.Reassignments < s.current().SLAReassign {
		moved, err := s.reassign(ctx, leadID, lead.Assignee, "armistice", armistice.AssignSLA)
		if err != nil || moved {
			return err
		}
	}
	ref := chat.MessageRef{Platform: card.Platform, Channel: card.ChannelID, ID: card.MessageID}
	n := chat.Notice{Kind: chat.NoticeEscalation, CardRef: ref, Card: s.card(ctx, lead), Mentions: s.current().SalesManagers}
	for _, where := range []struct{ channel, thread string }{{card.ChannelID, card.MessageID}, {s.current().MarketingChannel, ""}} {
		n.Channel, n.Thread = where.channel, where.thread
		posted, err := s.chat.PostNotice(ctx, n)
		if err != nil {
			return err
		}
		if where.thread == "" { // it shows the lead: redrawn if the lead is erased
			if err := s.db.RecordLeadMessage(ctx, storage.LeadMessage{LeadID: leadID, Kind: string(chat.NoticeEscalation), Platform: posted.Platform, ChannelID: posted.Channel, MessageID: posted.ID}); err != nil {
				s.log.Warn("recording the escalation message of a lead", "lead", leadID, "err", err)
			}
		}
	}
	added := false
	err = s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		eventID, ok, err := tx.AddEvent(ctx, leadID, armistice.EventEscalated, "armistice", map[string]any{"managers": s.current().SalesManagers}, true)
		if err != nil || !ok {
			return err
		}
		added = true
		return s.jobs.NotifyCRM(ctx, tx, eventID)
	})
	if err != nil || !added {
		return err
	}
	// The card shows that its window has ended.
	if lead, err = s.db.Lead(ctx, leadID); err != nil {
		return err
	}
	return s.redrawCard(ctx, ref, s.card(ctx, lead))
}

// undecidedLead returns a lead and its card if it still awaits a decision.
func (s *Service) undecidedLead(ctx context.Context, leadID int64) (armistice.Lead, storage.Card, bool, error) {
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return lead, storage.Card{}, false, err
	}
	if !armistice.Undecided(lead.Status) {
		return lead, storage.Card{}, false, nil
	}
	card, err := s.db.LeadCard(ctx, leadID)
	if err != nil {
		return lead, card, false, fmt.Errorf("the card of lead %d: %w", leadID, err)
	}
	return lead, card, true, nil
}
