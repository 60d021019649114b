package converse_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
	"github.com/armistice/armistice/teams"
)

const (
	marketingLead = "U0MLEAD001"
	salesLead     = "U0SLEAD001"
)

// agreementWorld is a Conversation whose signers are marketingLead and
// salesLead, posting to the sales and marketing channels of a slackemu.
func agreementWorld(t *testing.T) (*converse.Conversation, *slackemu.Server, *handlers.Service) {
	t.Helper()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{rep, salesLead}}, slackemu.Channel{ID: marketing, Name: "marketing", Members: []string{marketingLead}})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{
		SalesChannel: sales, MarketingChannel: marketing, Admins: []string{admin}, MarketingLeads: []string{marketingLead}, SalesLeads: []string{salesLead},
		SLA: 4 * time.Hour, BusinessHours: hours, DigestSchedule: "0 9 * * 1-5"}})
	return converse.New(svc, nil), emu, svc
}

// posted waits for a message in channel whose text or blocks hold each of
// want, and returns it.
func posted(t *testing.T, emu *slackemu.Server, channel string, want ...string) slackemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var found slackemu.Message
	err := emu.Await(ctx, func() bool {
		for _, m := range emu.Messages(channel) {
			all := m.Text + strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(string(m.Blocks))
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(all, w)
			}
			if ok {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no message in %s with %q", channel, want)
	}
	return found
}

// TestAgreementIsSignedByBothTeamsOnTheSameNumbers runs the month's
// agreement from proposal to signature: both channels get it with Sign for
// marketing, Sign for sales and Edit (the same in Slack and Teams); a
// non-signer is refused privately; sales' edit clears marketing's
// signature; signed by both, the goals take effect and both channels hear
// who signed.
func TestAgreementIsSignedByBothTeamsOnTheSameNumbers(t *testing.T) {
	t.Parallel()
	conv, emu, _ := agreementWorld(t)
	ctx := context.Background()
	run := func(user, line string) string {
		r := conv.Run(ctx, converse.Call{User: user, Line: line, Invoke: "/armistice", Channel: sales, Platform: armistice.Slack})
		return slackPlain(bot.ReplyMessage(r))
	}
	if out := run(admin, "agreement propose"); !strings.Contains(out, "(version 1) is proposed to both teams' channels") {
		t.Fatalf("propose: %s", out)
	}
	for _, ch := range []string{sales, marketing} {
		posted(t, emu, ch, "proposed", `"action_id":"agreement_sign_marketing"`, `"action_id":"agreement_sign_sales"`, `"action_id":"agreement_edit"`)
	}
	month := armistice.MonthOf(time.Now(), time.UTC).String()
	v1, _ := json.Marshal(converse.AgreementChoice{Month: month, Version: 1})

	refused := conv.SignAgreement(ctx, converse.Call{User: rep, Platform: armistice.Slack}, armistice.TeamSales, string(v1))
	if out := slackPlain(bot.ReplyMessage(refused)); !refused.Private || out != "Only the sales leads can sign for sales. They are U0SLEAD001." {
		t.Errorf("a rep signing for sales: private %v, %s", refused.Private, out)
	}
	signed := conv.SignAgreement(ctx, converse.Call{User: marketingLead, Platform: armistice.Slack}, armistice.TeamMarketing, string(v1))
	if out := slackPlain(bot.ReplyMessage(signed)); !strings.Contains(out, "You signed the agreement for "+month+" (version 1) for marketing; it takes effect once the other team signs.") {
		t.Errorf("marketing signing: %s", out)
	}

	twice := conv.SignAgreement(ctx, converse.Call{User: marketingLead, Platform: armistice.Slack}, armistice.TeamMarketing, string(v1))
	if out := slackPlain(bot.ReplyMessage(twice)); out != "The agreement for "+month+" was signed for marketing already." {
		t.Errorf("signing twice: %s", out)
	}

	// Sales edits: a bad value is named on its field, nothing stored.
	f, _, ok := conv.AgreementForm(ctx, converse.Call{User: salesLead, Platform: armistice.Slack}, string(v1), nil, nil)
	if !ok || f.Name != converse.FormAgreement {
		t.Fatalf("the edit form: %+v", f)
	}
	values := map[string]string{"mqls": "lots", "sla": "4h", "shared_weight": "60", "mql_min_score": "60"}
	if bad, _ := conv.SubmitAgreement(ctx, converse.Call{User: salesLead, Platform: armistice.Slack}, string(v1), values); bad["mqls"] == "" {
		t.Errorf("a bad target was taken: %v", bad)
	}
	if out := run(rep, "agreement"); !strings.Contains(out, "version 1") || !strings.Contains(out, "Signed for marketing by U0MLEAD001") {
		t.Errorf("a bad edit changed the agreement: %s", out)
	}
	values["mqls"] = "150"
	if bad, r := conv.SubmitAgreement(ctx, converse.Call{User: salesLead, Platform: armistice.Slack}, string(v1), values); len(bad) > 0 || !strings.Contains(slackPlain(bot.ReplyMessage(r)), "Version 2 of the agreement") {
		t.Fatalf("the edit: %v %+v", bad, r)
	}
	out := run(rep, "agreement")
	for _, want := range []string{"version 2", "MQLs: 150", "MQL bar: score at least 60", "Scorecard: 60% shared goals", "Not signed yet for marketing.", "Earlier versions version 1", "signed for marketing"} {
		if !strings.Contains(out, want) {
			t.Errorf("after the edit, the agreement lacks %q: %s", want, out)
		}
	}
	if out := run(rep, "goals"); !strings.Contains(out, "Unsigned: version 2") {
		t.Errorf("goals of an unsigned month: %s", out)
	}
	stale := conv.SignAgreement(ctx, converse.Call{User: salesLead, Platform: armistice.Slack}, armistice.TeamSales, string(v1))
	if out := slackPlain(bot.ReplyMessage(stale)); !strings.Contains(out, "was edited since") {
		t.Errorf("signing an edited version: %s", out)
	}

	v2, _ := json.Marshal(converse.AgreementChoice{Month: month, Version: 2})
	conv.SignAgreement(ctx, converse.Call{User: marketingLead, Platform: armistice.Slack}, armistice.TeamMarketing, string(v2))
	last := conv.SignAgreement(ctx, converse.Call{User: salesLead, Platform: armistice.Slack}, armistice.TeamSales, string(v2))
	if out := slackPlain(bot.ReplyMessage(last)); out != "You signed the agreement for "+month+" (version 2) for sales." {
		t.Errorf("sales signing: %s", out)
	}
	for _, ch := range []string{sales, marketing} {
		posted(t, emu, ch, "is signed by <@U0MLEAD001> for marketing and <@U0SLEAD001> for sales")
	}
	goals := run(rep, "goals")
	if strings.Contains(goals, "Unsigned") || !strings.Contains(goals, "MQLs: 0 of 150") {
		t.Errorf("goals once signed: %s", goals)
	}

	// An admin's goal set, or the plan adopted, is a new version to sign.
	run(admin, "goal set mqls 170")
	if out := run(rep, "goals"); !strings.Contains(out, "MQLs: 0 of 170") || !strings.Contains(out, "Unsigned: version 3") {
		t.Errorf("goals after goal set: %s", out)
	}
	conv.AdoptPlan(ctx, converse.Call{User: admin, Platform: armistice.Slack}, `{"revenue":100000,"deal":10000}`)
	if out := run(rep, "agreement"); !strings.Contains(out, "version 4") || !strings.Contains(out, "Revenue: 100,000") || !strings.Contains(out, "Not signed yet for sales.") {
		t.Errorf("the agreement after the plan was adopted: %s", out)
	}
}

// TestAgreementReadsTheSameInSlackAndTeams draws the agreement as posted,
// proposed and signed, for both platforms.
func TestAgreementReadsTheSameInSlackAndTeams(t *testing.T) {
	t.Parallel()
	a := armistice.Agreement{Month: armistice.Month{Year: 2026, Month: 12}, Version: 3, Goals: map[armistice.Metric]float64{armistice.MetricMQLs: 200, armistice.MetricSLAMetRate: 90, armistice.MetricRevenue: 120000},
		MQLMinScore: 60, MQLRequired: []string{"company"}, SLA: 4 * time.Hour, SharedWeight: 50, Marketing: armistice.AgreementSignature{By: marketingLead, At: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}}
	for _, tc := range []struct {
		a    armistice.Agreement
		want []string
	}{
		{a, []string{"proposed", "Marketing commits to MQLs: 200", "Sales commits to Followed up in time: 90.0%", "Both teams share Revenue: 120,000",
			"MQL bar: score at least 60, with company", "Signed for marketing by U0MLEAD001 on 1 Dec 2026 10:00 UTC.", "Not signed yet for sales.", "Sign for sales Edit"}},
		{func() armistice.Agreement {
			s := a
			s.Sales = armistice.AgreementSignature{By: salesLead, At: a.Marketing.At}
			return s
		}(),
			[]string{"is signed by U0MLEAD001 for marketing and U0SLEAD001 for sales: its goals are in effect."}},
	} {
		r := converse.AgreementNews(tc.a)
		inSlack, inTeams := slackPlain(bot.ReplyMessage(r)), teamsPlain(t, teams.ReplyActivity(r, func(id string) string { return id }, nil))
		if inSlack != inTeams {
			t.Errorf("reads differently:\nSlack %s\nTeams %s", inSlack, inTeams)
		}
		for _, w := range tc.want {
			if !strings.Contains(inSlack, w) {
				t.Errorf("lacks %q: %s", w, inSlack)
			}
		}
	}
}

// TestAgendaRoundTripAndTheWeeklySummary adds points to the weekly
// meeting's agenda, lists them with who added them, marks one done, and
// finds the open one in the weekly summary, in Slack and Teams alike.
func TestAgendaRoundTripAndTheWeeklySummary(t *testing.T) {
	t.Parallel()
	conv, _, svc := agreementWorld(t)
	ctx := context.Background()
	run := func(user, line string) string {
		t.Helper()
		r := conv.Run(ctx, converse.Call{User: user, Line: line, Invoke: "/armistice", Channel: sales, Platform: armistice.Slack})
		inSlack, inTeams := slackPlain(bot.ReplyMessage(r)), teamsPlain(t, teams.ReplyActivity(r, func(id string) string { return id }, nil))
		if inSlack != inTeams {
			t.Errorf("%q reads differently:\nSlack %s\nTeams %s", line, inSlack, inTeams)
		}
		return inSlack
	}
	for _, tc := range []struct{ user, line, want string }{
		{rep, "agenda", "The agenda of the weekly meeting is empty. Add a point with /armistice agenda add TEXT."},
		{rep, "agenda add", "Nothing was added: say what to talk about."},
		{rep, "agenda add Leads from the <webinar> lack a budget", "Added to the weekly meeting's agenda: Leads from the <webinar> lack a budget"},
		{marketingLead, "agenda add Raise the MQL bar to 70?", "Added to the weekly meeting's agenda: Raise the MQL bar to 70?"},
		{rep, "agenda", "Agenda of the weekly meeting 1. Leads from the <webinar> lack a budget — U0REP00001 2. Raise the MQL bar to 70? — U0MLEAD001"},
		{rep, "agenda done 3", "There is no item 3 on the agenda; it has 2."},
		{rep, "agenda done one", "Use /armistice agenda done N, N being the item's number in /armistice agenda."},
		{salesLead, "agenda done 1", "Item 1 is done: Leads from the <webinar> lack a budget"},
		{rep, "agenda done 1", "Item 1 is done already."},
		{rep, "agenda", "1. Leads from the <webinar> lack a budget — U0REP00001 · done by U0SLEAD001 2. Raise the MQL bar to 70? — U0MLEAD001"},
	} {
		if got := run(tc.user, tc.line); !strings.Contains(got, tc.want) {
			t.Errorf("%q answered %s, want %q", tc.line, got, tc.want)
		}
	}
	dg, err := svc.ComposeDigest(ctx, chat.DigestWeekly, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r := converse.DigestReply(dg, converse.DigestLimits{ListChars: 1000})
	inSlack := slackPlain(bot.ReplyMessage(r))
	if !strings.Contains(inSlack, "Open on the weekly meeting's agenda 1. Raise the MQL bar to 70? — U0MLEAD001") || strings.Contains(inSlack, "webinar") {
		t.Errorf("the weekly summary's agenda: %s", inSlack)
	}
}
