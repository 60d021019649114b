// Package teams is the Microsoft Teams side of Armistice: the Bot Framework
// protocol spoken over HTTP. Teams posts activities to /api/messages (JWT
// verified, verify.go); the bot answers through the connector service
// (connector.go) with tokens it gets by client credentials (token.go). It
// routes commands, clicks and dialogs to the same handlers as the Slack side
// and implements chat.Chat for channels that live in Teams.
package teams

import (
	"encoding/json"
	"strings"
)

// Activity types and invoke names the bot handles.
const (
	TypeMessage            = "message"
	TypeInvoke             = "invoke"
	TypeConversationUpdate = "conversationUpdate"
	TypeInstallationUpdate = "installationUpdate"

	InvokeAdaptiveCardAction = "adaptiveCard/action"
	InvokeTaskFetch          = "task/fetch"
	InvokeTaskSubmit         = "task/submit"
	InvokeExtensionFetchTask = "composeExtension/fetchTask"
	InvokeExtensionSubmit    = "composeExtension/submitAction"
)

// ContentTypeAdaptiveCard is an Adaptive Card attachment's content type.
const ContentTypeAdaptiveCard = "application/vnd.microsoft.card.adaptive"

// Activity is a Bot Framework activity, inbound or outbound, with the
// fields the bot reads or writes; others are ignored.
type Activity struct {
	Type         string               `json:"type"`
	ID           string               `json:"id,omitempty"`
	Name         string               `json:"name,omitempty"` // of an invoke
	Timestamp    string               `json:"timestamp,omitempty"`
	ServiceURL   string               `json:"serviceUrl,omitempty"`
	ChannelID    string               `json:"channelId,omitempty"` // "msteams"
	From         *ChannelAccount      `json:"from,omitempty"`
	Recipient    *ChannelAccount      `json:"recipient,omitempty"`
	Conversation *ConversationAccount `json:"conversation,omitempty"`
	ReplyToID    string               `json:"replyToId,omitempty"`
	Text         string               `json:"text,omitempty"`
	TextFormat   string               `json:"textFormat,omitempty"` // "markdown", "plain", "xml"
	Summary      string               `json:"summary,omitempty"`
	Attachments  []Attachment         `json:"attachments,omitempty"`
	Entities     []Entity             `json:"entities,omitempty"`
	ChannelData  *ChannelData         `json:"channelData,omitempty"`
	Value        json.RawMessage      `json:"value,omitempty"`
	Action       string               `json:"action,omitempty"` // installationUpdate: add, remove, add-upgrade…
	MembersAdded []ChannelAccount     `json:"membersAdded,omitempty"`
}

// ChannelAccount is a user or bot. In Teams, ID is the per-bot MRI ("29:…"
// for users, "28:<appId>" for bots) and AADObjectID the user's Entra object
// ID, which is how Armistice names Teams users.
type ChannelAccount struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	AADObjectID string `json:"aadObjectId,omitempty"`
	Role        string `json:"role,omitempty"`
}

// ConversationAccount is a conversation: a personal chat ("a:…"), a group
// chat or a channel ("19:…@thread.tacv2", with ";messageid=…" for a thread).
type ConversationAccount struct {
	ID               string `json:"id"`
	ConversationType string `json:"conversationType,omitempty"` // personal, groupChat, channel
	TenantID         string `json:"tenantId,omitempty"`
	IsGroup          bool   `json:"isGroup,omitempty"`
	Name             string `json:"name,omitempty"`
}

// ChannelData is Teams' part of an activity.
type ChannelData struct {
	Tenant    *IDName  `json:"tenant,omitempty"`
	Team      *IDName  `json:"team,omitempty"`
	Channel   *Channel `json:"channel,omitempty"`
	EventType string   `json:"eventType,omitempty"` // conversationUpdate: teamMemberAdded, channelCreated…
	// Thread names the root message of the thread an inbound message was
	// posted in.
	Thread *IDName `json:"thread,omitempty"`
}

// IDName is an object with an ID and a display name.
type IDName struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Channel is a Teams channel as activities describe it. MembershipType is
// "standard", "private" or "shared": standard channels have their team's
// roster, the others their own.
type Channel struct {
	ID             string `json:"id"`
	Name           string `json:"name,omitempty"`
	MembershipType string `json:"membershipType,omitempty"`
}

// Attachment is a card or file attached to an activity.
type Attachment struct {
	ContentType string `json:"contentType"`
	Content     any    `json:"content,omitempty"`
}

// Entity is metadata attached to an activity; the bot uses mentions.
type Entity struct {
	Type      string          `json:"type"` // "mention"
	Mentioned *ChannelAccount `json:"mentioned,omitempty"`
	Text      string          `json:"text,omitempty"` // "<at>Name</at>"
}

// ThreadRoot is the ID of the root message of the thread the activity was
// posted in, or "" outside a thread: from channelData.thread, else from the
// conversation ID's ";messageid=" suffix.
func (a *Activity) ThreadRoot() string {
	if a.ChannelData != nil && a.ChannelData.Thread != nil && a.ChannelData.Thread.ID != "" {
		return a.ChannelData.Thread.ID
	}
	if a.Conversation == nil {
		return ""
	}
	if _, root, ok := strings.Cut(a.Conversation.ID, ";messageid="); ok {
		return root
	}
	return ""
}

// BaseConversation is the conversation ID without a thread suffix: the
// channel's ID in a channel.
func (a *Activity) BaseConversation() string {
	if a.Conversation == nil {
		return ""
	}
	id, _, _ := strings.Cut(a.Conversation.ID, ";messageid=")
	return id
}

// TenantID is the tenant the activity comes from.
func (a *Activity) TenantID() string {
	if a.ChannelData != nil && a.ChannelData.Tenant != nil && a.ChannelData.Tenant.ID != "" {
		return a.ChannelData.Tenant.ID
	}
	if a.Conversation != nil {
		return a.Conversation.TenantID
	}
	return ""
}
