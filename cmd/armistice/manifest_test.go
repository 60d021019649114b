package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"
)

func TestManifestDeclaresASocketModeAppWithCommandAndShortcut(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	app := &App{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &out}
	if err := app.Run(context.Background(), []string{"manifest"}); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			SlashCommands []struct {
				Command      string `json:"command"`
				ShouldEscape bool   `json:"should_escape"`
			} `json:"slash_commands"`
			Shortcuts []struct {
				Type       string `json:"type"`
				CallbackID string `json:"callback_id"`
			} `json:"shortcuts"`
			AppHome struct {
				HomeTab bool `json:"home_tab_enabled"`
			} `json:"app_home"`
		} `json:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `json:"bot"`
			} `json:"scopes"`
		} `json:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `json:"bot_events"`
			} `json:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `json:"is_enabled"`
			} `json:"interactivity"`
			SocketMode bool `json:"socket_mode_enabled"`
		} `json:"settings"`
	}
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if !m.Settings.SocketMode || !m.Settings.Interactivity.Enabled {
		t.Error("socket mode and interactivity must be on")
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/armistice" || !m.Features.SlashCommands[0].ShouldEscape {
		t.Errorf("slash commands = %+v", m.Features.SlashCommands)
	}
	if len(m.Features.Shortcuts) != 1 || m.Features.Shortcuts[0].Type != "message" || m.Features.Shortcuts[0].CallbackID != "save_insight" {
		t.Errorf("shortcuts = %+v", m.Features.Shortcuts)
	}
	for _, scope := range []string{"chat:write", "commands", "channels:read", "groups:read", "channels:history", "users:read", "users:read.email"} {
		if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
			t.Errorf("scope %s missing", scope)
		}
	}
	if !m.Features.AppHome.HomeTab {
		t.Error("the Home tab must be enabled")
	}
	for _, ev := range []string{"member_joined_channel", "member_left_channel", "app_home_opened"} {
		if !slices.Contains(m.Settings.Events.BotEvents, ev) {
			t.Errorf("event %s missing", ev)
		}
	}
}
