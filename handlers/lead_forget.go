package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// retentionBatch is how many leads the retention job erases per
// transaction.
const retentionBatch = 500

// Actors of erasures that no person started.
const (
	ActorRetention = "retention"
)

// Forget erases, for an admin, the personal data of the leads that key
// names (see EraseLead).
func (s *Service) Forget(ctx context.Context, by, key string) (chat.Erasure, error) {
	if err := s.RequireAdmin(by, "erase personal data"); err != nil {
		return chat.Erasure{}, err
	}
	return s.EraseLead(ctx, by, key)
}

// EraseLead erases the personal data of the leads that key names: an
// argument with an "@" is an email address, and every lead that holds it is
// erased; when none does, or key has no "@", it is a lead's external ID (an
// external ID may hold an "@", so an address is tried as one too), which
// also reaches a lead given without an email address. Erased are email,
// name, title, phone, notes, extra fields, CRM link and rejection comment,
// in Postgres at once, and in the chat (its card, the feedback to
// marketing, the escalation) through a job scheduled in the same
// transaction. What the anonymous counts need stays: status, source, score,
// persona, segment, region, country, company, dates, the decision and its
// reason. Each erasure is an "erased" event in the lead's trail naming actor
// and the fields, never their values. It does not check who actor is: the
// command line runs it for whoever holds the database's credentials.
func (s *Service) EraseLead(ctx context.Context, actor, key string) (chat.Erasure, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return chat.Erasure{}, armistice.Errorf(armistice.EINVALID, "Give the lead's email address or external ID, as in `forget ana@example.com` or `forget hs-123`.")
	}
	e := chat.Erasure{Key: key}
	var err error
	if strings.Contains(key, "@") {
		e.ByEmail = true
		e.Leads, err = s.erase(ctx, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
			return tx.EraseByEmail(ctx, key, actor)
		})
	}
	if err == nil && len(e.Leads) == 0 {
		e.ByEmail = false
		e.Leads, err = s.erase(ctx, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
			return tx.EraseByExternalID(ctx, key, actor)
		})
	}
	switch {
	case errors.Is(err, storage.ErrUnavailable):
		return chat.Erasure{}, &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "The database is unavailable; nothing was erased. Please try again in a minute."}
	case err != nil:
		return chat.Erasure{}, err
	case len(e.Leads) == 0:
		return chat.Erasure{}, s.nothingToErase(ctx, key)
	}
	s.log.Info("erased the personal data of leads", "actor", actor, "leads", len(e.Leads), "matched", e.MatchedBy())
	return e, nil
}

// nothingToErase says why key matched no lead that holds personal data.
func (s *Service) nothingToErase(ctx context.Context, key string) error {
	if strings.Contains(key, "@") {
		return armistice.Errorf(armistice.ENOTFOUND, "No lead holds the email address %s, nor has it as its external ID (an erased lead holds neither).", key)
	}
	lead, err := s.db.LeadByExternalID(ctx, key)
	switch {
	case err == nil && lead.ErasedAt != nil:
		return armistice.Errorf(armistice.ENOTFOUND, "Lead %s holds no personal data: it was erased on %s.", key, lead.ErasedAt.In(s.current().Location).Format("2 Jan 2006"))
	case err != nil && !errors.Is(err, storage.ErrNotFound):
		return err
	}
	return armistice.Errorf(armistice.ENOTFOUND, "No lead has the external ID %s, and nothing was erased.", key)
}

// EraseExpired erases, as EraseLead does, the personal data of every lead
// received more than window ago, in commits of up to retentionBatch leads;
// a window of zero erases nothing. The retention job runs it daily.
func (s *Service) EraseExpired(ctx context.Context, window time.Duration) (int, error) {
	if window <= 0 {
		return 0, nil
	}
	cutoff := s.now().Add(-window)
	n := 0
	var after armistice.Erased // the last lead of the batch before
	var err error
	for {
		var erased []armistice.Erased
		erased, err = s.erase(ctx, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
			return tx.EraseReceivedBefore(ctx, cutoff, after, retentionBatch, ActorRetention)
		})
		n += len(erased)
		if err != nil || len(erased) < retentionBatch {
			break
		}
		after = erased[len(erased)-1]
	}
	if n > 0 {
		s.log.Info("retention: erased the personal data of leads", "leads", n, "older_than", window.String())
	}
	return n, err
}

// erase commits an erasure (one of storage.Tx's) with the jobs that redraw
// the messages of the leads it erased.
func (s *Service) erase(ctx context.Context, erase func(context.Context, *storage.Tx) ([]armistice.Erased, error)) ([]armistice.Erased, error) {
	var erased []armistice.Erased
	err := s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		var err error
		if erased, err = erase(ctx, tx); err != nil || len(erased) == 0 {
			return err
		}
		ids := make([]int64, len(erased))
		for i, e := range erased {
			ids[i] = e.LeadID
		}
		return s.jobs.RedrawErased(ctx, tx, ids)
	})
	if err != nil {
		return nil, err
	}
	return erased, nil
}

// RedrawErased redraws, for everyone, the messages that showed an erased
// lead's personal data: its card, the rejection feedback to marketing and
// the escalation. It runs as a job, so the chat being down delays it but
// loses nothing. A message that is gone (deleted, its channel archived) is
// skipped; one that fails otherwise does not keep the others from being
// redrawn; a rate limit stops at once.
func (s *Service) RedrawErased(ctx context.Context, leadID int64) error {
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return err
	}
	if lead.ErasedAt == nil {
		return nil
	}
	view := s.card(ctx, lead)
	var failed []error
	redraw := func(what string, update func() error) error {
		err := update()
		if _, limited := errors.AsType[*chat.RetryAfterError](err); limited {
			return err
		}
		if errors.Is(err, chat.ErrMessageGone) { // nothing left there to erase
			s.log.Info("an erased lead's message is gone; nothing to redraw", "lead", leadID, "message", what)
			return nil
		}
		if err != nil {
			failed = append(failed, fmt.Errorf("redrawing the %s of erased lead %d: %w", what, leadID, err))
		}
		return nil
	}
	var cardRef chat.MessageRef
	card, err := s.db.LeadCard(ctx, leadID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		// Not announced yet: its card will be drawn erased.
	case err != nil:
		return err
	default:
		cardRef = chat.MessageRef{Platform: card.Platform, Channel: card.ChannelID, ID: card.MessageID}
		if err := redraw("card", func() error { return s.redrawCard(ctx, cardRef, view) }); err != nil {
			return err
		}
		if card.FeedbackID != "" {
			ref := chat.MessageRef{Platform: card.Platform, Channel: card.FeedbackChannel, ID: card.FeedbackID}
			n := chat.Notice{Kind: chat.NoticeRejected, Channel: ref.Channel, CardRef: cardRef, Card: view}
			if err := redraw("feedback", func() error { return s.chat.UpdateNotice(ctx, ref, n) }); err != nil {
				return err
			}
		}
	}
	msgs, err := s.db.LeadMessages(ctx, leadID)
	if err != nil {
		return err
	}
	var mentions []string
	if len(msgs) > 0 {
		if mentions, err = s.escalatedTo(ctx, leadID); err != nil {
			return err
		}
	}
	for _, m := range msgs {
		ref := chat.MessageRef{Platform: m.Platform, Channel: m.ChannelID, ID: m.MessageID}
		n := chat.Notice{Kind: chat.NoticeKind(m.Kind), Channel: m.ChannelID, CardRef: cardRef, Card: view}
		if n.Kind == chat.NoticeEscalation {
			n.Mentions = mentions
		}
		if err := redraw(m.Kind+" message", func() error { return s.chat.UpdateNotice(ctx, ref, n) }); err != nil {
			return err
		}
	}
	return errors.Join(failed...)
}

// escalatedTo returns the sales managers a lead's escalation mentioned.
func (s *Service) escalatedTo(ctx context.Context, leadID int64) ([]string, error) {
	events, err := s.db.LeadEvents(ctx, leadID)
	if err != nil {
		return nil, err
	}
	var managers []string
	for _, e := range events {
		if list, ok := e.Data["managers"].([]any); ok && e.Kind == armistice.EventEscalated {
			managers = managers[:0]
			for _, m := range list {
				managers = append(managers, fmt.Sprint(m))
			}
		}
	}
	return managers, nil
}
