package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/slackemu"
)

func TestAnOwnerNamedByEmailGetsTheLeadWithoutUsingATurn(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.emu.AddUser(slackemu.User{ID: repB, Name: "bo", Email: "bo@sales.example"})
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	if l := pb.announce(t, armistice.Lead{ExternalID: "e-1"}); l.Assignee != repA {
		t.Fatalf("the first lead went to %q, want %s", l.Assignee, repA)
	}
	owned := pb.announce(t, armistice.Lead{ExternalID: "e-2", OwnerHint: "Bo@Sales.example"})
	if owned.Assignee != repB || owned.AssignWhy != "owner named by the intake, by email" {
		t.Fatalf("the lead of B's address went to %q (%s), want %s as its owner", owned.Assignee, owned.AssignWhy, repB)
	}
	// B's turn is not used up: the next lead is B's; an address nobody has
	// leaves the lead to the rotation.
	if l := pb.announce(t, armistice.Lead{ExternalID: "e-3"}); l.Assignee != repB {
		t.Errorf("after the owner's lead the next went to %q, want %s", l.Assignee, repB)
	}
	l := pb.announce(t, armistice.Lead{ExternalID: "e-4", OwnerHint: "nobody@sales.example"})
	if l.Assignee != repA || !strings.Contains(l.AssignWhy, "round robin") {
		t.Errorf("the lead of an unknown owner went to %q (%s), want %s by round robin", l.Assignee, l.AssignWhy, repA)
	}
	pool, err := pb.svc.PoolShow(context.Background(), repA, "")
	if err != nil || pool.Reps[1].User != repB || pool.Reps[1].Month != 1 || pool.Reps[1].Today != 2 {
		t.Errorf("B in the pool = %+v (%v), want 1 turn and 2 leads today", pool.Reps, err)
	}

	// A lookup Slack refuses leaves the lead to the rotation; it still goes out.
	pb.emu.SetFault("users.lookupByEmail", slackemu.Fault{Error: "missing_scope"})
	if l := pb.announce(t, armistice.Lead{ExternalID: "e-5", OwnerHint: "bo@sales.example"}); l.Assignee != repB || !strings.Contains(l.AssignWhy, "round robin") {
		t.Errorf("with the lookup refused the lead went to %q (%s), want %s by round robin", l.Assignee, l.AssignWhy, repB)
	}
}
