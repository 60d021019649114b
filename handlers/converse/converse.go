// Package converse is the command language of Armistice, written once for
// every chat platform: the verbs, their arguments, who may run them
// (through the Service's role checks) and what they answer, as a Reply
// that the Slack and Teams adapters only draw and carry. A verb is one
// file, command_VERB.go, and one line in the table below.
package converse

import (
	"context"
	"log/slog"
	"strings"

	"github.com/armistice/armistice"
)

// Conversation answers commands by running the use cases.
type Conversation struct {
	svc Service
	log *slog.Logger
}

// New builds a Conversation over svc (a *handlers.Service; nil answers
// only the help).
func New(svc Service, log *slog.Logger) *Conversation {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Conversation{svc: svc, log: log}
}

// Call is one command as a person typed it.
type Call struct {
	User string // the caller's user ID
	// Line is the command line, its verb first, with the platform's own
	// markup read (Slack's <mailto:…> and <#C…|name>, Teams' mention of the
	// bot) already.
	Line string
	// Invoke is how the command is called, written before a command in
	// the usage lines: "/armistice" in Slack, "@Armistice" in Teams.
	Invoke string
	// Channel is where the command was typed ("" outside channels).
	Channel  string
	Platform armistice.Platform
}

// verb answers one command; args are the words after the verb.
type verb func(c *Conversation, ctx context.Context, call Call, args []string) Reply

// verbs maps the first word of a command to its answer; an unknown word
// gets the help.
var verbs = map[string]verb{
	"help":      (*Conversation).help,
	"lead":      (*Conversation).lead,
	"goals":     (*Conversation).goals,
	"goal":      (*Conversation).goal,
	"plan":      (*Conversation).plan,
	"stats":     (*Conversation).stats,
	"digest":    (*Conversation).digest,
	"settings":  (*Conversation).settings,
	"route":     (*Conversation).route,
	"forget":    (*Conversation).forget,
	"personas":  (*Conversation).personas,
	"persona":   (*Conversation).persona,
	"insight":   (*Conversation).insight,
	"insights":  (*Conversation).insights,
	"agreement": (*Conversation).agreement,
	"agenda":    (*Conversation).agenda,
	"scorecard": (*Conversation).scorecard,
	"pool":      (*Conversation).pool,
	"away":      (*Conversation).away,
	"back":      (*Conversation).back,
	"holidays":  (*Conversation).holidays,
	"board":     (*Conversation).board,
	"my":        (*Conversation).my,
}

// Run answers a command.
func (c *Conversation) Run(ctx context.Context, call Call) Reply {
	verb, args := splitLine(call.Line)
	run, ok := verbs[verb]
	if !ok {
		run = (*Conversation).help
	}
	return run(c, ctx, call, args)
}

// splitLine reads a command line as its verb, lower-cased ("help" when
// there is none), and the words after it.
func splitLine(line string) (verb string, args []string) {
	words := strings.Fields(line)
	if len(words) == 0 {
		return "help", nil
	}
	return strings.ToLower(words[0]), words[1:]
}

// usage writes a command to type, as the platform invokes it.
func (call Call) usage(command string) Span { return C(call.Invoke + " " + command) }

// failed is what a person is told about err: the message of an
// *armistice.Error, else an apology with the detail logged.
func (c *Conversation) failed(err error) Reply { return Text(T(c.Message(err))) }

// refused is failed for what only admins may do: a refusal also names
// them.
func (c *Conversation) refused(call Call, err error) Reply {
	spans := []Span{T(c.Message(err))}
	if armistice.ErrorCode(err) == armistice.EUNAUTHORIZED {
		spans = append(spans, c.admins(call)...)
	}
	return Text(spans...)
}

// Message is what a person is told about err: the message of an
// *armistice.Error, else "Sorry, something broke" with the detail logged.
func (c *Conversation) Message(err error) string {
	if armistice.ErrorCode(err) == armistice.EINTERNAL {
		c.log.Error("internal error", "err", err)
		return "Sorry, something broke on our side and nothing was changed; the details are in the bot's log. Please try again in a minute."
	}
	return armistice.ErrorMessage(err)
}

// admins names the admins a refused caller can ask: those on the caller's
// platform.
func (c *Conversation) admins(call Call) []Span {
	all := c.svc.Admins()
	if len(all) == 0 {
		return []Span{T(" No admins are set yet: the operator names them in ARMISTICE_ADMINS.")}
	}
	var spans []Span
	for _, id := range all {
		if p, ok := armistice.UserPlatform(id); ok && p == call.Platform {
			if len(spans) == 0 {
				spans = append(spans, T(" The admins are "))
			} else {
				spans = append(spans, T(", "))
			}
			spans = append(spans, U(id))
		}
	}
	if len(spans) > 0 {
		spans = append(spans, T("."))
	}
	return spans
}

func argAt(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}
