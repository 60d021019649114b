package slackemu

import (
	"context"
	"testing"

	"github.com/slack-go/slack"
)

func TestConversationsListShowsWhatTheBotMaySeePageByPage(t *testing.T) {
	e := newEnv(t, Config{})
	e.emu.AddChannel(Channel{ID: "GMINE", Name: "mine", IsPrivate: true, Members: []string{"UBOT"}})
	ctx := context.Background()

	var got []slack.Channel
	params := &slack.GetConversationsParameters{Limit: 2, Types: []string{"public_channel", "private_channel"}, ExcludeArchived: true}
	for {
		page, cursor, err := e.api.GetConversationsContext(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > 2 {
			t.Fatalf("a page of %d channels, limit 2", len(page))
		}
		got = append(got, page...)
		if cursor == "" {
			break
		}
		params.Cursor = cursor
	}
	member := map[string]bool{}
	for _, c := range got {
		member[c.Name] = c.IsMember
	}
	want := map[string]bool{"leads": true, "outside": false, "mine": true}
	if len(member) != len(want) {
		t.Fatalf("channels = %v, want %v (no private channel the bot is not in)", member, want)
	}
	for name, m := range want {
		if is, ok := member[name]; !ok || is != m {
			t.Errorf("%s: listed %v, is_member %v; want listed, is_member %v", name, ok, is, m)
		}
	}

	public, _, err := e.api.GetConversationsContext(ctx, &slack.GetConversationsParameters{})
	if err != nil {
		t.Fatal(err)
	}
	if len(public) != 2 {
		t.Errorf("without types: %d channels, want the 2 public ones", len(public))
	}
	if _, _, err := e.api.GetConversationsContext(ctx, &slack.GetConversationsParameters{Cursor: "bogus"}); err == nil || err.Error() != "invalid_cursor" {
		t.Errorf("a bad cursor: %v", err)
	}
}
