package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
)

// personas answers `personas`: each persona with its description and how
// many insights it has.
func (c *Conversation) personas(ctx context.Context, call Call, _ []string) Reply {
	list, err := c.svc.Personas(ctx)
	if err != nil {
		return c.failed(err)
	}
	if len(list) == 0 {
		return Text(T("No personas yet. Admins add them with "), call.usage("persona add SLUG NAME: DESCRIPTION"), T("; leads that name an unknown persona create it."))
	}
	items := make(List, len(list))
	for i, p := range list {
		items[i] = P(C(p.Slug), T(" "), B(oneLine(p.Name)))
		if p.Description != "" {
			items[i] = append(items[i], T(" — "+oneLine(armistice.Truncate(p.Description, 200))))
		}
		items[i] = append(items[i], T(" ("+countOf(int(p.Insights), "insight")+")"))
	}
	return Reply{Blocks: []Block{P(B("Personas")), items}}
}

// countOf writes "1 insight", "3 insights".
func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
