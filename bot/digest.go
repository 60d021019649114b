package bot

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// digestEventType tags the metadata of every digest, so that one posted
// just before a crash can be found again.
const digestEventType = "armistice_digest"

// PostDigest implements chat.Chat.
func (b *Bot) PostDigest(ctx context.Context, channel string, d chat.Digest) (chat.MessageRef, error) {
	blocks, text := digestBlocks(d)
	return b.post(ctx, channel, "", text, blocks,
		&slack.SlackMetadata{EventType: digestEventType, EventPayload: map[string]any{"kind": string(d.Kind), "period": d.Period}})
}

// FindDigest implements chat.Chat.
func (b *Bot) FindDigest(ctx context.Context, channel, kind, period string, since time.Time) (chat.MessageRef, bool, error) {
	return b.findTagged(ctx, channel, since, func(m slack.Message) bool {
		return m.Metadata.EventType == digestEventType && m.Metadata.EventPayload["kind"] == kind && m.Metadata.EventPayload["period"] == period
	})
}

// slackDigestList is what a digest's insights and AI briefs may each
// take, in characters: a few sections, well within a message's 50 blocks.
const slackDigestList = 6000

// digestBlocks draws a digest as the conversation words it, and the
// notification text that reads well on its own.
func digestBlocks(d chat.Digest) ([]slack.Block, string) {
	msg := ReplyMessage(converse.DigestReply(d, converse.DigestLimits{ListChars: slackDigestList}))
	return msg.Blocks.BlockSet, converse.DigestSummary(d)
}
