package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers"
)

// mailtoLink is how Slack escapes an email address in a command's text.
var mailtoLink = regexp.MustCompile(`^<mailto:([^|>]+)(?:\|[^>]*)?>$`)

// forget erases the personal data of the leads with an email address or of
// the lead with an external ID, for admins (checked by the use case), and
// tells the caller what was erased.
func (b *Bot) forget(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	var text string
	if len(args) != 1 {
		text = fmt.Sprintf("Say whose personal data to erase, by email address or external ID, as in `%s forget ana@example.com` or `%s forget hs-123`.", cmd.Command, cmd.Command)
	} else {
		key := args[0]
		if m := mailtoLink.FindStringSubmatch(key); m != nil {
			key = m[1]
		}
		erased, err := b.svc.Forget(ctx, cmd.UserID, key)
		if err != nil {
			text = b.refusal(err)
		} else {
			text = erasedText(erased, b.svc.Location)
		}
	}
	if !a.ack(ephemeral(text)) {
		b.respond(ctx, cmd.ResponseURL, text)
	}
}

// erasedText confirms an erasure: what matched, which leads, which fields,
// what stays.
func erasedText(erasure handlers.Erasure, zone func() *time.Location) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Matched by %s `%s`.\n", erasure.MatchedBy(), escape(erasure.Key))
	for _, e := range erasure.Leads {
		fmt.Fprintf(&sb, ":wastebasket: Erased the personal data of lead `%s` (received %s): %s.\n",
			escape(e.ExternalID), e.ReceivedAt.In(zone()).Format("2 Jan 2006"), strings.Join(fieldNames(e.Fields), ", "))
	}
	sb.WriteString("Kept, so that the counts stay right: status, source, score, persona, segment, region, country, company, dates, and the decision with its reason. ")
	sb.WriteString("Its card and the messages about it are being redrawn to show “erased”.")
	return sb.String()
}

// fieldNames names lead fields for people.
func fieldNames(fields []string) []string {
	names := map[string]string{"email": "email", "name": "name", "title": "title", "phone": "phone", "notes": "notes",
		"crm_url": "CRM link", "comment": "rejection comment", "fields": "custom fields", "external_id": "external ID (an email address)"}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if n, ok := names[f]; ok {
			out = append(out, n)
		} else {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{"nothing was left to erase"}
	}
	return out
}
