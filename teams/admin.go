package teams

import (
	"context"
)

// channelTitle is the name of a channel the bot knows, or "".
func (b *Bot) channelTitle(ctx context.Context, id string) string {
	if c, err := b.db.Conversation(ctx, id); err == nil {
		return c.Name
	}
	return ""
}

// tellPrivately sends msg to the activity's sender in their personal chat
// with the bot, opening it if needed.
func (b *Bot) tellPrivately(ctx context.Context, a *Activity, msg Activity) error {
	user, err := userOf(a)
	if err != nil {
		return err
	}
	conv, err := b.db.PersonalChat(ctx, user)
	id := conv.ID
	if err != nil {
		if id, err = b.conn.OpenPersonal(ctx, a.ServiceURL, a.TenantID(), a.From.ID); err != nil {
			return err
		}
		if err := b.db.SaveConversation(ctx, Conversation{ID: id, Kind: "personal", TenantID: a.TenantID(), ServiceURL: a.ServiceURL, UserID: user}); err != nil {
			b.log.Warn("teams: remembering a personal chat", "err", err)
		}
	}
	_, err = b.conn.Send(ctx, a.ServiceURL, id, msg)
	return err
}
