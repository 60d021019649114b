package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/armistice/armistice/slackemu"
)

// The page's actions: each plays a person through slackemu's actor API,
// which builds the payload Slack would send, delivers it to the bot over
// Socket Mode, waits for the ack and applies it.

// actionTimeout bounds one action: Slack's 3-second ack deadline and then
// some.
const actionTimeout = 10 * time.Second

// maxCommandText is the longest text a slash command takes.
const maxCommandText = 4000

type actionRequest struct {
	User       string         `json:"user"`
	Channel    string         `json:"channel"`
	TS         string         `json:"ts"`
	ActionID   string         `json:"action_id"`
	Value      any            `json:"value"`
	Text       string         `json:"text"`
	ViewID     string         `json:"view_id"`
	Inputs     map[string]any `json:"inputs"`
	CallbackID string         `json:"callback_id"`
}

type actionResponse struct {
	OK      bool              `json:"ok"`
	Error   string            `json:"error,omitempty"`
	Ack     json.RawMessage   `json:"ack,omitempty"`
	AckMS   int64             `json:"ack_ms,omitempty"`
	Errors  map[string]string `json:"errors,omitempty"`
	Demo    *demoStatus       `json:"demo,omitempty"`
	Message string            `json:"message,omitempty"`
}

// readAction decodes a JSON action from the page. Only same-origin JSON is
// taken: a form on another site can neither send it nor read the answer.
func (s *Server) readAction(w http.ResponseWriter, r *http.Request, needChannel bool) (actionRequest, bool) {
	var req actionRequest
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, actionResponse{Error: "send JSON"})
		return req, false
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		writeJSON(w, http.StatusForbidden, actionResponse{Error: "cross-site requests are refused"})
		return req, false
	}
	if o := r.Header.Get("Origin"); o != "" {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			writeJSON(w, http.StatusForbidden, actionResponse{Error: "cross-origin requests are refused"})
			return req, false
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &req) != nil {
		writeJSON(w, http.StatusBadRequest, actionResponse{Error: "not a JSON action"})
		return req, false
	}
	if _, ok := s.cfg.Workspace.Person(req.User); !ok {
		writeJSON(w, http.StatusBadRequest, actionResponse{Error: "unknown user; pick someone in the sidebar"})
		return req, false
	}
	if needChannel && !s.knownChannel(req.Channel) {
		writeJSON(w, http.StatusBadRequest, actionResponse{Error: "unknown channel"})
		return req, false
	}
	return req, true
}

// answer reports the outcome of an actor call.
func answer(w http.ResponseWriter, ack slackemu.Ack, err error) {
	if err != nil {
		code := http.StatusBadGateway
		msg := err.Error()
		switch {
		case errors.Is(err, slackemu.ErrAckTimeout):
			msg = "Armistice did not answer within Slack's 3 seconds."
		case errors.Is(err, slackemu.ErrClosed), errors.Is(err, context.Canceled):
			code, msg = http.StatusServiceUnavailable, "The sandbox is shutting down."
		case errors.Is(err, context.DeadlineExceeded):
			msg = "Armistice is not connected yet; try again in a moment."
		default:
			msg = strings.TrimPrefix(msg, "slackemu: ")
		}
		writeJSON(w, code, actionResponse{Error: msg})
		return
	}
	resp := actionResponse{OK: true, AckMS: ack.Latency.Milliseconds()}
	if len(ack.Payload) > 0 && string(ack.Payload) != "null" {
		resp.Ack = ack.Payload
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) actionCtx(r *http.Request) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(r.Context(), actionTimeout)
	stop := context.AfterFunc(s.ctx, cancel)
	return ctx, func() { stop(); cancel() }
}

// postCommand runs the slash command with the composer's text.
func (s *Server) postCommand(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, true)
	if !ok {
		return
	}
	text := strings.TrimSpace(req.Text)
	if strings.HasPrefix(text, "/") {
		cmd, rest, _ := strings.Cut(text, " ")
		if cmd != s.cfg.Command {
			writeJSON(w, http.StatusBadRequest, actionResponse{Error: fmt.Sprintf("Only %s runs in the sandbox.", s.cfg.Command)})
			return
		}
		text = strings.TrimSpace(rest)
	}
	if len(text) > maxCommandText {
		writeJSON(w, http.StatusBadRequest, actionResponse{Error: "That command is too long."})
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.SlashCommand(ctx, req.User, req.Channel, s.cfg.Command, text)
	answer(w, ack, err)
}

// postClick clicks a button of a message.
func (s *Server) postClick(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, true)
	if !ok {
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.ClickButton(ctx, req.User, req.Channel, req.TS, req.ActionID)
	answer(w, ack, err)
}

// postSelect picks an option of a select, overflow menu or date picker in a
// message.
func (s *Server) postSelect(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, true)
	if !ok {
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.SelectOption(ctx, req.User, req.Channel, req.TS, req.ActionID, req.Value)
	answer(w, ack, err)
}

// postShortcut runs a message shortcut ("Save as persona insight").
func (s *Server) postShortcut(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, true)
	if !ok {
		return
	}
	if req.CallbackID != "save_insight" {
		writeJSON(w, http.StatusBadRequest, actionResponse{Error: "unknown shortcut"})
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.MessageShortcut(ctx, req.User, req.Channel, req.TS, req.CallbackID)
	answer(w, ack, err)
}

// postSubmitView submits the person's open modal with the values of its
// inputs, keyed by action_id. Validation errors come back with the answer
// (and in the state), keyed by block_id.
func (s *Server) postSubmitView(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, false)
	if !ok {
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.SubmitView(ctx, req.User, req.ViewID, req.Inputs)
	if err != nil {
		answer(w, ack, err)
		return
	}
	resp := actionResponse{OK: true, AckMS: ack.Latency.Milliseconds()}
	for _, v := range s.cfg.Emu.Views(req.User) {
		if v.ID == req.ViewID && len(v.Errors) > 0 {
			resp.Errors = v.Errors
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// postCloseView closes the person's open modal, as its Cancel button.
func (s *Server) postCloseView(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, false)
	if !ok {
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.CloseView(ctx, req.User, req.ViewID)
	answer(w, ack, err)
}

// postDemo starts loading the demo data.
func (s *Server) postDemo(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.readAction(w, r, false); !ok {
		return
	}
	st := s.startDemo()
	code := http.StatusAccepted
	if st.State == demoUnavailable {
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, actionResponse{OK: st.State != demoUnavailable && st.State != demoFailed, Demo: &st})
}

// serveState answers the page's state as JSON.
func (s *Server) serveState(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.buildState(s.parseWhere(r.URL.Query())))
}
