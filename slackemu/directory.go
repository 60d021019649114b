package slackemu

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// User is a workspace member.
type User struct {
	ID       string
	Name     string // the handle, as in users.info "name"
	RealName string
	IsBot    bool
	Email    string // the profile's email, shown as with users:read.email
}

// Channel is a public or private channel and its members' user IDs.
type Channel struct {
	ID        string
	Name      string
	IsPrivate bool
	Members   []string
}

// Metadata is message metadata, as chat.postMessage's "metadata" argument.
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Message is a channel message or thread reply.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // the parent's ts for replies and for parents with replies
	User     string
	Text     string
	Blocks   json.RawMessage // nil when the message has no blocks
	Metadata *Metadata
	Edited   bool
	// ReplyCount is the number of replies, for thread parents.
	ReplyCount int
	// Broadcast marks a thread reply also sent to the channel
	// (reply_broadcast); such replies appear in Messages too.
	Broadcast bool
}

// Ephemeral is a message only one user can see.
type Ephemeral struct {
	Channel  string
	User     string // the user who sees it
	TS       string
	ThreadTS string
	Text     string
	Blocks   json.RawMessage
	// Source tells where it came from: "chat.postEphemeral", "response_url"
	// or "command_ack" (the payload of a slash command's ack).
	Source string
}

// Ephemeral sources.
const (
	SourcePostEphemeral = "chat.postEphemeral"
	SourceResponseURL   = "response_url"
	SourceCommandAck    = "command_ack"
)

type directory struct {
	users      map[string]User
	userOrder  []string
	channels   map[string]*channelState
	chanOrder  []string
	ephemerals map[string][]Ephemeral
	groups     map[string]*UserGroup
	groupOrder []string
}

type channelState struct {
	id       string
	name     string
	private  bool
	members  []string
	created  int64
	messages []*message // every message and reply, in ts order
	byTS     map[string]*message
}

type message struct {
	channel     string
	ts          string
	threadTS    string
	user        string
	botID       string
	text        string
	blocks      json.RawMessage
	metadata    *Metadata
	edited      bool
	editedBy    string
	editedTS    string
	broadcast   bool
	replyCount  int
	replyUsers  []string
	latestReply string
}

func newDirectory() directory {
	return directory{
		users:      make(map[string]User),
		channels:   make(map[string]*channelState),
		ephemerals: make(map[string][]Ephemeral),
		groups:     make(map[string]*UserGroup),
	}
}

func (d *directory) addUser(u User) {
	if _, ok := d.users[u.ID]; !ok {
		d.userOrder = append(d.userOrder, u.ID)
	}
	d.users[u.ID] = u
}

// channel finds a channel by ID, or by name with or without a leading "#".
func (d *directory) channel(idOrName string) *channelState {
	if c, ok := d.channels[idOrName]; ok {
		return c
	}
	name := strings.TrimPrefix(idOrName, "#")
	for _, id := range d.chanOrder {
		if c := d.channels[id]; c.name == name {
			return c
		}
	}
	return nil
}

func (c *channelState) isMember(userID string) bool {
	return slices.Contains(c.members, userID)
}

// channelType is the one-letter type used in events ("C" public, "G" private).
func (c *channelState) channelType() string {
	if c.private {
		return "G"
	}
	return "C"
}

// add appends m (whose ts is newer than any other) and maintains the
// thread parent's reply bookkeeping.
func (c *channelState) add(m *message) {
	c.messages = append(c.messages, m)
	c.byTS[m.ts] = m
	if m.threadTS == "" || m.threadTS == m.ts {
		return
	}
	if p := c.byTS[m.threadTS]; p != nil {
		p.threadTS = p.ts
		p.replyCount++
		p.latestReply = m.ts
		if !slices.Contains(p.replyUsers, m.user) {
			p.replyUsers = append(p.replyUsers, m.user)
		}
	}
}

// remove deletes the message with ts (and, for a parent, keeps the replies,
// as Slack does).
func (c *channelState) remove(ts string) {
	m := c.byTS[ts]
	if m == nil {
		return
	}
	delete(c.byTS, ts)
	c.messages = slices.DeleteFunc(c.messages, func(x *message) bool { return x == m })
	if m.threadTS != "" && m.threadTS != m.ts {
		if p := c.byTS[m.threadTS]; p != nil && p.replyCount > 0 {
			p.replyCount--
		}
	}
}

// isTopLevel reports whether m shows in the channel (not only in a thread).
func (m *message) isTopLevel() bool {
	return m.threadTS == "" || m.threadTS == m.ts || m.broadcast
}

func (m *message) export() Message {
	out := Message{
		Channel:    m.channel,
		TS:         m.ts,
		ThreadTS:   m.threadTS,
		User:       m.user,
		Text:       m.text,
		Blocks:     bytes.Clone(m.blocks),
		Edited:     m.edited,
		ReplyCount: m.replyCount,
		Broadcast:  m.broadcast,
	}
	if m.metadata != nil {
		md := *m.metadata
		md.EventPayload = maps.Clone(md.EventPayload)
		out.Metadata = &md
	}
	return out
}

// AddUser adds a user, or replaces the user with the same ID.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir.addUser(u)
	s.bumpLocked()
}

// AddChannel adds a channel, or replaces the name, privacy and members of
// the channel with the same ID (keeping its messages). The bot can post in
// it only when cfg.BotUserID is among Members.
func (s *Server) AddChannel(c Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	members := slices.Clone(c.Members)
	members = slices.DeleteFunc(members, func(id string) bool { return id == "" })
	if existing, ok := s.dir.channels[c.ID]; ok {
		existing.name = c.Name
		existing.private = c.IsPrivate
		existing.members = slices.Compact(members)
	} else {
		s.dir.channels[c.ID] = &channelState{
			id:      c.ID,
			name:    c.Name,
			private: c.IsPrivate,
			members: slices.Compact(members),
			created: s.now().Unix(),
			byTS:    make(map[string]*message),
		}
		s.dir.chanOrder = append(s.dir.chanOrder, c.ID)
	}
	s.bumpLocked()
}

// Users returns every user, in the order they were added.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, 0, len(s.dir.userOrder))
	for _, id := range s.dir.userOrder {
		out = append(out, s.dir.users[id])
	}
	return out
}

// Channels returns every channel with its current members, in the order
// they were added.
func (s *Server) Channels() []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Channel, 0, len(s.dir.chanOrder))
	for _, id := range s.dir.chanOrder {
		c := s.dir.channels[id]
		out = append(out, Channel{ID: c.id, Name: c.name, IsPrivate: c.private, Members: slices.Clone(c.members)})
	}
	return out
}

// Messages returns the channel's top-level messages (including thread
// replies broadcast to the channel), oldest first.
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.dir.channels[channelID]
	if c == nil {
		return nil
	}
	var out []Message
	for _, m := range c.messages {
		if m.isTopLevel() {
			out = append(out, m.export())
		}
	}
	return out
}

// Replies returns the replies in the thread whose parent has threadTS,
// oldest first, without the parent.
func (s *Server) Replies(channelID, threadTS string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.dir.channels[channelID]
	if c == nil {
		return nil
	}
	var out []Message
	for _, m := range c.messages {
		if m.threadTS == threadTS && m.ts != threadTS {
			out = append(out, m.export())
		}
	}
	return out
}

// Ephemerals returns the ephemeral messages shown to userID, oldest first:
// from chat.postEphemeral, from response_url posts and from slash command
// ack payloads.
func (s *Server) Ephemerals(userID string) []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	src := s.dir.ephemerals[userID]
	out := make([]Ephemeral, len(src))
	for i, e := range src {
		e.Blocks = bytes.Clone(e.Blocks)
		out[i] = e
	}
	return out
}

// addEphemeralLocked records an ephemeral message and returns its ts.
func (s *Server) addEphemeralLocked(e Ephemeral) string {
	e.TS = s.newTSLocked()
	s.dir.ephemerals[e.User] = append(s.dir.ephemerals[e.User], e)
	s.bumpLocked()
	return e.TS
}

// findEphemeralLocked returns the index of userID's ephemeral with ts, or -1.
func (s *Server) findEphemeralLocked(userID, ts string) int {
	return slices.IndexFunc(s.dir.ephemerals[userID], func(e Ephemeral) bool { return e.TS == ts })
}

// postLocked stores a new message from userID (the bot's bot_id when userID
// is the bot user) and returns it. threadTS, if set, must already be the
// parent's ts.
func (s *Server) postLocked(c *channelState, userID, text string, blocks json.RawMessage, md *Metadata, threadTS string, broadcast bool) *message {
	m := &message{
		channel:   c.id,
		ts:        s.newTSLocked(),
		threadTS:  threadTS,
		user:      userID,
		text:      text,
		blocks:    blocks,
		metadata:  md,
		broadcast: broadcast && threadTS != "",
	}
	if userID == s.cfg.BotUserID {
		m.botID = s.cfg.BotID
	}
	c.add(m)
	s.bumpLocked()
	return m
}

// threadParentTS maps a thread_ts argument to the parent's ts: a reply's ts
// is mapped to its own parent, as Slack does.
func (c *channelState) threadParentTS(threadTS string) string {
	if threadTS == "" {
		return ""
	}
	if m := c.byTS[threadTS]; m != nil && m.threadTS != "" && m.threadTS != m.ts {
		return m.threadTS
	}
	return threadTS
}
