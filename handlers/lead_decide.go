package handlers

import (
	"context"
	"errors"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// CanDecide tells whether user may decide on a lead: its assignee, when it
// has one, or else one on the sales team of the lead: one of
// ARMISTICE_SALES_TEAM when it is set, else a member of the channel of its
// card or of the sales channel; or a sales manager. The refusal is an
// EUNAUTHORIZED error that says who may.
func (s *Service) CanDecide(ctx context.Context, user string, leadID int64) error {
	if slices.Contains(s.current().SalesManagers, user) {
		return nil
	}
	if lead, err := s.db.Lead(ctx, leadID); err == nil && lead.Assignee != "" && armistice.Undecided(lead.Status) {
		if lead.Assignee == user {
			return nil
		}
		return armistice.Errorf(armistice.EUNAUTHORIZED, "This lead is assigned to %s: only they and the sales managers can accept or reject it.", s.userLabel(ctx, lead.Assignee))
	}
	member, err := s.inSalesTeam(ctx, user, leadID)
	if err != nil || member {
		return err
	}
	if s.current().SalesTeam.IsSet() {
		return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the sales team and the sales managers can accept or reject leads.")
	}
	return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the sales team (the members of the lead's channel) and the sales managers can accept or reject leads.")
}

// Decide records the verdict of a member of the sales team on a lead. The
// first decision wins atomically; a later one changes nothing and reports
// the one that stands. In the same transaction the lead's reminder and
// escalation are cancelled and the jobs that show the decision (card,
// thread, marketing feedback) and send it to the CRM and to HubSpot are
// scheduled.
func (s *Service) Decide(ctx context.Context, leadID int64, d armistice.Decision) (chat.DecideResult, error) {
	if bad := d.Validate(s.current().RejectionReasons); len(bad) > 0 {
		return chat.DecideResult{}, &armistice.Error{Code: armistice.EINVALID, Message: InvalidMessage(len(bad)), Fields: bad}
	}
	if err := s.CanDecide(ctx, d.By, leadID); err != nil {
		return chat.DecideResult{}, err
	}
	d.At = s.now()
	lead, err := s.db.Lead(ctx, leadID)
	if errors.Is(err, storage.ErrNotFound) {
		return chat.DecideResult{}, armistice.Errorf(armistice.ENOTFOUND, "This lead no longer exists.")
	} else if err != nil {
		return chat.DecideResult{}, err
	}
	cfg := s.current()
	d.Took = cfg.Calendar().Between(lead.ReceivedAt, d.At)
	var res chat.DecideResult
	err = s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		dec, err := tx.Decide(ctx, leadID, d)
		if err != nil {
			return err
		}
		res = chat.DecideResult{Lead: dec.Lead, Decided: dec.Recorded}
		if !dec.Recorded {
			return nil
		}
		// Moved on to another rep since the check above: theirs now.
		if l := dec.Lead; l.Assignee != "" && l.Assignee != d.By && !slices.Contains(cfg.SalesManagers, d.By) {
			return armistice.Errorf(armistice.EUNAUTHORIZED, "This lead is assigned to %s: only they and the sales managers can accept or reject it.", s.userLabel(ctx, l.Assignee))
		}
		if err := s.jobs.Cancel(ctx, tx, dec.SLAJobs); err != nil {
			return err
		}
		if err := s.jobs.PublishDecision(ctx, tx, leadID); err != nil {
			return err
		}
		if err := s.jobs.NotifyCRM(ctx, tx, dec.EventID); err != nil {
			return err
		}
		return s.jobs.WriteToHubSpot(ctx, tx, HubSpotWrite{LeadID: leadID, Kind: HubSpotWriteKind(d.Verdict)})
	})
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return chat.DecideResult{}, armistice.Errorf(armistice.ENOTFOUND, "This lead no longer exists.")
	case errors.Is(err, storage.ErrUnavailable):
		return chat.DecideResult{}, &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "The database is unavailable; nothing was decided. Please try again in a minute."}
	case err != nil:
		return chat.DecideResult{}, err
	}
	return res, nil
}

// LeadToDecide returns an undecided lead for the reject form, or the error
// that tells the user why there is nothing to decide.
func (s *Service) LeadToDecide(ctx context.Context, leadID int64) (armistice.Lead, error) {
	lead, err := s.db.Lead(ctx, leadID)
	if errors.Is(err, storage.ErrNotFound) {
		return lead, armistice.Errorf(armistice.ENOTFOUND, "This lead no longer exists.")
	}
	return lead, err
}

// PublishDecision shows a decision where the teams look: the card redrawn
// with the verdict for everyone; for an acceptance a reply in the card's
// thread; for a rejection a message to the marketing channel with the
// reason, once. It runs as a job, so Slack being down delays it but loses
// nothing.
func (s *Service) PublishDecision(ctx context.Context, leadID int64) error {
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return err
	}
	card, err := s.db.LeadCard(ctx, leadID)
	if err != nil {
		return err
	}
	ref := chat.MessageRef{Platform: card.Platform, Channel: card.ChannelID, ID: card.MessageID}
	view := s.card(ctx, lead)
	if err := s.redrawCard(ctx, ref, view); err != nil {
		return err
	}
	switch lead.Status {
	case armistice.StatusAccepted:
		_, err = s.chat.PostNotice(ctx, chat.Notice{Kind: chat.NoticeAccepted, Channel: card.ChannelID, Thread: card.MessageID, CardRef: ref, Card: view})
		return err
	case armistice.StatusRejected:
		if card.FeedbackID != "" {
			return nil // marketing was told already
		}
		fb, err := s.chat.PostNotice(ctx, chat.Notice{Kind: chat.NoticeRejected, Channel: s.current().MarketingChannel, CardRef: ref, Card: view})
		if err != nil {
			return err
		}
		return s.db.SetFeedbackMessage(ctx, leadID, fb.Channel, fb.ID)
	}
	return nil
}
