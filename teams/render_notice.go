package teams

import (
	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// noticeText writes a notice as Teams message markdown, with the mention
// entities the text refers to (the sales managers of an escalation). Text
// from outside is escaped; only the mentions made here can notify anyone.
// Teams gives no link to a card for now, so notices posted away from the
// card carry none.
func noticeText(n chat.Notice, names Names) (text string, entities []Entity) {
	r := converse.NoticeReply(n, armistice.Teams, botName)
	mention := func(id string) string {
		name := oneLine(names.of(id))
		tag := "<at>" + mdEscape(name) + "</at>"
		entities = append(entities, Entity{Type: "mention", Mentioned: &ChannelAccount{ID: id, Name: name}, Text: tag})
		return tag
	}
	return messageStyle.blocks(r.Blocks, replyNames{users: names, mention: mention}), entities
}
