package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// teamsWorld is a Teams tenant in teamsemu: a Sales team whose standard
// sales channel the reps are in, a Marketing team, and the people.
type teamsWorld struct {
	emu                                    *teamsemu.Server
	salesTeam, marketingTeam               teamsemu.Team
	sales, marketing                       string // channel IDs
	rep, rep2, manager, marketer, outsider teamsemu.User
}

func newTeamsWorld(t testing.TB, opts teamsemu.Options) *teamsWorld {
	t.Helper()
	emu := teamsemu.New(opts)
	t.Cleanup(emu.Close)
	w := &teamsWorld{emu: emu, salesTeam: emu.AddTeam("Sales"), marketingTeam: emu.AddTeam("Marketing")}
	w.sales = w.salesTeam.AddChannel("leads", teamsemu.MembershipStandard)
	w.marketing = w.marketingTeam.AddChannel("mqls", teamsemu.MembershipStandard)
	w.rep, w.rep2, w.manager = emu.AddUser("Rosa Díaz"), emu.AddUser("Sam Okafor"), emu.AddUser("Max Weber")
	w.marketer, w.outsider = emu.AddUser("Mia Laurent"), emu.AddUser("Olga Outsider")
	for _, u := range []teamsemu.User{w.rep, w.rep2} {
		emu.AddMember(w.salesTeam.ID, u)
	}
	emu.AddMember(w.marketingTeam.ID, w.marketer)
	return w
}

// env is the configuration that points the bot at teamsemu.
func (w *teamsWorld) env() map[string]string {
	o := w.emu.Options()
	return map[string]string{
		"TEAMS_APP_ID":              o.AppID,
		"TEAMS_APP_PASSWORD":        o.ClientSecret,
		"TEAMS_TENANT_ID":           o.TenantID,
		"TEAMS_OPENID_METADATA_URL": w.emu.MetadataURL(),
		"TEAMS_TOKEN_URL":           w.emu.URL() + "/{tenant}/oauth2/v2.0/token",
		"ARMISTICE_SALES_MANAGERS":  w.manager.AADObjectID,
		"ARMISTICE_ADMINS":          w.manager.AADObjectID,
	}
}

// startTeams runs serve for a Teams-only deployment: sales and marketing
// channels in Teams, the app installed in both teams.
func startTeams(t *testing.T, opts teamsemu.Options, extra map[string]string) (*e2e, *teamsWorld) {
	t.Helper()
	w := newTeamsWorld(t, opts)
	return serveTeams(t, w, extra), w
}

// serveTeams runs serve for a Teams-only deployment in w, with the app
// installed in both teams.
func serveTeams(t *testing.T, w *teamsWorld, extra map[string]string) *e2e {
	t.Helper()
	env := w.env()
	env["DATABASE_URL"] = storagetest.URL(t)
	env["ARMISTICE_SALES_CHANNEL"] = w.sales
	env["ARMISTICE_MARKETING_CHANNEL"] = w.marketing
	env["ARMISTICE_HTTP_ADDR"] = "127.0.0.1:0"
	env["ARMISTICE_WEBHOOK_SECRET"] = webhookSecret
	for k, v := range extra {
		env[k] = v
	}
	e := runServe(t, env)
	w.install(t, e, w.salesTeam, w.marketingTeam)
	return e
}

func (w *teamsWorld) install(t testing.TB, e *e2e, ts ...teamsemu.Team) {
	t.Helper()
	for _, team := range ts {
		if err := w.emu.Install(context.Background(), e.botURL(), team.ID, w.manager); err != nil {
			t.Fatalf("installing in %s: %v\n%s", team.Name, err, e.logs)
		}
	}
}

func (e *e2e) botURL() string { return "http://" + e.addr + "/api/messages" }

// send posts an activity as Teams does and returns the bot's answer.
func (w *teamsWorld) send(t testing.TB, e *e2e, a teams.Activity) (int, []byte) {
	t.Helper()
	status, body, err := w.emu.Send(context.Background(), e.botURL(), a)
	if err != nil {
		t.Fatal(err)
	}
	return status, body
}

// await waits for cond on teamsemu's state.
func (w *teamsWorld) await(t testing.TB, e *e2e, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.emu.WaitFor(ctx, cond); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, e.logs)
	}
}

// cardJSON is a message's Adaptive Card as JSON text.
func cardJSON(t testing.TB, m teamsemu.Message) string {
	t.Helper()
	if len(m.Activity.Attachments) != 1 || m.Activity.Attachments[0].ContentType != teams.ContentTypeAdaptiveCard {
		t.Fatalf("not a one-card message: %+v", m.Activity)
	}
	b, err := json.Marshal(m.Activity.Attachments[0].Content)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replyText is the text of the bot's newest reply in a thread.
func replyTexts(m teamsemu.Message) []string {
	var out []string
	for _, r := range m.Replies {
		out = append(out, r.Activity.Text)
	}
	return out
}

// invokeValue decodes an Action.Execute answer's message text.
func executeText(t testing.TB, status int, body []byte) string {
	t.Helper()
	var res struct {
		StatusCode int    `json:"statusCode"`
		Type       string `json:"type"`
		Value      string `json:"value"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &res) != nil || res.Type != "application/vnd.microsoft.activity.message" {
		t.Fatalf("Action.Execute answer %d: %s", status, body)
	}
	return res.Value
}

func TestTeamsRefusesCallsThatAreNotTeamsAndChangesNothing(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	db, err := storage.Open(context.Background(), e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func() string {
		var s string
		err := db.Pool().QueryRow(context.Background(), `SELECT (SELECT count(*) FROM insights) || '/' || (SELECT count(*) FROM teams_users) || '/' || (SELECT count(*) FROM teams_conversations)`).Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The real thing passes, also signed with a key that lists no
	// endorsements, and after the keys rotate.
	w.emu.RotateKey()
	for _, token := range []string{w.emu.SignToken(teamsemu.TokenOptions{}), w.emu.SignToken(teamsemu.TokenOptions{Key: teamsemu.KeyNoEndorsements})} {
		status, body, err := w.emu.SendWithToken(context.Background(), e.botURL(), w.emu.MentionMessage(w.rep, w.sales, "help"), token)
		if err != nil || status != http.StatusOK {
			t.Fatalf("a valid call: %d %s %v\n%s", status, body, err, e.logs)
		}
	}
	before := count()
	o := w.emu.Options()
	now := time.Now()
	insight := w.emu.MentionMessage(w.outsider, w.sales, "insight cfo wants a monthly invoice")
	cases := map[string]string{
		"unsigned":               "",
		"expired":                w.emu.SignToken(teamsemu.TokenOptions{IssuedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-10 * time.Minute)}),
		"wrong audience":         w.emu.SignToken(teamsemu.TokenOptions{Audience: "11111111-2222-3333-4444-555555555555"}),
		"wrong issuer":           w.emu.SignToken(teamsemu.TokenOptions{Issuer: "https://sts.windows.net/" + o.TenantID + "/"}),
		"alg none":               w.emu.SignToken(teamsemu.TokenOptions{AlgNone: true}),
		"serviceurl mismatch":    w.emu.SignToken(teamsemu.TokenOptions{ServiceURL: "https://smba.example.net/amer/"}),
		"key of another channel": w.emu.SignToken(teamsemu.TokenOptions{Key: teamsemu.KeyOtherChannel}),
		"unknown key":            w.emu.SignToken(teamsemu.TokenOptions{KeyID: "not-a-served-key"}),
	}
	for name, token := range cases {
		status, body, err := w.emu.SendWithToken(context.Background(), e.botURL(), insight, token)
		if err != nil {
			t.Fatal(err)
		}
		if status != http.StatusUnauthorized {
			t.Errorf("%s: %d %s, want 401", name, status, body)
		}
	}
	// A token endorsed for another channel, on an activity of that channel.
	webchat := insight
	webchat.ChannelID = "webchat"
	if status, body, err := w.emu.SendWithToken(context.Background(), e.botURL(), webchat, w.emu.SignToken(teamsemu.TokenOptions{Key: teamsemu.KeyOtherChannel})); err != nil || status != http.StatusUnauthorized {
		t.Errorf("an activity of another channel: %d %s %v", status, body, err)
	}
	if after := count(); after != before {
		t.Errorf("refused calls changed the database: insights/users/conversations %s → %s", before, after)
	}
}

func TestTeamsLeadCardAcceptForEveryoneSecondRepToldNonMemberRefused(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	sendLead(t, e.addr, `{"external_id":"t-1","email":"ana@example.com","name":"<at>Ana</at> **Boss**","company":"Initech","source":"webinar"}`)
	w.await(t, e, "one card in the sales channel", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	card := w.emu.Messages(w.sales)[0]
	body := cardJSON(t, card)
	for _, want := range []string{`"verb":"accept"`, `"type":"Action.Execute"`, `"task/fetch"`, `Initech`} {
		if !strings.Contains(body, want) {
			t.Errorf("the card lacks %s: %s", want, body)
		}
	}
	var shown struct {
		Body []struct {
			Text string `json:"text"`
		} `json:"body"`
	}
	if err := json.Unmarshal([]byte(body), &shown); err != nil || len(shown.Body) == 0 || shown.Body[0].Text != `New MQL: <at>Ana</at> \*\*Boss\*\*` {
		t.Errorf("the lead's name is not escaped for the card: %s", body)
	}
	accept := func(u teamsemu.User) string {
		status, body := w.send(t, e, w.emu.CardAction(u, w.sales, card.ID, teams.VerbAccept, map[string]string{"leadId": "1"}))
		return executeText(t, status, body)
	}
	if got := accept(w.outsider); !strings.Contains(got, "sales") {
		t.Errorf("a non-member was not refused: %q", got)
	}
	if got := accept(w.rep); !strings.Contains(got, "You accepted") {
		t.Errorf("the rep's accept: %q\n%s", got, e.logs)
	}
	if got := accept(w.rep2); !strings.Contains(got, "already accepted by Rosa Díaz.") {
		t.Errorf("the second rep was not told who won: %q", got)
	}
	w.await(t, e, "the card updated for everyone", func() bool {
		m := w.emu.Messages(w.sales)
		return len(m) == 1 && m[0].Updates >= 1 && strings.Contains(cardJSON(t, m[0]), "**Accepted** by **Rosa Díaz**")
	})
	updated := cardJSON(t, w.emu.Messages(w.sales)[0])
	if strings.Contains(updated, `"verb":"accept"`) {
		t.Errorf("the decided card still has Accept: %s", updated)
	}
	w.await(t, e, "the thread told", func() bool {
		return len(w.emu.Messages(w.sales)[0].Replies) == 1
	})
	if r := replyTexts(w.emu.Messages(w.sales)[0]); !strings.Contains(r[0], "Rosa Díaz") {
		t.Errorf("thread reply: %q", r)
	}
}

func TestTeamsRejectDialogShowsTheFieldErrorThenTellsMarketing(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	sendLead(t, e.addr, `{"external_id":"t-2","email":"rex@example.com","name":"Rex","company":"Hooli","source":"webinar"}`)
	w.await(t, e, "one card", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	card := w.emu.Messages(w.sales)[0]
	open := map[string]any{"action": teams.ActionReject, "leadId": "1", "msteams": map[string]string{"type": "task/fetch"}}

	status, body := w.send(t, e, w.emu.TaskFetch(w.outsider, w.sales, card.ID, open))
	if status != http.StatusOK || !strings.Contains(string(body), `"type":"message"`) {
		t.Errorf("a non-member got a dialog: %d %s", status, body)
	}
	status, body = w.send(t, e, w.emu.TaskFetch(w.rep, w.sales, card.ID, open))
	if status != http.StatusOK || !strings.Contains(string(body), `"type":"continue"`) || !strings.Contains(string(body), `"id":"reason"`) {
		t.Fatalf("no reason dialog: %d %s\n%s", status, body, e.logs)
	}
	submit := func(reason, comment string) string {
		_, body := w.send(t, e, w.emu.TaskSubmit(w.rep, w.sales, card.ID, map[string]any{
			"action": teams.ActionRejectSubmit, "leadId": "1", "reason": reason, "comment": comment,
		}))
		return string(body)
	}
	again := submit("other", "")
	if !strings.Contains(again, `"type":"continue"`) || !strings.Contains(again, "say why") || !strings.Contains(again, `"value":"other"`) {
		t.Errorf("other without a comment did not come back with the field error: %s", again)
	}
	if n := len(w.emu.Messages(w.marketing)); n != 0 {
		t.Fatalf("an invalid rejection reached marketing (%d messages)", n)
	}
	if done := submit("other", "<at>Everyone</at> they bought last week"); !strings.Contains(done, `"type":"message"`) {
		t.Errorf("a complete rejection: %s", done)
	}
	w.await(t, e, "feedback to marketing", func() bool { return len(w.emu.Messages(w.marketing)) == 1 })
	fb := w.emu.Messages(w.marketing)[0].Activity
	for _, want := range []string{"Rex", "Hooli", "other", "they bought last week", "Rosa Díaz"} {
		if !strings.Contains(fb.Text, want) {
			t.Errorf("the feedback lacks %q: %s", want, fb.Text)
		}
	}
	if strings.Contains(fb.Text, "<at>Everyone</at>") || len(fb.Entities) != 0 {
		t.Errorf("the comment mentions someone: %s %+v", fb.Text, fb.Entities)
	}
	w.await(t, e, "the card redrawn", func() bool {
		return strings.Contains(cardJSON(t, w.emu.Messages(w.sales)[0]), "**Rejected** by **Rosa Díaz**")
	})
}

func TestTeamsCommandsByMentionAnswerInTheThread(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	ask := func(u teamsemu.User, text string) string { t.Helper(); return askTeams(t, e, w, u, text) }
	if got := ask(w.manager, "goal set mqls 210 2026-11"); !strings.Contains(got, "Goal set") {
		t.Errorf("goal set by an admin: %q", got)
	}
	if got := ask(w.rep, "goal set mqls 300 2026-11"); strings.Contains(got, "Goal set") {
		t.Errorf("goal set by a rep: %q", got)
	}
	if got := ask(w.manager, "persona add cfo CFO: Chief financial officer"); !strings.Contains(got, "saved") {
		t.Errorf("persona add: %q", got)
	}
	if got := ask(w.rep, "goals 2026-11"); !strings.Contains(got, "Goals for 2026-11") {
		t.Errorf("goals: %q", got)
	}
	if got := ask(w.rep, "stats"); !strings.Contains(got, "Funnel for") {
		t.Errorf("stats: %q", got)
	}
	got := ask(w.rep, "insight cfo wants **one** invoice a month #billing")
	if !strings.Contains(got, "Saved for **cfo** as a sales insight") {
		t.Errorf("insight: %q", got)
	}
	db, err := storage.Open(context.Background(), e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var text, author string
	var tags []string
	if err := db.Pool().QueryRow(context.Background(), `SELECT body, author, tags FROM insights`).Scan(&text, &author, &tags); err != nil {
		t.Fatal(err)
	}
	if text != "wants **one** invoice a month #billing" || author != w.rep.AADObjectID || fmt.Sprint(tags) != "[billing]" {
		t.Errorf("stored insight: %q by %s tags %v", text, author, tags)
	}
	// Teams delivers a message again when the answer is slow: it runs once.
	twice := w.emu.MentionMessage(w.rep, w.sales, "insight cfo sent twice")
	w.send(t, e, twice)
	w.send(t, e, twice)
	var n int
	if err := db.Pool().QueryRow(context.Background(), `SELECT count(*) FROM insights WHERE body = 'sent twice'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a message delivered twice saved %d insights (%v)", n, err)
	}
	if got := ask(w.rep, "insights cfo"); !strings.Contains(got, "invoice a month") {
		t.Errorf("insights: %q", got)
	}
	if got := ask(w.rep, "route add region=EMEA channel="+w.salesTeam.ID); strings.Contains(got, "added") {
		t.Errorf("a rep changed the routing: %q", got)
	}
	if got := ask(w.manager, "route add region=EMEA channel="+w.salesTeam.ID); !strings.Contains(got, "Rule `1` added") || !strings.Contains(got, "**General**") {
		t.Errorf("route add by an admin: %q", got)
	}
	if got := ask(w.rep, "route list"); !strings.Contains(got, "EMEA") || !strings.Contains(got, "Max Weber") {
		t.Errorf("route list: %q", got)
	}
	sendLead(t, e.addr, `{"external_id":"f-1","email":"gone@example.com","name":"Gwen Gone","company":"Acme"}`)
	if got := ask(w.manager, "forget gone@example.com"); !strings.Contains(got, "personal chat") {
		t.Errorf("forget: %q", got)
	}
	w.await(t, e, "the erasure told privately", func() bool {
		for _, m := range w.emu.PersonalMessages(w.manager) {
			if strings.Contains(m.Activity.Text, "Erased the personal data of lead `f-1`") {
				return true
			}
		}
		return false
	})
	if got := ask(w.manager, "settings"); !strings.Contains(got, "personal chat") {
		t.Errorf("settings: %q", got)
	}
	w.await(t, e, "the settings told privately", func() bool {
		for _, m := range w.emu.PersonalMessages(w.manager) {
			if strings.Contains(m.Activity.Text, "Settings in force") && strings.Contains(m.Activity.Text, "Max Weber") {
				return true
			}
		}
		return false
	})
}

func TestTeamsDigestPreviewGoesOnlyToTheCallersPersonalChat(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	msg := w.emu.MentionMessage(w.rep, w.sales, "digest")
	if status, body := w.send(t, e, msg); status != http.StatusOK {
		t.Fatalf("digest: %d %s", status, body)
	}
	var thread []teamsemu.Message
	w.await(t, e, "an answer in the thread", func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if m.ID == msg.ID && len(m.Replies) > 0 {
				thread = m.Replies
				return true
			}
		}
		return false
	})
	if len(thread) != 1 || thread[0].Activity.Text != "Sent to your personal chat with the bot." || len(thread[0].Activity.Attachments) != 0 {
		t.Errorf("the thread holds %d replies (first %q with %d attachments), want only the pointer to the personal chat", len(thread), thread[0].Activity.Text, len(thread[0].Activity.Attachments))
	}
	isDigest := func(m teamsemu.Message) bool {
		return len(m.Activity.Attachments) == 1 && strings.Contains(cardJSON(t, m), "awaiting a decision")
	}
	// The thread's pointer is posted after the preview was sent.
	mine := w.emu.PersonalMessages(w.rep)
	if len(mine) != 1 || !isDigest(mine[0]) {
		t.Fatalf("the caller's personal chat holds %d messages, want the digest preview", len(mine))
	}
	for _, u := range []teamsemu.User{w.rep2, w.manager, w.marketer, w.outsider} {
		for _, m := range w.emu.PersonalMessages(u) {
			if isDigest(m) {
				t.Errorf("%s got the preview", u.Name)
			}
		}
	}
	for _, channel := range []string{w.sales, w.marketing} {
		for _, m := range w.emu.Messages(channel) {
			if isDigest(m) {
				t.Errorf("the preview was posted in %s", channel)
			}
		}
	}
}

func TestTeamsMessageActionSavesAnInsightWithTheMessageText(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	msg := w.emu.MentionMessage(w.manager, w.sales, "persona add cfo CFO: Chief financial officer")
	w.send(t, e, msg)
	w.await(t, e, "persona added", func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if m.ID == msg.ID && len(m.Replies) > 0 {
				return true
			}
		}
		return false
	})
	target := w.emu.Messages(w.sales)[0]
	target.Activity.Text = "<p>Their CFO only signs off in <b>Q1</b> &amp; Q3</p>"
	status, body := w.send(t, e, w.emu.ExtensionFetchTask(w.rep2, w.sales, teams.CommandSaveInsight, target))
	if status != http.StatusOK || !strings.Contains(string(body), `"value":"Their CFO only signs off in Q1 \u0026 Q3"`) {
		t.Fatalf("the dialog lacks the message's text: %d %s\n%s", status, body, e.logs)
	}
	var task struct {
		Task struct {
			Value struct {
				Card struct {
					Content map[string]any `json:"content"`
				} `json:"card"`
			} `json:"value"`
		} `json:"task"`
	}
	if err := json.Unmarshal(body, &task); err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	for _, a := range task.Task.Value.Card.Content["actions"].([]any) {
		data = a.(map[string]any)["data"].(map[string]any)
	}
	data["persona"], data["text"], data["tags"] = "cfo", "Their CFO only signs off in Q1 & Q3", "budget"
	status, body = w.send(t, e, w.emu.ExtensionSubmitAction(w.rep2, w.sales, teams.CommandSaveInsight, target, data))
	if status != http.StatusOK || !strings.Contains(string(body), "Saved for cfo") {
		t.Fatalf("submit: %d %s", status, body)
	}
	db, err := storage.Open(context.Background(), e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var text, author, link string
	if err := db.Pool().QueryRow(context.Background(), `SELECT body, author, permalink FROM insights`).Scan(&text, &author, &link); err != nil {
		t.Fatal(err)
	}
	if text != "Their CFO only signs off in Q1 & Q3" || author != w.rep2.AADObjectID {
		t.Errorf("stored: %q by %s (%s)", text, author, link)
	}
}

func TestTeamsPacedThrough429EveryLeadGetsOneCard(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{RateLimit: true}, nil)
	w.emu.FailNext(3, http.StatusTooManyRequests, time.Second)
	const leads = 25
	for i := range leads {
		sendLead(t, e.addr, fmt.Sprintf(`{"external_id":"p-%d","email":"p%d@example.com","name":"Lead %d","company":"Acme"}`, i, i, i))
	}
	w.await(t, e, "every card", func() bool { return len(w.emu.Messages(w.sales)) >= leads })
	e.awaitJobsSettled(t, "announce", "announce_channel") // a second card would show by then
	seen := map[string]int{}
	var order []int
	for _, m := range w.emu.Messages(w.sales) {
		cardJSON(t, m) // a card and nothing else
		seen[m.Activity.Summary]++
		var n int
		if _, err := fmt.Sscanf(m.Activity.Summary, "New lead: Lead %d", &n); err != nil {
			t.Fatalf("summary %q: %v", m.Activity.Summary, err)
		}
		order = append(order, n)
	}
	if !slices.IsSorted(order) {
		t.Errorf("the cards are not in the order the leads arrived: %v", order)
	}
	if len(seen) != leads {
		t.Errorf("%d distinct cards for %d leads", len(seen), leads)
	}
	for who, n := range seen {
		if n != 1 {
			t.Errorf("%s: %d cards", who, n)
		}
	}
	if got := w.emu.Calls()[teamsemu.Call{Route: teamsemu.RouteCreateConversation, Status: http.StatusTooManyRequests}]; got < 3 {
		t.Errorf("the bot met %d 429s, want at least the 3 injected", got)
	}
}

func TestTeamsLeadsWaitForTheAppToBeInstalled(t *testing.T) {
	t.Parallel()
	w := newTeamsWorld(t, teamsemu.Options{})
	env := w.env()
	env["DATABASE_URL"] = storagetest.URL(t)
	env["ARMISTICE_SALES_CHANNEL"] = w.sales
	env["ARMISTICE_MARKETING_CHANNEL"] = w.marketing
	env["ARMISTICE_HTTP_ADDR"] = "127.0.0.1:0"
	env["ARMISTICE_WEBHOOK_SECRET"] = webhookSecret
	e := runServe(t, env)
	w.install(t, e, w.marketingTeam) // not yet where sales is
	sendLead(t, e.addr, `{"external_id":"w-1","email":"w@example.com","name":"Wanda","company":"Acme"}`)
	db, err := storage.Open(context.Background(), e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var waiting int
	for deadline := time.Now().Add(20 * time.Second); waiting == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := db.Pool().QueryRow(context.Background(), `SELECT count(*) FROM announce_waits`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	if waiting != 1 || len(w.emu.Messages(w.sales)) != 0 {
		t.Fatalf("the lead does not wait: %d waiting, %d cards\n%s", waiting, len(w.emu.Messages(w.sales)), e.logs)
	}
	w.install(t, e, w.salesTeam)
	w.await(t, e, "the card once installed", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	if code, body := e.get(t, "/readyz"); code != http.StatusOK || !strings.Contains(body, "teams") {
		t.Errorf("/readyz: %d %s", code, body)
	}
}

func TestMixedSalesInTeamsMarketingInSlack(t *testing.T) {
	t.Parallel()
	w := newTeamsWorld(t, teamsemu.Options{})
	dbURL := storagetest.URL(t)
	db, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Installed long ago, the digest due at midnight: today's is due now.
	if _, err := db.Pool().Exec(context.Background(), `UPDATE installation SET installed_at = now() - interval '2 days'`); err != nil {
		t.Fatal(err)
	}
	env := w.env()
	env["DATABASE_URL"] = dbURL
	env["ARMISTICE_SALES_CHANNEL"] = w.sales
	env["ARMISTICE_MARKETING_CHANNEL"] = marketingChannel
	env["ARMISTICE_DIGEST_SCHEDULE"] = "0 0 * * *"
	e := startServe(t, env)
	w.install(t, e, w.salesTeam)

	sendLead(t, e.addr, `{"external_id":"m-1","email":"mo@example.com","name":"Mo","company":"Globex","source":"ads"}`)
	w.await(t, e, "the card in Teams", func() bool { return len(w.emu.Messages(w.sales)) >= 1 && cardHasAccept(t, w.emu.Messages(w.sales)) })
	if n := len(e.emu.Messages(salesChannel)); n != 0 {
		t.Errorf("%d messages in the Slack channel that is not the sales channel", n)
	}
	var card teamsemu.Message
	for _, m := range w.emu.Messages(w.sales) {
		if strings.Contains(cardJSON(t, m), `"verb":"accept"`) {
			card = m
		}
	}
	_, body := w.send(t, e, w.emu.TaskSubmit(w.rep, w.sales, card.ID, map[string]any{
		"action": teams.ActionRejectSubmit, "leadId": "1", "reason": "no budget", "comment": "next year",
	}))
	if !strings.Contains(string(body), `"type":"message"`) {
		t.Fatalf("the rejection: %s\n%s", body, e.logs)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	feedback := func() (string, bool) {
		for _, m := range e.emu.Messages(marketingChannel) {
			if strings.Contains(m.Text, "Sales rejected") {
				return m.Text, true
			}
		}
		return "", false
	}
	if err := e.emu.Await(ctx, func() bool { _, ok := feedback(); return ok }); err != nil {
		t.Fatalf("no feedback in Slack: %v\n%s", err, e.logs)
	}
	fb, _ := feedback()
	for _, want := range []string{"*Mo* at Globex", "*no budget*", "next year", "Rosa Díaz"} {
		if !strings.Contains(fb, want) {
			t.Errorf("the Slack feedback lacks %q: %s", want, fb)
		}
	}
	slackDigest := func() bool {
		for _, m := range e.emu.Messages(marketingChannel) {
			if m.Metadata != nil && m.Metadata.EventType == "armistice_digest" {
				return true
			}
		}
		return false
	}
	teamsDigest := func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if strings.HasPrefix(m.Activity.Summary, "Daily digest") {
				return true
			}
		}
		return false
	}
	if err := e.emu.Await(ctx, slackDigest); err != nil {
		t.Errorf("no digest in Slack: %v", err)
	}
	w.await(t, e, "the digest in Teams", teamsDigest)
}

// cardHasAccept tells whether one of the messages is an undecided lead card.
func cardHasAccept(t testing.TB, ms []teamsemu.Message) bool {
	for _, m := range ms {
		if strings.Contains(cardJSON(t, m), `"verb":"accept"`) {
			return true
		}
	}
	return false
}
