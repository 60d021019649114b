package teams

import (
	"context"
	"strings"
)

// remember keeps what an activity teaches about where things are: its
// sender (ID for a personal chat, display name) and its conversation with
// the service URL to reach it, so that proactive posts work after a
// restart. Failures are logged: the activity is still handled.
func (b *Bot) remember(ctx context.Context, a *Activity) {
	if a.From != nil && a.From.AADObjectID != "" {
		if err := b.db.SaveUsers(ctx, []User{{AADObjectID: a.From.AADObjectID, MRI: a.From.ID, Name: a.From.Name}}); err != nil {
			b.log.Warn("teams: remembering a user", "err", err)
		}
	}
	if a.Conversation == nil || a.ServiceURL == "" {
		return
	}
	c := Conversation{TenantID: a.TenantID(), ServiceURL: a.ServiceURL}
	switch a.Conversation.ConversationType {
	case "personal":
		if a.From == nil || a.From.AADObjectID == "" {
			return
		}
		c.ID, c.Kind, c.UserID = a.Conversation.ID, "personal", a.From.AADObjectID
	case "channel":
		cd := a.ChannelData
		if cd == nil || cd.Channel == nil || cd.Channel.ID == "" {
			return
		}
		c.ID, c.Kind, c.Name, c.Membership = cd.Channel.ID, "channel", cd.Channel.Name, cd.Channel.MembershipType
		if cd.Team != nil {
			c.TeamID = cd.Team.ID
		}
	default:
		return
	}
	if err := b.db.SaveConversation(ctx, c); err != nil {
		b.log.Warn("teams: remembering a conversation", "err", err)
	}
}

// onInstallation records the app being added to or removed from a team
// (installationUpdate, or conversationUpdate with the bot among the members
// added) and, once it is added, posts the leads that waited for it.
func (b *Bot) onInstallation(ctx context.Context, a *Activity) {
	cd := a.ChannelData
	if cd == nil || cd.Team == nil || cd.Team.ID == "" {
		return // a personal or group chat: nothing waits for those
	}
	var installed bool
	switch {
	case a.Type == TypeInstallationUpdate && strings.HasPrefix(a.Action, "add"):
		installed = true
	case a.Type == TypeInstallationUpdate && strings.HasPrefix(a.Action, "remove"):
		installed = false
	case a.Type == TypeConversationUpdate && b.botAdded(a):
		installed = true
	case a.Type == TypeConversationUpdate && cd.EventType == "channelCreated" && cd.Channel != nil:
		return // remembered already
	default:
		return
	}
	by, _ := userOf(a)
	if err := b.db.SaveInstallation(ctx, Installation{
		TeamID: cd.Team.ID, Name: cd.Team.Name, TenantID: a.TenantID(), ServiceURL: a.ServiceURL, Installed: installed, UpdatedBy: by,
	}); err != nil {
		b.log.Error("teams: recording an installation", "team", cd.Team.ID, "err", err)
		return
	}
	b.rosters.forget(cd.Team.ID)
	if !installed {
		b.log.Info("teams: the app was removed from a team", "team", cd.Team.ID)
		return
	}
	n, err := b.svc.AnnounceWaiting(ctx)
	if err != nil {
		b.log.Error("teams: announcing the leads that waited for the app", "err", err)
		return
	}
	b.log.Info("teams: the app was added to a team", "team", cd.Team.ID, "waiting_leads", n)
}

func (b *Bot) botAdded(a *Activity) bool {
	for _, m := range a.MembersAdded {
		if m.ID == b.botMRI() {
			return true
		}
	}
	return false
}
