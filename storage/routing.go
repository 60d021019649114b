package storage

import (
	"context"
	"fmt"

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

// AddRoutingRule stores a rule; ErrDuplicate if a rule for the same field
// and value exists.
func (db *DB) AddRoutingRule(ctx context.Context, field, value, channelID, by string) (armistice.RoutingRule, error) {
	r, err := db.q.InsertRoutingRule(ctx, db.pool, dbsqlc.InsertRoutingRuleParams{Field: field, Value: value, ChannelID: channelID, CreatedBy: by, CreatedAt: db.now()})
	if err != nil {
		return armistice.RoutingRule{}, fmt.Errorf("adding a routing rule: %w", interpretError(err))
	}
	return armistice.RoutingRule(r), nil
}

// RemoveRoutingRule deletes a rule; ErrNotFound if there is none with id.
func (db *DB) RemoveRoutingRule(ctx context.Context, id int64) error {
	n, err := db.q.DeleteRoutingRule(ctx, db.pool, id)
	if err != nil {
		return fmt.Errorf("removing routing rule %d: %w", id, interpretError(err))
	}
	if n == 0 {
		return fmt.Errorf("routing rule %d: %w", id, ErrNotFound)
	}
	return nil
}
