package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// The announcement queue: leads whose cards are still to be posted
// (leads.announce_pending), by channel, drained oldest first under a
// per-channel lock so that cards appear in the order the leads arrived.
// InsertLeads queues the leads it announces.

// QueueAnnouncements puts leads back in their channels' queues (as when
// the leads that waited for an installation are announced).
func (tx *Tx) QueueAnnouncements(ctx context.Context, leadIDs []int64) error {
	if err := tx.db.q.QueueAnnouncements(ctx, tx.tx, leadIDs); err != nil {
		return fmt.Errorf("queueing announcements: %w", interpretError(err))
	}
	return nil
}

// AnnouncementState says where a lead's card goes, whether it is queued
// (pending), and whether it left the queue or a post was tried (attempted:
// announced, waiting for an installation, set aside, or about to be posted).
func (db *DB) AnnouncementState(ctx context.Context, leadID int64) (channel string, pending, attempted bool, err error) {
	r, err := db.q.AnnouncementState(ctx, db.pool, leadID)
	if err != nil {
		return "", false, false, fmt.Errorf("announcement of lead %d: %w", leadID, interpretError(err))
	}
	return r.AnnounceChannel, r.AnnouncePending, r.AnnounceAttempted, nil
}

// PendingHeads returns the oldest queued lead of each channel (to
// schedule the jobs that drain them).
func (tx *Tx) PendingHeads(ctx context.Context) ([]int64, error) {
	ids, err := tx.db.q.PendingHeads(ctx, tx.tx)
	if err != nil {
		return nil, fmt.Errorf("the heads of the announcement queues: %w", interpretError(err))
	}
	return ids, nil
}

// SetAside takes a lead whose card the platform refuses out of its queue,
// with an "announce_refused" event giving the reason, so that the leads
// behind it are posted.
func (db *DB) SetAside(ctx context.Context, leadID int64, reason string) error {
	data, _ := json.Marshal(map[string]string{"reason": reason})
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		if err := db.q.Dequeue(ctx, tx, leadID); err != nil {
			return err
		}
		return db.q.InsertLeadEvents(ctx, tx, dbsqlc.InsertLeadEventsParams{Kind: string(armistice.EventAnnounceRefused), Actor: "armistice", Data: data, At: db.now(), LeadIds: []int64{leadID}})
	})
	if err != nil {
		return fmt.Errorf("setting lead %d aside: %w", leadID, err)
	}
	return nil
}

// NextQueued returns the oldest lead in a channel's queue and whether a
// post of its card may have been made; ok is false when the queue is empty.
func (db *DB) NextQueued(ctx context.Context, channel string) (leadID int64, attempted, ok bool, err error) {
	r, err := db.q.NextQueued(ctx, db.pool, channel)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, fmt.Errorf("queue of %s: %w", channel, interpretError(err))
	}
	return r.ID, r.AnnounceAttempted, true, nil
}

// MarkQueuedAttempted records that a post of the lead's card is about to be
// made, so that a later try looks for it first.
func (db *DB) MarkQueuedAttempted(ctx context.Context, leadID int64) error {
	if err := db.q.MarkQueuedAttempted(ctx, db.pool, leadID); err != nil {
		return fmt.Errorf("marking the announcement of lead %d: %w", leadID, interpretError(err))
	}
	return nil
}

// Dequeue takes a lead out of its queue.
func (db *DB) Dequeue(ctx context.Context, leadID int64) error {
	if err := db.q.Dequeue(ctx, db.pool, leadID); err != nil {
		return fmt.Errorf("dequeueing lead %d: %w", leadID, interpretError(err))
	}
	return nil
}

// LockChannel takes the lock on a channel's queue, held by one connection
// across replicas, if it is free. held is false when another holds it.
// unlock lets it go; a process that dies lets it go with its connection.
func (db *DB) LockChannel(ctx context.Context, channel string) (unlock func(), held bool, err error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("locking the queue of %s: %w", channel, interpretError(err))
	}
	held, err = db.q.TryChannelLock(ctx, conn, channel)
	if err != nil || !held {
		conn.Release()
		if err != nil {
			return nil, false, fmt.Errorf("locking the queue of %s: %w", channel, interpretError(err))
		}
		return nil, false, nil
	}
	return func() {
		uctx := context.WithoutCancel(ctx)
		if ok, err := db.q.ChannelUnlock(uctx, conn, channel); err != nil || !ok {
			// A connection that may still hold the lock is not reused.
			_ = conn.Conn().Close(uctx)
		}
		conn.Release()
	}, true, nil
}

// ChannelPooled says whether a channel has a pool of reps to assign its
// leads to.
func (db *DB) ChannelPooled(ctx context.Context, channel string) (bool, error) {
	pooled, err := db.q.ChannelPooled(ctx, db.pool, channel)
	if err != nil {
		return false, fmt.Errorf("pool of %s: %w", channel, interpretError(err))
	}
	return pooled, nil
}
