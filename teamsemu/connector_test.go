package teamsemu_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

func TestChannelPostsThreadsUpdatesAndDeletes(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})

	// A new post through createConversation.
	a := call(t, http.MethodPost, conversations(f.emu), f.token, map[string]any{
		"isGroup":     true,
		"bot":         f.emu.Bot(),
		"channelData": map[string]any{"channel": map[string]string{"id": f.standard}, "tenant": map[string]string{"id": f.emu.Options().TenantID}},
		"activity":    message("new lead"),
	})
	var created struct{ ID, ActivityID string }
	a.decode(t, &created)
	if a.status != http.StatusCreated || created.ActivityID == "" || created.ID != f.standard+";messageid="+created.ActivityID {
		t.Fatalf("create: %d %s", a.status, a.body)
	}
	root := created.ActivityID

	// A top-level post, a reply through the ;messageid= form (encoded and
	// raw) and through the reply route.
	top := createdID(t, f.post(t, f.standard, message("second post")))
	legacy := createdID(t, f.post(t, created.ID, message("legacy reply")))
	raw := createdID(t, call(t, http.MethodPost, conversations(f.emu)+"/"+f.standard+";messageid="+root+"/activities", f.token, message("raw reply")))
	modern := createdID(t, call(t, http.MethodPost, activitiesURL(f.emu, f.standard)+"/"+root, f.token, message("modern reply")))
	// Replying to a reply lands in the same thread.
	nested := createdID(t, call(t, http.MethodPost, activitiesURL(f.emu, f.standard)+"/"+modern, f.token, message("nested reply")))
	ids := []string{root, top, legacy, raw, modern, nested}
	for i := 1; i < len(ids); i++ {
		if len(ids[i]) != 13 || ids[i] <= ids[i-1] {
			t.Errorf("activity IDs not increasing numeric: %v", ids)
		}
	}

	// Update the root twice, delete the second post.
	for _, text := range []string{"accepted", "accepted by Alice"} {
		a = call(t, http.MethodPut, activitiesURL(f.emu, created.ID)+"/"+root, f.token, message(text))
		var upd struct{ ID string }
		a.decode(t, &upd)
		if a.status != http.StatusOK || upd.ID != root {
			t.Fatalf("update: %d %s", a.status, a.body)
		}
	}
	if a = call(t, http.MethodDelete, activitiesURL(f.emu, f.standard)+"/"+top, f.token, nil); a.status != http.StatusOK {
		t.Fatalf("delete: %d %s", a.status, a.body)
	}

	msgs := f.emu.Messages(f.standard)
	if len(msgs) != 2 {
		t.Fatalf("posts = %+v", msgs)
	}
	m := msgs[0]
	if m.ID != root || m.Activity.Text != "accepted by Alice" || m.Updates != 2 || m.Deleted {
		t.Errorf("root = %+v", m)
	}
	if m.Activity.From == nil || m.Activity.From.ID != f.emu.Bot().ID || m.Activity.Conversation.ID != created.ID {
		t.Errorf("root activity = %+v", m.Activity)
	}
	var replies []string
	for _, r := range m.Replies {
		replies = append(replies, r.Activity.Text)
		if r.Activity.ReplyToID != root || r.Activity.Conversation.ID != created.ID {
			t.Errorf("reply %s: replyToId %q, conversation %q", r.ID, r.Activity.ReplyToID, r.Activity.Conversation.ID)
		}
	}
	if got := strings.Join(replies, "|"); got != "legacy reply|raw reply|modern reply|nested reply" {
		t.Errorf("replies = %s", got)
	}
	if !msgs[1].Deleted || msgs[1].ID != top {
		t.Errorf("second post = %+v", msgs[1])
	}

	// Errors: unknown conversation, unknown activity, someone else's
	// message.
	if a = f.post(t, "19:nope@thread.tacv2", message("x")); a.status != 404 || a.errorCode(t) != "ConversationNotFound" {
		t.Errorf("unknown conversation: %d %s", a.status, a.body)
	}
	if a = f.post(t, f.standard+";messageid=1", message("x")); a.status != 404 || a.errorCode(t) != "ConversationNotFound" {
		t.Errorf("unknown thread: %d %s", a.status, a.body)
	}
	if a = call(t, http.MethodPut, activitiesURL(f.emu, f.standard)+"/123", f.token, message("x")); a.status != 404 || a.errorCode(t) != "ActivityNotFound" {
		t.Errorf("unknown activity: %d %s", a.status, a.body)
	}
	user := f.emu.MentionMessage(f.alice, f.standard, "goals 2026-11")
	if _, _, err := f.emu.Send(ctxTimeout(t), f.bot.URL(), user); err != nil {
		t.Fatal(err)
	}
	if a = call(t, http.MethodPut, activitiesURL(f.emu, f.standard)+"/"+user.ID, f.token, message("x")); a.status != 403 {
		t.Errorf("update of a user's message: %d %s", a.status, a.body)
	}
	// The bot replies in the user's thread.
	createdID(t, call(t, http.MethodPost, activitiesURL(f.emu, user.Conversation.ID)+"/"+user.ID, f.token, message("here are the goals")))
	msgs = f.emu.Messages(f.standard)
	if last := msgs[len(msgs)-1]; last.ID != user.ID || len(last.Replies) != 1 || last.Replies[0].Activity.Text != "here are the goals" {
		t.Errorf("user's post = %+v", last)
	}
}

func TestPostsBeforeInstallAreRefused(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	bot := newFakeBot(t)
	team := emu.AddTeam("Support")
	ch := team.AddChannel("Escalations", "")
	alice := emu.AddUser("Alice Liddell")
	token := accessToken(t, emu)
	for _, id := range []string{team.ID, ch} {
		a := call(t, http.MethodPost, activitiesURL(emu, id), token, message("hi"))
		if a.status != http.StatusForbidden || a.errorCode(t) != "BotNotInConversationRoster" {
			t.Errorf("%s: %d %s", id, a.status, a.body)
		}
	}
	a := call(t, http.MethodPost, conversations(emu), token, map[string]any{
		"isGroup": true, "channelData": map[string]any{"channel": map[string]string{"id": ch}}, "activity": message("hi"),
	})
	if a.status != http.StatusForbidden {
		t.Errorf("create: %d %s", a.status, a.body)
	}
	if a = call(t, http.MethodGet, conversations(emu)+"/"+escapeAll(team.ID)+"/pagedmembers", token, nil); a.status != http.StatusForbidden {
		t.Errorf("pagedmembers: %d %s", a.status, a.body)
	}
	ctx := ctxTimeout(t)
	if err := emu.Install(ctx, bot.URL(), team.ID, alice); err != nil {
		t.Fatal(err)
	}
	createdID(t, call(t, http.MethodPost, activitiesURL(emu, ch), token, message("hi")))
	if err := emu.Uninstall(ctx, bot.URL(), team.ID, alice); err != nil {
		t.Fatal(err)
	}
	if a = call(t, http.MethodPost, activitiesURL(emu, ch), token, message("bye")); a.status != http.StatusForbidden {
		t.Errorf("after Uninstall: %d %s", a.status, a.body)
	}
}

func TestPersonalConversations(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	create := func() string {
		a := call(t, http.MethodPost, conversations(f.emu), f.token, map[string]any{
			"bot":         f.emu.Bot(),
			"members":     []map[string]string{{"id": f.bob.MRI}},
			"channelData": map[string]any{"tenant": map[string]string{"id": f.emu.Options().TenantID}},
		})
		id := createdID(t, a)
		if !strings.HasPrefix(id, "a:") {
			t.Errorf("id = %q", id)
		}
		return id
	}
	id := create()
	if again := create(); again != id || f.emu.PersonalConversationID(f.bob) != id {
		t.Errorf("conversation IDs %q, %q, %q", id, again, f.emu.PersonalConversationID(f.bob))
	}
	sent := createdID(t, f.post(t, id, message("your digest")))
	createdID(t, call(t, http.MethodPost, activitiesURL(f.emu, id)+"/"+sent, f.token, message("and more")))
	msgs := f.emu.PersonalMessages(f.bob)
	if len(msgs) != 2 || msgs[0].Activity.Text != "your digest" || msgs[1].Activity.ReplyToID != sent {
		t.Errorf("messages = %+v", msgs)
	}
	if msgs[0].Activity.Conversation.ConversationType != "personal" {
		t.Errorf("conversation = %+v", msgs[0].Activity.Conversation)
	}
	a := call(t, http.MethodPost, conversations(f.emu), f.token, map[string]any{"members": []map[string]string{{"id": "29:1unknown"}}})
	if a.status != http.StatusBadRequest {
		t.Errorf("unknown member: %d %s", a.status, a.body)
	}
}

func TestTextWithAttachmentsIsSplit(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	act := message("A new lead")
	act.Attachments = []teams.Attachment{{ContentType: teams.ContentTypeAdaptiveCard, Content: map[string]any{"type": "AdaptiveCard", "version": "1.5"}}}
	a := f.post(t, f.standard, act)
	if a.status != http.StatusAccepted || len(a.body) != 0 {
		t.Fatalf("%d %q", a.status, a.body)
	}
	msgs := f.emu.Messages(f.standard)
	if len(msgs) != 2 || msgs[0].Activity.Text != "A new lead" || len(msgs[0].Activity.Attachments) != 0 ||
		msgs[1].Activity.Text != "" || len(msgs[1].Activity.Attachments) != 1 {
		t.Errorf("messages = %+v", msgs)
	}
}

func TestMessageSizeTooBig(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	big := message(strings.Repeat("x", 81920))
	if a := f.post(t, f.standard, big); a.status != http.StatusRequestEntityTooLarge || a.errorCode(t) != "MessageSizeTooBig" {
		t.Errorf("%d %s", a.status, a.body)
	}
	body := []byte(`{"type":"message","text":"` + strings.Repeat("x", 81920-len(`{"type":"message","text":""}`)) + `"}`)
	if len(body) != 81920 {
		t.Fatal(len(body))
	}
	createdID(t, call(t, http.MethodPost, activitiesURL(f.emu, f.standard), f.token, body))
	if n := len(f.emu.Messages(f.standard)); n != 1 {
		t.Errorf("%d messages", n)
	}
}

func TestFailNext(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	f.emu.FailNext(2, http.StatusTooManyRequests, 3*time.Second)
	// A read is not a write: it goes through.
	if a := call(t, http.MethodGet, conversations(f.emu)+"/"+escapeAll(f.general)+"/pagedmembers", f.token, nil); a.status != http.StatusOK {
		t.Errorf("pagedmembers: %d", a.status)
	}
	for i := range 2 {
		a := f.post(t, f.standard, message("hi"))
		if a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") != "3" || a.errorCode(t) != "TooManyRequests" {
			t.Errorf("call %d: %d %v %s", i, a.status, a.header, a.body)
		}
	}
	if n := len(f.emu.Messages(f.standard)); n != 0 {
		t.Errorf("a failed call stored %d messages", n)
	}
	createdID(t, f.post(t, f.standard, message("hi")))
	f.emu.FailNext(1, http.StatusServiceUnavailable, 0)
	a := call(t, http.MethodPut, activitiesURL(f.emu, f.standard)+"/1", f.token, message("x"))
	if a.status != http.StatusServiceUnavailable || a.header.Get("Retry-After") != "" {
		t.Errorf("update: %d %v", a.status, a.header)
	}
	calls := f.emu.Calls()
	if calls[teamsemu.Call{Route: teamsemu.RouteSend, Status: 429}] != 2 || calls[teamsemu.Call{Route: teamsemu.RouteSend, Status: 201}] != 1 ||
		calls[teamsemu.Call{Route: teamsemu.RouteUpdate, Status: 503}] != 1 || f.emu.CallsTo(teamsemu.RouteSend) != 3 {
		t.Errorf("calls = %v", calls)
	}
}

func TestRateLimit(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1790000000, 0)}
	f := newFixture(t, teamsemu.Options{RateLimit: true, Now: clock.Now})
	for range 7 {
		createdID(t, f.post(t, f.standard, message("burst")))
	}
	a := f.post(t, f.standard, message("one too many"))
	if a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") != "1" {
		t.Fatalf("8th in a second: %d %v %s", a.status, a.header, a.body)
	}
	// Other conversations have their own budget.
	createdID(t, f.post(t, f.general, message("elsewhere")))
	// 60 per 30 s: 7 per second for 8 more seconds hits it.
	sent := 7
	for range 8 {
		clock.Advance(time.Second)
		for range 7 {
			a = f.post(t, f.standard, message("steady"))
			if a.status == http.StatusTooManyRequests {
				break
			}
			createdID(t, a)
			sent++
		}
	}
	if sent != 60 || a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") != "1" {
		t.Errorf("sent %d before the 30 s limit, last %d", sent, a.status)
	}
	clock.Advance(30 * time.Second)
	createdID(t, f.post(t, f.standard, message("later")))
}
