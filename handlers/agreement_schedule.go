package handlers

import (
	"context"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// agreementDue says which of the agreement's posts are owed on today (a
// day the daily digest is due, midnight in the zone): the proposal on the
// month's first working day unless the month is signed already, and on
// the other working days a reminder while the newest proposal waits for a
// signature.
func (s *Service) agreementDue(ctx context.Context, today time.Time) ([]chat.DigestKind, error) {
	cfg := s.current()
	if !cfg.BusinessHours.Days[today.Weekday()] {
		return nil, nil
	}
	versions, err := s.db.AgreementVersions(ctx, armistice.MonthOf(today, cfg.Location))
	if err != nil {
		return nil, err
	}
	switch {
	case len(versions) > 0 && versions[0].Signed():
		return nil, nil
	case firstWorkingDay(cfg.Calendar(), today):
		return []chat.DigestKind{chat.DigestAgreement}, nil
	case len(versions) > 0:
		return []chat.DigestKind{chat.DigestAgreementReminder}, nil
	}
	return nil, nil
}

// agreementChannels are where the agreement goes: the sales and the
// marketing channels.
func (s *Service) agreementChannels() []string {
	cfg := s.current()
	var out []string
	for _, ch := range []string{cfg.SalesChannel, cfg.MarketingChannel} {
		if ch != "" && (len(out) == 0 || out[0] != ch) {
			out = append(out, ch)
		}
	}
	return out
}

// composeAgreement is the agreement's post of today: the month's newest
// unsigned version, proposed by the monthly review when there is none yet
// (kind DigestAgreement), or reminded of (DigestAgreementReminder). A
// month signed meanwhile gets nothing: the digest's period is left empty.
func (s *Service) composeAgreement(ctx context.Context, kind chat.DigestKind, today time.Time) (chat.Digest, error) {
	m := armistice.MonthOf(today, today.Location())
	key, _, _ := periodOf(kind, today)
	versions, err := s.db.AgreementVersions(ctx, m)
	if err != nil {
		return chat.Digest{}, err
	}
	if len(versions) > 0 && versions[0].Signed() {
		return chat.Digest{Kind: kind}, nil
	}
	var a armistice.Agreement
	switch {
	case len(versions) > 0:
		a = versions[0]
	case kind == chat.DigestAgreementReminder:
		return chat.Digest{Kind: kind}, nil
	default:
		draft, err := s.draftAgreement(ctx, m)
		if err != nil {
			return chat.Digest{}, err
		}
		draft.ProposedBy = armistice.ProposedByReview
		if a, err = s.db.AddAgreementVersion(ctx, draft); err != nil {
			return chat.Digest{}, err
		}
	}
	title := "Agreement for " + m.String() + " proposed"
	if kind == chat.DigestAgreementReminder {
		title = "Reminder: the agreement for " + m.String() + " is not signed yet"
	}
	return chat.Digest{Kind: kind, Period: key, Title: title, Agreement: &a, Zone: today.Location()}, nil
}
