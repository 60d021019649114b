package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/slackemu"
)

func TestALeadReassignedWhileItsCardIsPostedShowsItsNewRep(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx := context.Background()
	got, err := pb.svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: "race-1", Email: "race@gmail.com"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	// Slack posts the DM and the channel's card but answers late: the
	// manager moves the lead before its card is recorded.
	pb.emu.SetFault("chat.postMessage", slackemu.Fault{Hold: 2 * time.Second, Times: 2})
	announced := make(chan error, 1)
	go func() { announced <- pb.svc.Announce(ctx, got[0].ID, false) }()
	if err := pb.emu.Await(ctx, func() bool { return len(pb.emu.Messages(sales)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := pb.svc.Reassign(ctx, salesManager, got[0].ID, repB); err != nil {
		t.Fatal(err)
	}
	if err := <-announced; err != nil {
		t.Fatal(err)
	}
	if blocks := blocksOf(pb.cardOf(t, got[0].ID)); !strings.Contains(blocks, "Assigned to <@"+repB+">") {
		t.Errorf("the card does not name the lead's new rep %s: %s", repB, blocks)
	}
}
