package main

import (
	"context"
	"errors"

	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/teams"
)

// teamsStore keeps the Teams side's state in Postgres: teams.Store over
// storage. The types convert field for field, so they cannot drift apart.
type teamsStore struct{ db *storage.DB }

func (s teamsStore) SaveInstallation(ctx context.Context, in teams.Installation) error {
	return s.db.SaveTeamsInstallation(ctx, storage.TeamsInstallation(in))
}

func (s teamsStore) Installation(ctx context.Context, teamID string) (teams.Installation, error) {
	in, err := s.db.TeamsInstallation(ctx, teamID)
	return teams.Installation(in), unknown(err)
}

func (s teamsStore) NewestInstallation(ctx context.Context) (teams.Installation, error) {
	in, err := s.db.NewestTeamsInstallation(ctx)
	return teams.Installation(in), unknown(err)
}

func (s teamsStore) SaveConversation(ctx context.Context, c teams.Conversation) error {
	return s.db.SaveTeamsConversation(ctx, storage.TeamsConversation(c))
}

func (s teamsStore) Conversation(ctx context.Context, id string) (teams.Conversation, error) {
	c, err := s.db.TeamsConversation(ctx, id)
	return teams.Conversation(c), unknown(err)
}

func (s teamsStore) Channels(ctx context.Context) ([]teams.Conversation, error) {
	cs, err := s.db.TeamsChannels(ctx)
	out := make([]teams.Conversation, len(cs))
	for i, c := range cs {
		out[i] = teams.Conversation(c)
	}
	return out, err
}

func (s teamsStore) PersonalChat(ctx context.Context, userID string) (teams.Conversation, error) {
	c, err := s.db.TeamsPersonalChat(ctx, userID)
	return teams.Conversation(c), unknown(err)
}

func (s teamsStore) SaveUsers(ctx context.Context, users []teams.User) error {
	in := make([]storage.TeamsUser, len(users))
	for i, u := range users {
		in[i] = storage.TeamsUser(u)
	}
	return s.db.SaveTeamsUsers(ctx, in)
}

func (s teamsStore) Users(ctx context.Context, ids []string) (map[string]teams.User, error) {
	known, err := s.db.TeamsUsers(ctx, ids)
	out := make(map[string]teams.User, len(known))
	for id, u := range known {
		out[id] = teams.User(u)
	}
	return out, err
}

func (s teamsStore) FirstDelivery(ctx context.Context, key string) (bool, error) {
	return s.db.FirstDelivery(ctx, key)
}

// unknown turns storage's not-found into the Store's.
func unknown(err error) error {
	if errors.Is(err, storage.ErrNotFound) {
		return errors.Join(teams.ErrUnknown, err)
	}
	return err
}
