package sandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// personView is a person in the sidebar's switcher.
type personView struct {
	Person
	Initials, Color, Channels, Href string
	Active                          bool
}

type channelView struct {
	channelInfo
	Href   string
	Active bool
}

type pageData struct {
	Me       personView
	People   []personView
	Channels []channelView
	Current  channelView
	Command  string
	State    state
	Messages []template.HTML
	Thread   []template.HTML
	Modal    template.HTML
	Board    string // the board's link, or ""
	// Home says the page shows the person's Home tab, HomeHTML its view.
	Home     bool
	HomeHref string
	HomeHTML template.HTML
}

// servePage renders the whole page, already showing what the query asks
// for; the page's script then keeps it live.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	wh := s.parseWhere(r.URL.Query())
	st := s.buildState(wh)
	d := pageData{Command: s.cfg.Command, State: st, Board: s.cfg.BoardURL}
	d.Home, d.HomeHref = wh.channel == homeChannel, "?"+url.Values{"user": {wh.user}, "channel": {homeChannel}}.Encode()
	if st.Home != nil {
		d.HomeHTML = template.HTML(st.Home.HTML) // #nosec: built by the renderer, which escapes all text
	}
	member := map[string][]string{}
	for _, c := range st.Channels {
		d.Channels = append(d.Channels, channelView{channelInfo: c, Href: "?" + url.Values{"user": {wh.user}, "channel": {c.ID}}.Encode(), Active: c.ID == wh.channel})
		if c.ID == wh.channel {
			d.Current = d.Channels[len(d.Channels)-1]
		}
	}
	for _, c := range s.cfg.Emu.Channels() {
		for _, m := range c.Members {
			if s.knownChannel(c.ID) {
				member[m] = append(member[m], "#"+c.Name)
			}
		}
	}
	for _, p := range s.cfg.Workspace.People {
		pv := personView{Person: p, Initials: initialsOf(p.RealName), Color: avatarColors[int(hashString(p.ID))%len(avatarColors)],
			Channels: strings.Join(member[p.ID], " "), Href: "?" + url.Values{"user": {p.ID}, "channel": {wh.channel}}.Encode(), Active: p.ID == wh.user}
		d.People = append(d.People, pv)
		if pv.Active {
			d.Me = pv
		}
	}
	for _, it := range st.Messages {
		d.Messages = append(d.Messages, template.HTML(it.HTML)) // #nosec: built by the renderer, which escapes all text
	}
	if st.Thread != nil {
		for _, it := range st.Thread.Items {
			d.Thread = append(d.Thread, template.HTML(it.HTML))
		}
	}
	if st.Modal != nil {
		d.Modal = template.HTML(st.Modal.HTML)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.page.ExecuteTemplate(w, "page.html", d); err != nil {
		s.cfg.Logger.Warn("sandbox: rendering the page", "err", err)
	}
}
