package teamsemu

import (
	"encoding/json"
	"strings"

	"github.com/armistice/armistice/teams"
)

// The record of every conversation: a channel's top-level posts and their
// threads, a 1:1 chat's messages; each with its newest content.

// Message is a recorded message: a channel's top-level post with its thread,
// a thread reply, or a message in a 1:1 chat.
type Message struct {
	// ID is the message's activity ID.
	ID string
	// Activity is the message as last written: as posted, or as the newest
	// update left it.
	Activity teams.Activity
	// Updates is how many times the bot updated the message.
	Updates int
	// Deleted is set once the bot deleted the message; it keeps its place
	// and its thread, as Teams shows "This message has been deleted".
	Deleted bool
	// Replies are a top-level post's thread replies, oldest first.
	Replies []Message
}

// conversation is a channel or a 1:1 chat and its messages.
type conversation struct {
	id      string
	channel *channel // nil for a 1:1 chat
	user    *User    // the other side of a 1:1 chat
	posts   []*message
	byID    map[string]*message // posts and replies
}

type message struct {
	id       string
	activity teams.Activity
	updates  int
	deleted  bool
	root     *message // the thread's post, for a reply
	replies  []*message
}

func newConversation(id string) *conversation {
	return &conversation{id: id, byID: make(map[string]*message)}
}

// account is the conversation as an activity in it names it: a channel's
// ID carries the thread's root, rootID (a new post is its own root).
func (c *conversation) account(tenantID, rootID string) *teams.ConversationAccount {
	if c.channel == nil {
		return &teams.ConversationAccount{ID: c.id, ConversationType: "personal", TenantID: tenantID}
	}
	return &teams.ConversationAccount{ID: c.id + ";messageid=" + rootID, ConversationType: "channel", TenantID: tenantID, IsGroup: true}
}

// threadRoot returns the post whose thread holds m (m itself for a post).
func (m *message) threadRoot() *message {
	if m.root != nil {
		return m.root
	}
	return m
}

// recordLocked stores a (whose ID is set) in c: as a reply under root, or
// as a post when root is nil. The caller holds s.mu.
func (s *Server) recordLocked(c *conversation, root *message, a teams.Activity) *message {
	m := &message{id: a.ID, activity: a, root: root}
	if root != nil {
		root.replies = append(root.replies, m)
	} else {
		c.posts = append(c.posts, m)
	}
	c.byID[m.id] = m
	s.bumpLocked()
	return m
}

func (m *message) export() Message {
	out := Message{ID: m.id, Activity: cloneActivity(m.activity), Updates: m.updates, Deleted: m.deleted}
	for _, r := range m.replies {
		out.Replies = append(out.Replies, r.export())
	}
	return out
}

// cloneActivity returns a deep copy of a, so callers cannot reach the
// record.
func cloneActivity(a teams.Activity) teams.Activity {
	b, err := json.Marshal(a)
	if err != nil {
		panic("teamsemu: copying an activity: " + err.Error())
	}
	var out teams.Activity
	if err := json.Unmarshal(b, &out); err != nil {
		panic("teamsemu: copying an activity: " + err.Error())
	}
	return out
}

// Messages returns the top-level posts of a channel, each with its thread,
// or the messages of a 1:1 chat, oldest first. A ";messageid=" suffix on
// conversationID is ignored. It returns nil for an unknown conversation.
func (s *Server) Messages(conversationID string) []Message {
	base, _, _ := strings.Cut(conversationID, ";messageid=")
	s.mu.Lock()
	defer s.mu.Unlock()
	return exportPosts(s.convs[base])
}

// PersonalMessages returns the messages of the bot's 1:1 chat with u, oldest
// first, or nil when there is none yet.
func (s *Server) PersonalMessages(u User) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return exportPosts(s.dir.personal[u.MRI])
}

func exportPosts(c *conversation) []Message {
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.posts))
	for _, m := range c.posts {
		out = append(out, m.export())
	}
	return out
}

// PersonalConversationID returns the ID of the bot's 1:1 chat with u,
// creating the chat if it does not exist yet.
func (s *Server) PersonalConversationID(u User) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	user := s.dir.users[u.MRI]
	if user == nil {
		panic("teamsemu: unknown user " + u.MRI)
	}
	return s.personalLocked(user).id
}

// personalLocked returns the bot's 1:1 chat with u (a known user), creating
// it once. The caller holds s.mu.
func (s *Server) personalLocked(u *User) *conversation {
	if c := s.dir.personal[u.MRI]; c != nil {
		return c
	}
	c := newConversation(newPersonalConversationID())
	c.user = u
	s.dir.personal[u.MRI] = c
	s.convs[c.id] = c
	s.bumpLocked()
	return c
}
