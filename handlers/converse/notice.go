package converse

import (
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// Limits of the outside text a notice quotes.
const (
	maxNoticeName    = 200
	maxNoticeDetail  = 500
	maxNoticeInsight = 280
	noticeInsights   = 2
)

// NoticeReply is what a notice says on platform, whose commands are
// invoked as invoke ("/armistice", "@Armistice"): a decision, a reminder,
// an escalation that notifies the sales managers on that platform, or a
// card the platform refused.
func NoticeReply(n chat.Notice, platform armistice.Platform, invoke string) Reply {
	c := n.Card
	l := c.Lead
	decider := U(l.DecidedBy)
	decider.Name = c.DeciderName
	zone := c.Zone
	if zone == nil {
		zone = time.UTC
	}
	due := c.DueAt.In(zone).Format("Mon 2 Jan 15:04 MST")
	switch n.Kind {
	case chat.NoticeAccepted:
		return Text(T("✅ "), decider, T(" accepted this lead; it is theirs now. Time to decision: "+armistice.FormatBusinessTime(c.TimeToDecision)+" of business time."))
	case chat.NoticeRejected:
		head := append(P(T("❌ "), B("Sales rejected"), T(" ")), leadWho(l)...)
		if l.Source != "" {
			head = append(head, T(" (source: "+oneLine(l.Source)+")"))
		}
		reason := P(decider, T(" gave the reason "), B(oneLine(l.Reason)))
		blocks := []Block{head, reason}
		if l.Comment != "" {
			blocks[1] = append(reason, T(":"))
			blocks = append(blocks, Quote(strings.TrimSpace(l.Comment)))
		}
		if len(c.Insights) > 0 {
			blocks = append(blocks, insightsAbout(l.Persona, c.Insights)...)
		}
		return Reply{Blocks: blocks}
	case chat.NoticeReminder:
		if len(n.Mentions) > 0 { // the assignee
			spans := append([]Span{T("⏰ "), At(n.Mentions[0]), T(", still waiting for your decision on ")}, leadWho(l)...)
			return Text(append(spans, T(": the follow-up window ends "), B(due), T("."))...)
		}
		return Text(T("⏰ Still waiting for a decision on this lead: the follow-up window ends "), B(due), T("."))
	case chat.NoticeReassigned: // Mentions: the rep it comes from ("" for none), the rep it goes to
		spans := []Span{T("↪️ Moved on")}
		if n.Mentions[0] != "" {
			spans = append(spans, T(" from "), At(n.Mentions[0]))
		}
		why := armistice.Truncate(oneLine(l.AssignWhy), maxNoticeDetail)
		return Text(append(spans, T(" to "), At(n.Mentions[1]), T(" ("+why+"). "), At(n.Mentions[1]), T(", it is yours now: decide by "), B(due), T("."))...)
	case chat.NoticeUnassigned:
		why := armistice.Truncate(oneLine(l.AssignWhy), maxNoticeDetail)
		spans := []Span{T("🙋 Nobody in the pool could take this lead (" + why + "): anyone on the sales team may accept or reject it. ")}
		return Text(append(spans, managersOn(platform, n.Mentions, ", for your information.")...)...)
	case chat.NoticeEscalation:
		managers := managersOn(platform, n.Mentions, ", please take a look.")
		if n.Thread != "" {
			return Text(append([]Span{T("🚨 The follow-up window ended "), B(due), T(" with no decision on this lead. ")}, managers...)...)
		}
		spans := append(append([]Span{T("🚨 No decision on ")}, leadWho(l)...), T(" by the end of its follow-up window ("+due+"). "))
		return Text(append(spans, managers...)...)
	case chat.NoticeCardRefused:
		ext := armistice.Truncate(oneLine(l.ExternalID), maxNoticeName)
		head := append(P(T("⚠️ "+platformName(n.CardRef.Platform)+" refused the card of lead "), C(ext), T(", ")), leadWho(l)...)
		head = append(head, T(": "+oneLine(armistice.Truncate(n.Detail, maxNoticeDetail))))
		return Reply{Blocks: []Block{head,
			P(T("A minimal card with Accept and Reject stands in for it; "), C(invoke+" lead "+ext), T(" shows the lead's details."))}}
	}
	return Reply{}
}

// managersOn mentions the sales managers who are on platform, followed by
// then; or says that none is there to hear of it.
func managersOn(platform armistice.Platform, managers []string, then string) []Span {
	if len(managers) == 0 {
		return []Span{T("No sales managers are configured to hear of it.")}
	}
	var at []Span
	seen := map[string]bool{}
	for _, id := range managers {
		if p, ok := armistice.UserPlatform(id); ok && p == platform && !seen[strings.ToLower(id)] {
			seen[strings.ToLower(id)] = true
			if len(at) > 0 {
				at = append(at, T(" "))
			}
			at = append(at, At(id))
		}
	}
	if len(at) == 0 {
		return []Span{T("No sales manager is on " + platformName(platform) + " to hear of it here.")}
	}
	return append(at, T(then))
}

// leadWho names a lead in a notice: its name, email or external ID and its
// company, or "erased" once its personal data is erased.
func leadWho(l armistice.Lead) []Span {
	if l.ErasedAt != nil {
		return []Span{I("erased")}
	}
	who := []Span{B(armistice.Truncate(oneLine(firstNonEmpty(l.Name, l.Email, l.ExternalID)), maxNoticeName))}
	if l.Company != "" {
		who = append(who, T(" at "+armistice.Truncate(oneLine(l.Company), maxNoticeName)))
	}
	return who
}

// insightsAbout shows what the teams know about a persona: the newest two
// insights, each with the team it came from.
func insightsAbout(persona string, insights []armistice.Insight) []Block {
	if len(insights) > noticeInsights {
		insights = insights[:noticeInsights]
	}
	list := make(List, len(insights))
	for i, in := range insights {
		list[i] = P(I(in.Team), T(": "+armistice.Truncate(oneLine(in.Body), maxNoticeInsight)))
	}
	return []Block{P(T("💡 What we know about "), B(oneLine(persona)), T(":")), list}
}

// platformName names a chat platform for people.
func platformName(p armistice.Platform) string {
	if p == armistice.Teams {
		return "Teams"
	}
	return "Slack"
}
