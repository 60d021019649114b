package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// RoutingRules returns the rules in the order they were added, which is the
// order they are tried in.
func (db *DB) RoutingRules(ctx context.Context) ([]armistice.RoutingRule, error) {
	rows, err := db.q.RoutingRules(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("routing rules: %w", interpretError(err))
	}
	return routingRules(rows), nil
}

func routingRules(rows []dbsqlc.RoutingRule) []armistice.RoutingRule {
	rules := make([]armistice.RoutingRule, len(rows))
	for i, r := range rows {
		rules[i] = armistice.RoutingRule(r)
	}
	return rules
}

// AddRoutingRule stores a rule and tells the other replicas (on
// SettingsChannel) when it commits; ErrDuplicate if a rule for the same
// field and value exists.
func (db *DB) AddRoutingRule(ctx context.Context, field, value, channelID, by string) (armistice.RoutingRule, error) {
	var rule armistice.RoutingRule
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		r, err := db.q.InsertRoutingRule(ctx, tx, dbsqlc.InsertRoutingRuleParams{Field: field, Value: value, ChannelID: channelID, CreatedBy: by, CreatedAt: db.now()})
		if err != nil {
			return err
		}
		rule = armistice.RoutingRule(r)
		return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: by})
	})
	if err != nil {
		return armistice.RoutingRule{}, fmt.Errorf("adding a routing rule: %w", err)
	}
	return rule, nil
}
