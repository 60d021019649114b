package slackemu

import (
	"context"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestMessagesPastBlockKitLimitsAreRefusedAsSlackDoes(t *testing.T) {
	e := newEnv(t, Config{})
	ctx := context.Background()
	text := func(n int) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.MarkdownType, strings.Repeat("é", n), false, false)
	}
	plain := func(n int) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("x", n), false, false)
	}
	fields := func(count, n int) []*slack.TextBlockObject {
		var fs []*slack.TextBlockObject
		for range count {
			fs = append(fs, text(n))
		}
		return fs
	}
	button := func(label, value int) slack.Block {
		return slack.NewActionBlock("", slack.NewButtonBlockElement("go", strings.Repeat("v", value), plain(label)))
	}
	many := func(n int) []slack.Block {
		var bs []slack.Block
		for range n {
			bs = append(bs, slack.NewDividerBlock())
		}
		return bs
	}
	cases := []struct {
		name    string
		ok      []slack.Block
		refused []slack.Block
	}{
		{"section text", []slack.Block{slack.NewSectionBlock(text(3000), nil, nil)}, []slack.Block{slack.NewSectionBlock(text(3001), nil, nil)}},
		{"field count", []slack.Block{slack.NewSectionBlock(nil, fields(10, 1), nil)}, []slack.Block{slack.NewSectionBlock(nil, fields(11, 1), nil)}},
		{"field text", []slack.Block{slack.NewSectionBlock(nil, fields(1, 2000), nil)}, []slack.Block{slack.NewSectionBlock(nil, fields(1, 2001), nil)}},
		{"header", []slack.Block{slack.NewHeaderBlock(plain(150))}, []slack.Block{slack.NewHeaderBlock(plain(151))}},
		{"context text", []slack.Block{slack.NewContextBlock("", text(3000))}, []slack.Block{slack.NewContextBlock("", text(3001))}},
		{"button value", []slack.Block{button(75, 2000)}, []slack.Block{button(75, 2001)}},
		{"button text", []slack.Block{button(75, 1)}, []slack.Block{button(76, 1)}},
		{"blocks", many(50), many(51)},
	}
	for _, c := range cases {
		if _, _, err := e.api.PostMessageContext(ctx, "CLEADS", slack.MsgOptionBlocks(c.ok...)); err != nil {
			t.Errorf("%s at the limit: %v", c.name, err)
		}
		_, _, err := e.api.PostMessageContext(ctx, "CLEADS", slack.MsgOptionBlocks(c.refused...))
		if err == nil || !strings.Contains(err.Error(), "invalid_blocks") {
			t.Errorf("%s past the limit: %v, want invalid_blocks", c.name, err)
		}
	}
	if _, _, err := e.api.PostMessageContext(ctx, "CLEADS", slack.MsgOptionText(strings.Repeat("x", 40001), false)); err == nil || !strings.Contains(err.Error(), "msg_too_long") {
		t.Errorf("a text of 40,001 characters: %v, want msg_too_long", err)
	}
}

func TestAPostToAUserLandsInTheAppsDirectMessages(t *testing.T) {
	e := newEnv(t, Config{})
	channel, _, err := e.api.PostMessageContext(context.Background(), "UALICE", slack.MsgOptionText("hello Alice", false))
	if err != nil {
		t.Fatal(err)
	}
	dms := e.emu.DirectMessages("UALICE")
	if !strings.HasPrefix(channel, "D") || len(dms) != 1 || dms[0].Text != "hello Alice" {
		t.Errorf("posted to %s; Alice's direct messages: %+v", channel, dms)
	}
	for _, c := range e.emu.Channels() {
		if c.ID == channel {
			t.Errorf("the direct messages are listed among the channels")
		}
	}
	if _, _, err := e.api.PostMessageContext(context.Background(), "UNOBODY", slack.MsgOptionText("hi", false)); err == nil {
		t.Error("a post to an unknown user was taken")
	}
}
