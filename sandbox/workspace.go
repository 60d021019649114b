package sandbox

import "github.com/armistice/armistice/slackemu"

// Role is what a sandbox person does.
type Role string

// The roles one can play in the sandbox.
const (
	RoleRep      Role = "Sales rep"
	RoleMarketer Role = "Marketer"
	RoleAdmin    Role = "RevOps admin"
)

// Person is someone one can act as on the page.
type Person struct {
	ID       string
	Handle   string // the Slack handle ("rosa")
	RealName string
	Role     Role
	Email    string // on the Slack profile; the sandbox's HubSpot owners have the reps'
}

// Channel is a sandbox channel and what it is for.
type Channel struct {
	ID      string
	Name    string
	Purpose string
	Members []string // people's IDs (the bot is added by Populate)
}

// Workspace is the sandbox's people and channels.
type Workspace struct {
	People    []Person
	Sales     Channel // where lead cards go; its members are the sales team
	Marketing Channel // rejection feedback; its members are the marketing team
	// UserGroups are the Slack user groups ARMISTICE_SALES_TEAM and
	// ARMISTICE_MARKETING_TEAM may name instead of the channels.
	UserGroups []slackemu.UserGroup
}

// The sandbox people's user IDs.
const (
	Rosa = "U0REP00001"
	Sam  = "U0REP00002"
	Mia  = "U0MKT00001"
	Ada  = "U0ADMIN001"
)

// DefaultWorkspace is the workspace `armistice serve` runs in sandbox mode:
// Rosa and Sam are the sales team (members of #sales), Mia the marketing
// team (#marketing), Ada the admin (in #marketing, where the numbers are
// discussed, but not on the sales team: she cannot decide on leads).
var DefaultWorkspace = Workspace{
	People: []Person{
		{ID: Rosa, Handle: "rosa", RealName: "Rosa Díaz", Role: RoleRep, Email: "rosa@armistice.example"},
		{ID: Sam, Handle: "sam", RealName: "Sam Okafor", Role: RoleRep, Email: "sam@armistice.example"},
		{ID: Mia, Handle: "mia", RealName: "Mia Laurent", Role: RoleMarketer, Email: "mia@armistice.example"},
		{ID: Ada, Handle: "ada", RealName: "Ada Park", Role: RoleAdmin, Email: "ada@armistice.example"},
	},
	Sales: Channel{ID: "C0SALES001", Name: "sales", Purpose: "Lead cards land here. Its members are the sales team: they accept or reject each MQL.",
		Members: []string{Rosa, Sam}},
	Marketing: Channel{ID: "C0MRKTG001", Name: "marketing", Purpose: "Marketing hears here why sales rejected a lead, and hands leads over with /armistice lead.",
		Members: []string{Mia, Ada}},
	UserGroups: []slackemu.UserGroup{
		{ID: "S0SALES001", Handle: "sales-team", Name: "Sales team", Users: []string{Rosa, Sam}},
		{ID: "S0MRKTG001", Handle: "marketing-team", Name: "Marketing team", Users: []string{Mia}},
	},
}

// Admins are the people with the admin role.
func (w Workspace) Admins() []string {
	var out []string
	for _, p := range w.People {
		if p.Role == RoleAdmin {
			out = append(out, p.ID)
		}
	}
	return out
}

// Channels are the workspace's channels, sales first.
func (w Workspace) Channels() []Channel { return []Channel{w.Sales, w.Marketing} }

// Person returns the person with id.
func (w Workspace) Person(id string) (Person, bool) {
	for _, p := range w.People {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

// Populate adds the people, the channels (with the bot as a member of
// each) and the user groups to emu.
func (w Workspace) Populate(emu *slackemu.Server) {
	for _, p := range w.People {
		emu.AddUser(slackemu.User{ID: p.ID, Name: p.Handle, RealName: p.RealName, Email: p.Email})
	}
	bot := emu.Config().BotUserID
	for _, c := range w.Channels() {
		emu.AddChannel(slackemu.Channel{ID: c.ID, Name: c.Name, Members: append([]string{bot}, c.Members...)})
	}
	for _, g := range w.UserGroups {
		emu.AddUserGroup(g)
	}
}
