package converse

import (
	"context"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// insight answers `insight PERSONA TEXT`, saved at once; with less it
// opens the form, the persona filled in when given.
func (c *Conversation) insight(ctx context.Context, call Call, _ []string) Reply {
	in, ok := parseInsight(call.Line)
	if !ok {
		return Reply{Form: &Form{Name: FormInsight, Prefill: map[string]string{"persona": in.persona},
			Prompt: "What did you learn about a buyer persona?", Open: "Save an insight"}}
	}
	saved, err := c.svc.SaveInsight(ctx, chat.InsightInput{Persona: in.persona, Text: in.text, Author: call.User, Tags: armistice.Hashtags(in.text)})
	if err != nil {
		return c.failed(err)
	}
	return InsightSaved(saved)
}
