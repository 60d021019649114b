// Package chat is what the use cases and the chat platforms exchange: the
// messages the platforms post (lead cards, notices, digests), the reports
// and forms the use cases answer with, and the Chat interface the Slack
// and Teams sides implement. It imports no storage, so that the platforms
// need not import the use cases to draw what they are given.
package chat

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
// Once the lead is decided (Lead.Status accepted or rejected) the card shows
// the verdict instead of the buttons.
type LeadCard struct {
	Lead  armistice.Lead
	DueAt time.Time      // the end of the SLA window
	Zone  *time.Location // to show times in
	// TimeToDecision is the business time from hand-over to the verdict.
	TimeToDecision time.Duration
	// DeciderName is the display name of a decider from another platform
	// than the card's (a Teams user on Slack), "" when unknown.
	DeciderName string
	// AssigneeName is the display name of an assignee from another
	// platform than the card's, "" when unknown.
	AssigneeName string
	// Reps are the reps of the pool an undecided lead is assigned in, to
	// whom a sales manager may give it from the card (Teams lists them).
	Reps []string
	// Insights are the newest about the lead's persona, from either team.
	Insights []armistice.Insight
	// Minimal asks for the card's minimal form (the lead's name and
	// company, the buttons or the verdict, and where to read the details),
	// posted when the platform refuses the full card.
	Minimal bool
}

// NoticeKind says what a notice is about.
type NoticeKind string

// The notices the bot posts besides cards and digests.
const (
	NoticeAccepted   NoticeKind = "accepted"   // in the card's thread: who took it, how fast
	NoticeRejected   NoticeKind = "rejected"   // to marketing: the lead, the rep, the reason, the comment
	NoticeReminder   NoticeKind = "reminder"   // in the card's thread at 75% of the SLA
	NoticeEscalation NoticeKind = "escalation" // in the thread and to marketing at the end of the SLA
)

// The notices of assignment, in the card's thread.
const (
	NoticeReassigned NoticeKind = "reassigned" // moved on from one rep (Mentions[0]) to another (Mentions[1]); Card says why
	NoticeUnassigned NoticeKind = "unassigned" // nobody in the pool was available: claim mode; Mentions are the sales managers
)

// NoticeCardRefused tells the admins that the platform refused a lead's
// card and a minimal one stands in for it.
const NoticeCardRefused NoticeKind = "card_refused"

// Notice is a message about a lead, posted in a channel, in a thread, or
// to one user privately.
type Notice struct {
	Kind     NoticeKind
	Channel  string
	To       string     // a user to tell privately instead of posting in Channel
	Thread   string     // the parent message's ID, "" for a top-level post
	CardRef  MessageRef // the lead's card, to link to from elsewhere
	Card     LeadCard
	Mentions []string // users to mention (sales managers on escalation)
	Detail   string   // the platform's answer, for NoticeCardRefused
}

// Chat is what the use cases need from a chat platform. The Slack side (bot)
// and the Teams side (teams) implement it.
type Chat interface {
	// PostLeadCard posts the card of a lead to channel, tagged with the
	// lead's ID so that FindLeadCard can find it.
	PostLeadCard(ctx context.Context, channel string, card LeadCard) (MessageRef, error)
	// PostDirectCard posts the card of a lead, with its buttons, in the
	// direct messages of its assignee (Slack's DM with the app, Teams'
	// personal chat); the reference names the conversation.
	PostDirectCard(ctx context.Context, user string, card LeadCard) (MessageRef, error)
	// FindLeadCard looks in channel, among the messages since the given
	// time, for a card of the lead that was posted but never recorded (the
	// process died between the platform's answer and the database write).
	FindLeadCard(ctx context.Context, channel string, leadID int64, since time.Time) (MessageRef, bool, error)
	// UpdateLeadCard redraws a posted card, for everyone.
	UpdateLeadCard(ctx context.Context, ref MessageRef, card LeadCard) error
	// PostNotice posts a notice and returns it.
	PostNotice(ctx context.Context, n Notice) (MessageRef, error)
	// PostDigest posts a digest to channel, tagged with its kind and period
	// so that FindDigest can find it.
	PostDigest(ctx context.Context, channel string, d Digest) (MessageRef, error)
	// FindDigest looks in channel, since the given time, for a digest posted
	// but never recorded.
	FindDigest(ctx context.Context, channel, kind, period string, since time.Time) (MessageRef, bool, error)
	// IsMember tells whether user is a human member of channel.
	IsMember(ctx context.Context, channel, user string) (bool, error)
	// UserName is the name a user goes by on their platform, to show them
	// where their ID means nothing (a Teams user on a Slack card); "" when
	// the platform does not know them.
	UserName(ctx context.Context, user string) (string, error)
	// UserEmail returns a user's email address, "" when the platform gives
	// none.
	UserEmail(ctx context.Context, user string) (string, error)
	// UserByEmail returns the ID of the person with that email address on
	// the platform, "" when there is none.
	UserByEmail(ctx context.Context, email string) (string, error)
	// InUserGroup tells whether user is a member of a Slack user group
	// (S…); a platform without user groups answers false.
	InUserGroup(ctx context.Context, group, user string) (bool, error)
	// UpdateNotice redraws a posted notice (as after an erasure).
	UpdateNotice(ctx context.Context, ref MessageRef, n Notice) error
	// Channel describes the channel with the given ID; ErrNoChannel if the
	// platform knows none the bot may see.
	Channel(ctx context.Context, id string) (ChannelInfo, error)
	// ChannelByName finds a channel by its name (without "#"); ErrNoChannel
	// if there is none the bot may see.
	ChannelByName(ctx context.Context, name string) (ChannelInfo, error)
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
