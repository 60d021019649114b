package slackemu

import (
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestViewsPublishKeepsEachUsersHomeAndRefusesWhatSlackRefuses(t *testing.T) {
	e := newEnv(t, Config{})
	ctx := ctxTimeout(t, 5*time.Second)
	block := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "My leads", false, false), nil, nil)
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{block}}}
	if _, err := e.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "UALICE", View: home}); err != nil {
		t.Fatal(err)
	}
	h, ok := e.emu.Home("UALICE")
	if !ok || h.Publishes != 1 || !strings.Contains(string(h.Blocks), "My leads") {
		t.Fatalf("home = %+v, %v", h, ok)
	}
	if _, ok := e.emu.Home("UBOB"); ok {
		t.Error("a home view for a user nothing was published for")
	}

	tooMany := home
	tooMany.Blocks = slack.Blocks{BlockSet: make([]slack.Block, 101)}
	for i := range tooMany.Blocks.BlockSet {
		tooMany.Blocks.BlockSet[i] = block
	}
	modal := home
	modal.Type = slack.VTModal
	for name, req := range map[string]slack.PublishViewContextRequest{
		"101 blocks":   {UserID: "UALICE", View: tooMany},
		"a modal":      {UserID: "UALICE", View: modal},
		"unknown user": {UserID: "UNOBODY", View: home},
	} {
		if _, err := e.api.PublishViewContext(ctx, req); err == nil {
			t.Errorf("%s was published", name)
		}
	}
	if h, _ := e.emu.Home("UALICE"); h.Publishes != 1 {
		t.Errorf("a refused publish changed the home view: %+v", h)
	}
	if n := e.emu.Calls("views.publish"); n != 4 {
		t.Errorf("views.publish counted %d calls, want 4", n)
	}
}
