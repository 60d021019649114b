package converse_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

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
	sales     = "C0SALES001"
	emea      = "C0EMEA0001"
	marketing = "C0MRKTG001"
	admin     = "U0ADMIN001"
	rep       = "U0REP00001"
	rep2      = "U0REP00002"
)

// world is a Conversation over a fresh database and a bot on slackemu, with
// two leads (one rejected with a long comment), a persona with an insight,
// a goal, a routing rule, a pool of two reps in the sales channel and a
// holiday.
func world(t *testing.T) *converse.Conversation {
	t.Helper()
	ctx := context.Background()
	db := storagetest.DB(t)
	b, _ := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{rep, rep2}}, slackemu.Channel{ID: emea, Name: "sales-emea"}, slackemu.Channel{ID: marketing, Name: "marketing"})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{
		SalesChannel: sales, MarketingChannel: marketing, Admins: []string{admin}, SLA: 4 * time.Hour, BusinessHours: hours, DigestSchedule: "0 9 * * 1-5"}})
	got, err := svc.TakeLeads(ctx, []armistice.Lead{
		{ExternalID: "p-1", Email: "ana@example.com", Name: "Ana <Ruiz>", Company: "Acme"},
		{ExternalID: "p-2", Email: "bo@example.com", Name: "Bo", Company: "Initech"},
	}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, got[1].ID, armistice.Decision{Verdict: armistice.StatusRejected, By: rep, Reason: "other", Comment: strings.Repeat("they bought *elsewhere* ", 20) + "END"}); err != nil {
		t.Fatal(err)
	}
	written := map[string]any{"hubspot": "written to HubSpot contact 51: hubspot_owner_id=77 <!channel>"}
	if _, err := db.AddEvent(ctx, got[1].ID, armistice.EventHubSpotWritten, "armistice", written, false); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddPersonaLine(ctx, admin, "cfo Chief <Financial> Officer: owns the budget"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SaveInsight(ctx, chat.InsightInput{Persona: "cfo", Text: "Budgets freeze in <!channel> December #budget", Author: rep, Permalink: "https://x.test/m/1"}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := svc.SetGoal(ctx, admin, "mqls", "100", ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.AdminAddRoute(ctx, admin, "region", "EMEA", chat.ChannelRef{ID: emea}); err != nil {
		t.Fatal(err)
	}
	two, five := 2, 5
	if _, err := svc.PoolAdd(ctx, admin, sales, chat.PoolRepArgs{Rep: rep, Weight: &two, Cap: &five}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PoolAdd(ctx, admin, sales, chat.PoolRepArgs{Rep: rep2}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.HolidayAdd(ctx, admin, "2026-12-25", "Christmas"); err != nil {
		t.Fatal(err)
	}
	return converse.New(svc, nil)
}

// TestEveryVerbReadsTheSameInSlackAndTeams answers each command once and
// draws the reply for both platforms: stripped of their markup, the two
// must read the same.
func TestEveryVerbReadsTheSameInSlackAndTeams(t *testing.T) {
	t.Parallel()
	conv := world(t)
	ctx := context.Background()
	cases := []struct {
		user, line string
		platform   armistice.Platform
		want       []string // in the plain text
		not        []string
		private    bool // answered only to the caller
	}{
		{user: rep, line: "help", want: []string{"/armistice lead EXTERNALID — the lead's state and history", "/armistice route list|add|remove"}},
		{user: rep, line: "frobnicate", want: []string{"Armistice commands"}},
		{user: admin, line: "forget p-1", want: []string{"Matched by external ID p-1.", "Erased the personal data of lead p-1 (received", "): email, name."}},
		{user: admin, line: "lead p-1", want: []string{"erased — new (lead p-1)", "erased by U0ADMIN001"}, not: []string{"Acme", "Ana"}},
		{user: admin, line: "lead p-2", want: []string{"Bo at Initech — rejected (lead p-2)", "reason: other", "they bought elsewhere they", "hubspot: written to HubSpot contact 51: hubspot", "=77 <!channel>)"}, not: []string{"END"}},
		{user: "U0GUEST001", line: "lead p-2", want: []string{"Only the sales team, the marketing team and admins can see a lead's history."}, not: []string{"admins are"}},
		{user: rep, line: "goals", want: []string{"Goals for", "Marketing commits to", "MQLs: 2 of 100"}},
		{user: rep, line: "goal", want: []string{"Use /armistice goal set METRIC TARGET [YYYY-MM]; metrics: visits"}},
		{user: rep, line: "goal set mqls 1", want: []string{"Only admins can set goals. The admins are U0ADMIN001."}},
		{user: admin, line: "goal set mqls 120", want: []string{"Goal set: MQLs for"}},
		{user: rep, line: "plan 100k deal 10k", want: []string{"To make 100,000 in revenue (average deal 10,000)", "10 deals won, from", "Adopt as goals"}},
		{user: rep, line: "plan lots", want: []string{"Use /armistice plan REVENUE [deal AVGDEAL] [YYYY-MM], e.g. /armistice plan 250k deal 12k."}},
		{user: rep, line: "stats", want: []string{"Funnel for", "MQLs 2", "Top rejection reasons: other (1)", "By rep:", "U0REP00001: 0 assigned, 0 accepted, 1 rejected, 0 reassigned away, SLA met 1 of 1 decided, speed to lead: median"}},
		{user: rep, line: "route help", want: []string{"/armistice route list — the rules"}},
		{user: rep, line: "route", want: []string{"1 region = EMEA → C0EMEA0001 (by U0ADMIN001", "other leads go to C0SALES001"}},
		{user: rep, line: "route add region=APAC channel=" + emea, want: []string{"Only admins can change the routing rules. The admins are U0ADMIN001."}},
		{user: admin, line: "route add region=APAC", want: []string{"Name the channel", "/armistice route remove N"}},
		{user: rep, line: "route remove 1", want: []string{"Only admins can change the routing rules."}},
		{user: admin, line: "route remove one", want: []string{`"one" is not a rule number`}},
		{user: rep, line: "forget", want: []string{"Say whose personal data to erase"}},
		{user: rep, line: "forget p-2", want: []string{"Only admins can erase personal data."}},
		{user: rep, line: "personas", want: []string{"cfo Chief <Financial> Officer — owns the budget (1 insight)"}},
		{user: rep, line: "persona cfo", want: []string{"Newest insights", "Budgets freeze in <!channel> December #budget — U0REP00001"}},
		{user: rep, line: "persona add cto CTO: tech", want: []string{"Only admins can add personas."}},
		{user: rep, line: "insight cfo Wants ROI first", want: []string{"Saved for cfo as a sales insight."}},
		{user: rep, line: "insights cfo", want: []string{"Newest insights about cfo (page 1)", "source"}},
		{user: rep, line: "insights kubernetes", want: []string{"Insights matching “kubernetes”: none."}},
		{user: admin, line: "settings history", want: []string{"Changes to the settings and routing rules", "routing rule 1 added: region = EMEA → C0EMEA0001"}},
		{user: rep, line: "settings", want: []string{"Only admins can change the settings."}},
		{user: rep, line: "agreement", want: []string{"Nothing is proposed for", "/armistice agreement propose"}},
		{user: rep, line: "agreement propose", want: []string{"Only admins can propose the agreement. The admins are U0ADMIN001."}},
		{user: admin, line: "agreement propose", want: []string{"(version 1) is proposed to both teams' channels, to sign."}},
		{user: admin, line: "goal set mqls 130", want: []string{"Goal set: MQLs for"}},
		{user: rep, line: "agreement", want: []string{"Agreement for", "— version 2", "Marketing commits to MQLs: 130", "MQL bar: none: every lead counts",
			"Not signed yet for marketing.", "Not signed yet for sales.", "Earlier versions version 1, proposed by U0ADMIN001", "Sign for marketing Sign for sales Edit"}},
		{user: rep, line: "goals", want: []string{"Unsigned: version 2 of the agreement for", "awaits the signature of both teams."}},
		{user: rep, line: "agreement 2026-13", want: []string{"month"}},
		{user: rep, line: "agenda add Talk about <pricing>", want: []string{"Added to the weekly meeting's agenda: Talk about <pricing>"}},
		{user: rep, line: "agenda", want: []string{"Agenda of the weekly meeting", "1. Talk about <pricing> — U0REP00001"}},
		{user: rep, line: "agenda done 1", want: []string{"Item 1 is done: Talk about <pricing>"}},
		{user: rep, line: "scorecard", want: []string{"Only sales managers and admins can see the scorecard."}},
		{user: admin, line: "scorecard", want: []string{"Scorecard for", "50% shared goals, 50% own commitments (no agreement signed", "marketing: 1.5% (own commitments 1.5%, shared goals 0.0%)", "Sales reps U0REP00001: 0.0%"}},
		{user: admin, line: "settings", platform: armistice.Teams, want: []string{"Settings in force", "Sales channel: C0SALES001", "Admins: U0ADMIN001"}},
		{user: rep, line: "pool", want: []string{"The pool of C0SALES001: each new lead goes to the available rep with the fewest leads this month for their weight.",
			"U0REP00001 — weight 2, cap 5 a day; 0 today, 0 this month; available", "U0REP00002 — weight 1, no cap; 0 today, 0 this month; available"}},
		{user: rep, line: "pool add U0REP00003", want: []string{"Only admins can change the pools. The admins are U0ADMIN001."}},
		{user: admin, line: "pool add <@U0REP00003|cy> weight=11", want: []string{`The weight is a whole number from 1 to 10, not "11".`, "/armistice pool add @rep weight=2 cap=5 — adds a rep"}},
		{user: admin, line: "pool add <@U0REP00003|cy> weight=3", want: []string{"U0REP00003 joins the pool", "U0REP00003 — weight 3, no cap; 0 today, 0 this month; available"}},
		{user: admin, line: "pool set U0REP00003 cap=2", platform: armistice.Teams, want: []string{"U0REP00003's weight and cap are changed.", "U0REP00003 — weight 3, cap 2 a day"}},
		{user: admin, line: "pool set U0REP00003", want: []string{"Say what to change: weight=N, cap=N or both."}},
		{user: admin, line: "pool remove U0REP00003", want: []string{"U0REP00003 is out of the pool", "U0REP00002 — weight 1"}, not: []string{"U0REP00003 — weight"}},
		{user: admin, line: "pool frob", want: []string{`"frob" is not a pool command.`}},
		{user: rep, line: "away for 3d at a <conference>", want: []string{"You are away until", "(taking leads again that day) — at a <conference>. No leads from any pool until then; /armistice back ends it sooner."}},
		{user: rep, line: "pool", want: []string{"U0REP00001 — weight 2, cap 5 a day; 0 today, 0 this month; away until", "(at a <conference>)"}},
		{user: rep, line: "back", want: []string{"You take leads again, from each pool's current share."}},
		{user: rep, line: "back", want: []string{"You were not away."}},
		{user: rep, line: "away <@U0REP00002> for 2d", want: []string{"Only admins can set someone else's absence. The admins are U0ADMIN001."}},
		{user: rep, line: "away until 2026-13-01", want: []string{`"2026-13-01" is not a date: write it as YYYY-MM-DD, e.g. 2026-12-25. Use /armistice away [until YYYY-MM-DD | for Nd] [note].`}},
		{user: admin, line: "away U0REP00002", want: []string{"U0REP00002 is away. No leads from any pool until /armistice back @rep."}},
		{user: rep, line: "route test region=NA", want: []string{"Only admins can test the routing. The admins are U0ADMIN001."}},
		{user: admin, line: "route test region=NA email=ana@acme.com", want: []string{"A lead like that would go to C0SALES001.", "It would be assigned to U0REP00001 — round robin: 0 this month at weight 2, the fewest.", "Passed over: U0REP00002: away", "A test: nothing was changed."}},
		{user: admin, line: "route test region=EMEA", want: []string{"A lead like that would go to C0EMEA0001. That channel has no pool: anyone on the sales team would claim it."}},
		{user: admin, line: "route test country=ES", want: []string{`Expected region=, segment=, source=, email= or owner=, got "country=ES".`}},
		{user: admin, line: "back <@U0REP00002|bo>", want: []string{"U0REP00002 takes leads again"}},
		{user: rep, line: "holidays", want: []string{"Holidays, on which the business-hours clock", "2026-12-25 Friday — Christmas"}},
		{user: rep, line: "holidays add 2026-12-31", want: []string{"Only admins can change the holidays. The admins are U0ADMIN001."}},
		{user: admin, line: "holidays add 2026-12-32", want: []string{`"2026-12-32" is not a date`}},
		{user: admin, line: "holidays add 2027-01-01 New <Year>", want: []string{"2027-01-01 — New <Year> is a holiday: the business-hours clock stands still on it."}},
		{user: admin, line: "holidays add 2027-01-01 New <Year>", want: []string{"2027-01-01 is a holiday already."}},
		{user: admin, line: "holidays remove 2027-01-01", want: []string{"2027-01-01 is a working day again."}},
		{user: admin, line: "holidays remove 2027-01-01", want: []string{"2027-01-01 is not a holiday."}},
		{user: admin, line: "holidays purge", want: []string{"Use /armistice holidays, /armistice holidays add YYYY-MM-DD [name]"}},
		{user: rep, line: "board", private: true, want: []string{"Only admins can get the board's link. The admins are U0ADMIN001."}},
		{user: admin, line: "board", private: true, want: []string{"The board is off: set ARMISTICEBOARDTOKEN (16 characters or more) to turn it on."}},
		{user: rep, line: "my leads", private: true, want: []string{"My leads", "No leads await your decision.", "Decided lately", "My month: ", "Goals for "}},
		{user: rep, line: "my stuff", private: true, want: []string{"Type /armistice my leads for the leads assigned to you."}},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		if tc.platform == "" {
			tc.platform = armistice.Slack
		}
		r := conv.Run(ctx, converse.Call{User: tc.user, Line: tc.line, Invoke: "/armistice", Channel: sales, Platform: tc.platform})
		if r.Form != nil || r.Digest != nil {
			t.Errorf("%q answered a form or a digest", tc.line)
			continue
		}
		if tc.private && !r.Private {
			t.Errorf("%q answered in public", tc.line)
		}
		inSlack, inTeams := slackPlain(bot.ReplyMessage(r)), teamsPlain(t, teams.ReplyActivity(r, func(id string) string { return id }, nil))
		if inSlack != inTeams {
			t.Errorf("%q reads differently:\nSlack %s\nTeams %s", tc.line, inSlack, inTeams)
		}
		for _, w := range tc.want {
			if !strings.Contains(inSlack, w) {
				t.Errorf("%q lacks %q: %s", tc.line, w, inSlack)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(inSlack, w) {
				t.Errorf("%q shows %q: %s", tc.line, w, inSlack)
			}
		}
		seen[strings.Fields(tc.line)[0]] = true
	}

	// The verbs that answer with a form or a digest.
	for line, want := range map[string]converse.FormName{"lead": converse.FormLead, "insight cfo": converse.FormInsight, "settings": converse.FormSettings} {
		r := conv.Run(ctx, converse.Call{User: admin, Line: line, Invoke: "/armistice", Platform: armistice.Slack})
		if r.Form == nil || r.Form.Name != want {
			t.Errorf("%q answered %+v, want the %s form", line, r, want)
		}
		seen[strings.Fields(line)[0]] = true
	}
	if r := conv.Run(ctx, converse.Call{User: rep, Line: "digest", Platform: armistice.Slack}); r.Digest == nil || !r.Private {
		t.Errorf("digest answered %+v", r)
	}
	seen["digest"] = true
	for _, c := range converse.Commands {
		if verb := strings.Fields(c.Usage)[0]; !seen[verb] {
			t.Errorf("the verb %q is not tried", verb)
		}
	}
}

var (
	slackUser    = regexp.MustCompile(`<@([A-Z0-9]+)>`)
	slackChannel = regexp.MustCompile(`<#([A-Z0-9]+)>`)
	slackLink    = regexp.MustCompile(`<[^|>]+\|([^>]+)>`)
	teamsLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	cardEscaped  = regexp.MustCompile(`\\(.)`)
)

// slackPlain is what a Slack message shows, without its markup: its
// headers, sections, context and buttons.
func slackPlain(m slack.Msg) string {
	var parts []string
	for _, b := range m.Blocks.BlockSet {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			parts = append(parts, html.EscapeString(b.Text.Text))
		case *slack.SectionBlock:
			if b.Text != nil {
				parts = append(parts, b.Text.Text)
			}
			for _, f := range b.Fields {
				parts = append(parts, f.Text)
			}
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				parts = append(parts, e.(*slack.TextBlockObject).Text)
			}
		case *slack.ActionBlock:
			for _, e := range b.Elements.ElementSet {
				parts = append(parts, e.(*slack.ButtonBlockElement).Text.Text)
			}
		}
	}
	s := strings.Join(parts, "\n")
	s = slackUser.ReplaceAllString(s, "$1")
	s = slackChannel.ReplaceAllString(s, "$1")
	s = slackLink.ReplaceAllString(s, "$1")
	return plain(html.UnescapeString(s), "• ")
}

// teamsPlain is what a Teams message or card shows, without its markup:
// the text, or the card's TextBlocks and buttons.
func teamsPlain(t *testing.T, a teams.Activity) string {
	t.Helper()
	if len(a.Attachments) == 0 {
		return plain(html.UnescapeString(teamsLink.ReplaceAllString(a.Text, "$1")), "- ")
	}
	raw, _ := json.Marshal(a.Attachments[0].Content)
	var card struct {
		Body    []struct{ Text string }
		Actions []struct{ Title string }
	}
	if err := json.Unmarshal(raw, &card); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, b := range card.Body {
		parts = append(parts, b.Text)
	}
	for _, a := range card.Actions {
		parts = append(parts, a.Title)
	}
	s := teamsLink.ReplaceAllString(strings.Join(parts, "\n"), "$1")
	return plain(cardEscaped.ReplaceAllString(s, "$1"), "- ")
}

// plain drops emphasis markers and list bullets and folds white space.
func plain(s, bullet string) string {
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		lines = append(lines, strings.TrimPrefix(strings.TrimSpace(l), bullet))
	}
	s = strings.NewReplacer("*", "", "_", "", "`", "").Replace(strings.Join(lines, "\n"))
	return strings.Join(strings.Fields(s), " ")
}

// TestNoticesReadTheSameInSlackAndTeams draws each kind of notice for both
// platforms: stripped of their markup, the two must read the same.
func TestNoticesReadTheSameInSlackAndTeams(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	lead := armistice.Lead{ID: 7, ExternalID: "n-1", Name: "Ana <Ruiz>", Company: "Acme *Corp*", Source: "webinar", Persona: "cfo",
		Status: armistice.StatusRejected, Verdict: armistice.StatusRejected, DecidedBy: rep, Reason: "other", Comment: "Not now.\nCall in <!here> spring"}
	erased := lead
	erased.ErasedAt = &now
	card := chat.LeadCard{Lead: lead, DueAt: now, Zone: time.UTC, TimeToDecision: 75 * time.Minute,
		Insights: []armistice.Insight{{Persona: "cfo", Team: "sales", Body: "Budgets _freeze_ in December"}}}
	erasedCard := card
	erasedCard.Lead = erased
	for name, tc := range map[string]struct {
		n    chat.Notice
		want []string
		not  []string
	}{
		"accepted":   {n: chat.Notice{Kind: chat.NoticeAccepted, Card: card}, want: []string{"✅ U0REP00001 accepted this lead", "1h 15m"}},
		"rejected":   {n: chat.Notice{Kind: chat.NoticeRejected, Card: card}, want: []string{"❌ Sales rejected Ana <Ruiz> at Acme Corp (source: webinar)", "U0REP00001 gave the reason other:", "> Not now. > Call in <!here> spring", "💡 What we know about cfo: sales: Budgets freeze in December"}},
		"erased":     {n: chat.Notice{Kind: chat.NoticeRejected, Card: erasedCard}, want: []string{"❌ Sales rejected erased (source: webinar)"}, not: []string{"Acme", "Ana"}},
		"reminder":   {n: chat.Notice{Kind: chat.NoticeReminder, Card: card}, want: []string{"⏰ Still waiting for a decision on this lead: the follow-up window ends Mon 23 Nov 14:00 UTC."}},
		"escalation": {n: chat.Notice{Kind: chat.NoticeEscalation, Card: card, Mentions: []string{admin, "aaaaaaaa-0000-0000-0000-000000000001", admin}}, want: []string{"🚨 No decision on Ana <Ruiz> at Acme Corp by the end of its follow-up window (Mon 23 Nov 14:00 UTC). U0ADMIN001, please take a look."}},
		"nobody":     {n: chat.Notice{Kind: chat.NoticeEscalation, Card: card, Thread: "1", Mentions: []string{"aaaaaaaa-0000-0000-0000-000000000001"}}, want: []string{"with no decision on this lead. No sales manager is on Slack to hear of it here."}},
		"refused":    {n: chat.Notice{Kind: chat.NoticeCardRefused, Card: card, CardRef: chat.MessageRef{Platform: armistice.Slack}, Detail: "invalid_blocks"}, want: []string{"⚠️ Slack refused the card of lead n-1, Ana <Ruiz> at Acme Corp: invalidblocks", "/armistice lead n-1 shows the lead's details."}},
	} {
		r := converse.NoticeReply(tc.n, armistice.Slack, "/armistice")
		inSlack, inTeams := slackPlain(bot.ReplyMessage(r)), teamsPlain(t, teams.ReplyActivity(r, func(id string) string { return id }, nil))
		if inSlack != inTeams {
			t.Errorf("%s reads differently:\nSlack %s\nTeams %s", name, inSlack, inTeams)
		}
		for _, w := range tc.want {
			if !strings.Contains(inSlack, w) {
				t.Errorf("%s lacks %q: %s", name, w, inSlack)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(inSlack, w) {
				t.Errorf("%s shows %q: %s", name, w, inSlack)
			}
		}
	}
}

// TestBoardAnswersItsLinkPrivately gives an admin the board's link, token
// included, in a reply only they see, on either platform.
func TestBoardAnswersItsLinkPrivately(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://armistice.example.com/")
	svc := handlers.New(handlers.Config{Settings: handlers.Settings{Admins: []string{admin}},
		Board: handlers.BoardAccess{Token: "a-token-of-sixteen-or-more", PublicURL: base}})
	conv := converse.New(svc, nil)
	for _, p := range []armistice.Platform{armistice.Slack, armistice.Teams} {
		r := conv.Run(context.Background(), converse.Call{User: admin, Line: "board", Invoke: "/armistice", Platform: p})
		if !r.Private {
			t.Errorf("%s: the board's link answered in public", p)
		}
		msg, _ := json.Marshal(bot.ReplyMessage(r))
		card, _ := json.Marshal(teams.ReplyActivity(r, func(id string) string { return id }, nil))
		for _, drawn := range []string{string(msg), string(card)} {
			if !strings.Contains(drawn, "https://armistice.example.com/board?token=a-token-of-sixteen-or-more") {
				t.Errorf("%s: the reply lacks the board's link: %s", p, drawn)
			}
		}
		if got := slackPlain(bot.ReplyMessage(r)); !strings.Contains(got, "The board on the wall: open the board. The link holds the board's token") {
			t.Errorf("%s: %s", p, got)
		}
	}
}
