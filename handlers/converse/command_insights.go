package converse

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/armistice/armistice/handlers/chat"
)

// InsightsQuery is a search of the insights and the page shown (from 0):
// what the "More" button carries.
type InsightsQuery struct {
	Words []string `json:"words"`
	Page  int      `json:"page"`
}

// insights answers `insights [PERSONA] [words…]`, ten at a time.
func (c *Conversation) insights(ctx context.Context, call Call, args []string) Reply {
	return c.insightsPage(ctx, call, InsightsQuery{Words: args})
}

// MoreInsights answers the "More" button: the next page of a search; value
// is its InsightsQuery.
func (c *Conversation) MoreInsights(ctx context.Context, call Call, value string) Reply {
	var q InsightsQuery
	if err := json.Unmarshal([]byte(value), &q); err != nil {
		return Text(T("This button is out of date; run the command again."))
	}
	return c.insightsPage(ctx, call, q)
}

func (c *Conversation) insightsPage(ctx context.Context, call Call, q InsightsQuery) Reply {
	persona, found, err := c.svc.Insights(ctx, q.Words, q.Page)
	if err != nil {
		return c.failed(err)
	}
	what := P(T("Newest insights"))
	if persona != "" {
		what = append(what, T(" about "), B(persona))
	}
	if len(q.Words) > 0 && (persona == "" || len(q.Words) > 1) {
		what = P(T("Insights matching “" + oneLine(strings.Join(q.Words, " ")) + "”"))
	}
	if len(found) == 0 {
		if q.Page > 0 {
			return Reply{Blocks: []Block{append(what, T(": none more."))}}
		}
		return Reply{Blocks: []Block{append(what, T(": none."))}}
	}
	blocks := []Block{append(what, T(fmt.Sprintf(" (page %d)", q.Page+1))), insightList(found, persona == "")}
	if len(found) == chat.InsightsPage {
		next, _ := json.Marshal(InsightsQuery{Words: q.Words, Page: q.Page + 1})
		blocks = append(blocks, Buttons{{Label: "More", Action: ActionInsightsMore, Value: string(next)}})
	}
	return Reply{Blocks: blocks}
}
