package sandbox

import (
	"net/http"
	"strings"
)

// The Home tab: the sidebar's "Home" entry shows the home view the bot last
// published for the person acted as. Opening it sends app_home_opened, so
// the bot publishes; a button in it delivers block_actions from the view.

// homeChannel is what the page's channel is while it shows the Home tab.
const homeChannel = "home"

// homeState is the person's Home tab as the page draws it.
type homeState struct {
	Hash string `json:"hash"`
	HTML string `json:"html"`
}

// home renders the home view published for user; nil when none was.
func (s *Server) home(r *renderer, user string) *homeState {
	h, ok := s.cfg.Emu.Home(user)
	if !ok {
		return nil
	}
	var sb strings.Builder
	sb.WriteString(`<div class="home-view" data-view-id="` + esc(h.ID) + `">`)
	sb.WriteString(r.blocksHTML(h.Blocks, inHome))
	sb.WriteString(`</div>`)
	return &homeState{Hash: h.ID + ":" + h.Hash, HTML: sb.String()}
}

// postOpenHome opens the person's Home tab: app_home_opened goes to the bot,
// which publishes their home view.
func (s *Server) postOpenHome(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, false)
	if !ok {
		return
	}
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.OpenHome(ctx, req.User)
	answer(w, ack, err)
}

// postHomeClick clicks the button with action_id and value in the person's
// home view.
func (s *Server) postHomeClick(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readAction(w, r, false)
	if !ok {
		return
	}
	value, _ := req.Value.(string)
	ctx, cancel := s.actionCtx(r)
	defer cancel()
	ack, err := s.cfg.Emu.ClickHomeButton(ctx, req.User, req.ActionID, value)
	answer(w, ack, err)
}
