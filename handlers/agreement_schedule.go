package handlers

import (
	"context"
	"time"

	"github.com/armistice/armistice"
)

// agreementDue says which of the agreement's posts are owed on today (a
// day the daily digest is due, midnight in the zone): the proposal on the
// month's first working day unless the month is signed already, and on
// the other working days a reminder while the newest proposal waits for a
// signature.
func (s *Service) agreementDue(ctx context.Context, today time.Time) ([]DigestKind, error) {
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
		return []DigestKind{DigestAgreement}, nil
	case len(versions) > 0:
		return []DigestKind{DigestAgreementReminder}, nil
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
func (s *Service) composeAgreement(ctx context.Context, kind DigestKind, today time.Time) (Digest, error) {
	m := armistice.MonthOf(today, today.Location())
	key, _, _ := periodOf(kind, today)
	versions, err := s.db.AgreementVersions(ctx, m)
	if err != nil {
		return Digest{}, err
	}
	if len(versions) > 0 && versions[0].Signed() {
		return Digest{Kind: kind}, nil
	}
	var a armistice.Agreement
	switch {
	case len(versions) > 0:
		a = versions[0]
	case kind == DigestAgreementReminder:
		return Digest{Kind: kind}, nil
	default:
		draft, err := s.draftAgreement(ctx, m)
		if err != nil {
			return Digest{}, err
		}
		draft.ProposedBy = armistice.ProposedByReview
		if a, err = s.db.AddAgreementVersion(ctx, draft); err != nil {
			return Digest{}, err
		}
	}
	title := "Agreement for " + m.String() + " proposed"
	if kind == DigestAgreementReminder {
		title = "Reminder: the agreement for " + m.String() + " is not signed yet"
	}
	return Digest{Kind: kind, Period: key, Title: title, Agreement: &a, Zone: today.Location()}, nil
}
