package converse

import (
	"context"

	"github.com/armistice/armistice"
)

// help answers with the list of commands.
func (c *Conversation) help(_ context.Context, call Call, _ []string) Reply {
	blocks := []Block{Heading("Armistice commands")}
	if call.Platform == armistice.Teams {
		blocks = append(blocks, P(T("In a channel, mention me first ("), call.usage("goals"), T("); in a chat with me, just type the command ("), C("goals"), T(").")))
	}
	var list List
	for _, h := range Commands {
		list = append(list, P(call.usage(h.Usage), T(" — "+h.Does+" "), I("("+h.Who+")")))
	}
	blocks = append(blocks, list,
		Note{T("On any message, "), B("More actions › Save as persona insight"), T(" keeps it as an insight, with a link to the message.")})
	return Reply{Blocks: blocks}
}
