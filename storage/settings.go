package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// SettingsChannel is the Postgres notification channel on which a save of
// the settings is announced to every replica.
const SettingsChannel = "armistice_settings"

// StoredSetting is one setting changed from the chat: its JSON value, who
// set it and when.
type StoredSetting struct {
	Key       string
	Value     json.RawMessage
	UpdatedBy string
	UpdatedAt time.Time
}

// Settings returns the stored settings by key.
func (db *DB) Settings(ctx context.Context) (map[string]StoredSetting, error) {
	rows, err := db.q.StoredSettings(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("reading the settings: %w", interpretError(err))
	}
	out := make(map[string]StoredSetting, len(rows))
	for _, r := range rows {
		out[r.Key] = StoredSetting{Key: r.Key, Value: r.Value, UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

// SettingChange is a new value for one setting. Before is the value in force
// when the key was never stored (the environment's); a stored value wins
// over it as the audit trail's "before".
type SettingChange struct {
	Key    string
	Before json.RawMessage // nil: none
	After  json.RawMessage
}

// SaveSettings stores new values in one transaction, each with its audit
// event, and notifies the other replicas (on SettingsChannel) when it
// commits. A change to the value already stored is skipped. It returns the
// changes made, with their actual before.
func (db *DB) SaveSettings(ctx context.Context, actor string, changes []SettingChange) ([]SettingChange, error) {
	var made []SettingChange
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		now := db.now()
		for _, c := range changes {
			before, err := db.q.LockSetting(ctx, tx, c.Key)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				before = c.Before
			case err != nil:
				return err
			}
			if jsonEqual(before, c.After) {
				continue
			}
			if err := db.q.UpsertSetting(ctx, tx, dbsqlc.UpsertSettingParams{Key: c.Key, Value: c.After, UpdatedBy: actor, UpdatedAt: now}); err != nil {
				return err
			}
			if err := db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: c.Key, Actor: actor, Before: nullJSON(before), After: c.After, At: now}); err != nil {
				return err
			}
			made = append(made, SettingChange{Key: c.Key, Before: before, After: c.After})
		}
		if len(made) == 0 {
			return nil
		}
		return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: actor})
	})
	if err != nil {
		return nil, fmt.Errorf("saving the settings: %w", err)
	}
	return made, nil
}

// SettingsEvents returns the newest entries of the settings' audit trail,
// newest first.
func (db *DB) SettingsEvents(ctx context.Context, limit int) ([]armistice.SettingsEvent, error) {
	rows, err := db.q.SettingsEvents(ctx, db.pool, int32(limit))
	if err != nil {
		return nil, fmt.Errorf("settings events: %w", interpretError(err))
	}
	out := make([]armistice.SettingsEvent, len(rows))
	for i, r := range rows {
		out[i] = armistice.SettingsEvent{ID: r.ID, Key: r.Key, Actor: r.Actor, Before: r.Before, After: r.After, At: r.At}
	}
	return out, nil
}

// AddRoutingRuleAudited stores a routing rule with its audit event (key
// "route"), in one transaction, and tells the other replicas (on
// SettingsChannel) when it commits; ErrDuplicate if a rule for the same field
// and value exists.
func (db *DB) AddRoutingRuleAudited(ctx context.Context, field, value, channelID, by string) (armistice.RoutingRule, error) {
	var rule armistice.RoutingRule
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		now := db.now()
		r, err := db.q.InsertRoutingRule(ctx, tx, dbsqlc.InsertRoutingRuleParams{Field: field, Value: value, ChannelID: channelID, CreatedBy: by, CreatedAt: now})
		if err != nil {
			return err
		}
		rule = armistice.RoutingRule(r)
		after, _ := json.Marshal(routeJSON(rule))
		if err := db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: "route", Actor: by, After: after, At: now}); err != nil {
			return err
		}
		return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: by})
	})
	if err != nil {
		return armistice.RoutingRule{}, fmt.Errorf("adding a routing rule: %w", err)
	}
	return rule, nil
}

// RemoveRoutingRuleAudited deletes a routing rule with its audit event, in
// one transaction, tells the other replicas when it commits, and returns
// it; ErrNotFound if there is none with id.
func (db *DB) RemoveRoutingRuleAudited(ctx context.Context, id int64, by string) (armistice.RoutingRule, error) {
	var rule armistice.RoutingRule
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		r, err := db.q.LockRoutingRule(ctx, tx, id)
		if err != nil {
			return err
		}
		rule = armistice.RoutingRule(r)
		if _, err := db.q.DeleteRoutingRule(ctx, tx, id); err != nil {
			return err
		}
		before, _ := json.Marshal(routeJSON(rule))
		if err := db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: "route", Actor: by, Before: before, At: db.now()}); err != nil {
			return err
		}
		return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: by})
	})
	if err != nil {
		return armistice.RoutingRule{}, fmt.Errorf("removing routing rule %d: %w", id, err)
	}
	return rule, nil
}

func routeJSON(r armistice.RoutingRule) map[string]any {
	return map[string]any{"id": r.ID, "field": r.Field, "value": r.Value, "channel": r.ChannelID}
}

// jsonEqual tells whether two JSON documents hold the same value.
func jsonEqual(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	ca, _ := json.Marshal(va)
	cb, _ := json.Marshal(vb)
	return bytes.Equal(ca, cb)
}

// nullJSON gives nil (SQL NULL) for an empty document.
func nullJSON(raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return nil
	}
	return raw
}
