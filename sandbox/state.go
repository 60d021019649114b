package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/armistice/armistice/slackemu"
)

// maxShown is how many of a channel's newest messages the page shows.
const maxShown = 300

// item is one keyed piece of the page (a message, a day divider): the page
// replaces it only when its hash changes, so a card changes in place.
type item struct {
	Key  string `json:"key"`
	Hash string `json:"hash"`
	HTML string `json:"html"`
}

type channelInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Purpose string `json:"purpose"`
	Member  bool   `json:"member"`
	Members int    `json:"members"`
}

type threadState struct {
	Channel string `json:"channel"`
	TS      string `json:"ts"`
	Items   []item `json:"items"`
}

type modalState struct {
	ID     string            `json:"id"`
	Hash   string            `json:"hash"`
	HTML   string            `json:"html"`
	Errors map[string]string `json:"errors"`
}

// state is everything the page shows to one person in one channel.
type state struct {
	User     string        `json:"user"`
	Channel  string        `json:"channel"`
	Channels []channelInfo `json:"channels"`
	Messages []item        `json:"messages"`
	Thread   *threadState  `json:"thread"`
	Modal    *modalState   `json:"modal"`
	Home     *homeState    `json:"home"` // while the channel is homeChannel
	Demo     demoStatus    `json:"demo"`
}

// where is what a request asks to see.
type where struct {
	user, channel, thread string
}

// parseWhere reads user, channel and thread from the query, with defaults
// (the first rep, the sales channel) for what is missing or unknown; the
// channel homeChannel is the person's Home tab.
func (s *Server) parseWhere(q url.Values) where {
	w := where{user: q.Get("user"), channel: q.Get("channel"), thread: q.Get("thread")}
	if _, ok := s.cfg.Workspace.Person(w.user); !ok {
		w.user = s.cfg.Workspace.People[0].ID
	}
	switch {
	case w.channel == homeChannel:
		w.thread = ""
	case !s.knownChannel(w.channel):
		w.channel = s.cfg.Workspace.Sales.ID
	}
	return w
}

func (s *Server) knownChannel(id string) bool {
	for _, c := range s.cfg.Workspace.Channels() {
		if c.ID == id {
			return true
		}
	}
	return false
}

// renderer returns a renderer for viewer with the workspace's names.
func (s *Server) renderer(viewer string) *renderer {
	r := &renderer{viewer: viewer, users: map[string]string{}, channels: map[string]string{}, people: s.cfg.Workspace.People, chanList: s.cfg.Workspace.Channels()}
	for _, u := range s.cfg.Emu.Users() {
		r.users[u.ID] = u.RealName
		if u.RealName == "" {
			r.users[u.ID] = u.Name
		}
	}
	for _, c := range s.cfg.Emu.Channels() {
		r.channels[c.ID] = c.Name
	}
	if u, err := url.Parse(s.cfg.EmuURL); err == nil {
		r.emuHost = u.Host
	}
	return r
}

// buildState renders what w asks for.
func (s *Server) buildState(w where) state {
	r := s.renderer(w.user)
	st := state{User: w.user, Channel: w.channel, Demo: s.demoStatus()}
	purposes := map[string]string{}
	for _, c := range s.cfg.Workspace.Channels() {
		purposes[c.ID] = c.Purpose
	}
	for _, c := range s.cfg.Emu.Channels() {
		if _, ours := purposes[c.ID]; !ours {
			continue
		}
		humans := slices.DeleteFunc(slices.Clone(c.Members), func(id string) bool { return id == s.cfg.Emu.Config().BotUserID })
		st.Channels = append(st.Channels, channelInfo{ID: c.ID, Name: c.Name, Purpose: purposes[c.ID], Member: slices.Contains(c.Members, w.user), Members: len(humans)})
	}

	if views := s.cfg.Emu.Views(w.user); len(views) > 0 {
		st.Modal = s.modal(r, views[len(views)-1])
	}
	if w.channel == homeChannel {
		st.Home = s.home(r, w.user)
		return st
	}

	var shown []shownMessage
	for _, m := range s.cfg.Emu.Messages(w.channel) {
		shown = append(shown, fromMessage(m))
	}
	ephemerals := s.cfg.Emu.Ephemerals(w.user)
	for _, e := range ephemerals {
		if e.Channel == w.channel && e.ThreadTS == "" {
			shown = append(shown, fromEphemeral(e))
		}
	}
	slices.SortStableFunc(shown, func(a, b shownMessage) int { return compareTS(a.TS, b.TS) })
	if len(shown) > maxShown {
		shown = shown[len(shown)-maxShown:]
	}
	st.Messages = s.withDays(r, shown)

	if w.thread != "" {
		var parent *shownMessage
		for _, m := range s.cfg.Emu.Messages(w.channel) {
			if m.TS == w.thread {
				p := fromMessage(m)
				p.ReplyCount = 0
				parent = &p
			}
		}
		if parent != nil {
			t := &threadState{Channel: w.channel, TS: w.thread}
			items := []shownMessage{*parent}
			for _, m := range s.cfg.Emu.Replies(w.channel, w.thread) {
				sm := fromMessage(m)
				sm.inThread = true
				items = append(items, sm)
			}
			for _, e := range ephemerals {
				if e.Channel == w.channel && e.ThreadTS == w.thread {
					sm := fromEphemeral(e)
					sm.inThread = true
					items = append(items, sm)
				}
			}
			slices.SortStableFunc(items[1:], func(a, b shownMessage) int { return compareTS(a.TS, b.TS) })
			for i, m := range items {
				it := s.messageItem(r, m)
				if i == 0 {
					it.Key = "parent:" + m.TS
				}
				t.Items = append(t.Items, it)
			}
			st.Thread = t
		}
	}

	return st
}

// shownMessage is a channel message, reply or ephemeral as the page shows
// it.
type shownMessage struct {
	Channel, TS, ThreadTS, User, Text string
	Blocks                            json.RawMessage
	Edited, Ephemeral, inThread       bool
	ReplyCount                        int
}

func fromMessage(m slackemu.Message) shownMessage {
	return shownMessage{Channel: m.Channel, TS: m.TS, ThreadTS: m.ThreadTS, User: m.User, Text: m.Text, Blocks: m.Blocks, Edited: m.Edited, ReplyCount: m.ReplyCount}
}

func fromEphemeral(e slackemu.Ephemeral) shownMessage {
	return shownMessage{Channel: e.Channel, TS: e.TS, ThreadTS: e.ThreadTS, User: "", Text: e.Text, Blocks: e.Blocks, Ephemeral: true}
}

// tsTime reads a Slack timestamp ("1700000000.000100").
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, _ := strconv.ParseInt(sec, 10, 64)
	f, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
	return time.Unix(s, f*1000)
}

func compareTS(a, b string) int { return tsTime(a).Compare(tsTime(b)) }

// withDays renders messages with a divider before each new day.
func (s *Server) withDays(r *renderer, msgs []shownMessage) []item {
	var out []item
	lastDay := ""
	now := s.cfg.Now().In(s.cfg.Location)
	for _, m := range msgs {
		t := tsTime(m.TS).In(s.cfg.Location)
		if day := t.Format("2006-01-02"); day != lastDay {
			lastDay = day
			label := t.Format("Monday, 2 January")
			switch day {
			case now.Format("2006-01-02"):
				label = "Today"
			case now.AddDate(0, 0, -1).Format("2006-01-02"):
				label = "Yesterday"
			}
			out = append(out, keyed("day:"+day, `<div class="day" data-key="day:`+day+`"><span>`+esc(label)+`</span></div>`))
		}
		out = append(out, s.messageItem(r, m))
	}
	return out
}

// keyed makes an item of an element's HTML, marking the element with its
// hash.
func keyed(key, html string) item {
	sum := sha256.Sum256([]byte(html))
	h := hex.EncodeToString(sum[:8])
	return item{Key: key, Hash: h, HTML: strings.Replace(html, "<div", `<div data-hash="`+h+`"`, 1)}
}

// avatarColors tint people's avatars.
var avatarColors = []string{"#b5582c", "#2b7a4b", "#7a3f9d", "#1d6fa5", "#a3386a", "#5b6b1f"}

// messageItem renders one message.
func (s *Server) messageItem(r *renderer, m shownMessage) item {
	key := "m:" + m.TS
	if m.Ephemeral {
		key = "e:" + m.TS
	}
	bot := s.cfg.Emu.Config().BotUserID
	author, initials, color := "Armistice", "A", "#3f0e40"
	isBot := m.Ephemeral || m.User == bot || m.User == ""
	if !isBot {
		author = r.userName(m.User)
		if author == "" {
			author = m.User
		}
		initials = initialsOf(author)
		color = avatarColors[int(hashString(m.User))%len(avatarColors)]
	}
	t := tsTime(m.TS).In(s.cfg.Location)
	var sb strings.Builder
	cls := "msg"
	if m.Ephemeral {
		cls += " ephemeral"
	}
	sb.WriteString(`<div class="` + cls + `" data-key="` + esc(key) + `" data-channel="` + esc(m.Channel) + `" data-ts="` + esc(m.TS) + `"`)
	if m.Ephemeral {
		sb.WriteString(` data-ephemeral="true"`)
	}
	sb.WriteString(`><div class="avatar" style="background:` + color + `" aria-hidden="true">` + esc(initials) + `</div><div class="msg-body"><div class="meta"><span class="author">` + esc(author) + `</span>`)
	if isBot {
		sb.WriteString(`<span class="app-badge">APP</span>`)
	}
	sb.WriteString(`<time datetime="` + t.Format(time.RFC3339) + `" title="` + esc(t.Format("Monday 2 January 2006, 15:04 MST")) + `">` + t.Format("15:04") + `</time>`)
	if m.Edited {
		sb.WriteString(`<span class="edited">(edited)</span>`)
	}
	sb.WriteString(`</div><div class="content">`)
	if len(m.Blocks) > 0 {
		sb.WriteString(r.blocksHTML(m.Blocks, inMessage))
	} else {
		sb.WriteString(`<div class="bk-text">` + r.mrkdwn(m.Text) + `</div>`)
	}
	sb.WriteString(`</div>`)
	if m.ReplyCount > 0 && !m.inThread {
		word := "replies"
		if m.ReplyCount == 1 {
			word = "reply"
		}
		sb.WriteString(`<button type="button" class="replies" data-thread="` + esc(m.TS) + `">` + strconv.Itoa(m.ReplyCount) + ` ` + word + `</button>`)
	}
	if m.Ephemeral {
		sb.WriteString(`<div class="eph-note"><span aria-hidden="true">👁</span> Only visible to you</div>`)
	}
	sb.WriteString(`</div>`)
	if !m.Ephemeral {
		sb.WriteString(`<div class="msg-tools"><button type="button" class="tool" data-menu aria-label="More actions" title="More actions">⋮</button>` +
			`<div class="menu" role="menu" hidden>` +
			`<button type="button" role="menuitem" data-shortcut="save_insight">💡 Save as persona insight</button>`)
		if !m.inThread {
			sb.WriteString(`<button type="button" role="menuitem" data-thread="` + esc(m.TS) + `">💬 Open thread</button>`)
		}
		sb.WriteString(`</div></div>`)
	}
	sb.WriteString(`</div>`)
	return keyed(key, sb.String())
}

func initialsOf(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		if r := []rune(w); len(r) > 0 && len(out) < 2 {
			out = append(out, r[0])
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return strings.ToUpper(string(out))
}

func hashString(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// modal renders the top view of a person's stack as a form.
func (s *Server) modal(r *renderer, v slackemu.View) *modalState {
	raw := s.rawView(v)
	var sb strings.Builder
	sb.WriteString(`<div class="modal-backdrop"><form class="modal" data-view-id="` + esc(v.ID) + `" novalidate>`)
	sb.WriteString(`<header class="modal-head"><h2>` + r.plain(v.Title) + `</h2><button type="button" class="modal-x" data-close aria-label="Close">×</button></header>`)
	sb.WriteString(`<div class="modal-body"><div class="field-error general" role="alert" data-error-for="" hidden></div>`)
	sb.WriteString(r.blocksHTML(v.Blocks, inModal))
	sb.WriteString(`</div><footer class="modal-foot">`)
	closeText := raw.close
	if closeText == "" {
		closeText = "Cancel"
	}
	sb.WriteString(`<button type="button" class="btn" data-close>` + r.plain(closeText) + `</button>`)
	if raw.submit != "" {
		sb.WriteString(`<button type="submit" class="btn primary">` + r.plain(raw.submit) + `</button>`)
	}
	sb.WriteString(`</footer></form></div>`)
	return &modalState{ID: v.ID, Hash: v.ID + ":" + v.Hash, HTML: sb.String(), Errors: v.Errors}
}

type viewButtons struct{ submit, close string }

// rawView reads a view's submit and close labels.
func (s *Server) rawView(v slackemu.View) viewButtons {
	submit, closeText, _ := s.cfg.Emu.ViewLabels(v.ID)
	return viewButtons{submit: submit, close: closeText}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
