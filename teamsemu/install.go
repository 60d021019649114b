package teamsemu

import (
	"context"
	"fmt"

	"github.com/armistice/armistice/teams"
)

// Installing the bot in a team, and removing it.

// Install adds the bot to the team teamID, as installer does it in Teams:
// from then on the bot may post in the team's channels and read their
// rosters. It then posts the bot what Teams sends: an installationUpdate
// (action "add") and a conversationUpdate whose membersAdded holds the bot,
// with eventType "teamMemberAdded", both in the General channel. It fails
// when the team is unknown or the bot does not answer 2xx.
func (s *Server) Install(ctx context.Context, botURL, teamID string, installer User) error {
	install, added, err := s.setInstalled(teamID, installer, true)
	if err != nil {
		return err
	}
	if err := s.postExpecting2xx(ctx, botURL, install, nil); err != nil {
		return err
	}
	return s.postExpecting2xx(ctx, botURL, added, nil)
}

// Uninstall removes the bot from the team teamID: its channels refuse the
// bot's writes again. It then posts the bot an installationUpdate (action
// "remove") and a conversationUpdate whose membersRemoved holds the bot,
// with eventType "teamMemberRemoved".
func (s *Server) Uninstall(ctx context.Context, botURL, teamID string, installer User) error {
	uninstall, removed, err := s.setInstalled(teamID, installer, false)
	if err != nil {
		return err
	}
	if err := s.postExpecting2xx(ctx, botURL, uninstall, nil); err != nil {
		return err
	}
	return s.postExpecting2xx(ctx, botURL, removed, []teams.ChannelAccount{{ID: s.Bot().ID}})
}

// setInstalled marks the bot (un)installed in a team and builds the
// installationUpdate and conversationUpdate that tell the bot.
func (s *Server) setInstalled(teamID string, installer User, installed bool) (update, membership teams.Activity, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tm := s.dir.teams[teamID]
	if tm == nil {
		return update, membership, fmt.Errorf("teamsemu: no team %s", teamID)
	}
	tm.installed = installed
	s.bumpLocked()
	general := tm.general
	base := teams.Activity{
		From:         ptr(installer.Account()),
		Conversation: &teams.ConversationAccount{ID: general.id, ConversationType: "channel", TenantID: s.opts.TenantID, IsGroup: true},
	}
	update, membership = base, base
	update.Type = teams.TypeInstallationUpdate
	update.ChannelData = s.channelData(general)
	membership.Type = teams.TypeConversationUpdate
	membership.ChannelData = s.channelData(general)
	if installed {
		update.Action = "add"
		membership.ChannelData.EventType = "teamMemberAdded"
		membership.MembersAdded = []teams.ChannelAccount{{ID: s.Bot().ID}}
	} else {
		update.Action = "remove"
		membership.ChannelData.EventType = "teamMemberRemoved"
	}
	return update, membership, nil
}

// withMembersRemoved adds membersRemoved, which teams.Activity does not
// carry, to an activity's JSON.
type withMembersRemoved struct {
	teams.Activity
	MembersRemoved []teams.ChannelAccount `json:"membersRemoved"`
}

// postExpecting2xx posts a with a Teams token (and membersRemoved when
// removed is set) and fails unless the bot answers 2xx.
func (s *Server) postExpecting2xx(ctx context.Context, botURL string, a teams.Activity, removed []teams.ChannelAccount) error {
	payload := func(a teams.Activity) any { return a }
	if removed != nil {
		payload = func(a teams.Activity) any { return withMembersRemoved{Activity: a, MembersRemoved: removed} }
	}
	status, body, err := s.post(ctx, botURL, s.SignToken(TokenOptions{}), a, payload)
	if err != nil {
		return err
	}
	if status < 200 || status > 299 {
		return fmt.Errorf("teamsemu: the bot answered %s with %d: %s", a.Type, status, body)
	}
	return nil
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
