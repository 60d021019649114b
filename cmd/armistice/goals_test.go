package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
)

func TestGoalsPlanStatsAndDigestCommands(t *testing.T) {
	t.Parallel()
	const admin = "U0ADMIN001"
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": admin})
	e.emu.AddUser(slackemu.User{ID: admin, Name: "ada", RealName: "Ada Park"})
	sendLead(t, e.addr, `{"external_id":"g-1","email":"g@example.com","name":"Gus"}`)
	cardOf(t, e, 1)

	if out := plain(mustCommand(t, e, rep, "goal set mqls 100")); !strings.Contains(out, "Only admins can set goals.") {
		t.Errorf("a rep setting a goal: %s", out)
	}
	if out := plain(mustCommand(t, e, admin, "goal set leads 100")); !strings.Contains(out, `\"leads\" is not a metric`) {
		t.Errorf("unknown metric: %s", out)
	}
	if out := plain(mustCommand(t, e, admin, "goal set mqls 100")); !strings.Contains(out, "Goal set: MQLs for "+time.Now().UTC().Format("2006-01")+" is 100 (marketing commits to it).") {
		t.Errorf("goal set: %s", out)
	}
	goals := plain(mustCommand(t, e, rep, "goals"))
	for _, want := range []string{"Marketing commits to", "Sales commits to", "MQLs: *1* of 100 (1%)"} {
		if !strings.Contains(goals, want) {
			t.Errorf("goals lack %q: %s", want, goals)
		}
	}
	plan := plain(mustCommand(t, e, rep, "plan 100k"))
	for _, want := range []string{"*10* deals won", "*8,350* website visits", "default values were used", `"action_id":"plan_adopt"`} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q: %s", want, plan)
		}
	}
	if stats := plain(mustCommand(t, e, rep, "stats")); !strings.Contains(stats, "MQLs 1") {
		t.Errorf("stats: %s", stats)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := e.emu.SlashCommand(ctx, admin, salesChannel, "/armistice", "digest"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return hasEphemeral(e.emu, admin, "Daily digest for") }); err != nil {
		t.Errorf("no digest preview: %+v", e.emu.Ephemerals(admin))
	}
	if n := len(e.emu.Messages(salesChannel)); n != 1 {
		t.Errorf("the preview was posted to the channel (%d messages)", n)
	}
}
