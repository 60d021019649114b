package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/slackemu"
)

// worst repeats what is hardest to show, escaped and counted — markup
// characters, a channel ping, accents, CJK and an emoji — to n characters.
func worst(n int) string {
	r := []rune(strings.Repeat("<&>é漢😀<!channel>", n))
	return string(r[:n])
}

// worstLead is a lead with every field at the longest intake validation
// allows, filled with what grows most when escaped.
func worstLead(t *testing.T, externalID string) armistice.Lead {
	t.Helper()
	score := 100
	l := armistice.Lead{
		ExternalID: externalID + strings.Repeat("<&>", (armistice.MaxExternalIDLen-len(externalID))/3),
		Email:      strings.Repeat("&", 240) + "@example.com",
		Name:       worst(armistice.MaxTextLen), Company: worst(armistice.MaxTextLen), Title: worst(armistice.MaxTextLen),
		Phone: worst(armistice.MaxTextLen), Source: worst(armistice.MaxTextLen), Segment: worst(armistice.MaxTextLen),
		Region: worst(armistice.MaxTextLen), Country: worst(armistice.MaxTextLen),
		Persona: strings.Repeat("p", 64), Score: &score,
		CRMURL: "https://crm.example.com/?q=" + worst(armistice.MaxTextLen-len("https://crm.example.com/?q=")),
		Notes:  worst(armistice.MaxNotesLen),
		Fields: map[string]string{},
	}
	for i := range armistice.MaxFields {
		l.Fields[fmt.Sprintf("%03d", i)+worst(97)] = worst(armistice.MaxTextLen)
	}
	l.Normalize()
	if bad := l.Validate(); len(bad) > 0 {
		t.Fatalf("the worst lead is not valid: %v", bad)
	}
	return l
}

// blocksText is a message's blocks as JSON text.
func blocksText(m slackemu.Message) string { return string(m.Blocks) }

func TestTheLargestValidLeadGetsItsFullCardInSlackOnce(t *testing.T) {
	tb := setup(t)
	ctx := context.Background()
	got, err := tb.svc.TakeLeads(ctx, []armistice.Lead{worstLead(t, "worst-1")}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	id := got[0].ID
	if err := tb.svc.Announce(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if err := tb.svc.Announce(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	cards := tb.emu.Messages(sales)
	if len(cards) != 1 {
		t.Fatalf("%d cards, want 1", len(cards))
	}
	body := blocksText(cards[0])
	for _, want := range []string{"*New MQL:*", "*Notes*", "*Source*", "lead_accept", "Open in CRM", `\u0026lt;!channel\u0026gt;`} {
		if !strings.Contains(body, want) {
			t.Errorf("the card lacks %s", want)
		}
	}
	if strings.Contains(body, "Details:") {
		t.Error("the largest valid lead got the minimal card, not its full card")
	}
	if minimal, err := tb.db.MinimalCard(ctx, id); err != nil || minimal {
		t.Errorf("recorded as minimal: %v %v", minimal, err)
	}
}

func TestACardSlackRefusesGivesWayToAMinimalCardAndTheAdminsAreTold(t *testing.T) {
	const admin, teamsAdmin = "U0ADMIN001", "6f1c2a40-1b2c-4d5e-8f90-123456789abc"
	const manager = "U0MGR00001"
	tb := setup(t, func(c *handlers.Config) {
		c.Settings.Admins = []string{admin, teamsAdmin}
		c.Settings.SalesManagers = []string{manager}
	})
	tb.emu.AddUser(slackemu.User{ID: admin, Name: "ada", RealName: "Ada Admin"})
	ctx := context.Background()
	id := tb.take(t, "refused-1")
	tb.emu.SetFault("chat.postMessage", slackemu.Fault{Error: "invalid_blocks", Times: 1})
	if err := tb.svc.Announce(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	cards := tb.emu.Messages(sales)
	if len(cards) != 1 {
		t.Fatalf("%d cards, want the minimal one", len(cards))
	}
	body := blocksText(cards[0])
	for _, want := range []string{"refused-1@example.com", "lead_accept", "lead_reject", "Details: `/armistice lead refused-1`"} {
		if !strings.Contains(body, want) {
			t.Errorf("the minimal card lacks %s: %s", want, body)
		}
	}
	if minimal, err := tb.db.MinimalCard(ctx, id); err != nil || !minimal {
		t.Errorf("not recorded as minimal: %v %v", minimal, err)
	}
	events, err := tb.db.LeadEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, string(e.Kind))
		if e.Kind == armistice.EventCardMinimal && !strings.Contains(fmt.Sprint(e.Data), "invalid_blocks") {
			t.Errorf("the event does not give Slack's answer: %v", e.Data)
		}
	}
	if !strings.Contains(strings.Join(kinds, " "), "announced card_minimal") {
		t.Errorf("events %v, want announced then card_minimal", kinds)
	}
	dms := tb.emu.DirectMessages(admin)
	if len(dms) != 1 || !strings.Contains(dms[0].Text, "Slack refused the card of lead `refused-1`") || !strings.Contains(dms[0].Text, "invalid_blocks") {
		t.Errorf("the admin was told %+v", dms)
	}

	// The decision redraws the card in its minimal form, though Slack
	// would now take the full one.
	if res, err := tb.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusAccepted, By: manager}); err != nil || !res.Decided {
		t.Fatalf("deciding on the minimal card's lead: %+v %v", res, err)
	}
	if err := tb.svc.PublishDecision(ctx, id); err != nil {
		t.Fatal(err)
	}
	redrawn := tb.emu.Messages(sales)[0]
	var blocks []json.RawMessage
	_ = json.Unmarshal(redrawn.Blocks, &blocks)
	if !redrawn.Edited || !strings.Contains(blocksText(redrawn), `*Accepted* by \u003c@`+manager) || !strings.Contains(blocksText(redrawn), "Details:") || len(blocks) != 2 {
		t.Errorf("the redrawn card is not the minimal one with the verdict: %s", redrawn.Blocks)
	}
}

func TestAFullCardRefusedOnARedrawIsRedrawnMinimalFromThenOn(t *testing.T) {
	const manager, marketing = "U0MGR00001", "C0MRKTG001"
	tb := setup(t, func(c *handlers.Config) {
		c.Settings.SalesManagers = []string{manager}
		c.Settings.MarketingChannel = marketing
	})
	tb.emu.AddChannel(slackemu.Channel{ID: marketing, Name: "marketing", Members: []string{tb.emu.Config().BotUserID}})
	ctx := context.Background()
	id := tb.take(t, "redraw-1")
	if err := tb.svc.Announce(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if body := blocksText(tb.emu.Messages(sales)[0]); strings.Contains(body, "Details:") {
		t.Fatalf("the card was minimal from the start: %s", body)
	}
	if _, err := tb.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusAccepted, By: manager}); err != nil {
		t.Fatal(err)
	}
	tb.emu.SetFault("chat.update", slackemu.Fault{Error: "invalid_blocks", Times: 1})
	if err := tb.svc.PublishDecision(ctx, id); err != nil {
		t.Fatal(err)
	}
	if body := blocksText(tb.emu.Messages(sales)[0]); !strings.Contains(body, "Details:") || !strings.Contains(body, "*Accepted* by") {
		t.Errorf("the card refused on its redraw is not the minimal one with the verdict: %s", body)
	}
	if minimal, err := tb.db.MinimalCard(ctx, id); err != nil || !minimal {
		t.Errorf("not recorded as minimal: %v %v", minimal, err)
	}
	// With no admin configured, the marketing channel hears of it.
	told := tb.emu.Messages(marketing)
	if len(told) != 1 || !strings.Contains(told[0].Text, "Slack refused the card of lead `redraw-1`") {
		t.Errorf("marketing was told %+v", told)
	}
}
