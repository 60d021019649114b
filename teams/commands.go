package teams

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// command is a message to the bot read as a command: the words after the
// bot's @mention (or the whole text in a personal chat).
type command struct {
	activity *Activity
	user     string   // Entra object ID
	text     string   // the command line, mention stripped
	args     []string // its words after the verb
}

// commandFunc answers one verb.
type commandFunc func(ctx context.Context, c command) reply

// reply is what a command answers: markdown text, or a card; private
// ones go to the caller's personal chat.
type reply struct {
	text    string
	card    map[string]any
	private bool
}

// commandTable maps the first word to its answer; an unknown word gets the
// help.
func (b *Bot) commandTable() map[string]commandFunc {
	return map[string]commandFunc{
		"help":     func(context.Context, command) reply { return reply{text: helpText()} },
		"goals":    b.goals,
		"goal":     b.goalSet,
		"plan":     b.plan,
		"stats":    b.stats,
		"digest":   b.digest,
		"lead":     b.lead,
		"personas": b.personas,
		"persona":  b.persona,
		"insight":  b.insight,
		"insights": b.insights,
		"route":    b.route,
		"forget":   b.forget,
		"settings": b.settings,
	}
}

// onMessage answers a command sent by @mention in a channel or group chat,
// or in a personal chat, in the command's thread or in that chat.
func (b *Bot) onMessage(ctx context.Context, a *Activity) {
	user, err := userOf(a)
	if err != nil || a.Conversation == nil {
		return
	}
	line := b.commandLine(a)
	words := strings.Fields(line)
	verb := "help"
	if len(words) > 0 {
		verb, words = strings.ToLower(words[0]), words[1:]
	}
	run, ok := b.commands[verb]
	if !ok {
		run = b.commands["help"]
	}
	r := run(ctx, command{activity: a, user: user, text: line, args: words})
	msg := Activity{Type: TypeMessage, Text: r.text, TextFormat: "markdown"}
	if r.card != nil {
		msg = cardActivity(r.card, "")
	}
	if r.private && a.Conversation.ConversationType != "personal" {
		if err := b.tellPrivately(ctx, a, msg); err == nil {
			msg = Activity{Type: TypeMessage, Text: "Sent to your personal chat with the bot.", TextFormat: "markdown"}
		} else {
			b.log.Warn("teams: answering in the personal chat", "verb", verb, "err", err)
		}
	}
	if err := b.answer(ctx, a, msg); err != nil {
		b.log.Warn("teams: answering a command", "verb", verb, "err", err)
	}
}

var atTag = regexp.MustCompile(`(?s)<at[^>]*>.*?</at>`)

// commandLine is the text of a message to the bot without its @mention of
// the bot, and without the markup Teams wraps it in.
func (b *Bot) commandLine(a *Activity) string {
	text := a.Text
	for _, e := range a.Entities {
		if e.Type == "mention" && e.Mentioned != nil && e.Mentioned.ID == b.botMRI() && e.Text != "" {
			text = strings.ReplaceAll(text, e.Text, " ")
		}
	}
	text = atTag.ReplaceAllString(text, " ") // mentions of others name no command
	text = plainText(text)
	return strings.TrimSpace(strings.Join(strings.Fields(text), " "))
}

var (
	blockTag = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|h[1-6])>`)
	tag      = regexp.MustCompile(`<[^>]+>`)
)

// plainText is the text of a Teams message's HTML: line breaks where
// blocks end, tags gone, entities decoded.
func plainText(s string) string {
	s = tag.ReplaceAllString(blockTag.ReplaceAllString(s, "\n"), "")
	return strings.TrimSpace(html.UnescapeString(s))
}

// answer posts msg where the activity came from: in its thread in a
// channel, in the chat otherwise.
func (b *Bot) answer(ctx context.Context, a *Activity, msg Activity) error {
	channel := a.BaseConversation()
	if a.Conversation != nil && a.Conversation.ConversationType == "channel" {
		root := a.ThreadRoot()
		if root == "" {
			root = a.ID
		}
		_, err := b.conn.Reply(ctx, a.ServiceURL, channel, root, msg)
		return err
	}
	_, err := b.conn.Send(ctx, a.ServiceURL, a.Conversation.ID, msg)
	return err
}

func (b *Bot) failed(err error) reply { return reply{text: mdEscape(b.userMessage(err))} }

func argAt(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func (b *Bot) goals(ctx context.Context, c command) reply {
	r, err := b.svc.Goals(ctx, argAt(c.args, 0))
	if err != nil {
		return b.failed(err)
	}
	return reply{text: goalsText(r)}
}

// goalSet answers `goal set METRIC TARGET [YYYY-MM]` (admins).
func (b *Bot) goalSet(ctx context.Context, c command) reply {
	if len(c.args) < 3 || !strings.EqualFold(c.args[0], "set") {
		return reply{text: "Use **goal set METRIC TARGET [YYYY-MM]**; metrics: " + mdEscape(armistice.MetricNames()) + "."}
	}
	info, v, m, err := b.svc.SetGoal(ctx, c.user, c.args[1], c.args[2], argAt(c.args, 3))
	if err != nil {
		return b.failed(err)
	}
	return reply{text: fmt.Sprintf("Goal set: %s for %s is %s (%s commits to it).", mdEscape(info.Label), m, armistice.FormatMetric(info, v), info.Team)}
}

// plan answers `plan REVENUE [deal AVG_DEAL] [YYYY-MM]` with the reverse
// funnel and "Adopt as goals".
func (b *Bot) plan(ctx context.Context, c command) reply {
	usage := reply{text: "Use **plan REVENUE [deal AVG_DEAL] [YYYY-MM]**, e.g. **plan 250k deal 12k**."}
	if len(c.args) == 0 {
		return usage
	}
	money := armistice.MetricInfo{Metric: armistice.MetricRevenue}
	revenue, err := armistice.ParseTarget(money, c.args[0])
	deal, month := 0.0, ""
	for i := 1; err == nil && i < len(c.args); i++ {
		switch {
		case strings.EqualFold(c.args[i], "deal") && i+1 < len(c.args):
			deal, err = armistice.ParseTarget(money, c.args[i+1])
			i++
		case month == "":
			month = c.args[i]
		default:
			err = fmt.Errorf("unexpected %q", c.args[i])
		}
	}
	if err != nil {
		return usage
	}
	p, err := b.svc.Plan(ctx, revenue, deal)
	if err != nil {
		return b.failed(err)
	}
	return reply{card: planCard(p, deal, month)}
}

func (b *Bot) stats(ctx context.Context, c command) reply {
	r, err := b.svc.Stats(ctx, argAt(c.args, 0))
	if err != nil {
		return b.failed(err)
	}
	ids := make([]string, len(r.Reps))
	for i, rep := range r.Reps {
		ids[i] = rep.User
	}
	return reply{text: statsText(r, b.names(ctx, ids...))}
}

// digest shows today's digest as it would be posted, only to the caller.
func (b *Bot) digest(ctx context.Context, _ command) reply {
	d, err := b.svc.PreviewDigest(ctx)
	if err != nil {
		return b.failed(err)
	}
	return reply{card: digestCard(d, b.names(ctx)), private: true}
}

// lead shows a lead's history (`lead ID`), or offers the form to hand one
// over by hand.
func (b *Bot) lead(ctx context.Context, c command) reply {
	if len(c.args) == 0 {
		if err := b.svc.CanEnterLeads(ctx, c.user); err != nil {
			return b.failed(err)
		}
		open := acSubmit("Enter a lead", ActionData{Msteams: &MsteamsAction{Type: InvokeTaskFetch}, Action: ActionLeadForm, Channel: channelOf(c.activity)})
		return reply{card: adaptiveCard([]acElem{acText("Hand over an MQL by hand: it is announced like any other.")}, []acElem{open})}
	}
	l, events, err := b.svc.LeadHistory(ctx, c.user, c.args[0])
	if err != nil {
		return b.failed(err)
	}
	ids := []string{l.DecidedBy}
	for _, e := range events {
		ids = append(ids, e.Actor)
	}
	return reply{text: leadHistoryText(l, events, b.svc.Location(), b.names(ctx, ids...)), private: true}
}

func (b *Bot) personas(ctx context.Context, _ command) reply {
	list, err := b.svc.Personas(ctx)
	if err != nil {
		return b.failed(err)
	}
	return reply{text: personasText(list)}
}

// persona answers `persona SLUG`, and `persona add SLUG NAME: DESCRIPTION`
// (admins).
func (b *Bot) persona(ctx context.Context, c command) reply {
	if len(c.args) == 0 {
		return b.personas(ctx, c)
	}
	if strings.EqualFold(c.args[0], "add") {
		p, err := b.svc.AddPersonaLine(ctx, c.user, armistice.AfterWords(c.text, 2))
		if err != nil {
			return b.failed(err)
		}
		return reply{text: fmt.Sprintf("Persona **%s** (%s) saved.", mdEscape(p.Slug), mdEscape(p.Name))}
	}
	p, insights, err := b.svc.Persona(ctx, c.args[0])
	if err != nil {
		return b.failed(err)
	}
	var brief *armistice.PersonaBrief
	if got, ok, err := b.svc.PersonaBrief(ctx, p.Slug); err != nil {
		b.log.Warn("teams: the AI brief of a persona", "persona", p.Slug, "err", err)
	} else if ok {
		brief = &got
	}
	ids := make([]string, len(insights))
	for i, in := range insights {
		ids[i] = in.Author
	}
	return reply{text: personaText(p, brief, insights, b.names(ctx, ids...))}
}

// insight saves `insight PERSONA TEXT` at once; with less it offers the
// form.
func (b *Bot) insight(ctx context.Context, c command) reply {
	if len(c.args) < 2 {
		open := acSubmit("Save an insight", ActionData{Msteams: &MsteamsAction{Type: InvokeTaskFetch}, Action: ActionInsightForm, Channel: channelOf(c.activity), Prefill: argAt(c.args, 0)})
		return reply{card: adaptiveCard([]acElem{acText("What did you learn about a buyer persona?")}, []acElem{open})}
	}
	text := armistice.AfterWords(c.text, 2)
	in, err := b.svc.SaveInsight(ctx, handlers.InsightInput{Persona: c.args[0], Text: text, Author: c.user, Tags: armistice.Hashtags(text)})
	if err != nil {
		return b.failed(err)
	}
	return reply{text: fmt.Sprintf("Saved for **%s** as a %s insight. Thank you: the other team sees it on the next %s lead.", mdEscape(in.Persona), in.Team, mdEscape(in.Persona))}
}

// insights answers `insights [PERSONA] [words…]`, the first ten.
func (b *Bot) insights(ctx context.Context, c command) reply {
	persona, found, err := b.svc.Insights(ctx, c.args, 0)
	if err != nil {
		return b.failed(err)
	}
	ids := make([]string, len(found))
	for i, in := range found {
		ids[i] = in.Author
	}
	return reply{text: insightsPageText(persona, c.args, 0, found, b.names(ctx, ids...))}
}

// channelOf is the channel an activity came from, or "" outside channels.
func channelOf(a *Activity) string {
	if a.ChannelData != nil && a.ChannelData.Channel != nil {
		return a.ChannelData.Channel.ID
	}
	return ""
}
