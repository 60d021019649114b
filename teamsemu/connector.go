package teamsemu

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/armistice/armistice/teams"
)

// The Bot Framework connector under ServiceURL: conversations and their
// activities.

// maxBodyBytes is the largest request body the connector takes (Teams'
// limit is about 100 KB; 80 KB is the documented safe size).
const maxBodyBytes = 80 * 1024

// typeTyping is the typing indicator, which Teams shows and forgets.
const typeTyping = "typing"

// connectorCall is a connector request matched to its route.
type connectorCall struct {
	r     *http.Request
	route Route
	// conversationID and activityID are the path's, unescaped: the
	// conversation may carry ";messageid=" either raw or as
	// "%3Bmessageid%3D".
	conversationID string
	activityID     string
	body           []byte
}

// serveConnector answers a request under ServiceURL's path.
func (s *Server) serveConnector(w http.ResponseWriter, r *http.Request) {
	call, rp := s.matchConnector(r)
	if rp != nil {
		s.count(RouteUnknown, rp.status)
		rp.write(w)
		return
	}
	answer := s.handleConnector(call)
	s.count(call.route, answer.status)
	answer.write(w)
}

// matchConnector finds the route of a connector request, or the 404 or 405
// to answer.
func (s *Server) matchConnector(r *http.Request) (*connectorCall, *reply) {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), s.servicePath())
	if !ok {
		rp := noRoute(r)
		return nil, &rp
	}
	segs := strings.Split(rest, "/")
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil || v == "" {
			rp := noRoute(r)
			return nil, &rp
		}
		segs[i] = v
	}
	if len(segs) < 2 || segs[0] != "v3" || segs[1] != "conversations" {
		rp := noRoute(r)
		return nil, &rp
	}
	call := &connectorCall{r: r}
	var methods map[string]Route
	switch {
	case len(segs) == 2:
		methods = map[string]Route{http.MethodPost: RouteCreateConversation}
	case len(segs) == 4 && segs[3] == "activities":
		methods = map[string]Route{http.MethodPost: RouteSend}
	case len(segs) == 5 && segs[3] == "activities":
		methods = map[string]Route{http.MethodPost: RouteReply, http.MethodPut: RouteUpdate, http.MethodDelete: RouteDelete}
		call.activityID = segs[4]
	case len(segs) == 4 && segs[3] == "pagedmembers":
		methods = map[string]Route{http.MethodGet: RoutePagedMembers}
	default:
		rp := noRoute(r)
		return nil, &rp
	}
	if len(segs) > 2 {
		call.conversationID = segs[2]
	}
	if call.route, ok = methods[r.Method]; !ok {
		rp := methodNotAllowed(r)
		return nil, &rp
	}
	return call, nil
}

// handleConnector checks the bearer token, applies an injected failure and
// the size limit to writes, and runs the route.
func (s *Server) handleConnector(call *connectorCall) reply {
	if !s.authorized(call.r) {
		return errorReply(http.StatusUnauthorized, "Unauthorized", "Authorization has been denied for this request.")
	}
	if m := call.r.Method; m == http.MethodPost || m == http.MethodPut {
		if rp, ok := s.takeFailure(); ok {
			return rp
		}
		body, err := io.ReadAll(io.LimitReader(call.r.Body, maxBodyBytes+1))
		if err != nil {
			return errorReply(http.StatusBadRequest, "BadArgument", "The request body could not be read.")
		}
		if len(body) > maxBodyBytes {
			return errorReply(http.StatusRequestEntityTooLarge, "MessageSizeTooBig", "Message size too big.")
		}
		call.body = body
	}
	switch call.route {
	case RouteCreateConversation:
		return s.createConversation(call)
	case RouteSend:
		return s.sendToConversation(call)
	case RouteReply:
		return s.replyToActivity(call)
	case RouteUpdate:
		return s.updateActivity(call)
	case RouteDelete:
		return s.deleteActivity(call)
	default:
		return s.pagedMembers(call)
	}
}

// Errors the connector answers as Teams does.
var (
	errConversationNotFound = errorReply(http.StatusNotFound, "ConversationNotFound", "Conversation not found.")
	errActivityNotFound     = errorReply(http.StatusNotFound, "ActivityNotFound", "Activity not found.")
	errNotInRoster          = errorReply(http.StatusForbidden, "BotNotInConversationRoster", "The bot is not part of the conversation roster.")
	errNotOwnMessage        = errorReply(http.StatusForbidden, "Forbidden", "The bot can only change its own messages.")
)

// decodeActivity reads the activity of a send, reply or update.
func decodeActivity(body []byte) (teams.Activity, *reply) {
	var a teams.Activity
	if err := json.Unmarshal(body, &a); err != nil {
		rp := errorReply(http.StatusBadRequest, "BadArgument", "Invalid activity: "+err.Error())
		return a, &rp
	}
	return a, nil
}

// targetLocked resolves a conversation ID from a path: the conversation,
// and the thread's root when the ID carries ";messageid=". A channel of a
// team without the bot refuses with 403. The caller holds s.mu.
func (s *Server) targetLocked(conversationID string) (*conversation, *message, *reply) {
	base, rootID, threaded := strings.Cut(conversationID, ";messageid=")
	c := s.convs[base]
	if c == nil {
		return nil, nil, &errConversationNotFound
	}
	if c.channel != nil && !c.channel.team.installed {
		return nil, nil, &errNotInRoster
	}
	if !threaded {
		return c, nil, nil
	}
	m := c.byID[rootID]
	if c.channel == nil || m == nil {
		return nil, nil, &errConversationNotFound
	}
	return c, m.threadRoot(), nil
}

// sendToConversation answers POST v3/conversations/{id}/activities: a
// top-level post in a channel, a reply in the thread the ID names with
// ";messageid=", or a message in a 1:1 chat.
func (s *Server) sendToConversation(call *connectorCall) reply {
	a, rp := decodeActivity(call.body)
	if rp != nil {
		return *rp
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, root, rp := s.targetLocked(call.conversationID)
	if rp != nil {
		return *rp
	}
	return s.postLocked(c, root, a)
}

// replyToActivity answers POST v3/conversations/{id}/activities/{activityId}:
// in a channel a reply in the thread of activityId (or of the root the ID
// names with ";messageid="); in a 1:1 chat a message.
func (s *Server) replyToActivity(call *connectorCall) reply {
	a, rp := decodeActivity(call.body)
	if rp != nil {
		return *rp
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, root, rp := s.targetLocked(call.conversationID)
	if rp != nil {
		return *rp
	}
	if c.channel == nil {
		a.ReplyToID = call.activityID
		return s.postLocked(c, nil, a)
	}
	if root == nil {
		m := c.byID[call.activityID]
		if m == nil {
			return errActivityNotFound
		}
		root = m.threadRoot()
	}
	return s.postLocked(c, root, a)
}

// postLocked records a message from the bot in c (under root, when set)
// and answers 201 with its ID. A message with both text and attachments is
// recorded as two, text first, and answered 202 without a body: its ID is
// lost, as in Teams. A typing indicator is answered and not recorded. The
// caller holds s.mu.
func (s *Server) postLocked(c *conversation, root *message, a teams.Activity) reply {
	switch a.Type {
	case teams.TypeMessage:
	case typeTyping:
		return reply{status: http.StatusCreated, body: map[string]string{}}
	default:
		return errorReply(http.StatusBadRequest, "BadArgument", "Unsupported activity type '"+a.Type+"'.")
	}
	if rp := s.throttleLocked(c.id); rp != nil {
		return *rp
	}
	if a.Text != "" && len(a.Attachments) > 0 {
		text, cards := a, a
		text.Attachments = nil
		cards.Text = ""
		s.recordLocked(c, root, s.stampLocked(c, root, text))
		s.recordLocked(c, root, s.stampLocked(c, root, cards))
		return reply{status: http.StatusAccepted}
	}
	m := s.recordLocked(c, root, s.stampLocked(c, root, a))
	return reply{status: http.StatusCreated, body: map[string]string{"id": m.id}}
}

// stampLocked fills in what Teams sets on a message from the bot: a new
// ID, the bot as sender, the conversation (with its thread), the thread's
// root as replyToId, channel, service URL, timestamp and, in a channel,
// channelData when the bot sent none. The caller holds s.mu.
func (s *Server) stampLocked(c *conversation, root *message, a teams.Activity) teams.Activity {
	a.ID = s.newActivityIDLocked()
	bot := s.Bot()
	a.From = &bot
	rootID := a.ID
	if root != nil {
		rootID = root.id
		a.ReplyToID = root.id
	}
	a.Conversation = c.account(s.opts.TenantID, rootID)
	a.ChannelID = "msteams"
	a.ServiceURL = s.ServiceURL()
	a.Timestamp = formatTimestamp(s.opts.Now())
	if a.ChannelData == nil && c.channel != nil {
		a.ChannelData = s.channelData(c.channel)
	}
	return a
}

// createRequest is the body of POST v3/conversations.
type createRequest struct {
	IsGroup     bool                   `json:"isGroup"`
	Members     []teams.ChannelAccount `json:"members"`
	ChannelData *teams.ChannelData     `json:"channelData"`
	Activity    *teams.Activity        `json:"activity"`
}

// createConversation answers POST v3/conversations: with isGroup and
// channelData.channel.id, a new post in that channel (its activity is kept
// whole, text and attachments alike), answered with the thread's
// conversation ID and the post's ID; with one member, the bot's 1:1 chat
// with that user, made once per user (and its first message, when the
// request has an activity). Any user of the tenant can be reached: the
// emulator treats the bot as installed for everyone in personal scope.
func (s *Server) createConversation(call *connectorCall) reply {
	var req createRequest
	if err := json.Unmarshal(call.body, &req); err != nil {
		return errorReply(http.StatusBadRequest, "BadArgument", "Invalid conversation parameters: "+err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case req.IsGroup && req.ChannelData != nil && req.ChannelData.Channel != nil && req.ChannelData.Channel.ID != "":
		c, _, rp := s.targetLocked(req.ChannelData.Channel.ID)
		switch {
		case rp != nil:
			return *rp
		case c.channel == nil:
			return errConversationNotFound
		case req.Activity == nil:
			return errorReply(http.StatusBadRequest, "BadArgument", "An activity is required to start a conversation in a channel.")
		case req.Activity.Type != teams.TypeMessage:
			return errorReply(http.StatusBadRequest, "BadArgument", "Unsupported activity type '"+req.Activity.Type+"'.")
		}
		if rp := s.throttleLocked(c.id); rp != nil {
			return *rp
		}
		m := s.recordLocked(c, nil, s.stampLocked(c, nil, *req.Activity))
		return reply{status: http.StatusCreated, body: map[string]string{"id": c.id + ";messageid=" + m.id, "activityId": m.id}}
	case !req.IsGroup && len(req.Members) == 1:
		u := s.dir.users[req.Members[0].ID]
		if u == nil { // Teams also takes the user's Entra object ID
			for _, known := range s.dir.users {
				if strings.EqualFold(known.AADObjectID, req.Members[0].ID) {
					u = known
				}
			}
		}
		if u == nil {
			return errorReply(http.StatusBadRequest, "BadArgument", "Invalid user identity in provided tenant.")
		}
		c := s.personalLocked(u)
		body := map[string]string{"id": c.id}
		if req.Activity != nil {
			if req.Activity.Type != teams.TypeMessage {
				return errorReply(http.StatusBadRequest, "BadArgument", "Unsupported activity type '"+req.Activity.Type+"'.")
			}
			if rp := s.throttleLocked(c.id); rp != nil {
				return *rp
			}
			body["activityId"] = s.recordLocked(c, nil, s.stampLocked(c, nil, *req.Activity)).id
		}
		return reply{status: http.StatusCreated, body: body}
	default:
		return errorReply(http.StatusBadRequest, "BadArgument", "A conversation needs isGroup with channelData.channel.id, or exactly one member.")
	}
}

// ownMessageLocked finds the bot's message activityID in the conversation
// for an update or a delete. The caller holds s.mu.
func (s *Server) ownMessageLocked(call *connectorCall) (*conversation, *message, *reply) {
	c, _, rp := s.targetLocked(call.conversationID)
	if rp != nil {
		return nil, nil, rp
	}
	m := c.byID[call.activityID]
	if m == nil || m.deleted {
		return nil, nil, &errActivityNotFound
	}
	if m.activity.From == nil || m.activity.From.ID != s.Bot().ID {
		return nil, nil, &errNotOwnMessage
	}
	return c, m, nil
}

// updateActivity answers PUT v3/conversations/{id}/activities/{activityId}:
// the bot's message takes the new content in place (keeping its ID, sender,
// conversation, thread and timestamp) and counts one more update.
func (s *Server) updateActivity(call *connectorCall) reply {
	a, rp := decodeActivity(call.body)
	if rp != nil {
		return *rp
	}
	if a.Type != teams.TypeMessage {
		return errorReply(http.StatusBadRequest, "BadArgument", "Unsupported activity type '"+a.Type+"'.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, rp := s.ownMessageLocked(call)
	if rp != nil {
		return *rp
	}
	if rp := s.throttleLocked(c.id); rp != nil {
		return *rp
	}
	old := m.activity
	a.ID, a.From, a.Conversation, a.ReplyToID = old.ID, old.From, old.Conversation, old.ReplyToID
	a.ChannelID, a.ServiceURL, a.Timestamp = old.ChannelID, old.ServiceURL, old.Timestamp
	if a.ChannelData == nil {
		a.ChannelData = old.ChannelData
	}
	m.activity = a
	m.updates++
	s.bumpLocked()
	return reply{status: http.StatusOK, body: map[string]string{"id": m.id}}
}

// deleteActivity answers DELETE
// v3/conversations/{id}/activities/{activityId}: the bot's message is
// marked deleted.
func (s *Server) deleteActivity(call *connectorCall) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, rp := s.ownMessageLocked(call)
	if rp != nil {
		return *rp
	}
	m.deleted = true
	s.bumpLocked()
	return reply{status: http.StatusOK}
}
