package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestHomeTabShowsThePublishedViewLive(t *testing.T) {
	p := newTestPage(t)
	next := p.events(t, Rosa)
	before := next()

	view := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "My leads", false, false)),
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*Ana <Pérez>* at Acme", false, false), nil, nil),
		slack.NewActionBlock("lead_42",
			slack.NewButtonBlockElement("lead_accept", "42", slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false)),
			slack.NewButtonBlockElement("lead_reject", "42", slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false))),
	}}}
	if _, err := p.api.PublishView(Rosa, view, ""); err != nil {
		t.Fatal(err)
	}
	if after := next(); after == before {
		t.Error("publishing Rosa's home view did not change what her page sees")
	}

	st := p.state(t, "user="+Rosa+"&channel=home")
	if st.Channel != homeChannel || st.Home == nil || len(st.Messages) != 0 {
		t.Fatalf("Rosa's Home: channel %q, home %v, %d messages", st.Channel, st.Home, len(st.Messages))
	}
	for _, want := range []string{
		`<div class="bk-header">My leads</div>`,
		`<strong>Ana &lt;Pérez&gt;</strong> at Acme`,
		`data-act="home-button" data-action-id="lead_accept" data-value="42"`,
		`data-act="home-button" data-action-id="lead_reject" data-value="42"`,
	} {
		if !strings.Contains(st.Home.HTML, want) {
			t.Errorf("Rosa's Home lacks %s:\n%s", want, st.Home.HTML)
		}
	}
	if st := p.state(t, "user="+Sam+"&channel=home"); st.Home != nil {
		t.Errorf("Sam sees a Home though none was published for him: %v", st.Home)
	}

	resp, err := http.Get(p.url + "/?user=" + Rosa + "&channel=home")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`class="chan-link home-link active"`, `<h1 id="chan-name">Home</h1>`, `data-value="42"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the page of Rosa's Home lacks %s", want)
		}
	}
}

func TestHomeClickNamesAButtonTheHomeLacks(t *testing.T) {
	p := newTestPage(t)
	click := func(body string) (int, string) {
		t.Helper()
		resp, err := http.Post(p.url+"/sandbox/home/click", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var answer actionResponse
		_ = json.NewDecoder(resp.Body).Decode(&answer)
		return resp.StatusCode, answer.Error
	}
	if code, msg := click(`{"user":"` + Rosa + `","action_id":"lead_accept","value":"42"}`); code != http.StatusBadGateway || !strings.Contains(msg, "no home view published") {
		t.Errorf("a click before any home view = %d %q", code, msg)
	}
	view := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewActionBlock("lead_42", slack.NewButtonBlockElement("lead_accept", "42", slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false))),
	}}}
	if _, err := p.api.PublishView(Rosa, view, ""); err != nil {
		t.Fatal(err)
	}
	if code, msg := click(`{"user":"` + Rosa + `","action_id":"lead_accept","value":"43"}`); code != http.StatusBadGateway || !strings.Contains(msg, `no button "lead_accept" with value "43"`) {
		t.Errorf("a click on a lead the Home lacks = %d %q", code, msg)
	}
	if code, msg := click(`{"user":"UBOT","action_id":"lead_accept","value":"42"}`); code != http.StatusBadRequest {
		t.Errorf("a click as the bot = %d %q", code, msg)
	}
}

// state fetches the page's state for a query.
func (p *testPage) state(t *testing.T, query string) state {
	t.Helper()
	resp, err := http.Get(p.url + "/sandbox/state?" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st state
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}
