package teams

import (
	"context"

	"github.com/armistice/armistice/handlers/chat"
)

// PostDirectCard implements chat.Chat: the card goes to the user's
// personal chat with the bot (opened if needed), where its buttons work as
// on the channel's card; the reference names that chat.
func (b *Bot) PostDirectCard(ctx context.Context, user string, card chat.LeadCard) (chat.MessageRef, error) {
	serviceURL, tenant, err := b.where(ctx, "")
	if err != nil {
		return chat.MessageRef{}, err
	}
	return b.tellUser(ctx, serviceURL, tenant, user, cardActivity(leadCard(card, b.cardNames(ctx, card)), "Lead for you: "+leadWhoPlain(card.Lead)))
}
