package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// maxPaceWait is the longest a post waits for its channel's pace; beyond it
// the post is handed back (RetryAfterError) so its job is snoozed instead of
// holding a worker.
const maxPaceWait = 2 * time.Second

// pacer keeps each channel under Slack's posting rate (about one message a
// second, with short bursts), so that a burst of leads is spread out rather
// than refused.
type pacer struct {
	rate  rate.Limit
	burst int

	mu       sync.Mutex
	channels map[string]*rate.Limiter
}

func newPacer(perSecond float64, burst int) *pacer {
	return &pacer{rate: rate.Limit(perSecond), burst: burst, channels: map[string]*rate.Limiter{}}
}

// wait takes a turn to post in channel, or says how long to come back after.
func (p *pacer) wait(ctx context.Context, channel string) error {
	p.mu.Lock()
	lim, ok := p.channels[channel]
	if !ok {
		lim = rate.NewLimiter(p.rate, p.burst)
		p.channels[channel] = lim
	}
	p.mu.Unlock()
	r := lim.Reserve()
	delay := r.Delay()
	if delay > maxPaceWait {
		r.Cancel()
		return &chat.RetryAfterError{After: delay, Err: errors.New("pacing posts in " + channel)}
	}
	select {
	case <-time.After(delay):
		return nil
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	}
}

// PostLeadCard implements chat.Chat.
func (b *Bot) PostLeadCard(ctx context.Context, channel string, card chat.LeadCard) (chat.MessageRef, error) {
	blocks, fallback := leadCardBlocks(card)
	b.home.mark(card.Lead.Assignee)
	return b.post(ctx, channel, "", fallback, blocks,
		&slack.SlackMetadata{EventType: cardEventType, EventPayload: map[string]any{"lead_id": card.Lead.ID}})
}

// PostDirectCard implements chat.Chat: the card goes to the user's
// direct messages with the app; the reference names that conversation
// (D…), so that the copy is redrawn like the card.
func (b *Bot) PostDirectCard(ctx context.Context, user string, card chat.LeadCard) (chat.MessageRef, error) {
	blocks, fallback := leadCardBlocks(card)
	b.home.mark(user)
	if err := b.pacer.wait(ctx, user); err != nil {
		return chat.MessageRef{}, err
	}
	channel, ts, err := b.api.PostMessageContext(ctx, user, slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: cardEventType, EventPayload: map[string]any{"lead_id": card.Lead.ID}}))
	if err != nil {
		return chat.MessageRef{}, slackError("chat.postMessage", err)
	}
	return chat.MessageRef{Platform: armistice.Slack, Channel: channel, ID: ts}, nil
}

// post sends a message at the channel's pace (a thread reply, thread not
// empty, is not paced), with blocks and metadata when given.
func (b *Bot) post(ctx context.Context, channel, thread, text string, blocks []slack.Block, meta *slack.SlackMetadata) (chat.MessageRef, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if thread == "" {
		if err := b.pacer.wait(ctx, channel); err != nil {
			return chat.MessageRef{}, err
		}
	} else {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if meta != nil {
		opts = append(opts, slack.MsgOptionMetadata(*meta))
	}
	_, ts, err := b.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return chat.MessageRef{}, slackError("chat.postMessage", err)
	}
	return chat.MessageRef{Platform: armistice.Slack, Channel: channel, ID: ts}, nil
}

// FindLeadCard implements chat.Chat: it reads the channel's history since
// the given time for a message of this bot tagged with the lead's ID.
func (b *Bot) FindLeadCard(ctx context.Context, channel string, leadID int64, since time.Time) (chat.MessageRef, bool, error) {
	return b.findTagged(ctx, channel, since, func(m slack.Message) bool {
		id, ok := m.Metadata.EventPayload["lead_id"].(float64)
		return m.Metadata.EventType == cardEventType && ok && int64(id) == leadID
	})
}

// findTagged reads a channel's history since the given time for a message
// of this bot that match accepts, by its metadata.
func (b *Bot) findTagged(ctx context.Context, channel string, since time.Time, match func(slack.Message) bool) (chat.MessageRef, bool, error) {
	params := &slack.GetConversationHistoryParameters{
		ChannelID:          channel,
		Oldest:             strconv.FormatInt(since.Add(-time.Minute).Unix(), 10),
		Limit:              200,
		IncludeAllMetadata: true,
	}
	for page := 0; page < 50; page++ {
		res, err := b.api.GetConversationHistoryContext(ctx, params)
		if err != nil {
			return chat.MessageRef{}, false, slackError("conversations.history", err)
		}
		for _, m := range res.Messages {
			if (m.User == b.userID() || m.BotID != "") && match(m) {
				return chat.MessageRef{Platform: armistice.Slack, Channel: channel, ID: m.Timestamp}, true, nil
			}
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			break
		}
		params.Cursor = res.ResponseMetaData.NextCursor
	}
	return chat.MessageRef{}, false, nil
}

// slackError turns Slack's rate limit into a RetryAfterError and names the
// method in every other error.
func slackError(method string, err error) error {
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return &chat.RetryAfterError{After: rl.RetryAfter, Err: fmt.Errorf("%s: %w", method, err)}
	}
	if messageGone(err) {
		return fmt.Errorf("%s: %w: %w", method, chat.ErrMessageGone, err)
	}
	if isSlackError(err, "invalid_blocks", "invalid_blocks_format", "msg_too_long", "too_many_attachments", "no_text",
		"invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large") {
		return fmt.Errorf("%s: %w: %w", method, chat.ErrMessageRefused, err)
	}
	return fmt.Errorf("%s: %w", method, err)
}

func (b *Bot) userID() string {
	id, _ := b.botUserID.Load().(string)
	return id
}
