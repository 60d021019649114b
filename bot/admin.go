package bot

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
)

// refusal is what a person is told about err, as userMessage says it; a
// refusal to someone who is not an admin also names who is.
func (b *Bot) refusal(err error) string {
	msg := b.userMessage(err)
	if armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		return msg
	}
	admins := b.svc.Admins()
	if len(admins) == 0 {
		return msg + " No admins are set yet: the operator names them in ARMISTICE_ADMINS."
	}
	names := make([]string, len(admins))
	for i, a := range admins {
		names[i] = mention(a)
	}
	return msg + " The admins are " + strings.Join(names, ", ") + "."
}

// ephemeral is an answer only the caller sees, for a command's ack.
func ephemeral(text string) slack.Msg {
	return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: text}
}
