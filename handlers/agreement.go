package handlers

import (
	"context"
	"errors"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// signers are who sign the agreement for team: ARMISTICE_MARKETING_LEADS
// or ARMISTICE_SALES_LEADS, else the admins.
func (s *Service) signers(team armistice.Team) []string {
	cfg := s.current()
	leads := cfg.MarketingLeads
	if team == armistice.TeamSales {
		leads = cfg.SalesLeads
	}
	if len(leads) == 0 {
		return cfg.Admins
	}
	return leads
}

// Signers are who sign the agreement for team.
func (s *Service) Signers(team armistice.Team) []string { return slices.Clone(s.signers(team)) }

// mayEdit tells whether user may edit a proposal: a signer of either team
// or an admin.
func (s *Service) mayEdit(user string) bool {
	return s.IsAdmin(user) || slices.Contains(s.signers(armistice.TeamMarketing), user) || slices.Contains(s.signers(armistice.TeamSales), user)
}

// Agreement returns a month's agreement, newest version first (none when
// nothing was proposed); month "" is the current one.
func (s *Service) Agreement(ctx context.Context, month string) (armistice.Month, []armistice.Agreement, error) {
	m, err := s.monthArg(month)
	if err != nil {
		return m, nil, err
	}
	versions, err := s.db.AgreementVersions(ctx, m)
	return m, versions, err
}

// ProposeAgreement proposes a month's agreement to both teams at once;
// admins only, and only for a month not signed yet.
func (s *Service) ProposeAgreement(ctx context.Context, user, month string) (armistice.Agreement, error) {
	if !s.IsAdmin(user) {
		return armistice.Agreement{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only admins can propose the agreement.")
	}
	m, err := s.monthArg(month)
	if err != nil {
		return armistice.Agreement{}, err
	}
	return s.proposeAgreement(ctx, user, m)
}

// proposeAgreement drafts month's agreement from last month's and the
// plan, stores it as a new version and posts it to both teams' channels.
func (s *Service) proposeAgreement(ctx context.Context, by string, m armistice.Month) (armistice.Agreement, error) {
	versions, err := s.db.AgreementVersions(ctx, m)
	if err != nil {
		return armistice.Agreement{}, err
	}
	if len(versions) > 0 && versions[0].Signed() {
		return armistice.Agreement{}, armistice.Errorf(armistice.EINVALID, "The agreement for %s is signed already.", m)
	}
	draft, err := s.draftAgreement(ctx, m)
	if err != nil {
		return draft, err
	}
	draft.ProposedBy = by
	a, err := s.db.AddAgreementVersion(ctx, draft)
	if err != nil {
		return a, err
	}
	s.announceAgreement(ctx, a)
	return a, nil
}

// draftAgreement is a proposal for month: last month's signed terms (or
// none), last month's goals, and the plan's numbers for a revenue goal of
// last month's goal or result, whichever is higher.
func (s *Service) draftAgreement(ctx context.Context, m armistice.Month) (armistice.Agreement, error) {
	cfg := s.current()
	a := armistice.Agreement{Month: m, Goals: map[armistice.Metric]float64{}, SLA: cfg.SLA, SharedWeight: armistice.DefaultSharedWeight}
	prev, ok, err := s.db.SignedAgreement(ctx, m.Prev())
	if err != nil {
		return a, err
	}
	if ok {
		a.MQLMinScore, a.MQLRequired, a.SharedWeight = prev.MQLMinScore, prev.MQLRequired, prev.SharedWeight
	}
	last, err := s.db.Goals(ctx, m.Prev().String())
	if err != nil {
		return a, err
	}
	for metric, v := range last {
		a.Goals[armistice.Metric(metric)] = v
	}
	c, err := s.db.PeriodCounts(ctx, m.Prev().Start(cfg.Location), m.Prev().End(cfg.Location))
	if err != nil {
		return a, err
	}
	revenue := max(last[string(armistice.MetricRevenue)], c.Revenue)
	if revenue > 0 {
		p, err := s.Plan(ctx, revenue, 0)
		if err != nil {
			return a, err
		}
		for metric, v := range planGoals(p) {
			a.Goals[metric] = v
		}
	}
	return a, nil
}

// planGoals are the goals a plan sets.
func planGoals(p armistice.Plan) map[armistice.Metric]float64 {
	return map[armistice.Metric]float64{
		armistice.MetricRevenue: p.Revenue, armistice.MetricWon: float64(p.Deals), armistice.MetricOpportunities: float64(p.Opportunities),
		armistice.MetricAccepted: float64(p.SALs), armistice.MetricMQLs: float64(p.MQLs), armistice.MetricVisits: float64(p.Visits),
		armistice.MetricAcceptanceRate: armistice.Round1(p.AcceptanceRate),
	}
}

// announceAgreement posts a version to the sales and the marketing
// channels: to sign while unsigned, as news once signed. A channel that
// cannot be posted to is logged; the agreement stands.
func (s *Service) announceAgreement(ctx context.Context, a armistice.Agreement) {
	cfg := s.current()
	title := "Agreement for " + a.Month.String() + " proposed"
	if a.Signed() {
		title = "Agreement for " + a.Month.String() + " signed"
	}
	posted := map[string]bool{}
	for _, ch := range []string{cfg.SalesChannel, cfg.MarketingChannel} {
		if ch == "" || posted[ch] {
			continue
		}
		posted[ch] = true
		dg := chat.Digest{Kind: chat.DigestAgreement, Period: a.Month.String(), Title: title, Agreement: &a, Zone: cfg.Location}
		if _, err := s.chat.PostDigest(ctx, ch, dg); err != nil {
			s.log.Warn("agreement: posting to a channel", "channel", ch, "month", a.Month.String(), "err", err)
		}
	}
}

// SignAgreement signs a version of a month's agreement for team; only
// that team's signers may, and only the newest version. Once both teams
// signed, its goals are the month's and both channels hear it.
func (s *Service) SignAgreement(ctx context.Context, user string, month armistice.Month, version int, team armistice.Team) (armistice.Agreement, error) {
	if !slices.Contains(s.signers(team), user) {
		return armistice.Agreement{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only the %s leads can sign for %s.", team, team)
	}
	a, err := s.db.SignAgreement(ctx, month, version, team, user)
	if errors.Is(err, storage.ErrSignedAlready) {
		return a, armistice.Errorf(armistice.ECONFLICT, "The agreement for %s was signed for %s already.", month, team)
	}
	if errors.Is(err, storage.ErrStaleAgreement) || errors.Is(err, storage.ErrNotFound) {
		return a, armistice.Errorf(armistice.ECONFLICT, "This version of the agreement for %s was edited since: sign the newest one (see `agreement %s`).", month, month)
	}
	if err != nil {
		return a, err
	}
	if a.Signed() {
		s.reloadAfterSave() // its MQL bar is in force
		s.announceAgreement(ctx, a)
	}
	return a, nil
}

// AgreementToEdit is the version a user is about to edit: a signer of
// either team or an admin may, the newest version only.
func (s *Service) AgreementToEdit(ctx context.Context, user string, month armistice.Month, version int) (armistice.Agreement, error) {
	if !s.mayEdit(user) {
		return armistice.Agreement{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only the teams' signers and admins can edit the agreement.")
	}
	versions, err := s.db.AgreementVersions(ctx, month)
	if err != nil {
		return armistice.Agreement{}, err
	}
	if len(versions) == 0 || versions[0].Version != version {
		return armistice.Agreement{}, armistice.Errorf(armistice.ECONFLICT, "This version of the agreement for %s was edited since: edit the newest one.", month)
	}
	if versions[0].Signed() {
		return armistice.Agreement{}, armistice.Errorf(armistice.ECONFLICT, "The agreement for %s is signed already.", month)
	}
	return versions[0], nil
}

// EditAgreement makes the form's values a new version of the month's
// agreement, signed by no one (a signature on the last one is cleared:
// both teams sign the same numbers), and posts it to both channels.
// Problems come back as an EINVALID error naming each field.
func (s *Service) EditAgreement(ctx context.Context, user string, month armistice.Month, version int, values map[string]string) (armistice.Agreement, error) {
	base, err := s.AgreementToEdit(ctx, user, month, version)
	if err != nil {
		return base, err
	}
	edited, err := armistice.EditAgreement(base, values)
	if err != nil {
		return base, err
	}
	edited.ProposedBy = user
	a, err := s.db.AddAgreementVersion(ctx, edited)
	if err != nil {
		return a, err
	}
	s.announceAgreement(ctx, a)
	return a, nil
}

// unsignedAgreement is the month's newest version while both teams have
// not signed it; nil when they have or none was proposed.
func (s *Service) unsignedAgreement(ctx context.Context, m armistice.Month) (*armistice.Agreement, error) {
	versions, err := s.db.AgreementVersions(ctx, m)
	if err != nil || len(versions) == 0 || versions[0].Signed() {
		return nil, err
	}
	return &versions[0], nil
}

// markBelowBar notes on each lead why it falls short of bar, the MQL bar of
// the newest agreement signed for this month or before; without one (nil),
// every lead counts.
func markBelowBar(leads []armistice.Lead, bar *armistice.Agreement) {
	if bar == nil || !bar.HasBar() {
		return
	}
	for i := range leads {
		leads[i].BelowBar = bar.BelowBar(leads[i])
	}
}
