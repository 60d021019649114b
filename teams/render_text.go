package teams

import (
	"fmt"

	"github.com/armistice/armistice"
)

// The answers to commands, as Teams message markdown. Outside text in them
// is escaped with mdEscape.

// botName is how people address the bot in a channel.
const botName = "@Armistice"

// alreadyDecided tells a late clicker which decision stands.
func alreadyDecided(l armistice.Lead, names Names) string {
	if l.DecidedBy == "" {
		return fmt.Sprintf("This lead is %s already; there is nothing to decide.", mdEscape(string(l.Status)))
	}
	verdict := l.Verdict
	if verdict == "" {
		verdict = l.Status
	}
	return fmt.Sprintf("This lead was already %s by **%s**.", mdEscape(string(verdict)), mdEscape(oneLine(names.of(l.DecidedBy))))
}
