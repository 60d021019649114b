package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// RecordDigest records that a digest was posted; recording it twice is a
// no-op.
func (db *DB) RecordDigest(ctx context.Context, kind, period, channel, messageID string) error {
	err := db.q.RecordDigest(ctx, db.pool, dbsqlc.RecordDigestParams{Kind: kind, Period: period, ChannelID: channel, MessageID: messageID, PostedAt: db.now()})
	return interpretError(err)
}

// DigestPosted tells whether a digest was posted.
func (db *DB) DigestPosted(ctx context.Context, kind, period, channel string) (bool, error) {
	ok, err := db.q.DigestPosted(ctx, db.pool, dbsqlc.DigestPostedParams{Kind: kind, Period: period, ChannelID: channel})
	if err != nil {
		return false, fmt.Errorf("digest %s %s: %w", kind, period, interpretError(err))
	}
	return ok, nil
}

// InstalledAt is when the database was first migrated.
func (db *DB) InstalledAt(ctx context.Context) (time.Time, error) {
	t, err := db.q.InstalledAt(ctx, db.pool)
	return t, interpretError(err)
}
