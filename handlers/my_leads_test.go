package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/slackemu"
)

// homeOf waits for a home view of user that satisfies cond.
func (pb *poolBundle) homeOf(t *testing.T, user, what string, cond func(h slackemu.HomeView, blocks string) bool) slackemu.HomeView {
	t.Helper()
	var h slackemu.HomeView
	await(t, what, func() bool {
		var ok bool
		h, ok = pb.emu.Home(user)
		return ok && cond(h, homeBlocks(h))
	})
	return h
}

// homeBlocks gives a home view's blocks as JSON with <, > and & as they are.
func homeBlocks(h slackemu.HomeView) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(h.Blocks))
}

// acceptButton is the JSON of a lead's Accept in a home view.
func acceptButton(id int64) string {
	return `"action_id":"lead_accept","value":"` + strconv.FormatInt(id, 10) + `"`
}

func countBlocks(t *testing.T, h slackemu.HomeView) int {
	t.Helper()
	var blocks []json.RawMessage
	if err := json.Unmarshal(h.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	return len(blocks)
}

func TestTheHomeTabShowsTheRepsLeadsAndAcceptFromItDecidesAndRepublishes(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, _, _, err := pb.svc.SetGoal(ctx, cfgAdmin, "accepted", "40", ""); err != nil {
		t.Fatal(err)
	}
	var leads []armistice.Lead
	for i := range 3 {
		leads = append(leads, pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("home-%d", i), Name: fmt.Sprintf("Lead <%d>", i)}))
	}

	if _, err := pb.emu.OpenHome(ctx, repA); err != nil {
		t.Fatal(err)
	}
	h := pb.homeOf(t, repA, "the rep's three leads on their Home", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, acceptButton(leads[0].ID)) && strings.Contains(b, acceptButton(leads[2].ID))
	})
	b := homeBlocks(h)
	if n := countBlocks(t, h); n >= 100 {
		t.Errorf("the Home holds %d blocks", n)
	}
	first, last := strings.Index(b, "Lead &lt;0&gt;"), strings.Index(b, "Lead &lt;2&gt;")
	if first < 0 || last < first || !strings.Contains(b, `"action_id":"lead_reject","value":"`+strconv.FormatInt(leads[0].ID, 10)+`"`) {
		t.Errorf("the leads are not listed oldest first, escaped, with Reject: %s", b)
	}
	if !strings.Contains(b, "4h 00m left") || !strings.Contains(b, "Goals for 2026-12") || !strings.Contains(b, "My month") {
		t.Errorf("the Home lacks the time left, the goals or the month: %s", b)
	}
	if pb.emu.Calls("views.publish") < 1 {
		t.Fatal("nothing was published")
	}

	// A rep with no leads who opens the Home tab gets it all the same.
	if _, err := pb.emu.OpenHome(ctx, repB); err != nil {
		t.Fatal(err)
	}
	pb.homeOf(t, repB, "the Home of a rep without leads", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, "No leads await your decision.")
	})

	// Accept from the Home tab.
	if _, err := pb.emu.ClickHomeButton(ctx, repA, "lead_accept", strconv.FormatInt(leads[0].ID, 10)); err != nil {
		t.Fatal(err)
	}
	await(t, "the acceptance from the Home", func() bool { l, _ := pb.db.Lead(ctx, leads[0].ID); return l.Status == armistice.StatusAccepted })
	if err := pb.svc.PublishDecision(ctx, leads[0].ID); err != nil { // the job the decision scheduled
		t.Fatal(err)
	}
	if card := blocksOf(pb.cardOf(t, leads[0].ID)); !strings.Contains(card, "*Accepted* by <@"+repA+">") {
		t.Errorf("the channel card does not show the acceptance: %s", card)
	}
	h = pb.homeOf(t, repA, "the Home republished without the accepted lead", func(_ slackemu.HomeView, b string) bool {
		return !strings.Contains(b, acceptButton(leads[0].ID)) && strings.Contains(b, acceptButton(leads[1].ID))
	})
	b = homeBlocks(h)
	if !strings.Contains(b, "Accepted *Lead &lt;0&gt;*") || !strings.Contains(b, "Accepted: *1* of 1 decided") {
		t.Errorf("the Home does not show the decision in Decided lately and My month: %s", b)
	}
	if !strings.Contains(b, "*1*") || !strings.Contains(b, "of 40") {
		t.Errorf("the agreement's numbers do not count the acceptance: %s", b)
	}
}

func TestFiftyAssignmentsToOneRepPublishTheirHomeOnlyAFewTimes(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	for i := range 50 {
		pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("burst-%02d", i)})
	}
	h := pb.homeOf(t, repA, "the Home with all fifty leads", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, "and 20 more")
	})
	if n := countBlocks(t, h); n > 100 {
		t.Errorf("the Home holds %d blocks", n)
	}
	if n := pb.emu.Calls("views.publish"); n > 5 || h.Publishes > 5 {
		t.Errorf("50 assignments published the Home %d times, want at most 5", n)
	}
	t.Logf("50 assignments: %d publishes of the Home", pb.emu.Calls("views.publish"))
}

func TestAwayFromTheHomeTabHandsTheRepsLeadsBackAndRepublishesIt(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	lead := pb.announce(t, armistice.Lead{ExternalID: "away-1"})
	pb.addRep(t, repB, 1, 0)
	pb.homeOf(t, repA, "the rep's lead on their Home", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, acceptButton(lead.ID))
	})

	if _, err := pb.emu.ClickHomeButton(ctx, repA, "run_command", `"away"`); err != nil {
		t.Fatal(err)
	}
	pb.homeOf(t, repA, "the Home republished without the lead handed back", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, "No leads await your decision.")
	})
	if l, _ := pb.db.Lead(ctx, lead.ID); l.Assignee != repB {
		t.Errorf("the lead went to %q, want %s", l.Assignee, repB)
	}
	await(t, "the answer in the rep's direct messages", func() bool {
		for _, m := range pb.emu.DirectMessages(repA) {
			if strings.Contains(m.Text, "away") {
				return true
			}
		}
		return false
	})
}

func TestAcceptFromAStaleHomeTabSaysInTheDirectMessagesWhoDecidedFirst(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	lead := pb.announce(t, armistice.Lead{ExternalID: "stale-1"})
	pb.homeOf(t, repA, "the rep's lead on their Home", func(_ slackemu.HomeView, b string) bool {
		return strings.Contains(b, acceptButton(lead.ID))
	})
	if _, err := pb.svc.Decide(ctx, lead.ID, armistice.Decision{Verdict: armistice.StatusAccepted, By: salesManager}); err != nil {
		t.Fatal(err)
	}
	if _, err := pb.emu.ClickHomeButton(ctx, repA, "lead_accept", strconv.FormatInt(lead.ID, 10)); err != nil {
		t.Fatal(err)
	}
	await(t, "the answer in the rep's direct messages", func() bool {
		for _, m := range pb.emu.DirectMessages(repA) {
			if strings.Contains(m.Text, "already accepted by <@"+salesManager+">") {
				return true
			}
		}
		return false
	})
}
