package handlers

import (
	"context"
	"errors"

	"github.com/armistice/armistice/handlers/chat"
)

// No valid lead is left without a card: when the platform refuses a lead's
// full card for good, a minimal card (name, company, the buttons or the
// verdict, where to read the details) stands in for it, the lead's trail
// records it, and the admins are told. The card keeps the minimal form on
// every redraw.

// redrawCard redraws a lead's card for everyone in the form it has. A full
// card the platform refuses on a redraw (a long comment, a decider's name)
// gives way to the minimal one, for good.
func (s *Service) redrawCard(ctx context.Context, ref chat.MessageRef, view chat.LeadCard) error {
	minimal, err := s.db.MinimalCard(ctx, view.Lead.ID)
	if err != nil {
		return err
	}
	view.Minimal = minimal
	err = s.chat.UpdateLeadCard(ctx, ref, view)
	if err == nil {
		s.redrawDirectCard(ctx, view)
	}
	if view.Minimal || !errors.Is(err, chat.ErrMessageRefused) {
		return err
	}
	refused := err
	s.log.Warn("the chat platform refuses a lead's redrawn card; drawing its minimal card", "lead", view.Lead.ID, "err", refused)
	view.Minimal = true
	if err := s.chat.UpdateLeadCard(ctx, ref, view); err != nil {
		return err
	}
	if err := s.db.RecordMinimalCard(ctx, view.Lead.ID, ref.Platform, refused.Error()); err != nil {
		return err
	}
	s.redrawDirectCard(ctx, view)
	s.tellAdminsCardRefused(ctx, ref, view, refused)
	return nil
}

// tellAdminsCardRefused tells each admin privately, on their platform,
// that a lead got a minimal card and why; with no admin to tell, the
// marketing channel hears of it. A notice that fails is logged: the card
// stands.
func (s *Service) tellAdminsCardRefused(ctx context.Context, ref chat.MessageRef, card chat.LeadCard, refused error) {
	n := chat.Notice{Kind: chat.NoticeCardRefused, CardRef: ref, Card: card, Detail: refused.Error()}
	told := false
	for _, admin := range s.current().Admins {
		n.To = admin
		if _, err := s.chat.PostNotice(ctx, n); err != nil {
			s.log.Warn("telling an admin of a refused card", "lead", card.Lead.ID, "admin", admin, "err", err)
			continue
		}
		told = true
	}
	if told {
		return
	}
	n.To, n.Channel = "", s.current().MarketingChannel
	if _, err := s.chat.PostNotice(ctx, n); err != nil {
		s.log.Warn("telling marketing of a refused card", "lead", card.Lead.ID, "err", err)
	}
}
