package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers"
)

// help answers with the list of commands, in the ack itself: it needs no I/O.
func (b *Bot) help(_ context.Context, a *acker, cmd slack.SlashCommand, _ []string) {
	a.ack(helpMessage(cmd.Command))
}

// helpMessage renders the command catalogue as an ephemeral reply. command
// is the slash command as the workspace named it ("/armistice").
func helpMessage(command string) slack.Msg {
	var lines []string
	for _, c := range handlers.Commands {
		lines = append(lines, fmt.Sprintf("`%s %s` — %s _(%s)_", command, c.Usage, c.Does, c.Who))
	}
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "Armistice commands", false, false)),
	}
	// A section holds at most 3,000 characters: split the list where needed.
	var chunk []string
	size := 0
	flush := func() {
		if len(chunk) > 0 {
			blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, strings.Join(chunk, "\n"), false, false), nil, nil))
		}
		chunk, size = nil, 0
	}
	for _, l := range lines {
		if size+len(l)+1 > 2900 {
			flush()
		}
		chunk = append(chunk, l)
		size += len(l) + 1
	}
	flush()
	return slack.Msg{
		ResponseType: slack.ResponseTypeEphemeral,
		Text:         "Armistice commands:\n" + strings.Join(lines, "\n"),
		Blocks:       slack.Blocks{BlockSet: blocks},
	}
}
