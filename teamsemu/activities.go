package teamsemu

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/armistice/armistice/teams"
)

// Builders of the activities Teams posts to the bot when a user acts. Each
// returns an activity from u with its ID, conversation and channelData set;
// Send fills in the rest. conversationID is a channel's ID (optionally with
// ";messageid=<root>" to name a thread) or a 1:1 chat's ID. They panic when
// the conversation is unknown.

// MentionMessage is u's message in a channel that @mentions the bot:
// text "<at>BotName</at> " + text, with the mention entity. In a channel it
// is a new post (its conversation ID names its own thread); with
// ";messageid=<root>" a reply in that thread.
func (s *Server) MentionMessage(u User, conversationID, text string) teams.Activity {
	bot := s.Bot()
	at := "<at>" + bot.Name + "</at>"
	a := s.build(u, conversationID, "", teams.TypeMessage)
	a.Text = at + " " + text
	a.TextFormat = "plain"
	a.Entities = []teams.Entity{{Type: "mention", Mentioned: &bot, Text: at}}
	return a
}

// PersonalMessage is u's message to the bot in their 1:1 chat (created if
// needed).
func (s *Server) PersonalMessage(u User, text string) teams.Activity {
	a := s.build(u, s.PersonalConversationID(u), "", teams.TypeMessage)
	a.Text = text
	a.TextFormat = "plain"
	return a
}

// CardAction is the adaptiveCard/action invoke of u clicking an
// Action.Execute with verb and data on the card cardID.
func (s *Server) CardAction(u User, conversationID, cardID, verb string, data any) teams.Activity {
	return s.invoke(u, conversationID, cardID, teams.InvokeAdaptiveCardAction, map[string]any{
		"action":  map[string]any{"type": "Action.Execute", "verb": verb, "data": data},
		"trigger": "manual",
	})
}

// TaskFetch is the task/fetch invoke of u opening a dialog, with the
// opening action's data; replyToID is the card the action is on, or "".
func (s *Server) TaskFetch(u User, conversationID, replyToID string, data any) teams.Activity {
	return s.invoke(u, conversationID, replyToID, teams.InvokeTaskFetch, map[string]any{
		"data":    data,
		"context": map[string]string{"theme": "default"},
	})
}

// TaskSubmit is the task/submit invoke of u submitting a dialog, with the
// form's data; replyToID is the card that opened the dialog, or "".
func (s *Server) TaskSubmit(u User, conversationID, replyToID string, data any) teams.Activity {
	return s.invoke(u, conversationID, replyToID, teams.InvokeTaskSubmit, map[string]any{
		"data":    data,
		"context": map[string]string{"theme": "default"},
	})
}

// ExtensionFetchTask is the composeExtension/fetchTask invoke of u choosing
// the message action commandID on target, a message from Messages.
func (s *Server) ExtensionFetchTask(u User, conversationID, commandID string, target Message) teams.Activity {
	return s.invoke(u, conversationID, target.ID, teams.InvokeExtensionFetchTask, map[string]any{
		"commandId":      commandID,
		"commandContext": "message",
		"messagePayload": s.messagePayload(conversationID, target),
		"context":        map[string]string{"theme": "default"},
	})
}

// ExtensionSubmitAction is the composeExtension/submitAction invoke of u
// submitting the dialog of the message action commandID on target, with the
// form's data.
func (s *Server) ExtensionSubmitAction(u User, conversationID, commandID string, target Message, data any) teams.Activity {
	return s.invoke(u, conversationID, target.ID, teams.InvokeExtensionSubmit, map[string]any{
		"commandId":      commandID,
		"commandContext": "message",
		"messagePayload": s.messagePayload(conversationID, target),
		"data":           data,
		"context":        map[string]string{"theme": "default"},
	})
}

// invoke builds an invoke named name with value, in the thread of the
// message threadOf (when set and known).
func (s *Server) invoke(u User, conversationID, threadOf, name string, value any) teams.Activity {
	a := s.build(u, conversationID, threadOf, teams.TypeInvoke)
	a.Name = name
	a.Value = mustJSON(value)
	a.ReplyToID = threadOf
	return a
}

// build starts an activity of type typ from u in conversationID. In a
// channel, the conversation ID names the thread of the message threadOf
// when it is known, else the thread conversationID names, else the new
// activity's own; channelData.thread names the same root.
func (s *Server) build(u User, conversationID, threadOf, typ string) teams.Activity {
	s.mu.Lock()
	defer s.mu.Unlock()
	base, rootID, _ := strings.Cut(conversationID, ";messageid=")
	c := s.convs[base]
	if c == nil {
		panic("teamsemu: no conversation " + base)
	}
	a := teams.Activity{
		Type: typ,
		ID:   s.newActivityIDLocked(),
		From: ptr(u.Account()),
	}
	if c.channel == nil {
		a.Conversation = c.account(s.opts.TenantID, "")
		a.ChannelData = &teams.ChannelData{Tenant: &teams.IDName{ID: s.opts.TenantID}}
		return a
	}
	if m := c.byID[threadOf]; m != nil {
		rootID = m.threadRoot().id
	}
	if rootID == "" {
		rootID = a.ID
	}
	a.Conversation = c.account(s.opts.TenantID, rootID)
	a.ChannelData = s.channelData(c.channel)
	a.ChannelData.Thread = &teams.IDName{ID: rootID}
	return a
}

// messagePayload is target as a message action's messagePayload shows it:
// its ID, HTML body, author (a user, or the bot as an application) and
// link.
func (s *Server) messagePayload(conversationID string, target Message) map[string]any {
	a := target.Activity
	var from map[string]any
	switch {
	case a.From != nil && a.From.ID == s.Bot().ID:
		from = map[string]any{"application": map[string]any{
			"id": s.opts.AppID, "displayName": s.opts.BotName, "applicationIdentityType": "bot",
		}}
	case a.From != nil:
		from = map[string]any{"user": map[string]any{
			"id": a.From.AADObjectID, "displayName": a.From.Name, "aadObjectId": a.From.AADObjectID, "userIdentityType": "aadUser",
		}}
	}
	payload := map[string]any{
		"id":              target.ID,
		"messageType":     "message",
		"createdDateTime": a.Timestamp,
		"body":            map[string]any{"contentType": "html", "content": a.Text},
		"from":            from,
		"linkToMessage":   s.messageLink(conversationID, target),
	}
	if a.ReplyToID != "" {
		payload["replyToId"] = a.ReplyToID
	}
	return payload
}

// messageLink is the deep link Teams gives a message.
func (s *Server) messageLink(conversationID string, target Message) string {
	base, _, _ := strings.Cut(conversationID, ";messageid=")
	s.mu.Lock()
	defer s.mu.Unlock()
	link := "https://teams.microsoft.com/l/message/" + url.PathEscape(base) + "/" + target.ID
	c := s.convs[base]
	if c == nil || c.channel == nil {
		return link + "?context=" + url.QueryEscape(`{"contextType":"chat"}`)
	}
	parent := target.ID
	if m := c.byID[target.ID]; m != nil {
		parent = m.threadRoot().id
	}
	q := url.Values{
		"tenantId":        {s.opts.TenantID},
		"groupId":         {c.channel.team.groupID},
		"parentMessageId": {parent},
		"teamName":        {c.channel.team.name},
		"channelName":     {c.channel.name},
		"createdTime":     {target.ID},
	}
	return link + "?" + q.Encode()
}

// mustJSON encodes an invoke's value. The builders' values are maps of the
// caller's data, which must be JSON-encodable.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("teamsemu: encoding an invoke value: " + err.Error())
	}
	return b
}
