package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// commandFunc handles one verb of the slash command. It acks (with a reply
// or empty) and may go on working after the ack.
type commandFunc func(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string)

// commandTable maps the first word of the command text to its handler.
func (b *Bot) commandTable() map[string]commandFunc {
	return map[string]commandFunc{
		"help":     b.help,
		"lead":     b.lead,
		"goals":    b.goals,
		"goal":     b.goalSet,
		"plan":     b.plan,
		"stats":    b.stats,
		"digest":   b.digest,
		"settings": b.settings,
		"route":    b.routeCommand,
		"forget":   b.forget,
		"personas": b.personas,
		"persona":  b.persona,
		"insight":  b.insight,
		"insights": b.insights,
	}
}

// onCommand splits the command text into a verb and its arguments and runs
// the verb's handler; an empty or unknown verb gets the help.
func (b *Bot) onCommand(ctx context.Context, a *acker, cmd slack.SlashCommand) {
	words := strings.Fields(cmd.Text)
	verb := "help"
	if len(words) > 0 {
		verb = strings.ToLower(words[0])
		words = words[1:]
	}
	run, ok := b.commands[verb]
	if !ok {
		run = b.help
	}
	run(ctx, a, cmd, words)
}

// lead opens the lead form, or with an external ID shows that lead.
func (b *Bot) lead(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	if len(args) == 0 {
		b.leadForm(ctx, a, cmd)
		return
	}
	b.leadStatus(ctx, a, cmd, args[0])
}
