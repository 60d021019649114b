package slackemu

import (
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

var triggerRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9a-f]+$`)

func reasonModal(callbackID string) *slack.ModalViewRequest {
	opt := func(v string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(v, slack.NewTextBlockObject(slack.PlainTextType, v, false, false), nil)
	}
	return &slack.ModalViewRequest{
		Type:          slack.VTModal,
		Title:         slack.NewTextBlockObject(slack.PlainTextType, "Reject lead", false, false),
		Submit:        slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false),
		CallbackID:    callbackID,
		NotifyOnClose: true,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("reason", slack.NewTextBlockObject(slack.PlainTextType, "Reason", false, false), nil,
				slack.NewPlainTextInputBlockElement(nil, "reason_input")),
			slack.NewInputBlock("category", slack.NewTextBlockObject(slack.PlainTextType, "Category", false, false), nil,
				slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "category_select", opt("spam"), opt("duplicate"))),
			slack.NewInputBlock("owner", slack.NewTextBlockObject(slack.PlainTextType, "Owner", false, false), nil,
				slack.NewOptionsSelectBlockElement(slack.OptTypeUser, nil, "owner_select")),
			slack.NewInputBlock("tags", slack.NewTextBlockObject(slack.PlainTextType, "Tags", false, false), nil,
				slack.NewCheckboxGroupsBlockElement("tags_check", opt("hot"), opt("cold"), opt("warm"))),
		}},
	}
}

func TestSocketMode(t *testing.T) {
	e := newEnv(t, Config{})
	b := startBot(t, e)
	ctx := ctxTimeout(t, 15*time.Second)

	hello := b.waitHello(t)
	if hello.NumConnections != 1 || hello.ConnectionInfo.AppID != e.emu.Config().AppID || hello.DebugInfo.Host == "" {
		t.Fatalf("hello = %+v", hello)
	}
	if err := e.emu.Await(ctx, func() bool { return e.emu.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}

	t.Run("slash command acked with payload", func(t *testing.T) {
		got := make(chan slack.SlashCommand, 1)
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type != socketmode.EventTypeSlashCommand {
				return
			}
			got <- evt.Data.(slack.SlashCommand)
			_ = c.Ack(*evt.Request, map[string]any{"response_type": "ephemeral", "text": "Working on it"})
		})
		ack, err := e.emu.SlashCommand(ctx, "UALICE", "CLEADS", "/armistice", "status")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(ack.Payload), "Working on it") || ack.EnvelopeID == "" || ack.Latency <= 0 {
			t.Fatalf("ack = %+v (%s)", ack, ack.Payload)
		}
		cmd := <-got
		if cmd.Command != "/armistice" || cmd.Text != "status" || cmd.ChannelID != "CLEADS" || cmd.ChannelName != "leads" ||
			cmd.UserID != "UALICE" || cmd.UserName != "alice" || cmd.TeamID != e.emu.Config().TeamID || cmd.APIAppID != e.emu.Config().AppID ||
			!strings.HasPrefix(cmd.ResponseURL, e.http.URL+"/hooks/commands/") || !triggerRE.MatchString(cmd.TriggerID) {
			t.Fatalf("command = %+v", cmd)
		}
		eph := e.emu.Ephemerals("UALICE")
		if len(eph) != 1 || eph[0].Text != "Working on it" || eph[0].Source != SourceCommandAck || eph[0].Channel != "CLEADS" {
			t.Fatalf("ephemerals = %+v", eph)
		}
	})

	t.Run("slash command acked without payload", func(t *testing.T) {
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeSlashCommand {
				_ = c.Ack(*evt.Request)
			}
		})
		ack, err := e.emu.SlashCommand(ctx, "UALICE", "COUT", "/armistice", "")
		if err != nil {
			t.Fatal(err)
		}
		if ack.Payload != nil {
			t.Fatalf("payload = %s", ack.Payload)
		}
		if n := len(e.emu.Ephemerals("UALICE")); n != 1 {
			t.Fatalf("%d ephemerals", n)
		}
	})

	t.Run("modal: view_submission with response_action errors, push, close", func(t *testing.T) {
		submissions := make(chan slack.InteractionCallback, 4)
		closed := make(chan slack.InteractionCallback, 1)
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			switch evt.Type {
			case socketmode.EventTypeSlashCommand:
				cmd := evt.Data.(slack.SlashCommand)
				if _, err := c.OpenView(cmd.TriggerID, *reasonModal("reject_reason")); err != nil {
					t.Errorf("views.open: %v", err)
				}
				_ = c.Ack(*evt.Request)
			case socketmode.EventTypeInteractive:
				cb := evt.Data.(slack.InteractionCallback)
				switch cb.Type {
				case slack.InteractionTypeViewSubmission:
					submissions <- cb
					switch cb.View.State.Values["reason"]["reason_input"].Value {
					case "bad":
						_ = c.Ack(*evt.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"reason": "Too short"}))
					case "push":
						_ = c.Ack(*evt.Request, slack.NewPushViewSubmissionResponse(reasonModal("confirm")))
					default:
						_ = c.Ack(*evt.Request)
					}
				case slack.InteractionTypeViewClosed:
					closed <- cb
					_ = c.Ack(*evt.Request)
				}
			}
		})
		if _, err := e.emu.SlashCommand(ctx, "UALICE", "CLEADS", "/armistice", "reject"); err != nil {
			t.Fatal(err)
		}
		views := e.emu.Views("UALICE")
		if len(views) != 1 || views[0].CallbackID != "reject_reason" {
			t.Fatalf("views = %+v", views)
		}
		viewID := views[0].ID

		ack, err := e.emu.SubmitView(ctx, "UALICE", viewID, map[string]any{
			"reason_input": "bad", "category_select": "spam", "owner_select": "UBOB", "tags_check": []string{"hot", "warm"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(ack.Payload), `"response_action":"errors"`) {
			t.Fatalf("ack payload = %s", ack.Payload)
		}
		sub := <-submissions
		vals := sub.View.State.Values
		if sub.View.ID != viewID || sub.View.CallbackID != "reject_reason" || sub.User.ID != "UALICE" || sub.TriggerID == "" ||
			vals["category"]["category_select"].SelectedOption.Value != "spam" ||
			vals["owner"]["owner_select"].SelectedUser != "UBOB" ||
			len(vals["tags"]["tags_check"].SelectedOptions) != 2 || vals["tags"]["tags_check"].SelectedOptions[1].Value != "warm" {
			t.Fatalf("submission = %+v", sub)
		}
		views = e.emu.Views("UALICE")
		if len(views) != 1 || views[0].Errors["reason"] != "Too short" {
			t.Fatalf("after errors: %+v", views)
		}

		if _, err := e.emu.SubmitView(ctx, "UALICE", viewID, map[string]any{"reason_input": "push"}); err != nil {
			t.Fatal(err)
		}
		<-submissions
		views = e.emu.Views("UALICE")
		if len(views) != 2 || views[1].CallbackID != "confirm" || views[0].Errors != nil || views[1].PreviousViewID != viewID {
			t.Fatalf("after push: %+v", views)
		}
		// Untouched inputs report their initial (empty) values.
		if _, err := e.emu.SubmitView(ctx, "UALICE", views[1].ID, nil); err != nil {
			t.Fatal(err)
		}
		if sub := <-submissions; sub.View.State.Values["reason"]["reason_input"].Value != "" {
			t.Fatalf("untouched input = %+v", sub.View.State.Values)
		}
		if views = e.emu.Views("UALICE"); len(views) != 1 || views[0].ID != viewID {
			t.Fatalf("after submitting the pushed view: %+v", views)
		}
		if _, err := e.emu.SubmitView(ctx, "UALICE", viewID, map[string]any{"nope": "x"}); err == nil {
			t.Fatal("unknown action_id accepted")
		}

		if _, err := e.emu.CloseView(ctx, "UALICE", viewID); err != nil {
			t.Fatal(err)
		}
		if cb := <-closed; cb.View.ID != viewID || cb.Type != slack.InteractionTypeViewClosed {
			t.Fatalf("view_closed = %+v", cb)
		}
		if views = e.emu.Views("UALICE"); len(views) != 0 {
			t.Fatalf("after close: %+v", views)
		}
	})

	var cardTS string
	t.Run("block_actions", func(t *testing.T) {
		var err error
		_, cardTS, err = e.api.PostMessage("CLEADS", slack.MsgOptionText("New lead", false), slack.MsgOptionBlocks(leadBlocks()...))
		if err != nil {
			t.Fatal(err)
		}
		clicks := make(chan slack.InteractionCallback, 1)
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeInteractive {
				clicks <- evt.Data.(slack.InteractionCallback)
				_ = c.Ack(*evt.Request)
			}
		})
		ack, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", cardTS, "accept")
		if err != nil {
			t.Fatal(err)
		}
		if ack.Payload != nil {
			t.Fatalf("payload = %s", ack.Payload)
		}
		cb := <-clicks
		if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) != 1 {
			t.Fatalf("callback = %+v", cb)
		}
		act := cb.ActionCallback.BlockActions[0]
		if act.ActionID != "accept" || act.Value != "lead-42" || act.BlockID != "lead_actions" || act.Type != "button" || act.Text.Text != "Accept" ||
			cb.Container.Type != "message" || cb.Container.MessageTs != cardTS || cb.Container.ChannelID != "CLEADS" ||
			cb.Channel.ID != "CLEADS" || cb.User.ID != "UALICE" || cb.Team.ID != e.emu.Config().TeamID ||
			cb.Message.Timestamp != cardTS || len(cb.Message.Blocks.BlockSet) != 2 || cb.Message.BotID != e.emu.Config().BotID ||
			!strings.HasPrefix(cb.ResponseURL, e.http.URL+"/hooks/actions/") || !triggerRE.MatchString(cb.TriggerID) {
			t.Fatalf("callback = %+v", cb)
		}

		// A button in a thread reply.
		_, replyTS, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("details", false), slack.MsgOptionTS(cardTS), slack.MsgOptionBlocks(leadBlocks()...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", replyTS, "reject"); err != nil {
			t.Fatal(err)
		}
		if cb := <-clicks; cb.Container.MessageTs != replyTS || cb.Container.ThreadTs != cardTS || cb.ActionCallback.BlockActions[0].ActionID != "reject" {
			t.Fatalf("thread click = %+v", cb.Container)
		}
		if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", cardTS, "nope"); err == nil {
			t.Fatal("unknown action_id clicked")
		}
	})

	t.Run("message_action", func(t *testing.T) {
		got := make(chan slack.InteractionCallback, 1)
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeInteractive {
				got <- evt.Data.(slack.InteractionCallback)
				_ = c.Ack(*evt.Request)
			}
		})
		if _, err := e.emu.MessageShortcut(ctx, "UALICE", "CLEADS", cardTS, "lead_task"); err != nil {
			t.Fatal(err)
		}
		cb := <-got
		if cb.Type != slack.InteractionTypeMessageAction || cb.CallbackID != "lead_task" || cb.Message.Timestamp != cardTS ||
			cb.MessageTs != cardTS || cb.Channel.ID != "CLEADS" || cb.ResponseURL == "" || cb.TriggerID == "" {
			t.Fatalf("shortcut = %+v", cb)
		}
	})

	t.Run("events_api member_joined_channel", func(t *testing.T) {
		type seen struct {
			inner   any
			attempt int
			outer   *slackevents.EventsAPICallbackEvent
		}
		events := make(chan seen, 2)
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeEventsAPI {
				ev := evt.Data.(slackevents.EventsAPIEvent)
				outer, _ := ev.Data.(*slackevents.EventsAPICallbackEvent)
				events <- seen{inner: ev.InnerEvent.Data, attempt: evt.Request.RetryAttempt, outer: outer}
				_ = c.Ack(*evt.Request)
			}
		})
		if err := e.emu.JoinChannel(ctx, "CLEADS", "UBOB"); err != nil {
			t.Fatal(err)
		}
		got := <-events
		joined, ok := got.inner.(*slackevents.MemberJoinedChannelEvent)
		if !ok || joined.User != "UBOB" || joined.Channel != "CLEADS" || joined.ChannelType != "C" || got.attempt != 0 ||
			got.outer == nil || got.outer.EventID == "" || got.outer.APIAppID != e.emu.Config().AppID {
			t.Fatalf("event = %#v %+v", got.inner, got.outer)
		}
		if members, _, err := e.api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "CLEADS"}); err != nil || !strings.Contains(strings.Join(members, ","), "UBOB") {
			t.Fatalf("members = %v %v", members, err)
		}
		if err := e.emu.LeaveChannel(ctx, "CLEADS", "UBOB"); err != nil {
			t.Fatal(err)
		}
		if left, ok := (<-events).inner.(*slackevents.MemberLeftChannelEvent); !ok || left.User != "UBOB" {
			t.Fatalf("leave event = %#v", left)
		}
	})

	t.Run("disconnect makes the client reconnect", func(t *testing.T) {
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeSlashCommand {
				_ = c.Ack(*evt.Request, map[string]any{"text": "still here"})
			}
		})
		for _, reason := range []string{"refresh_requested", "warning", "link_disabled"} {
			opens := e.emu.Calls("apps.connections.open")
			e.emu.Disconnect(reason)
			err := e.emu.Await(ctx, func() bool {
				return e.emu.Connections() == 1 && e.emu.Calls("apps.connections.open") == opens+1
			})
			if err != nil {
				t.Fatalf("%s: no reconnect: %v", reason, err)
			}
			if h := b.waitHello(t); h.NumConnections != 1 {
				t.Fatalf("%s: hello = %+v", reason, h)
			}
			ack, err := e.emu.SlashCommand(ctx, "UALICE", "CLEADS", "/armistice", "after "+reason)
			if err != nil || !strings.Contains(string(ack.Payload), "still here") {
				t.Fatalf("%s: command after reconnect: %+v %v", reason, ack, err)
			}
		}
	})
}

func TestUnackedEnvelopes(t *testing.T) {
	e := newEnv(t, Config{AckTimeout: 200 * time.Millisecond})
	b := startBot(t, e)
	b.waitHello(t)
	ctx := ctxTimeout(t, 10*time.Second)

	type attempt struct {
		envelope, eventID, reason string
		retry                     int
	}
	var mu sync.Mutex
	var attempts []attempt
	ackFrom := 1 // ack deliveries with retry_attempt >= ackFrom
	b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
		if evt.Type != socketmode.EventTypeEventsAPI {
			return // slash commands stay unacked
		}
		outer := evt.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent)
		mu.Lock()
		attempts = append(attempts, attempt{evt.Request.EnvelopeID, outer.EventID, evt.Request.RetryReason, evt.Request.RetryAttempt})
		ack := evt.Request.RetryAttempt >= ackFrom
		mu.Unlock()
		if ack {
			_ = c.Ack(*evt.Request)
		}
	})

	event := map[string]any{"type": "app_mention", "user": "UALICE", "channel": "CLEADS", "text": "<@UBOT> hi"}
	ack, err := e.emu.SendEvent(ctx, event)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	got := append([]attempt(nil), attempts...)
	mu.Unlock()
	if len(got) != 2 || got[0].retry != 0 || got[0].reason != "" || got[1].retry != 1 || got[1].reason != "timeout" ||
		got[0].eventID != got[1].eventID || got[0].envelope == got[1].envelope || ack.EnvelopeID != got[1].envelope {
		t.Fatalf("attempts = %+v, ack = %+v", got, ack)
	}

	// Never acked: 1 delivery + 3 retries, then ErrAckTimeout.
	mu.Lock()
	attempts, ackFrom = nil, 99
	mu.Unlock()
	if _, err := e.emu.SendEvent(ctx, event); !errors.Is(err, ErrAckTimeout) {
		t.Fatalf("err = %v, want ErrAckTimeout", err)
	}
	mu.Lock()
	if len(attempts) != 4 || attempts[3].retry != 3 {
		t.Fatalf("attempts = %+v", attempts)
	}
	mu.Unlock()

	// Commands are not redelivered: the caller learns of the timeout.
	if _, err := e.emu.SlashCommand(ctx, "UALICE", "CLEADS", "/armistice", "ignored"); !errors.Is(err, ErrAckTimeout) {
		t.Fatalf("err = %v, want ErrAckTimeout", err)
	}
}

func TestRoundRobin(t *testing.T) {
	e := newEnv(t, Config{})
	ctx := ctxTimeout(t, 10*time.Second)
	var mu sync.Mutex
	perBot := map[int]int{}
	bots := []*bot{startBot(t, e), startBot(t, e)}
	for i, b := range bots {
		b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
			if evt.Type == socketmode.EventTypeEventsAPI {
				mu.Lock()
				perBot[i]++
				mu.Unlock()
				_ = c.Ack(*evt.Request)
			}
		})
	}
	if err := e.emu.Await(ctx, func() bool { return e.emu.Connections() == 2 }); err != nil {
		t.Fatal(err)
	}
	for range 6 {
		if _, err := e.emu.SendEvent(ctx, map[string]any{"type": "app_mention", "user": "UALICE", "channel": "CLEADS", "text": "hi"}); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if perBot[0] != 3 || perBot[1] != 3 {
		t.Fatalf("deliveries per connection = %v", perBot)
	}
}

// TestPingsKeepSlackGoConnected checks the ping contract with slack-go's
// socketmode client, which reconnects when no ping arrives within its ping
// interval: with pings more frequent than that the connection stays up, and
// without them it does not (the control case).
func TestPingsKeepSlackGoConnected(t *testing.T) {
	ctx := ctxTimeout(t, 10*time.Second)

	e := newEnv(t, Config{PingInterval: 40 * time.Millisecond})
	startBot(t, e, socketmode.OptionPingInterval(250*time.Millisecond)).waitHello(t)
	// About 600ms of pings, answered by the client.
	if err := e.emu.Await(ctx, func() bool { e.emu.mu.Lock(); defer e.emu.mu.Unlock(); return e.emu.pongs >= 15 }); err != nil {
		t.Fatal(err)
	}
	if n := e.emu.Calls("apps.connections.open"); n != 1 {
		t.Fatalf("client reconnected %d times despite pings", n-1)
	}

	quiet := newEnv(t, Config{PingInterval: time.Hour})
	startBot(t, quiet, socketmode.OptionPingInterval(250*time.Millisecond)).waitHello(t)
	if err := quiet.emu.Await(ctx, func() bool { return quiet.emu.Calls("apps.connections.open") >= 2 }); err != nil {
		t.Fatalf("client did not reconnect without pings: %v", err)
	}
}

func TestResponseURL(t *testing.T) {
	e := newEnv(t, Config{})
	b := startBot(t, e)
	b.waitHello(t)
	ctx := ctxTimeout(t, 10*time.Second)
	clicks := make(chan slack.InteractionCallback, 1)
	b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
		if evt.Type == socketmode.EventTypeInteractive {
			clicks <- evt.Data.(slack.InteractionCallback)
			_ = c.Ack(*evt.Request)
		}
	})
	_, cardTS, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("New lead", false), slack.MsgOptionBlocks(leadBlocks()...))
	if err != nil {
		t.Fatal(err)
	}

	// Bob is not in #leads: chat.postEphemeral refuses him, response_url does not.
	if _, err := e.emu.ClickButton(ctx, "UBOB", "CLEADS", cardTS, "accept"); err != nil {
		t.Fatal(err)
	}
	bobURL := (<-clicks).ResponseURL
	_, err = e.api.PostEphemeral("CLEADS", "UBOB", slack.MsgOptionText("nope", false))
	wantSlackErr(t, err, "user_not_in_channel")
	if _, _, err := e.api.PostMessage("", slack.MsgOptionResponseURL(bobURL, slack.ResponseTypeEphemeral), slack.MsgOptionText("Only members of #leads can accept leads", false)); err != nil {
		t.Fatal(err)
	}
	eph := e.emu.Ephemerals("UBOB")
	if len(eph) != 1 || eph[0].Source != SourceResponseURL || eph[0].Channel != "CLEADS" || eph[0].Text != "Only members of #leads can accept leads" {
		t.Fatalf("ephemerals = %+v", eph)
	}

	// Alice accepts: replace_original updates the card.
	if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", cardTS, "accept"); err != nil {
		t.Fatal(err)
	}
	aliceURL := (<-clicks).ResponseURL
	accepted := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "Accepted by <@UALICE>", false, false), nil, nil)
	if _, _, err := e.api.PostMessage("", slack.MsgOptionReplaceOriginal(aliceURL), slack.MsgOptionText("Lead accepted", false), slack.MsgOptionBlocks(accepted)); err != nil {
		t.Fatal(err)
	}
	msgs := e.emu.Messages("CLEADS")
	if len(msgs) != 1 || msgs[0].TS != cardTS || msgs[0].Text != "Lead accepted" || !strings.Contains(string(msgs[0].Blocks), "Accepted by") {
		t.Fatalf("messages = %+v", msgs)
	}

	// in_channel posts a new message, in a thread when asked.
	if _, _, err := e.api.PostMessage("", slack.MsgOptionResponseURL(aliceURL, slack.ResponseTypeInChannel), slack.MsgOptionText("Assigned to Alice", false), slack.MsgOptionTS(cardTS)); err != nil {
		t.Fatal(err)
	}
	if r := e.emu.Replies("CLEADS", cardTS); len(r) != 1 || r[0].Text != "Assigned to Alice" {
		t.Fatalf("replies = %+v", r)
	}

	// Five uses per response_url.
	for i := 3; i <= 5; i++ {
		if _, _, err := e.api.PostMessage("", slack.MsgOptionResponseURL(aliceURL, slack.ResponseTypeEphemeral), slack.MsgOptionText("again", false)); err != nil {
			t.Fatalf("use %d: %v", i, err)
		}
	}
	_, _, err = e.api.PostMessage("", slack.MsgOptionResponseURL(aliceURL, slack.ResponseTypeEphemeral), slack.MsgOptionText("sixth", false))
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != 404 {
		t.Fatalf("sixth use: %v", err)
	}

	// Thirty minutes.
	e.clock.Advance(31 * time.Minute)
	_, _, err = e.api.PostMessage("", slack.MsgOptionResponseURL(bobURL, slack.ResponseTypeEphemeral), slack.MsgOptionText("late", false))
	if !errors.As(err, &sc) || sc.Code != 404 {
		t.Fatalf("expired url: %v", err)
	}

	// The replaced card has no buttons left.
	if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", cardTS, "reject"); err == nil {
		t.Fatal("clicked a button that was replaced away")
	}

	// delete_original removes the message.
	_, card2, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("Another lead", false), slack.MsgOptionBlocks(leadBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", card2, "reject"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.api.PostMessage("", slack.MsgOptionDeleteOriginal((<-clicks).ResponseURL)); err != nil {
		t.Fatal(err)
	}
	for _, m := range e.emu.Messages("CLEADS") {
		if m.TS == card2 {
			t.Fatal("delete_original left the message")
		}
	}
	if n := e.emu.Calls("response_url"); n != 9 {
		t.Fatalf("Calls(response_url) = %d", n)
	}
}

func TestSelectsEphemeralsAndInChannelAcks(t *testing.T) {
	e := newEnv(t, Config{})
	b := startBot(t, e)
	b.waitHello(t)
	ctx := ctxTimeout(t, 10*time.Second)
	interactions := make(chan slack.InteractionCallback, 1)
	b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
		switch evt.Type {
		case socketmode.EventTypeInteractive:
			interactions <- evt.Data.(slack.InteractionCallback)
			_ = c.Ack(*evt.Request)
		case socketmode.EventTypeSlashCommand:
			_ = c.Ack(*evt.Request, map[string]any{"response_type": "in_channel", "text": "Lead board"})
		}
	})

	// A static select in a message.
	opt := func(v string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(v, slack.NewTextBlockObject(slack.PlainTextType, v, false, false), nil)
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, slack.NewTextBlockObject(slack.PlainTextType, "Priority", false, false), "priority", opt("low"), opt("high"))
	_, ts, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("triage", false), slack.MsgOptionBlocks(slack.NewActionBlock("triage", sel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.SelectOption(ctx, "UALICE", "CLEADS", ts, "priority", "high"); err != nil {
		t.Fatal(err)
	}
	cb := <-interactions
	act := cb.ActionCallback.BlockActions[0]
	if act.Type != "static_select" || act.SelectedOption.Value != "high" || act.BlockID != "triage" ||
		cb.BlockActionState.Values["triage"]["priority"].SelectedOption.Value != "high" {
		t.Fatalf("select = %+v state %+v", act, cb.BlockActionState)
	}
	if _, err := e.emu.SelectOption(ctx, "UALICE", "CLEADS", ts, "priority", "urgent"); err == nil {
		t.Fatal("unknown option selected")
	}
	if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", ts, "priority"); err == nil {
		t.Fatal("a select was clicked as a button")
	}

	// A button in an ephemeral message; replace_original replaces the ephemeral.
	ephTS, err := e.api.PostEphemeral("CLEADS", "UALICE", slack.MsgOptionText("Confirm?", false), slack.MsgOptionBlocks(leadBlocks()...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.ClickButton(ctx, "UALICE", "CLEADS", ephTS, "accept"); err != nil {
		t.Fatal(err)
	}
	cb = <-interactions
	if !cb.Container.IsEphemeral || cb.Container.MessageTs != ephTS || cb.Message.Timestamp != "" {
		t.Fatalf("ephemeral click = %+v", cb.Container)
	}
	if _, _, err := e.api.PostMessage("", slack.MsgOptionReplaceOriginal(cb.ResponseURL), slack.MsgOptionText("Confirmed", false)); err != nil {
		t.Fatal(err)
	}
	if eph := e.emu.Ephemerals("UALICE"); len(eph) != 1 || eph[0].Text != "Confirmed" || eph[0].Blocks != nil {
		t.Fatalf("ephemerals = %+v", eph)
	}
	// Bob cannot click Alice's ephemeral.
	if _, err := e.emu.ClickButton(ctx, "UBOB", "CLEADS", ephTS, "accept"); err == nil {
		t.Fatal("clicked someone else's ephemeral")
	}

	// A slash command ack with response_type in_channel posts as the bot,
	// even where the bot is not a member.
	if _, err := e.emu.SlashCommand(ctx, "UALICE", "COUT", "/armistice", "board"); err != nil {
		t.Fatal(err)
	}
	if msgs := e.emu.Messages("COUT"); len(msgs) != 1 || msgs[0].Text != "Lead board" || msgs[0].User != "UBOT" {
		t.Fatalf("COUT = %+v", msgs)
	}
}

func TestCloseReleasesWaiters(t *testing.T) {
	e := newEnv(t, Config{})
	b := startBot(t, e)
	b.waitHello(t)
	ctx := ctxTimeout(t, 10*time.Second)
	// The bot never acks.
	received := make(chan struct{}, 1)
	b.setHandler(func(evt socketmode.Event, c *socketmode.Client) {
		if evt.Type == socketmode.EventTypeSlashCommand {
			received <- struct{}{}
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := e.emu.SlashCommand(ctx, "UALICE", "CLEADS", "/armistice", "hang")
		done <- err
	}()
	<-received
	e.emu.Close()
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Fatalf("in-flight command: %v", err)
	}
	if err := e.emu.Await(ctx, func() bool { return false }); !errors.Is(err, ErrClosed) {
		t.Fatalf("Await after Close: %v", err)
	}
	if n := e.emu.Connections(); n != 0 {
		t.Fatalf("%d connections after Close", n)
	}
}
