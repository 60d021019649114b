package teams

import (
	"context"
	"errors"
	"time"
)

// Store keeps what the Teams side learns from Teams and needs later: where
// the app is installed, the conversations and users it has seen, and the
// activities already delivered. cmd wires it to Postgres.
type Store interface {
	// SaveInstallation records an installation or removal of the app.
	SaveInstallation(ctx context.Context, in Installation) error
	// Installation returns the app's installation in a team; ErrUnknown if
	// it was never installed there.
	Installation(ctx context.Context, teamID string) (Installation, error)
	// NewestInstallation returns the installation heard of last among those
	// in place; ErrUnknown if the app is installed nowhere.
	NewestInstallation(ctx context.Context) (Installation, error)
	// SaveConversation records a conversation; empty fields keep what was
	// known.
	SaveConversation(ctx context.Context, c Conversation) error
	// Conversation returns a conversation; ErrUnknown if never seen.
	Conversation(ctx context.Context, id string) (Conversation, error)
	// Channels returns the channels the bot has seen, by name.
	Channels(ctx context.Context) ([]Conversation, error)
	// PersonalChat returns the bot's personal chat with a user (by Entra
	// object ID); ErrUnknown if there is none yet.
	PersonalChat(ctx context.Context, userID string) (Conversation, error)
	// SaveUsers records users' per-bot IDs and names; an empty name keeps
	// the known one.
	SaveUsers(ctx context.Context, users []User) error
	// Users returns the known users among ids, by Entra object ID.
	Users(ctx context.Context, ids []string) (map[string]User, error)
	// FirstDelivery records the key of a delivered activity and tells
	// whether this is its first delivery (Teams delivers again when the
	// answer is slow).
	FirstDelivery(ctx context.Context, key string) (bool, error)
}

// ErrUnknown is what a Store answers for an installation or conversation it
// has never seen.
var ErrUnknown = errors.New("teams: never seen")

// Installation is the Teams app's installation in a team: where to reach
// the team's conversations and whether the app is still there.
type Installation struct {
	TeamID     string
	Name       string
	TenantID   string
	ServiceURL string
	Installed  bool
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Conversation is a Teams conversation the bot has seen: a channel (Kind
// "channel", with its team and membership type) or a personal chat (Kind
// "personal", with its user).
type Conversation struct {
	ID         string
	Kind       string
	TenantID   string
	ServiceURL string
	TeamID     string
	Name       string
	Membership string // standard, private or shared
	UserID     string // the Entra object ID of a personal chat's user
}

// User is a Teams user the bot has seen.
type User struct {
	AADObjectID string
	MRI         string // the user's ID for this bot, "29:…"
	Name        string
}
