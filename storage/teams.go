package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// TeamsInstallation is the Teams app's installation in a team: where to
// reach the team's conversations and whether the app is still there.
type TeamsInstallation struct {
	TeamID     string
	Name       string
	TenantID   string
	ServiceURL string
	Installed  bool
	UpdatedBy  string
	UpdatedAt  time.Time
}

// TeamsConversation is a Teams conversation the bot has seen: a channel
// (Kind "channel", with its team and membership type) or a personal chat
// (Kind "personal", with its user).
type TeamsConversation struct {
	ID         string
	Kind       string
	TenantID   string
	ServiceURL string
	TeamID     string
	Name       string
	Membership string // standard, private or shared
	UserID     string // the Entra object ID of a personal chat's user
}

// TeamsUser is a Teams user the bot has seen.
type TeamsUser struct {
	AADObjectID string
	MRI         string // the user's ID for this bot, "29:…"
	Name        string
}

// SaveTeamsInstallation records an installation or removal of the app.
func (db *DB) SaveTeamsInstallation(ctx context.Context, in TeamsInstallation) error {
	err := db.q.UpsertTeamsInstallation(ctx, db.pool, dbsqlc.UpsertTeamsInstallationParams{
		TeamID: in.TeamID, Name: in.Name, TenantID: in.TenantID, ServiceUrl: in.ServiceURL,
		Installed: in.Installed, UpdatedBy: in.UpdatedBy, UpdatedAt: db.now(),
	})
	if err != nil {
		return fmt.Errorf("recording the Teams installation in %s: %w", in.TeamID, interpretError(err))
	}
	return nil
}

// TeamsInstallation returns the app's installation in a team; ErrNotFound
// if it was never installed there.
func (db *DB) TeamsInstallation(ctx context.Context, teamID string) (TeamsInstallation, error) {
	r, err := db.q.TeamsInstallation(ctx, db.pool, teamID)
	if err != nil {
		return TeamsInstallation{}, fmt.Errorf("the installation in Teams team %s: %w", teamID, interpretError(err))
	}
	return teamsInstallation(r), nil
}

// NewestTeamsInstallation returns the installation heard of last among
// those in place; ErrNotFound if the app is installed nowhere.
func (db *DB) NewestTeamsInstallation(ctx context.Context) (TeamsInstallation, error) {
	r, err := db.q.NewestTeamsInstallation(ctx, db.pool)
	if err != nil {
		return TeamsInstallation{}, fmt.Errorf("the installations in Teams: %w", interpretError(err))
	}
	return teamsInstallation(r), nil
}

// SaveTeamsConversation records a conversation; empty fields keep what was
// known.
func (db *DB) SaveTeamsConversation(ctx context.Context, c TeamsConversation) error {
	err := db.q.UpsertTeamsConversation(ctx, db.pool, dbsqlc.UpsertTeamsConversationParams{
		ID: c.ID, Kind: c.Kind, TenantID: c.TenantID, ServiceUrl: c.ServiceURL, TeamID: c.TeamID,
		Name: c.Name, Membership: c.Membership, UserID: c.UserID, UpdatedAt: db.now(),
	})
	if err != nil {
		return fmt.Errorf("recording Teams conversation %s: %w", c.ID, interpretError(err))
	}
	return nil
}

// TeamsConversation returns a conversation; ErrNotFound if never seen.
func (db *DB) TeamsConversation(ctx context.Context, id string) (TeamsConversation, error) {
	r, err := db.q.TeamsConversation(ctx, db.pool, id)
	if err != nil {
		return TeamsConversation{}, fmt.Errorf("conversation %s in Teams: %w", id, interpretError(err))
	}
	return teamsConversation(r), nil
}

// TeamsChannels returns the channels the bot has seen, by name.
func (db *DB) TeamsChannels(ctx context.Context) ([]TeamsConversation, error) {
	rows, err := db.q.TeamsChannels(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("the channels seen in Teams: %w", interpretError(err))
	}
	out := make([]TeamsConversation, len(rows))
	for i, r := range rows {
		out[i] = teamsConversation(r)
	}
	return out, nil
}

// TeamsPersonalChat returns the bot's personal chat with a user;
// ErrNotFound if there is none yet.
func (db *DB) TeamsPersonalChat(ctx context.Context, userID string) (TeamsConversation, error) {
	r, err := db.q.TeamsPersonalChat(ctx, db.pool, userID)
	if err != nil {
		return TeamsConversation{}, fmt.Errorf("personal chat with %s: %w", userID, interpretError(err))
	}
	return teamsConversation(r), nil
}

func teamsInstallation(r dbsqlc.TeamsInstallation) TeamsInstallation {
	return TeamsInstallation{TeamID: r.TeamID, Name: r.Name, TenantID: r.TenantID, ServiceURL: r.ServiceUrl,
		Installed: r.Installed, UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt}
}

func teamsConversation(r dbsqlc.TeamsConversation) TeamsConversation {
	return TeamsConversation{ID: r.ID, Kind: r.Kind, TenantID: r.TenantID, ServiceURL: r.ServiceUrl, TeamID: r.TeamID,
		Name: r.Name, Membership: r.Membership, UserID: r.UserID}
}

// SaveTeamsUsers records users' per-bot IDs and names in one statement;
// an empty name keeps the known one.
func (db *DB) SaveTeamsUsers(ctx context.Context, users []TeamsUser) error {
	p := dbsqlc.UpsertTeamsUsersParams{UpdatedAt: db.now()}
	seen := make(map[string]bool, len(users))
	for _, u := range users {
		if seen[u.AADObjectID] {
			continue // one row may be written once per statement
		}
		seen[u.AADObjectID] = true
		p.Ids, p.Mris, p.Names = append(p.Ids, u.AADObjectID), append(p.Mris, u.MRI), append(p.Names, u.Name)
	}
	if err := db.q.UpsertTeamsUsers(ctx, db.pool, p); err != nil {
		return fmt.Errorf("recording %d Teams users: %w", len(p.Ids), interpretError(err))
	}
	return nil
}

// TeamsUsers returns the known users among ids, by Entra object ID.
func (db *DB) TeamsUsers(ctx context.Context, ids []string) (map[string]TeamsUser, error) {
	rows, err := db.q.TeamsUsers(ctx, db.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("the users seen in Teams: %w", interpretError(err))
	}
	out := make(map[string]TeamsUser, len(rows))
	for _, r := range rows {
		out[r.AadObjectID] = TeamsUser{AADObjectID: r.AadObjectID, MRI: r.Mri, Name: r.Name}
	}
	return out, nil
}

// WaitForInstallation records that a lead's card waits for the app to be
// installed where channel is, out of its channel's queue.
func (db *DB) WaitForInstallation(ctx context.Context, leadID int64, channel string) error {
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		if err := db.q.InsertAnnounceWait(ctx, tx, dbsqlc.InsertAnnounceWaitParams{LeadID: leadID, ChannelID: channel, Since: db.now()}); err != nil {
			return err
		}
		return db.q.Dequeue(ctx, tx, leadID)
	})
	if err != nil {
		return fmt.Errorf("lead %d waiting for an installation: %w", leadID, interpretError(err))
	}
	return nil
}

// TakeWaiting removes every waiting lead and returns their IDs, so that
// they are scheduled again in tx or, should it fail, stay waiting.
func (tx *Tx) TakeWaiting(ctx context.Context) ([]int64, error) {
	ids, err := tx.db.q.TakeAnnounceWaits(ctx, tx.tx)
	if err != nil {
		return nil, fmt.Errorf("the leads waiting for an installation: %w", interpretError(err))
	}
	return ids, nil
}

// activityMemory is how long a delivered activity's key is kept.
const activityMemory = 24 * time.Hour

// FirstDelivery records the key of an activity Teams delivered and tells
// whether it is the first delivery (Teams delivers again when the answer
// is slow).
func (db *DB) FirstDelivery(ctx context.Context, key string) (bool, error) {
	now := db.now()
	n, err := db.q.FirstDelivery(ctx, db.pool, dbsqlc.FirstDeliveryParams{Key: key, ReceivedAt: now, Cutoff: now.Add(-activityMemory)})
	if err != nil {
		return false, fmt.Errorf("recording a Teams activity: %w", interpretError(err))
	}
	return n == 1, nil
}
