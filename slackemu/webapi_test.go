package slackemu

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func slackErr(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func wantSlackErr(t *testing.T, err error, code string) {
	t.Helper()
	if got := slackErr(err); got != code {
		t.Fatalf("error = %v, want %q", err, code)
	}
}

func TestWebAPIWithSlackGo(t *testing.T) {
	e := newEnv(t, Config{})
	api := e.api

	t.Run("auth.test", func(t *testing.T) {
		res, err := api.AuthTest()
		if err != nil {
			t.Fatal(err)
		}
		cfg := e.emu.Config()
		if res.UserID != "UBOT" || res.TeamID != cfg.TeamID || res.BotID != cfg.BotID || !strings.HasPrefix(res.URL, e.http.URL) {
			t.Fatalf("auth.test = %+v", res)
		}
		_, err = slack.New("xoxb-wrong", slack.OptionAPIURL(e.http.URL+"/api/")).AuthTest()
		wantSlackErr(t, err, "invalid_auth")
		_, err = slack.New("", slack.OptionAPIURL(e.http.URL+"/api/")).AuthTest()
		wantSlackErr(t, err, "not_authed")
		_, err = slack.New(cfg.AppToken, slack.OptionAPIURL(e.http.URL+"/api/")).AuthTest()
		wantSlackErr(t, err, "not_allowed_token_type")
	})

	var cardTS string
	t.Run("chat.postMessage", func(t *testing.T) {
		md := slack.SlackMetadata{EventType: "lead_card", EventPayload: map[string]any{"lead_id": "42"}}
		ch, ts, err := api.PostMessage("CLEADS", slack.MsgOptionText("New lead", false), slack.MsgOptionBlocks(leadBlocks()...), slack.MsgOptionMetadata(md))
		if err != nil {
			t.Fatal(err)
		}
		if ch != "CLEADS" || !tsPattern(ts) {
			t.Fatalf("channel %q ts %q", ch, ts)
		}
		cardTS = ts
		msgs := e.emu.Messages("CLEADS")
		if len(msgs) != 1 || msgs[0].TS != ts || msgs[0].User != "UBOT" || msgs[0].Text != "New lead" {
			t.Fatalf("messages = %+v", msgs)
		}
		if msgs[0].Metadata == nil || msgs[0].Metadata.EventType != "lead_card" || msgs[0].Metadata.EventPayload["lead_id"] != "42" {
			t.Fatalf("metadata = %+v", msgs[0].Metadata)
		}
		var blocks slack.Blocks
		if err := json.Unmarshal(msgs[0].Blocks, &blocks); err != nil || len(blocks.BlockSet) != 2 {
			t.Fatalf("blocks %s: %v", msgs[0].Blocks, err)
		}
		if !strings.Contains(string(msgs[0].Blocks), `"block_id":"lead_actions"`) {
			t.Fatalf("blocks lost their block_id: %s", msgs[0].Blocks)
		}

		// Timestamps are unique and increasing.
		_, ts2, err := api.PostMessage("CLEADS", slack.MsgOptionText("second", false))
		if err != nil {
			t.Fatal(err)
		}
		if ts2 <= ts {
			t.Fatalf("ts %q not after %q", ts2, ts)
		}

		_, _, err = api.PostMessage("COUT", slack.MsgOptionText("hi", false))
		wantSlackErr(t, err, "not_in_channel")
		_, _, err = api.PostMessage("CNOPE", slack.MsgOptionText("hi", false))
		wantSlackErr(t, err, "channel_not_found")
		_, _, err = api.PostMessage("GSECRET", slack.MsgOptionText("hi", false))
		wantSlackErr(t, err, "channel_not_found")
		_, _, err = api.PostMessage("CLEADS")
		wantSlackErr(t, err, "no_text")
		// Channel names work too.
		if ch, _, err := api.PostMessage("#leads", slack.MsgOptionText("by name", false)); err != nil || ch != "CLEADS" {
			t.Fatalf("post by name: %q %v", ch, err)
		}
	})

	t.Run("threads", func(t *testing.T) {
		_, r1, err := api.PostMessage("CLEADS", slack.MsgOptionText("reply 1", false), slack.MsgOptionTS(cardTS))
		if err != nil {
			t.Fatal(err)
		}
		_, r2, err := api.PostMessage("CLEADS", slack.MsgOptionText("reply 2", false), slack.MsgOptionTS(cardTS), slack.MsgOptionBroadcast())
		if err != nil {
			t.Fatal(err)
		}
		replies := e.emu.Replies("CLEADS", cardTS)
		if len(replies) != 2 || replies[0].TS != r1 || replies[1].TS != r2 || replies[0].ThreadTS != cardTS || !replies[1].Broadcast {
			t.Fatalf("replies = %+v", replies)
		}
		top := e.emu.Messages("CLEADS")
		if top[0].ReplyCount != 2 || top[0].ThreadTS != cardTS {
			t.Fatalf("parent = %+v", top[0])
		}
		if last := top[len(top)-1]; last.TS != r2 {
			t.Fatalf("broadcast reply not in channel: %+v", last)
		}
	})

	t.Run("chat.update", func(t *testing.T) {
		_, ts, text, err := api.UpdateMessage("CLEADS", cardTS,
			slack.MsgOptionText("Lead accepted", false),
			slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "accepted by <@UALICE>", false, false), nil, nil)),
			slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "lead_card", EventPayload: map[string]any{"state": "accepted"}}))
		if err != nil {
			t.Fatal(err)
		}
		if ts != cardTS || text != "Lead accepted" {
			t.Fatalf("update = %q %q", ts, text)
		}
		m := e.emu.Messages("CLEADS")[0]
		if !m.Edited || m.Text != "Lead accepted" || strings.Contains(string(m.Blocks), "accept\"") || m.Metadata.EventPayload["state"] != "accepted" {
			t.Fatalf("updated message = %+v %s", m, m.Blocks)
		}
		// Leaving out blocks keeps them.
		if _, _, _, err := api.UpdateMessage("CLEADS", cardTS, slack.MsgOptionText("Lead accepted!", false)); err != nil {
			t.Fatal(err)
		}
		if m := e.emu.Messages("CLEADS")[0]; len(m.Blocks) == 0 {
			t.Fatal("blocks dropped by a text-only update")
		}
		_, _, _, err = api.UpdateMessage("CLEADS", "1600000000.000001", slack.MsgOptionText("x", false))
		wantSlackErr(t, err, "message_not_found")

		e.emu.mu.Lock()
		human := e.emu.postLocked(e.emu.dir.channels["CLEADS"], "UALICE", "hello", nil, nil, "", false)
		e.emu.mu.Unlock()
		_, _, _, err = api.UpdateMessage("CLEADS", human.ts, slack.MsgOptionText("x", false))
		wantSlackErr(t, err, "cant_update_message")
	})

	t.Run("chat.postEphemeral", func(t *testing.T) {
		ts, err := api.PostEphemeral("CLEADS", "UALICE", slack.MsgOptionText("only for you", false))
		if err != nil || !tsPattern(ts) {
			t.Fatalf("ephemeral: %q %v", ts, err)
		}
		eph := e.emu.Ephemerals("UALICE")
		if len(eph) != 1 || eph[0].Text != "only for you" || eph[0].Channel != "CLEADS" || eph[0].Source != SourcePostEphemeral {
			t.Fatalf("ephemerals = %+v", eph)
		}
		_, err = api.PostEphemeral("CLEADS", "UBOB", slack.MsgOptionText("no", false))
		wantSlackErr(t, err, "user_not_in_channel")
		_, err = api.PostEphemeral("CLEADS", "UNOBODY", slack.MsgOptionText("no", false))
		wantSlackErr(t, err, "user_not_found")
		if len(e.emu.Ephemerals("UBOB")) != 0 {
			t.Fatal("refused ephemeral recorded")
		}
	})

	t.Run("chat.getPermalink", func(t *testing.T) {
		link, err := api.GetPermalink(&slack.PermalinkParameters{Channel: "CLEADS", Ts: cardTS})
		if err != nil {
			t.Fatal(err)
		}
		want := e.http.URL + "/archives/CLEADS/p" + strings.Replace(cardTS, ".", "", 1)
		if link != want {
			t.Fatalf("permalink %q, want %q", link, want)
		}
		_, err = api.GetPermalink(&slack.PermalinkParameters{Channel: "CLEADS", Ts: "1.000001"})
		wantSlackErr(t, err, "message_not_found")
	})

	t.Run("views", func(t *testing.T) {
		modal := func(title string) slack.ModalViewRequest {
			return slack.ModalViewRequest{
				Type:       slack.VTModal,
				Title:      slack.NewTextBlockObject(slack.PlainTextType, title, false, false),
				Submit:     slack.NewTextBlockObject(slack.PlainTextType, "Save", false, false),
				CallbackID: "reject_reason",
				Blocks: slack.Blocks{BlockSet: []slack.Block{
					slack.NewInputBlock("reason", slack.NewTextBlockObject(slack.PlainTextType, "Reason", false, false), nil,
						slack.NewPlainTextInputBlockElement(nil, "reason_input")),
				}},
				PrivateMetadata: "lead-42",
			}
		}
		res, err := api.OpenView(e.issueTrigger("UALICE"), modal("Reject lead"))
		if err != nil {
			t.Fatal(err)
		}
		if res.View.ID == "" || res.View.Hash == "" || res.View.CallbackID != "reject_reason" || res.View.PrivateMetadata != "lead-42" || res.View.Title.Text != "Reject lead" {
			t.Fatalf("view = %+v", res.View)
		}
		rootID := res.View.ID

		pushed, err := api.PushView(e.issueTrigger("UALICE"), modal("Confirm"))
		if err != nil {
			t.Fatal(err)
		}
		if pushed.View.RootViewID != rootID || pushed.View.PreviousViewID != rootID {
			t.Fatalf("pushed = %+v", pushed.View)
		}
		if vs := e.emu.Views("UALICE"); len(vs) != 2 || vs[1].Title != "Confirm" {
			t.Fatalf("stack = %+v", vs)
		}

		upd, err := api.UpdateView(modal("Reject lead (2)"), "", res.View.Hash, rootID)
		if err != nil {
			t.Fatal(err)
		}
		if upd.View.ID != rootID || upd.View.Hash == res.View.Hash || upd.View.Title.Text != "Reject lead (2)" {
			t.Fatalf("updated = %+v", upd.View)
		}
		_, err = api.UpdateView(modal("stale"), "", res.View.Hash, rootID)
		wantSlackErr(t, err, "hash_conflict")
		_, err = api.UpdateView(modal("gone"), "", "", "VNOPE")
		wantSlackErr(t, err, "not_found")

		withExt := modal("external")
		withExt.ExternalID = "lead-42-confirm"
		if _, err := api.UpdateView(withExt, "", "", pushed.View.ID); err != nil {
			t.Fatal(err)
		}
		byExt, err := api.UpdateView(modal("by external id"), "lead-42-confirm", "", "")
		if err != nil || byExt.View.ID != pushed.View.ID {
			t.Fatalf("update by external_id: %+v %v", byExt, err)
		}

		// Triggers: single use, valid 3 seconds.
		trig := e.issueTrigger("UBOB")
		if _, err := api.OpenView(trig, modal("once")); err != nil {
			t.Fatal(err)
		}
		_, err = api.OpenView(trig, modal("twice"))
		wantSlackErr(t, err, "exchanged_trigger_id")
		old := e.issueTrigger("UBOB")
		e.clock.Advance(4 * time.Second)
		_, err = api.OpenView(old, modal("late"))
		wantSlackErr(t, err, "expired_trigger_id")
		_, err = api.PushView("12345.67890.abcdef", modal("bogus"))
		wantSlackErr(t, err, "invalid_trigger_id")
		_, err = api.OpenView(e.issueTrigger("UBOB"), slack.ModalViewRequest{Type: slack.VTModal})
		wantSlackErr(t, err, "invalid_arguments")
	})

	t.Run("conversations.members", func(t *testing.T) {
		e.emu.AddChannel(Channel{ID: "CBIG", Name: "big", Members: []string{"UBOT", "UALICE", "UBOB", "UCAROL", "UDAVE"}})
		var all []string
		cursor := ""
		pages := 0
		for {
			members, next, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "CBIG", Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			all = append(all, members...)
			if next == "" {
				break
			}
			cursor = next
		}
		if pages != 3 || strings.Join(all, ",") != "UBOT,UALICE,UBOB,UCAROL,UDAVE" {
			t.Fatalf("%d pages: %v", pages, all)
		}
		_, _, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "GSECRET"})
		wantSlackErr(t, err, "channel_not_found")
	})

	t.Run("conversations.info", func(t *testing.T) {
		ch, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "CLEADS", IncludeNumMembers: true})
		if err != nil {
			t.Fatal(err)
		}
		if ch.ID != "CLEADS" || ch.Name != "leads" || ch.IsPrivate || !ch.IsMember || ch.NumMembers != 2 {
			t.Fatalf("info = %+v", ch)
		}
		out, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "COUT"})
		if err != nil || out.IsMember {
			t.Fatalf("COUT = %+v %v", out, err)
		}
		_, err = api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "GSECRET"})
		wantSlackErr(t, err, "channel_not_found")
	})

	t.Run("conversations.history", func(t *testing.T) {
		e.emu.AddChannel(Channel{ID: "CHIST", Name: "history", Members: []string{"UBOT"}})
		var posted []string
		for i := range 5 {
			opts := []slack.MsgOption{slack.MsgOptionText("m"+string(rune('0'+i)), false)}
			if i == 4 {
				opts = append(opts, slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "lead_card", EventPayload: map[string]any{"lead_id": "7"}}))
			}
			_, ts, err := api.PostMessage("CHIST", opts...)
			if err != nil {
				t.Fatal(err)
			}
			posted = append(posted, ts)
		}
		// A reply is not top-level.
		if _, _, err := api.PostMessage("CHIST", slack.MsgOptionText("reply", false), slack.MsgOptionTS(posted[0])); err != nil {
			t.Fatal(err)
		}
		h, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CHIST", Limit: 2, IncludeAllMetadata: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Messages) != 2 || h.Messages[0].Timestamp != posted[4] || h.Messages[1].Timestamp != posted[3] || !h.HasMore {
			t.Fatalf("page 1 = %+v", h)
		}
		if h.Messages[0].Metadata.EventType != "lead_card" || h.Messages[0].Metadata.EventPayload["lead_id"] != "7" {
			t.Fatalf("metadata = %+v", h.Messages[0].Metadata)
		}
		var seen []string
		for _, m := range h.Messages {
			seen = append(seen, m.Timestamp)
		}
		cursor := h.ResponseMetaData.NextCursor
		for cursor != "" {
			p, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CHIST", Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range p.Messages {
				seen = append(seen, m.Timestamp)
			}
			cursor = p.ResponseMetaData.NextCursor
		}
		if strings.Join(seen, ",") != strings.Join([]string{posted[4], posted[3], posted[2], posted[1], posted[0]}, ",") {
			t.Fatalf("history order %v, posted %v", seen, posted)
		}
		if h.Messages[1].Metadata.EventType != "" {
			t.Fatalf("metadata on a message posted without it: %+v", h.Messages[1].Metadata)
		}
		noMD, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CHIST", Limit: 1})
		if err != nil || noMD.Messages[0].Metadata.EventType != "" {
			t.Fatalf("metadata without include_all_metadata: %+v %v", noMD, err)
		}
		win, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CHIST", Oldest: posted[1], Latest: posted[3], Inclusive: true})
		if err != nil || len(win.Messages) != 3 {
			t.Fatalf("oldest/latest window: %+v %v", win, err)
		}
		_, err = api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "COUT"})
		wantSlackErr(t, err, "not_in_channel")
	})

	t.Run("users.info", func(t *testing.T) {
		u, err := api.GetUserInfo("UALICE")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != "UALICE" || u.Name != "alice" || u.RealName != "Alice Liddell" || u.IsBot || u.Profile.RealName != "Alice Liddell" {
			t.Fatalf("user = %+v", u)
		}
		b, err := api.GetUserInfo("UBOT")
		if err != nil || !b.IsBot {
			t.Fatalf("bot user = %+v %v", b, err)
		}
		_, err = api.GetUserInfo("UNOBODY")
		wantSlackErr(t, err, "user_not_found")
	})

	t.Run("unknown method and JSON bodies", func(t *testing.T) {
		body := postRaw(t, e.http.URL+"/api/foo.bar", e.emu.Config().BotToken, "application/json", `{}`)
		if body["ok"] != false || body["error"] != "unknown_method" {
			t.Fatalf("unknown method: %v", body)
		}
		body = postRaw(t, e.http.URL+"/api/chat.postMessage", e.emu.Config().BotToken, "application/json; charset=utf-8",
			`{"channel":"CLEADS","text":"json","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]}`)
		if body["ok"] != true || body["warning"] != nil {
			t.Fatalf("JSON post: %v", body)
		}
		msg := body["message"].(map[string]any)
		if msg["bot_id"] != e.emu.Config().BotID || msg["ts"] != body["ts"] {
			t.Fatalf("message = %v", msg)
		}
		body = postRaw(t, e.http.URL+"/api/auth.test", "", "application/x-www-form-urlencoded", "token="+e.emu.Config().BotToken)
		if body["ok"] != true {
			t.Fatalf("token form field: %v", body)
		}
		body = postRaw(t, e.http.URL+"/api/auth.test", e.emu.Config().BotToken, "application/json", `{}`)
		if body["warning"] != "missing_charset" {
			t.Fatalf("JSON without charset: %v", body)
		}
	})

	t.Run("calls", func(t *testing.T) {
		if n := e.emu.Calls("auth.test"); n < 5 {
			t.Fatalf("Calls(auth.test) = %d", n)
		}
		if n := e.emu.Calls("foo.bar"); n != 1 {
			t.Fatalf("Calls(foo.bar) = %d", n)
		}
	})
}

func TestChannelRateLimit(t *testing.T) {
	e := newEnv(t, Config{})
	e.emu.SetChannelRate(1, 2)
	for i := range 2 {
		if _, _, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("burst", false)); err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
	}
	_, _, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("too fast", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Fatalf("err = %#v, want RateLimitedError with 1s", err)
	}
	// Other channels have their own budget.
	e.emu.AddChannel(Channel{ID: "COTHER", Name: "other", Members: []string{"UBOT"}})
	if _, _, err := e.api.PostMessage("COTHER", slack.MsgOptionText("elsewhere", false)); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
	if _, _, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("later", false)); err != nil {
		t.Fatal(err)
	}
	if n := len(e.emu.Messages("CLEADS")); n != 3 {
		t.Fatalf("%d messages stored, want 3", n)
	}
	// The raw answer is Slack's.
	resp, err := http.Post(e.http.URL+"/api/chat.postMessage", "application/x-www-form-urlencoded",
		strings.NewReader("token="+e.emu.Config().BotToken+"&channel=CLEADS&text=x"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" || !strings.Contains(string(b), `"error":"ratelimited"`) {
		t.Fatalf("429 answer: %d %v %s", resp.StatusCode, resp.Header, b)
	}
	e.emu.SetChannelRate(0, 0)
	if _, _, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("unlimited", false)); err != nil {
		t.Fatal(err)
	}
}

func postRaw(t *testing.T, url, token, contentType, body string) map[string]any {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func tsPattern(ts string) bool {
	sec, frac, ok := strings.Cut(ts, ".")
	return ok && len(sec) == 10 && len(frac) == 6
}
