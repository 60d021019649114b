package teamsemu

import (
	"slices"
	"strings"

	"github.com/armistice/armistice/teams"
)

// The tenant's directory: users, teams, their channels and rosters, and
// where the bot is installed.

// Channel membership types.
const (
	// MembershipStandard is a channel open to its whole team; it has no
	// roster of its own.
	MembershipStandard = "standard"
	// MembershipPrivate is a channel with its own roster, within its team.
	MembershipPrivate = "private"
	// MembershipShared is a channel with its own roster, which may reach
	// beyond its team.
	MembershipShared = "shared"
)

// emailDomain is the domain of the users' e-mail addresses and UPNs.
const emailDomain = "teamsemu.onmicrosoft.com"

// User is a person in the tenant.
type User struct {
	// AADObjectID is the user's Entra object ID (a UUID).
	AADObjectID string
	// MRI is the user's ID as the bot sees it ("29:1…").
	MRI string
	// Name is the display name ("Rosa Diaz").
	Name string
	// Email is the e-mail address, also the user principal name.
	Email string
}

// Account is the user as activities name them: MRI, name and object ID.
func (u User) Account() teams.ChannelAccount {
	return teams.ChannelAccount{ID: u.MRI, Name: u.Name, AADObjectID: u.AADObjectID}
}

// Team is a team. Its General channel has the team's ID.
type Team struct {
	// ID is the team's thread ID ("19:…@thread.tacv2"), also its General
	// channel's.
	ID string
	// Name is the team's display name.
	Name string
	// AADGroupID is the Microsoft 365 group behind the team.
	AADGroupID string

	s *Server
}

// AddChannel adds a channel to the team and returns its ID.
// membershipType is MembershipStandard, MembershipPrivate or
// MembershipShared ("" means standard). A private or shared channel starts
// with an empty roster (see AddMember). It panics on any other membership
// type.
func (t Team) AddChannel(name, membershipType string) string {
	if membershipType == "" {
		membershipType = MembershipStandard
	}
	if !slices.Contains([]string{MembershipStandard, MembershipPrivate, MembershipShared}, membershipType) {
		panic("teamsemu: unknown channel membership type " + membershipType)
	}
	s := t.s
	s.mu.Lock()
	defer s.mu.Unlock()
	tm := s.dir.teams[t.ID]
	ch := s.addChannelLocked(tm, newThreadID(), name, membershipType)
	return ch.id
}

type directory struct {
	users    map[string]*User // by MRI
	teams    map[string]*team
	channels map[string]*channel // every team's channels, General included
	// personal maps a user's MRI to their 1:1 chat with the bot, once it
	// exists.
	personal map[string]*conversation
}

type team struct {
	id, name, groupID string
	installed         bool
	members           []*User
	general           *channel
}

type channel struct {
	id, name, membershipType string
	team                     *team
	members                  []*User // private and shared channels only
	conv                     *conversation
}

func newDirectory() directory {
	return directory{
		users:    make(map[string]*User),
		teams:    make(map[string]*team),
		channels: make(map[string]*channel),
		personal: make(map[string]*conversation),
	}
}

// AddUser adds a user with a new object ID and MRI, and an e-mail address
// made from name.
func (s *Server) AddUser(name string) User {
	u := &User{
		AADObjectID: newUUID(),
		MRI:         newMRI(),
		Name:        name,
		Email:       strings.ToLower(strings.Join(strings.Fields(name), ".")) + "@" + emailDomain,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir.users[u.MRI] = u
	s.bumpLocked()
	return *u
}

// AddTeam adds a team, with its General channel, with no members and
// without the bot (see Install).
func (s *Server) AddTeam(name string) Team {
	tm := &team{id: newThreadID(), name: name, groupID: newUUID()}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir.teams[tm.id] = tm
	tm.general = s.addChannelLocked(tm, tm.id, "General", MembershipStandard)
	return Team{ID: tm.id, Name: name, AADGroupID: tm.groupID, s: s}
}

// addChannelLocked adds a channel and its conversation. The caller holds
// s.mu.
func (s *Server) addChannelLocked(tm *team, id, name, membershipType string) *channel {
	ch := &channel{id: id, name: name, membershipType: membershipType, team: tm}
	ch.conv = newConversation(id)
	ch.conv.channel = ch
	s.dir.channels[id] = ch
	s.convs[id] = ch.conv
	s.bumpLocked()
	return ch
}

// AddMember adds u to the roster of a team or of a private or shared
// channel. A standard channel's ID adds u to its team, whose roster the
// channel shares. It panics when the ID or the user is unknown.
func (s *Server) AddMember(teamOrChannelID string, u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	user := s.dir.users[u.MRI]
	if user == nil {
		panic("teamsemu: unknown user " + u.MRI)
	}
	ch := s.dir.channels[teamOrChannelID]
	if ch == nil {
		panic("teamsemu: no team or channel " + teamOrChannelID)
	}
	roster := &ch.team.members
	if ch.membershipType != MembershipStandard {
		roster = &ch.members
	}
	if !slices.Contains(*roster, user) {
		*roster = append(*roster, user)
	}
	s.bumpLocked()
}

// roster returns the members of a channel or 1:1 chat. A standard channel
// answers its team's roster (the General channel's is the team's own), as
// Teams resolves it.
func (c *conversation) roster() []*User {
	switch {
	case c.channel == nil:
		return []*User{c.user}
	case c.channel.membershipType == MembershipStandard:
		return c.channel.team.members
	default:
		return c.channel.members
	}
}

// channelData is the channelData of an activity in ch.
func (s *Server) channelData(ch *channel) *teams.ChannelData {
	return &teams.ChannelData{
		Tenant:  &teams.IDName{ID: s.opts.TenantID},
		Team:    &teams.IDName{ID: ch.team.id, Name: ch.team.name},
		Channel: &teams.Channel{ID: ch.id, Name: ch.name, MembershipType: ch.membershipType},
	}
}
