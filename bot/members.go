package bot

import (
	"context"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// membersTTL is how long a channel's member list is trusted; membership
// events drop it sooner.
const membersTTL = time.Minute

// memberCache holds the members of the channels the bot asks about, read
// with conversations.members and refreshed on member_joined_channel and
// member_left_channel events.
type memberCache struct {
	mu       sync.Mutex
	channels map[string]memberList
}

type memberList struct {
	users   map[string]bool
	fetched time.Time
}

// forget drops a channel's list, so the next question reads it again.
func (c *memberCache) forget(channel string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.channels, channel)
}

// IsMember implements chat.Chat.
func (b *Bot) IsMember(ctx context.Context, channel, user string) (bool, error) {
	b.members.mu.Lock()
	list, ok := b.members.channels[channel]
	b.members.mu.Unlock()
	if !ok || time.Since(list.fetched) > membersTTL {
		users := map[string]bool{}
		params := &slack.GetUsersInConversationParameters{ChannelID: channel, Limit: 1000}
		for {
			ids, cursor, err := b.api.GetUsersInConversationContext(ctx, params)
			if err != nil {
				return false, slackError("conversations.members", err)
			}
			for _, id := range ids {
				users[id] = true
			}
			if cursor == "" {
				break
			}
			params.Cursor = cursor
		}
		list = memberList{users: users, fetched: time.Now()}
		b.members.mu.Lock()
		if b.members.channels == nil {
			b.members.channels = map[string]memberList{}
		}
		b.members.channels[channel] = list
		b.members.mu.Unlock()
	}
	return list.users[user] && user != b.userID(), nil
}
