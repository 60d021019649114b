package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestScorecardCSVOfAHandComputedMonth scores November 2026 on the command
// line. Goals: 8 MQLs (marketing), 4 accepted and 100% in time (sales), 2
// deals won (shared). Four MQLs arrive; Rosa accepts two, Sam rejects one,
// all in time; nothing is won. So marketing's own is 4/8 = 50%, sales' own
// is (2/4 = 50% + 100%)/2 = 75%, shared is 0%, and with half and half
// (nothing signed) marketing scores 25.0 and sales 37.5. Each rep's count
// target is half the team's: Rosa (2/2 = 100% + 100%)/2 = 100 → 50.0; Sam
// (0/2 = 0% + 100%)/2 = 50 → 25.0.
func TestScorecardCSVOfAHandComputedMonth(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": manager}, func() time.Time { return clock })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, g := range []string{"mqls 8", "accepted 4", "sla_met_rate 100", "won 2"} {
		if out := plain(mustCommand(t, e, manager, "goal set "+g+" 2026-11")); !strings.Contains(out, "Goal set") {
			t.Fatalf("goal set %s: %s", g, out)
		}
	}
	for _, id := range []string{"s-1", "s-2", "s-3", "s-4"} {
		sendLeadAt(t, e.addr, `{"external_id":"`+id+`","email":"`+id+`@example.com"}`, clock)
	}
	cardOf(t, e, 4)
	for i := range 2 {
		card := cardOf(t, e, i+1)
		if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_accept"); err != nil {
			t.Fatal(err)
		}
		awaitCard(t, e, card.TS, "Accepted")
	}
	third := cardOf(t, e, 3)
	if _, err := e.emu.ClickButton(ctx, rep2, salesChannel, third.TS, "lead_reject"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep2)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.SubmitView(ctx, rep2, e.emu.Views(rep2)[0].ID, map[string]any{"reason": "no budget"}); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, third.TS, "Rejected")

	var out, errOut bytes.Buffer
	app := &App{Getenv: func(k string) string { return map[string]string{"DATABASE_URL": e.dbURL}[k] }, Stdout: &out, Stderr: &errOut}
	if err := app.Run(ctx, []string{"scorecard", "--month", "2026-11"}); err != nil {
		t.Fatalf("scorecard: %v %s", err, errOut.String())
	}
	want := `month,kind,who,team,own_pct,shared_pct,shared_weight_pct,score_pct,signed
2026-11,team,marketing,marketing,50.0,0.0,50,25.0,false
2026-11,team,sales,sales,75.0,0.0,50,37.5,false
2026-11,rep,U0REP00001,sales,100.0,0.0,50,50.0,false
2026-11,rep,U0REP00002,sales,50.0,0.0,50,25.0,false
`
	if out.String() != want {
		t.Errorf("scorecard CSV:\n%s\nwant\n%s", out.String(), want)
	}
	if err := app.Run(ctx, []string{"scorecard"}); err == nil || !strings.Contains(err.Error(), "give the month") {
		t.Errorf("no month: %v", err)
	}
	if err := app.Run(ctx, []string{"scorecard", "--month", "2026-13"}); err == nil || !strings.Contains(err.Error(), "--month") {
		t.Errorf("a bad month: %v", err)
	}
}
