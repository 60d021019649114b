package teams

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// replyStyle is how a reply's text is written: as Teams message markdown,
// as Adaptive Card markdown, or as plain text (an Action.Execute's
// message).
type replyStyle struct {
	escape       func(string) string
	bold, italic string
	code         bool
	list, quote  string // what starts a list item, a quoted line
}

var (
	messageStyle = replyStyle{escape: mdEscape, bold: "**", italic: "_", code: true, list: "- ", quote: "> "}
	cardStyle    = replyStyle{escape: cardEscape, bold: "**", italic: "_", code: false, list: "- "}
	plainStyle   = replyStyle{escape: func(s string) string { return s }, list: "• "}
)

// replyNames are the display names a reply's people and channels show as.
type replyNames struct {
	users    Names
	channels map[string]string // channel ID: name, where known
	// mention writes a mention that notifies, with its entity; nil: the
	// user is named only.
	mention func(id string) string
}

// replyNames reads the names of the people and channels a reply mentions.
func (b *Bot) replyNames(ctx context.Context, r converse.Reply) replyNames {
	n := replyNames{users: b.names(ctx, r.Users()...), channels: map[string]string{}}
	for _, id := range r.Channels() {
		if _, ok := n.channels[id]; !ok {
			n.channels[id] = b.channelTitle(ctx, id)
		}
	}
	return n
}

// blocks writes a reply's blocks as Teams message markdown (style
// messageStyle), card markdown or plain text, with people and channels by
// name; buttons are left to the card.
func (s replyStyle) blocks(blocks []converse.Block, n replyNames) string {
	var parts []string
	for _, b := range blocks {
		switch b := b.(type) {
		case converse.Heading:
			parts = append(parts, s.bold+s.escape(string(b))+s.bold)
		case converse.Paragraph:
			parts = append(parts, s.spans(b, n))
		case converse.Facts:
			facts := make([]string, len(b))
			for i, f := range b {
				facts[i] = s.bold + s.escape(f.Label+":") + s.bold + " " + s.escape(f.Value)
			}
			parts = append(parts, strings.Join(facts, " · "))
		case converse.Note:
			parts = append(parts, s.spans(b, n))
		case converse.Quote:
			parts = append(parts, s.quoted(string(b)))
		case converse.List:
			items := make([]string, len(b))
			for i, item := range b {
				items[i] = s.list + s.spans(item, n)
			}
			parts = append(parts, strings.Join(items, "\n"))
		}
	}
	return strings.Join(parts, "\n\n")
}

// quoted writes outside text as a block quote in messages, line by line,
// escaped.
func (s replyStyle) quoted(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = s.quote + s.escape(l)
	}
	return strings.Join(lines, "\n")
}

// spans writes a run of text, outside text escaped.
func (s replyStyle) spans(spans []converse.Span, n replyNames) string {
	var sb strings.Builder
	for _, sp := range spans {
		switch sp.Kind {
		case converse.Bold:
			sb.WriteString(s.bold + s.escape(sp.Text) + s.bold)
		case converse.Italic:
			sb.WriteString(s.italic + s.escape(sp.Text) + s.italic)
		case converse.Code:
			if s.code && !strings.ContainsAny(sp.Text, "`<>&\n") {
				sb.WriteString("`" + sp.Text + "`")
			} else {
				sb.WriteString(s.bold + s.escape(sp.Text) + s.bold)
			}
		case converse.Link:
			if s.bold == "" || !safeLink(sp.URL) {
				sb.WriteString(s.escape(sp.Text))
			} else {
				sb.WriteString("[" + s.escape(sp.Text) + "](" + sp.URL + ")")
			}
		case converse.Mention:
			if n.mention != nil {
				sb.WriteString(n.mention(sp.Text))
			} else {
				sb.WriteString(s.escape(oneLine(n.users.of(sp.Text))))
			}
		case converse.User:
			name := sp.Name
			if name == "" {
				name = n.users.of(sp.Text)
			}
			sb.WriteString(s.escape(oneLine(name)))
		case converse.Channel:
			if name := n.channels[sp.Text]; name != "" {
				sb.WriteString(s.bold + s.escape(oneLine(name)) + s.bold)
			} else {
				sb.WriteString(s.escape(sp.Text))
			}
		default:
			sb.WriteString(s.escape(sp.Text))
		}
	}
	return sb.String()
}

// ReplyActivity draws a reply, people and channels by the names given: a
// reply with buttons, a table or a chart as an Adaptive Card, any other as
// markdown text.
func ReplyActivity(r converse.Reply, users Names, channels map[string]string) Activity {
	n := replyNames{users: users, channels: channels}
	if needsCard(r) {
		return cardActivity(replyCard(r, n), "")
	}
	return Activity{Type: TypeMessage, Text: messageStyle.blocks(r.Blocks, n), TextFormat: "markdown"}
}

// replyCard draws a reply as an Adaptive Card: its text in TextBlocks, its
// buttons as Action.Execute with their action as verb and their value as
// data.
func replyCard(r converse.Reply, n replyNames) map[string]any {
	var body, actions []acElem
	separate := false // a Divider came: the next element starts with a line
	add := func(e acElem) {
		if separate {
			e["separator"], e["spacing"] = true, "Medium"
			separate = false
		}
		body = append(body, e)
	}
	for _, b := range r.Blocks {
		switch b := b.(type) {
		case converse.Divider:
			separate = true
		case converse.Facts:
			facts := make([]acFact, len(b))
			for i, f := range b {
				facts[i] = acFact{Title: f.Label, Value: cardEscape(f.Value)}
			}
			add(acFacts(facts))
		case converse.Heading:
			add(acHeading(cardEscape(string(b)), true))
		case converse.Note:
			add(acNote(cardStyle.spans(b, n)))
		case converse.Table:
			add(tableElem(b))
		case converse.Chart:
			add(chartElem(b))
		case converse.Buttons:
			if set, ok := leadButtonSet(b); ok {
				add(set)
				continue
			}
			for _, btn := range b {
				a := acExecute(btn.Label, btn.Action, json.RawMessage(btn.Value))
				if btn.Opens {
					a = acSubmit(btn.Label, ActionData{Action: btn.Action, Value: btn.Value, Msteams: &MsteamsAction{Type: InvokeTaskFetch}})
				}
				if btn.Primary {
					a["style"] = "positive"
				}
				actions = append(actions, a)
			}
		default:
			if text := cardStyle.blocks([]converse.Block{b}, n); text != "" {
				add(acText(text))
			}
		}
	}
	card := adaptiveCard(body, actions)
	card["fallbackText"] = armistice.Truncate(plainStyle.blocks(r.Blocks, n), 200)
	return card
}

// needsCard tells whether a reply holds what only a card can show:
// buttons, a table, a chart.
func needsCard(r converse.Reply) bool {
	for _, b := range r.Blocks {
		switch b.(type) {
		case converse.Buttons, converse.Table, converse.Chart:
			return true
		}
	}
	return false
}

// tableElem draws a table as a Table, the first column wider, the others
// numbers aligned right.
func tableElem(t converse.Table) acElem {
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = make([]string, len(r))
		for j, c := range r {
			rows[i][j] = cardEscape(c.Text)
		}
	}
	widths := []int{3}
	for range len(t.Header) - 1 {
		widths = append(widths, 2)
	}
	return acTable(t.Header, rows, widths)
}

// chartElem draws a chart as Teams' Chart.VerticalBar (its first series)
// or Chart.Line; clients without charts drop it.
func chartElem(c converse.Chart) acElem {
	points := func(s converse.Series) []acElem {
		out := make([]acElem, len(s.Values))
		for i, v := range s.Values {
			out[i] = acElem{"x": c.Labels[i], "y": v}
		}
		return out
	}
	e := acElem{"type": "Chart.VerticalBar", "title": c.Title, "fallback": "drop"}
	if c.XTitle != "" {
		e["xAxisTitle"] = c.XTitle
	}
	if c.YTitle != "" {
		e["yAxisTitle"] = c.YTitle
	}
	if !c.Line {
		e["showBarValues"] = true
		if len(c.Series) > 0 {
			e["data"] = points(c.Series[0])
		}
		return e
	}
	e["type"] = "Chart.Line"
	series := make([]acElem, len(c.Series))
	for i, s := range c.Series {
		series[i] = acElem{"legend": s.Name, "values": points(s)}
	}
	e["data"] = series
	return e
}

// replyActivity draws a command's reply: a digest as the digests are
// drawn, a form as a card with the button that opens its dialog, a reply
// with buttons as a card, any other as markdown text.
func (b *Bot) replyActivity(ctx context.Context, r converse.Reply, channel string) Activity {
	switch {
	case r.Digest != nil:
		return cardActivity(digestCard(*r.Digest, b.names(ctx)), "")
	case r.Form != nil:
		data := ActionData{Msteams: &MsteamsAction{Type: InvokeTaskFetch}, Channel: channel, Prefill: r.Form.Prefill["persona"]}
		switch r.Form.Name {
		case converse.FormLead:
			data.Action = ActionLeadForm
		case converse.FormInsight:
			data.Action = ActionInsightForm
		}
		return cardActivity(adaptiveCard([]acElem{acText(cardEscape(r.Form.Prompt))}, []acElem{acSubmit(r.Form.Open, data)}), "")
	}
	n := b.replyNames(ctx, r)
	return ReplyActivity(r, n.users, n.channels)
}

// plainReply writes a reply as plain text, people by name: what an
// Action.Execute or a dialog answers with, which Teams shows as it is.
func (b *Bot) plainReply(ctx context.Context, r converse.Reply) string {
	return plainStyle.blocks(r.Blocks, b.replyNames(ctx, r))
}
