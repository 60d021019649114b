package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Why a signature is not recorded.
var (
	// ErrStaleAgreement: an edit has replaced the version signed.
	ErrStaleAgreement = errors.New("a newer version of the agreement exists")
	// ErrSignedAlready: the team signed this version already.
	ErrSignedAlready = errors.New("the team signed this version already")
)

// AddAgreementVersion stores a as the month's newest version, signed by no
// one, and returns it with its version number.
func (db *DB) AddAgreementVersion(ctx context.Context, a armistice.Agreement) (armistice.Agreement, error) {
	goals := map[string]float64{}
	for m, v := range a.Goals {
		goals[string(m)] = v
	}
	body, err := json.Marshal(goals)
	if err != nil {
		return a, err
	}
	required := a.MQLRequired
	if required == nil {
		required = []string{}
	}
	row, err := db.q.InsertAgreement(ctx, db.pool, dbsqlc.InsertAgreementParams{
		Month: a.Month.String(), Goals: body, MqlMinScore: int32(a.MQLMinScore), MqlRequired: required,
		SlaSeconds: int32(a.SLA / time.Second), SharedWeight: int32(a.SharedWeight), ProposedBy: a.ProposedBy, ProposedAt: db.now(),
	})
	if err != nil {
		return a, fmt.Errorf("storing the agreement of %s: %w", a.Month, interpretError(err))
	}
	return agreementOf(row)
}

// AgreementVersions returns a month's agreement, newest version first;
// none when nothing was proposed.
func (db *DB) AgreementVersions(ctx context.Context, month armistice.Month) ([]armistice.Agreement, error) {
	rows, err := db.q.AgreementVersions(ctx, db.pool, month.String())
	if err != nil {
		return nil, fmt.Errorf("the agreement of %s: %w", month, interpretError(err))
	}
	return agreementsOf(rows)
}

// SignedAgreement returns the newest agreement signed by both teams for
// month or a month before it; ok is false when there is none.
func (db *DB) SignedAgreement(ctx context.Context, month armistice.Month) (a armistice.Agreement, ok bool, err error) {
	row, err := db.q.LatestSignedAgreement(ctx, db.pool, month.String())
	if errors.Is(err, pgx.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("the signed agreement of %s: %w", month, interpretError(err))
	}
	a, err = agreementOf(row)
	return a, err == nil, err
}

// SignedAgreements returns, for each month with one, the newest version
// both teams signed, newest month first.
func (db *DB) SignedAgreements(ctx context.Context) ([]armistice.Agreement, error) {
	rows, err := db.q.SignedAgreements(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("the signed agreements: %w", interpretError(err))
	}
	return agreementsOf(rows)
}

// SignAgreement records user's signature for team on a version of the
// month's agreement, which must be the newest (ErrStaleAgreement if not)
// and not signed for team yet (ErrSignedAlready); when both teams have
// signed it, its goals become the month's goals, and the only ones, in
// the same transaction, and the other replicas are told (on
// SettingsChannel: its MQL bar is in force) when it commits.
func (db *DB) SignAgreement(ctx context.Context, month armistice.Month, version int, team armistice.Team, user string) (armistice.Agreement, error) {
	var signed armistice.Agreement
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		newest, err := db.q.LockNewestAgreement(ctx, tx, month.String())
		if err != nil {
			return err
		}
		if int(newest.Version) != version {
			return ErrStaleAgreement
		}
		now := db.now()
		var row dbsqlc.Agreement
		if team == armistice.TeamMarketing {
			row, err = db.q.SignAgreementForMarketing(ctx, tx, dbsqlc.SignAgreementForMarketingParams{Month: month.String(), Version: int32(version), MarketingBy: user, MarketingAt: &now})
		} else {
			row, err = db.q.SignAgreementForSales(ctx, tx, dbsqlc.SignAgreementForSalesParams{Month: month.String(), Version: int32(version), SalesBy: user, SalesAt: &now})
		}
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrSignedAlready
		}
		if err != nil {
			return err
		}
		if signed, err = agreementOf(row); err != nil || !signed.Signed() {
			return err
		}
		if err := db.q.DeleteGoalsOf(ctx, tx, month.String()); err != nil {
			return err
		}
		for m, v := range signed.Goals {
			if err := db.q.UpsertGoal(ctx, tx, dbsqlc.UpsertGoalParams{Period: month.String(), Metric: string(m), Target: v, SetBy: signed.Marketing.By + "+" + signed.Sales.By, SetAt: now}); err != nil {
				return err
			}
		}
		return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: user})
	})
	if errors.Is(err, ErrStaleAgreement) || errors.Is(err, ErrSignedAlready) {
		return signed, err
	}
	if err != nil {
		return signed, fmt.Errorf("signing the agreement of %s: %w", month, interpretError(err))
	}
	return signed, nil
}

// agreementsOf reads stored versions, in their order.
func agreementsOf(rows []dbsqlc.Agreement) ([]armistice.Agreement, error) {
	out := make([]armistice.Agreement, 0, len(rows))
	for _, r := range rows {
		a, err := agreementOf(r)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// agreementOf reads a stored version.
func agreementOf(r dbsqlc.Agreement) (armistice.Agreement, error) {
	month, err := armistice.ParseMonth(r.Month)
	if err != nil {
		return armistice.Agreement{}, err
	}
	var goals map[string]float64
	if err := json.Unmarshal(r.Goals, &goals); err != nil {
		return armistice.Agreement{}, fmt.Errorf("the goals of the agreement of %s: %w", r.Month, err)
	}
	a := armistice.Agreement{
		Month: month, Version: int(r.Version), Goals: map[armistice.Metric]float64{}, MQLMinScore: int(r.MqlMinScore),
		SLA: time.Duration(r.SlaSeconds) * time.Second, SharedWeight: int(r.SharedWeight), ProposedBy: r.ProposedBy, ProposedAt: r.ProposedAt,
		Marketing: armistice.AgreementSignature{By: r.MarketingBy}, Sales: armistice.AgreementSignature{By: r.SalesBy},
	}
	if len(r.MqlRequired) > 0 {
		a.MQLRequired = r.MqlRequired
	}
	for m, v := range goals {
		a.Goals[armistice.Metric(m)] = v
	}
	if r.MarketingAt != nil {
		a.Marketing.At = *r.MarketingAt
	}
	if r.SalesAt != nil {
		a.Sales.At = *r.SalesAt
	}
	return a, nil
}
