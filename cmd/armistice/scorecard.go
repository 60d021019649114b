package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/armistice/armistice"
)

// scorecard writes a month's scorecard as CSV to standard output, one row
// per team and per rep, for the compensation tied to the shared goals.
func (a *App) scorecard(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("scorecard", flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	month := fs.String("month", "", "the month to score, YYYY-MM")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *month == "" || fs.NArg() > 0 {
		return errors.New("scorecard: give the month, e.g. scorecard --month 2026-11")
	}
	m, err := armistice.ParseMonth(*month)
	if err != nil {
		return fmt.Errorf("scorecard: --month: %w", err)
	}
	svc, db, err := a.openOffline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	sc, err := svc.ScorecardOf(ctx, m)
	if err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	return writeScorecard(a.Stdout, sc)
}

// writeScorecard writes the scorecard's rows: month, kind (team or rep),
// who, team, attainment of own commitments and of shared goals, the
// shared goals' weight, the score, and whether both teams signed.
func writeScorecard(out io.Writer, sc armistice.Scorecard) error {
	w := csv.NewWriter(out)
	pct := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	_ = w.Write([]string{"month", "kind", "who", "team", "own_pct", "shared_pct", "shared_weight_pct", "score_pct", "signed"})
	row := func(kind string, s armistice.Score) {
		_ = w.Write([]string{sc.Month.String(), kind, s.Who, string(s.Team), pct(s.OwnPct), pct(s.SharedPct), strconv.Itoa(s.SharedWeight), pct(s.Total), strconv.FormatBool(sc.Signed)})
	}
	for _, s := range sc.Teams {
		row("team", s)
	}
	for _, s := range sc.Reps {
		row("rep", s)
	}
	w.Flush()
	return w.Error()
}
