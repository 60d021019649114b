package teams

import (
	"encoding/json"
	"strings"

	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// Limits that keep a digest within Teams' message size (about 40 KB of
// JSON) whatever the period brought; `insights` and `persona SLUG` show
// everything that is left out.
const (
	maxDigestCardBytes = 38 << 10
	maxDigestTextBytes = 36 << 10 // the text version, as JSON
	// digestListBudget is the characters that the insights and the briefs
	// may each take in the card, at first; halved while the card is too big.
	digestListBudget = 12 << 10
	// digestTextList is what they may take in the text version.
	digestTextList = 8 << 10
)

// digestCard draws a digest as the conversation words it, as an Adaptive
// Card, its lists cut so that the card stays under 40 KB.
func digestCard(d chat.Digest, names Names) map[string]any {
	for budget := digestListBudget; ; budget /= 2 {
		card := replyCard(converse.DigestReply(d, converse.DigestLimits{ListChars: budget}), replyNames{users: names})
		card["fallbackText"] = converse.DigestSummary(d)
		card["msteams"] = map[string]any{"width": "Full"}
		if b, err := json.Marshal(card); err != nil || len(b) <= maxDigestCardBytes || budget == 0 {
			return card
		}
	}
}

// digestText writes a digest as Teams message markdown, for where a card
// cannot go: the same numbers and lists as the card, without charts.
func digestText(d chat.Digest, names Names) string {
	r := converse.DigestReply(d, converse.DigestLimits{ListChars: digestTextList})
	return fitText(messageStyle.blocks(r.Blocks, replyNames{users: names}), maxDigestTextBytes)
}

// jsonLen is how many bytes s takes as a JSON string.
func jsonLen(s string) int {
	b, _ := json.Marshal(s)
	return len(b)
}

// fitText keeps whole lines of text while it takes at most limit bytes as
// JSON, saying where it was cut.
func fitText(text string, limit int) string {
	if jsonLen(text) <= limit {
		return text
	}
	const cut = "\n\n_…cut here: too long for one message. `insights` and `persona SLUG` show the rest._"
	used := jsonLen(cut)
	var kept []string
	for l := range strings.SplitSeq(text, "\n") {
		if used += jsonLen(l); used > limit { // its quotes count for its line break
			break
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n") + cut
}
