package bot

import (
	"context"
	"sync"
	"time"
)

// groupsTTL is how long a user group's member list is trusted: Slack sends
// a bot no event when a user group changes, so it is read again this often.
const groupsTTL = time.Minute

// groupCache holds the members of the Slack user groups that name a team,
// read with usergroups.users.list.
type groupCache struct {
	mu     sync.Mutex
	groups map[string]memberList
}

// InUserGroup implements chat.Chat. A user group Slack does not know
// (deleted, or a mistyped ID) has no members; it is logged when read.
func (b *Bot) InUserGroup(ctx context.Context, group, user string) (bool, error) {
	b.groups.mu.Lock()
	list, ok := b.groups.groups[group]
	b.groups.mu.Unlock()
	if !ok || time.Since(list.fetched) > groupsTTL {
		ids, err := b.api.GetUserGroupMembersContext(ctx, group)
		switch {
		case isSlackError(err, "no_such_subteam"):
			b.log.Warn("slack: a user group that names a team does not exist; it counts as empty", "usergroup", group)
			ids = nil
		case err != nil:
			return false, slackError("usergroups.users.list", err)
		}
		users := make(map[string]bool, len(ids))
		for _, id := range ids {
			users[id] = true
		}
		list = memberList{users: users, fetched: time.Now()}
		b.groups.mu.Lock()
		if b.groups.groups == nil {
			b.groups.groups = map[string]memberList{}
		}
		b.groups.groups[group] = list
		b.groups.mu.Unlock()
	}
	return list.users[user], nil
}
