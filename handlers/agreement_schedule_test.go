package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// TestTheMonthlyReviewProposesTheAgreementAndRemindsUntilSigned: on the
// first working day the agreement is proposed (drafted by the monthly
// review), each working day after it a reminder goes out, and once both
// teams signed nothing more.
func TestTheMonthlyReviewProposesTheAgreementAndRemindsUntilSigned(t *testing.T) {
	t.Parallel()
	tb, c := november(t)
	ctx := context.Background()
	if _, err := tb.db.Pool().Exec(ctx, `UPDATE installation SET installed_at = '2026-10-01'`); err != nil {
		t.Fatal(err)
	}
	agreementJobs := func(at time.Time) []handlers.DigestJob {
		t.Helper()
		c.set(at)
		due, err := tb.svc.DigestsDue(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		var out []handlers.DigestJob
		for _, j := range due {
			if strings.HasPrefix(string(j.Kind), "agreement") {
				out = append(out, j)
			}
		}
		return out
	}
	post := func(jobs []handlers.DigestJob) {
		t.Helper()
		for _, j := range jobs {
			if err := tb.svc.PostDigest(ctx, j, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if due := agreementJobs(time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC)); len(due) != 0 {
		t.Errorf("before a proposal, no reminder: %v", due)
	}
	first := agreementJobs(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	if fmt.Sprint(first) != "[{agreement 2026-12 C0SALES001}]" {
		t.Fatalf("on 1 December: %v", first)
	}
	post(first)
	_, versions, err := tb.svc.Agreement(ctx, "2026-12")
	if err != nil || len(versions) != 1 || versions[0].ProposedBy != armistice.ProposedByReview {
		t.Fatalf("the proposal: %+v %v", versions, err)
	}
	// November made 12,000 in revenue: the draft plans for as much.
	if g := versions[0].Goals; g[armistice.MetricRevenue] != 12000 || g[armistice.MetricMQLs] == 0 {
		t.Errorf("the draft's goals: %v", versions[0].Goals)
	}
	if due := agreementJobs(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)); len(due) != 0 {
		t.Errorf("proposed twice: %v", due)
	}
	reminder := agreementJobs(time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC))
	if fmt.Sprint(reminder) != "[{agreement_reminder 2026-12-02 C0SALES001}]" {
		t.Fatalf("on 2 December: %v", reminder)
	}
	post(reminder)
	msgs := tb.emu.Messages(sales)
	if n := len(msgs); n < 2 || !strings.Contains(msgs[n-2].Text, "Agreement for 2026-12 proposed") ||
		!strings.Contains(msgs[n-1].Text, "Reminder: the agreement for 2026-12 is not signed yet") || !strings.Contains(string(msgs[n-1].Blocks), "agreement_sign_sales") {
		t.Errorf("posts: %+v", msgs)
	}
	for _, team := range []armistice.Team{armistice.TeamMarketing, armistice.TeamSales} {
		if _, err := tb.svc.SignAgreement(ctx, admin, armistice.Month{Year: 2026, Month: 12}, 1, team); err != nil {
			t.Fatal(err)
		}
	}
	if due := agreementJobs(time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)); len(due) != 0 {
		t.Errorf("a reminder once signed: %v", due)
	}
}
