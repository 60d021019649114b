package teamsemu_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

func TestInstallPostsWhatTeamsSends(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	got := f.bot.received()
	if len(got) != 2 {
		t.Fatalf("bot got %d activities", len(got))
	}
	tenant := f.emu.Options().TenantID
	for _, r := range got {
		a := r.activity
		if !strings.HasPrefix(r.auth, "Bearer ") || a.ServiceURL != f.emu.ServiceURL() || a.ChannelID != "msteams" || a.ID == "" || a.Timestamp == "" {
			t.Errorf("envelope of %s: %+v", a.Type, a)
		}
		if a.Conversation == nil || a.Conversation.ID != f.general || a.Conversation.ConversationType != "channel" {
			t.Errorf("conversation of %s: %+v", a.Type, a.Conversation)
		}
		cd := a.ChannelData
		if cd == nil || cd.Team.ID != f.team.ID || cd.Team.Name != "Sales" || cd.Channel.ID != f.general || cd.Tenant.ID != tenant {
			t.Errorf("channelData of %s: %+v", a.Type, cd)
		}
		if a.From == nil || a.From.ID != f.alice.MRI || a.From.AADObjectID != f.alice.AADObjectID {
			t.Errorf("from of %s: %+v", a.Type, a.From)
		}
		if a.Recipient == nil || a.Recipient.ID != "28:"+f.emu.Options().AppID {
			t.Errorf("recipient of %s: %+v", a.Type, a.Recipient)
		}
	}
	if a := got[0].activity; a.Type != teams.TypeInstallationUpdate || a.Action != "add" {
		t.Errorf("first = %s %s", a.Type, a.Action)
	}
	if a := got[1].activity; a.Type != teams.TypeConversationUpdate || a.ChannelData.EventType != "teamMemberAdded" ||
		len(a.MembersAdded) != 1 || a.MembersAdded[0].ID != f.emu.Bot().ID {
		t.Errorf("second = %+v", a)
	}

	if err := f.emu.Uninstall(ctxTimeout(t), f.bot.URL(), f.team.ID, f.alice); err != nil {
		t.Fatal(err)
	}
	got = f.bot.received()
	if a := got[2].activity; a.Type != teams.TypeInstallationUpdate || a.Action != "remove" {
		t.Errorf("uninstall = %s %s", a.Type, a.Action)
	}
	removed, _ := got[3].raw["membersRemoved"].([]any)
	if a := got[3].activity; a.ChannelData.EventType != "teamMemberRemoved" || len(removed) != 1 {
		t.Errorf("removal = %+v %v", a, got[3].raw["membersRemoved"])
	}
}

func TestUserActivities(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	ctx := ctxTimeout(t)
	send := func(a teams.Activity) received {
		t.Helper()
		status, body, err := f.emu.Send(ctx, f.bot.URL(), a)
		if err != nil || status != http.StatusOK {
			t.Fatalf("Send %s: %d %s %v", a.Type, status, body, err)
		}
		got := f.bot.received()
		return got[len(got)-1]
	}

	// An @mention in a channel is a new post, recorded.
	msg := send(f.emu.MentionMessage(f.alice, f.private, "goals 2026-11")).activity
	if msg.Text != "<at>Armistice</at> goals 2026-11" || len(msg.Entities) != 1 || msg.Entities[0].Mentioned.ID != f.emu.Bot().ID ||
		msg.Entities[0].Text != "<at>Armistice</at>" {
		t.Errorf("mention = %+v", msg)
	}
	if msg.Conversation.ID != f.private+";messageid="+msg.ID || msg.ThreadRoot() != msg.ID || msg.ChannelData.Channel.MembershipType != "private" ||
		msg.ChannelData.Team.ID != f.team.ID || msg.TenantID() != f.emu.Options().TenantID {
		t.Errorf("mention context = %+v %+v", msg.Conversation, msg.ChannelData)
	}
	posts := f.emu.Messages(f.private)
	if len(posts) != 1 || posts[0].ID != msg.ID || posts[0].Activity.From.ID != f.alice.MRI {
		t.Fatalf("posts = %+v", posts)
	}

	// A reply in its thread, from Bob.
	reply := send(f.emu.MentionMessage(f.bob, msg.Conversation.ID, "me too")).activity
	if reply.Conversation.ID != msg.Conversation.ID || reply.ThreadRoot() != msg.ID {
		t.Errorf("reply conversation = %+v", reply.Conversation)
	}
	if posts = f.emu.Messages(f.private); len(posts[0].Replies) != 1 || posts[0].Replies[0].ID != reply.ID {
		t.Errorf("thread = %+v", posts)
	}

	// The bot's card, and a click on it.
	card := createdID(t, f.post(t, f.private, message("card")))
	click := send(f.emu.CardAction(f.bob, f.private, card, teams.VerbAccept, teams.ActionData{LeadID: 42})).activity
	var exec struct {
		Action struct {
			Type, Verb string
			Data       teams.ActionData
		}
		Trigger string
	}
	if err := json.Unmarshal(click.Value, &exec); err != nil {
		t.Fatal(err)
	}
	if click.Type != teams.TypeInvoke || click.Name != teams.InvokeAdaptiveCardAction || click.ReplyToID != card ||
		click.Conversation.ID != f.private+";messageid="+card || exec.Action.Type != "Action.Execute" ||
		exec.Action.Verb != teams.VerbAccept || exec.Action.Data.LeadID != 42 || exec.Trigger != "manual" {
		t.Errorf("card action = %+v %s", click, click.Value)
	}
	if len(f.emu.Messages(f.private)) != 2 {
		t.Error("an invoke was recorded as a message")
	}

	// A dialog.
	reject := teams.ActionData{Action: teams.ActionReject, LeadID: 42, Msteams: &teams.MsteamsAction{Type: "task/fetch"}}
	for _, a := range []teams.Activity{
		f.emu.TaskFetch(f.bob, f.private, card, reject),
		f.emu.TaskSubmit(f.bob, f.private, card, map[string]any{"action": teams.ActionRejectSubmit, "reason": "budget"}),
	} {
		status, body, err := f.emu.Send(ctx, f.bot.URL(), a)
		if err != nil || status != 200 || !strings.Contains(string(body), `"task"`) {
			t.Fatalf("%s: %d %s %v", a.Name, status, body, err)
		}
		var v struct{ Data map[string]any }
		if err := json.Unmarshal(a.Value, &v); err != nil || v.Data["action"] == nil || a.ReplyToID != card {
			t.Errorf("%s value = %s", a.Name, a.Value)
		}
	}

	// The message action on Alice's post, then its submit.
	target := f.emu.Messages(f.private)[0]
	for _, a := range []teams.Activity{
		f.emu.ExtensionFetchTask(f.bob, f.private, teams.CommandSaveInsight, target),
		f.emu.ExtensionSubmitAction(f.bob, f.private, teams.CommandSaveInsight, target, map[string]any{"action": teams.ActionInsightForm}),
	} {
		got := send(a)
		var v struct {
			CommandID      string `json:"commandId"`
			CommandContext string `json:"commandContext"`
			MessagePayload struct {
				ID   string
				Body struct{ ContentType, Content string }
				From struct {
					User struct{ ID, DisplayName, AADObjectID string }
				}
				LinkToMessage string
			}
			Data map[string]any
		}
		if err := json.Unmarshal(got.activity.Value, &v); err != nil {
			t.Fatal(err)
		}
		p := v.MessagePayload
		if v.CommandID != teams.CommandSaveInsight || v.CommandContext != "message" || p.ID != target.ID ||
			p.Body.ContentType != "html" || p.Body.Content != target.Activity.Text || p.From.User.AADObjectID != f.alice.AADObjectID ||
			p.From.User.DisplayName != "Alice Liddell" || !strings.HasPrefix(p.LinkToMessage, "https://teams.microsoft.com/l/message/") {
			t.Errorf("%s value = %s", a.Name, got.activity.Value)
		}
		if (a.Name == teams.InvokeExtensionSubmit) != (v.Data != nil) {
			t.Errorf("%s data = %v", a.Name, v.Data)
		}
	}

	// A personal message.
	pm := send(f.emu.PersonalMessage(f.bob, "help")).activity
	if !strings.HasPrefix(pm.Conversation.ID, "a:") || pm.Conversation.ConversationType != "personal" || pm.TenantID() != f.emu.Options().TenantID {
		t.Errorf("personal = %+v", pm.Conversation)
	}
	if msgs := f.emu.PersonalMessages(f.bob); len(msgs) != 1 || msgs[0].Activity.Text != "help" {
		t.Errorf("personal messages = %+v", msgs)
	}
}

func TestWaitFor(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	ctx := ctxTimeout(t)
	done := make(chan error, 1)
	go func() {
		done <- f.emu.WaitFor(ctx, func() bool { return len(f.emu.Messages(f.standard)) == 1 })
	}()
	createdID(t, f.post(t, f.standard, message("hi")))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	f.emu.Close()
	if err := f.emu.WaitFor(ctxTimeout(t), func() bool { return false }); err != teamsemu.ErrClosed {
		t.Errorf("after Close: %v", err)
	}
}

func TestUnknownRoutes(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	for _, tc := range []struct {
		method, url string
		status      int
	}{
		{http.MethodGet, f.emu.URL() + "/nothing", 404},
		{http.MethodPost, f.emu.URL() + "/teams/v3/conversations", 404},
		{http.MethodPost, f.emu.ServiceURL() + "/v3/conversations", 404},
		{http.MethodGet, conversations(f.emu), 405},
		{http.MethodPatch, activitiesURL(f.emu, f.general) + "/1", 405},
	} {
		if a := call(t, tc.method, tc.url, f.token, nil); a.status != tc.status {
			t.Errorf("%s %s: %d %s", tc.method, tc.url, a.status, a.body)
		}
	}
	if n := f.emu.CallsTo(teamsemu.RouteUnknown); n != 5 {
		t.Errorf("unknown = %d", n)
	}
}
