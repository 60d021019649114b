package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
)

// MessageRef names a message the bot posted.
type MessageRef struct {
	Platform armistice.Platform
	Channel  string
	ID       string // Slack's ts, Teams' activity ID
}

// LeadCard is what a lead card shows; how it looks is the adapter's business.
type LeadCard struct {
	Lead  armistice.Lead
	DueAt time.Time      // the end of the SLA window
	Zone  *time.Location // to show times in
}

// Chat is what the use cases need from a chat platform. The Slack side (bot)
// and the Teams side (teams) implement it.
type Chat interface {
	// PostLeadCard posts the card of a lead to channel, tagged with the
	// lead's ID so that FindLeadCard can find it.
	PostLeadCard(ctx context.Context, channel string, card LeadCard) (MessageRef, error)
	// FindLeadCard looks in channel, among the messages since the given
	// time, for a card of the lead that was posted but never recorded (the
	// process died between the platform's answer and the database write).
	FindLeadCard(ctx context.Context, channel string, leadID int64, since time.Time) (MessageRef, bool, error)
	// IsMember tells whether user is a human member of channel.
	IsMember(ctx context.Context, channel, user string) (bool, error)
}

// RetryAfterError says the platform asked to wait before the next call (a
// rate limit); the job that got it is snoozed, not failed.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

// Error implements the error interface.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("rate limited, retry after %s: %v", e.After, e.Err)
}

// Unwrap gives the platform's error.
func (e *RetryAfterError) Unwrap() error { return e.Err }
