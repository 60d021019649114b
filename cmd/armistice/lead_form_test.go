package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
)

func TestMarketerEntersALeadByHandAndSeesItsHistory(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	if _, err := e.emu.SlashCommand(ctx, marketer, marketingChannel, "/armistice", "lead"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(marketer)) == 1 }); err != nil {
		t.Fatalf("no form opened: %v\n%s", err, e.logs)
	}
	form := e.emu.Views(marketer)[0]

	ack, err := e.emu.SubmitView(ctx, marketer, form.ID, map[string]any{"email": "not-an-email", "score": "lots", "name": "<!here> Lou"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"response_action":"errors"`, `"email":"not an email address"`, `"score":"must be a whole number between 0 and 100"`} {
		if !strings.Contains(string(ack.Payload), want) {
			t.Errorf("the form's errors lack %s: %s", want, ack.Payload)
		}
	}
	if views := e.emu.Views(marketer); len(views) != 1 || len(views[0].Errors) == 0 {
		t.Fatalf("the form should stay open with its errors: %+v", views)
	}

	ack, err = e.emu.SubmitView(ctx, marketer, form.ID, map[string]any{"email": "lou@example.com", "name": "<!here> Lou", "company": "Globex", "score": "64", "external_id": "form-1"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("a valid form was refused: %s", ack.Payload)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) == 1 }); err != nil {
		t.Fatalf("no card for the lead entered by hand: %v\n%s", err, e.logs)
	}
	if card := plain(e.emu.Messages(salesChannel)[0].Blocks); !strings.Contains(card, "&lt;!here&gt; Lou") {
		t.Errorf("card = %s", card)
	}
	if err := e.emu.Await(ctx, func() bool { return hasEphemeral(e.emu, marketer, "Lead &lt;!here&gt; Lou saved (form-1)") }); err != nil {
		t.Errorf("no confirmation for the marketer: %+v", e.emu.Ephemerals(marketer))
	}

	// The card is recorded just after Slack takes it: ask until it shows.
	var history string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ack, err = e.emu.SlashCommand(ctx, marketer, marketingChannel, "/armistice", "lead form-1")
		if err != nil {
			t.Fatal(err)
		}
		if history = plain(ack.Payload); strings.Contains(history, "announced") {
			break
		}
	}
	for _, want := range []string{"&lt;!here&gt; Lou", "announced by armistice", "received by <@" + marketer + ">"} {
		if !strings.Contains(history, want) {
			t.Errorf("history lacks %q: %s", want, history)
		}
	}
	ack, _ = e.emu.SlashCommand(ctx, marketer, marketingChannel, "/armistice", "lead nobody-99")
	if !strings.Contains(string(ack.Payload), "There is no lead with the ID nobody-99.") {
		t.Errorf("unknown lead: %s", ack.Payload)
	}
}

func TestRepCannotOpenTheLeadForm(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := e.emu.SlashCommand(ctx, rep, salesChannel, "/armistice", "lead"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return hasEphemeral(e.emu, rep, "Only the marketing team") }); err != nil {
		t.Fatalf("no refusal: %+v", e.emu.Ephemerals(rep))
	}
	if n := len(e.emu.Views(rep)); n != 0 {
		t.Errorf("%d forms opened for a rep", n)
	}
}

// plain undoes JSON's escaping of &, < and >, to compare with what Slack
// shows.
func plain(raw []byte) string {
	return strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(raw))
}

func hasEphemeral(emu *slackemu.Server, user, text string) bool {
	for _, m := range emu.Ephemerals(user) {
		if strings.Contains(m.Text, text) {
			return true
		}
	}
	return false
}
