package converse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// The argument parsers of the verbs. They read words as typed; the use
// cases check the values.

// parsePlan reads `REVENUE [deal AVG_DEAL] [YYYY-MM]`, the amounts as
// goals take them ("250k", "1.5m", "12,000").
func parsePlan(args []string) (PlanChoice, error) {
	money := armistice.MetricInfo{Metric: armistice.MetricRevenue}
	if len(args) == 0 {
		return PlanChoice{}, fmt.Errorf("no revenue")
	}
	revenue, err := armistice.ParseTarget(money, args[0])
	choice := PlanChoice{Revenue: revenue}
	for i := 1; err == nil && i < len(args); i++ {
		switch {
		case strings.EqualFold(args[i], "deal"):
			if i+1 == len(args) {
				return choice, fmt.Errorf("no average deal after %q", args[i])
			}
			choice.Deal, err = armistice.ParseTarget(money, args[i+1])
			i++
		case choice.Month == "":
			choice.Month = args[i]
		default:
			err = fmt.Errorf("unexpected %q", args[i])
		}
	}
	return choice, err
}

// goalSet is `goal set METRIC TARGET [YYYY-MM]` read.
type goalSet struct{ metric, target, month string }

// parseGoalSet reads the words after `goal`; ok is false unless they are
// "set" and at least a metric and a target.
func parseGoalSet(args []string) (g goalSet, ok bool) {
	if len(args) < 3 || len(args) > 4 || !strings.EqualFold(args[0], "set") {
		return g, false
	}
	return goalSet{metric: args[1], target: args[2], month: argAt(args, 3)}, true
}

// routeAdd is `route add FIELD=VALUE channel=CHANNEL` read.
type routeAdd struct {
	field, value string
	channel      chat.ChannelRef
}

// parseRouteAdd reads the words after `route add`: one field to match and
// the channel, as #name, an ID or a bare name.
func parseRouteAdd(args []string) (routeAdd, error) {
	field, value, raw, err := parseRouteArgs(args)
	if err != nil {
		return routeAdd{}, err
	}
	return routeAdd{field: field, value: value, channel: parseChannelRef(raw)}, nil
}

// parseChannelRef reads a channel as typed in a command: #name, an ID, or
// a bare name.
func parseChannelRef(raw string) chat.ChannelRef {
	if name, ok := strings.CutPrefix(raw, "#"); ok {
		return chat.ChannelRef{Name: name}
	}
	if _, ok := armistice.ChannelPlatform(raw); ok {
		return chat.ChannelRef{ID: raw}
	}
	return chat.ChannelRef{Name: raw}
}

// parseRuleNumber reads the N of `route remove N` ("2" or "#2").
func parseRuleNumber(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	return id, err == nil && id > 0
}

// insightLine is `insight PERSONA TEXT` read.
type insightLine struct{ persona, text string }

// parseInsight reads an insight command line: the persona and the text
// after it, spaces and line breaks kept; ok is false without both, when
// the form asks for them.
func parseInsight(line string) (in insightLine, ok bool) {
	words := strings.Fields(line)
	if len(words) < 3 {
		return insightLine{persona: argAt(words, 1)}, false
	}
	return insightLine{persona: words[1], text: armistice.AfterWords(line, 2)}, true
}
