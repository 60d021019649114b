package teams

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// Teams gives a bot no way to read a channel's history, so the cards and
// digests it posted cannot be looked up: FindLeadCard and FindDigest find
// nothing, and a process killed between Teams' answer and the database
// write leaves the post unrecorded (it is posted again on retry).

// where finds how to reach a channel: its own record when the bot has seen
// it, else the newest installation's service URL (one tenant, one
// region). chat.ErrNotInstalled when the app is installed nowhere.
func (b *Bot) where(ctx context.Context, channel string) (serviceURL, tenantID string, err error) {
	c, err := b.db.Conversation(ctx, channel)
	if err == nil {
		return c.ServiceURL, c.TenantID, nil
	}
	if !errors.Is(err, ErrUnknown) {
		return "", "", err
	}
	in, err := b.db.NewestInstallation(ctx)
	if errors.Is(err, ErrUnknown) {
		return "", "", fmt.Errorf("%w: no team has the app", chat.ErrNotInstalled)
	}
	if err != nil {
		return "", "", err
	}
	return in.ServiceURL, in.TenantID, nil
}

// cardActivity is a message that holds one Adaptive Card and nothing else
// (Teams splits text and a card in two and loses the ID).
func cardActivity(card map[string]any, summary string) Activity {
	return Activity{Type: TypeMessage, Summary: summary, Attachments: []Attachment{{ContentType: ContentTypeAdaptiveCard, Content: card}}}
}

// names looks up the display names of the people a message shows; unknown
// ones show as "someone".
func (b *Bot) names(ctx context.Context, ids ...string) Names {
	var want []string
	for _, id := range ids {
		if id != "" {
			want = append(want, id)
		}
	}
	known := map[string]User{}
	if len(want) > 0 {
		var err error
		if known, err = b.db.Users(ctx, want); err != nil {
			b.log.Warn("teams: reading names", "err", err)
		}
	}
	return func(id string) string { return known[id].Name }
}

func (b *Bot) cardNames(ctx context.Context, c chat.LeadCard) Names {
	ids := append([]string{c.Lead.DecidedBy, c.Lead.Assignee}, c.Reps...)
	for _, in := range c.Insights {
		ids = append(ids, in.Author)
	}
	return b.names(ctx, ids...)
}

// PostLeadCard implements chat.Chat: the card starts a new thread in
// the channel.
func (b *Bot) PostLeadCard(ctx context.Context, channel string, card chat.LeadCard) (chat.MessageRef, error) {
	serviceURL, tenant, err := b.where(ctx, channel)
	if err != nil {
		return chat.MessageRef{}, err
	}
	id, err := b.conn.PostToChannel(ctx, serviceURL, tenant, channel, cardActivity(leadCard(card, b.cardNames(ctx, card)), "New lead: "+leadWhoPlain(card.Lead)))
	if err != nil {
		return chat.MessageRef{}, err
	}
	return chat.MessageRef{Platform: armistice.Teams, Channel: channel, ID: id}, nil
}

// FindLeadCard implements chat.Chat; see the note at the top.
func (b *Bot) FindLeadCard(context.Context, string, int64, time.Time) (chat.MessageRef, bool, error) {
	return chat.MessageRef{}, false, nil
}

// UpdateLeadCard implements chat.Chat: the card is replaced in place,
// for everyone.
func (b *Bot) UpdateLeadCard(ctx context.Context, ref chat.MessageRef, card chat.LeadCard) error {
	serviceURL, _, err := b.where(ctx, ref.Channel)
	if err != nil {
		return err
	}
	return b.conn.Update(ctx, serviceURL, ref.Channel, ref.ID, cardActivity(leadCard(card, b.cardNames(ctx, card)), "Lead: "+leadWhoPlain(card.Lead)))
}

// PostNotice implements chat.Chat: in the card's thread, as a new
// post in the channel, or in the personal chat of the user it is to.
func (b *Bot) PostNotice(ctx context.Context, n chat.Notice) (chat.MessageRef, error) {
	serviceURL, tenant, err := b.where(ctx, n.Channel)
	if err != nil {
		return chat.MessageRef{}, err
	}
	text, entities := noticeText(n, b.names(ctx, append([]string{n.Card.Lead.DecidedBy}, n.Mentions...)...))
	msg := Activity{Type: TypeMessage, Text: text, TextFormat: "markdown", Entities: entities}
	var id string
	if n.To != "" {
		return b.tellUser(ctx, serviceURL, tenant, n.To, msg)
	}
	if n.Thread != "" {
		id, err = b.conn.Reply(ctx, serviceURL, n.Channel, n.Thread, msg)
	} else {
		id, err = b.conn.PostToChannel(ctx, serviceURL, tenant, n.Channel, msg)
	}
	if err != nil {
		return chat.MessageRef{}, err
	}
	return chat.MessageRef{Platform: armistice.Teams, Channel: n.Channel, ID: id}, nil
}

// UpdateNotice implements chat.Chat.
func (b *Bot) UpdateNotice(ctx context.Context, ref chat.MessageRef, n chat.Notice) error {
	if ref.ID == "" {
		return chat.ErrMessageGone // Teams answered the post without an ID
	}
	serviceURL, _, err := b.where(ctx, ref.Channel)
	if err != nil {
		return err
	}
	text, entities := noticeText(n, b.names(ctx, append([]string{n.Card.Lead.DecidedBy}, n.Mentions...)...))
	return b.conn.Update(ctx, serviceURL, ref.Channel, ref.ID, Activity{Type: TypeMessage, Text: text, TextFormat: "markdown", Entities: entities})
}

// PostDigest implements chat.Chat: an Adaptive Card with the goals as
// a table and charts, or the same as text when the card is too large.
func (b *Bot) PostDigest(ctx context.Context, channel string, d chat.Digest) (chat.MessageRef, error) {
	serviceURL, tenant, err := b.where(ctx, channel)
	if err != nil {
		return chat.MessageRef{}, err
	}
	var ids []string
	for _, r := range d.Reps {
		ids = append(ids, r.User)
	}
	if a := d.Agreement; a != nil {
		ids = append(ids, a.Marketing.By, a.Sales.By)
	}
	names := b.names(ctx, ids...)
	id, err := b.conn.PostToChannel(ctx, serviceURL, tenant, channel, cardActivity(digestCard(d, names), d.Title))
	if errors.Is(err, ErrTooBig) {
		id, err = b.conn.PostToChannel(ctx, serviceURL, tenant, channel, Activity{Type: TypeMessage, Text: digestText(d, names), TextFormat: "markdown"})
	}
	if err != nil {
		return chat.MessageRef{}, err
	}
	return chat.MessageRef{Platform: armistice.Teams, Channel: channel, ID: id}, nil
}

// FindDigest implements chat.Chat; see the note at the top.
func (b *Bot) FindDigest(context.Context, string, string, string, time.Time) (chat.MessageRef, bool, error) {
	return chat.MessageRef{}, false, nil
}

// Channel implements chat.Chat: the channels the bot has seen, in
// teams where the app is installed.
func (b *Bot) Channel(ctx context.Context, id string) (chat.ChannelInfo, error) {
	c, err := b.db.Conversation(ctx, id)
	if errors.Is(err, ErrUnknown) || (err == nil && c.Kind != "channel") {
		return chat.ChannelInfo{}, chat.ErrNoChannel
	}
	if err != nil {
		return chat.ChannelInfo{}, err
	}
	return chat.ChannelInfo{ID: c.ID, Name: c.Name, BotIsMember: b.installedIn(ctx, c.TeamID)}, nil
}

// ChannelByName implements chat.Chat.
func (b *Bot) ChannelByName(ctx context.Context, name string) (chat.ChannelInfo, error) {
	channels, err := b.db.Channels(ctx)
	if err != nil {
		return chat.ChannelInfo{}, err
	}
	for _, c := range channels {
		if strings.EqualFold(c.Name, name) {
			return chat.ChannelInfo{ID: c.ID, Name: c.Name, BotIsMember: b.installedIn(ctx, c.TeamID)}, nil
		}
	}
	return chat.ChannelInfo{}, chat.ErrNoChannel
}

func (b *Bot) installedIn(ctx context.Context, teamID string) bool {
	in, err := b.db.Installation(ctx, teamID)
	return err == nil && in.Installed
}

// tellUser sends msg to a user, by Entra object ID, in their personal chat
// with the bot, opening it if needed (by the user's ID for this bot when
// the bot has seen it, else by the object ID, which Teams also takes).
func (b *Bot) tellUser(ctx context.Context, serviceURL, tenant, user string, msg Activity) (chat.MessageRef, error) {
	conv, err := b.db.PersonalChat(ctx, user)
	if err == nil {
		serviceURL = conv.ServiceURL
	} else {
		member := user
		if known, err := b.db.Users(ctx, []string{user}); err == nil && known[user].MRI != "" {
			member = known[user].MRI
		}
		if conv.ID, err = b.conn.OpenPersonal(ctx, serviceURL, tenant, member); err != nil {
			return chat.MessageRef{}, err
		}
		if err := b.db.SaveConversation(ctx, Conversation{ID: conv.ID, Kind: "personal", TenantID: tenant, ServiceURL: serviceURL, UserID: user}); err != nil {
			b.log.Warn("teams: remembering a personal chat", "err", err)
		}
	}
	id, err := b.conn.Send(ctx, serviceURL, conv.ID, msg)
	if err != nil {
		return chat.MessageRef{}, err
	}
	return chat.MessageRef{Platform: armistice.Teams, Channel: conv.ID, ID: id}, nil
}
