package slackemu

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// response_url endpoints, handed out with slash commands, block actions and
// message shortcuts. Like Slack's, each accepts up to 5 posts within 30
// minutes.

const (
	responseURLPrefix   = "/hooks/"
	responseURLLifetime = 30 * time.Minute
	responseURLMaxUses  = 5
)

// responseURL is what a response_url posts for: the channel and user of the
// interaction and, for interactions on a message, that message.
type responseURL struct {
	channel         string
	user            string
	sourceTS        string // the message interacted with, if any
	sourceEphemeral bool   // sourceTS is one of user's ephemeral messages
	created         time.Time
	uses            int
}

// newResponseURLLocked registers a response_url for target and returns it;
// kind is "commands" or "actions", as in Slack's hooks URLs.
func (s *Server) newResponseURLLocked(base, kind string, target responseURL) string {
	path := fmt.Sprintf("%s%s/%s/%d/%s", responseURLPrefix, kind, s.cfg.TeamID, rand.Int64N(9e12)+1e12, randomHex(12))
	target.created = s.now()
	if len(s.responseURLs) >= pruneThreshold {
		for p, ru := range s.responseURLs {
			if target.created.Sub(ru.created) > responseURLLifetime {
				delete(s.responseURLs, p)
			}
		}
	}
	s.responseURLs[path] = &target
	return base + path
}

// responseMessage is the body apps post to a response_url.
type responseMessage struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal bool            `json:"replace_original"`
	DeleteOriginal  bool            `json:"delete_original"`
	ThreadTS        string          `json:"thread_ts"`
	Metadata        json.RawMessage `json:"metadata"`
}

func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	s.countCall("response_url")
	if f, ok := s.takeFault("response_url"); ok {
		if !s.sleepCtx(r.Context(), f.Delay) {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"ok": false, "error": "service_unavailable"})
			return
		}
		if rep, faulted := f.reply(); faulted {
			s.writeReply(w, nil, rep)
			return
		}
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"ok": false, "error": "method_not_allowed"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_payload"})
		return
	}
	// Apps post JSON; the legacy form encoding carries it in "payload".
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" {
		if vals, err := url.ParseQuery(string(body)); err == nil {
			body = []byte(vals.Get("payload"))
		}
	}
	var msg responseMessage
	if err := json.Unmarshal(body, &msg); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_payload"})
		return
	}
	blocks, ok := normalizeBlocks(nullToNil(msg.Blocks))
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_blocks"})
		return
	}
	md, ok := parseMetadata(nullToNil(msg.Metadata))
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_metadata_format"})
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	ru := s.responseURLs[r.URL.Path]
	if ru == nil || s.now().Sub(ru.created) > responseURLLifetime {
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "expired_url"})
		return
	}
	if ru.uses >= responseURLMaxUses {
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "used_url"})
		return
	}
	ru.uses++
	if code := s.applyResponseLocked(ru, msg, blocks, md); code != "" {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": code})
		return
	}
	s.bumpLocked()
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// applyResponseLocked carries out a response_url post and returns a Slack
// error code or "".
func (s *Server) applyResponseLocked(ru *responseURL, msg responseMessage, blocks json.RawMessage, md *Metadata) string {
	c := s.dir.channels[ru.channel]
	if c == nil {
		return "channel_not_found"
	}
	if ru.sourceTS != "" && (msg.DeleteOriginal || msg.ReplaceOriginal) {
		if ru.sourceEphemeral {
			i := s.findEphemeralLocked(ru.user, ru.sourceTS)
			if i < 0 {
				return "message_not_found"
			}
			list := s.dir.ephemerals[ru.user]
			if msg.DeleteOriginal {
				s.dir.ephemerals[ru.user] = append(list[:i:i], list[i+1:]...)
				return ""
			}
			list[i].Text = msg.Text
			list[i].Blocks = blocks
			return ""
		}
		m := c.byTS[ru.sourceTS]
		if m == nil {
			return "message_not_found"
		}
		if msg.DeleteOriginal {
			c.remove(m.ts)
			return ""
		}
		m.text = msg.Text
		m.blocks = blocks
		if md != nil {
			m.metadata = md
		}
		return ""
	}
	if msg.DeleteOriginal {
		return "" // nothing to delete (slash command responses)
	}
	if msg.Text == "" && len(blocks) == 0 {
		return "no_text"
	}
	threadTS := c.threadParentTS(msg.ThreadTS)
	if msg.ResponseType == "in_channel" {
		s.postLocked(c, s.cfg.BotUserID, msg.Text, blocks, md, threadTS, false)
		return ""
	}
	s.addEphemeralLocked(Ephemeral{
		Channel:  c.id,
		User:     ru.user,
		ThreadTS: threadTS,
		Text:     msg.Text,
		Blocks:   blocks,
		Source:   SourceResponseURL,
	})
	return ""
}
