package handlers_test

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice"
)

func TestStatsCountEachRepsAssignedAcceptedRejectedReassignedSLAAndSpeedToLead(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t) // Wednesday 10:00, a 4-hour SLA in Mon–Fri 09:00–18:00
	ctx := context.Background()
	pb.addRep(t, repA, 1, 0)
	var leads []armistice.Lead
	for _, id := range []string{"s-1", "s-2", "s-3", "s-4"} {
		leads = append(leads, pb.announce(t, armistice.Lead{ExternalID: id}))
	}
	if _, err := pb.svc.Reassign(ctx, salesManager, leads[2].ID, repB); err != nil {
		t.Fatal(err)
	}
	decide := func(at string, l armistice.Lead, by string, v armistice.Status) {
		t.Helper()
		clock, _ := time.Parse(time.RFC3339, "2026-12-02T"+at+":00Z")
		pb.set(clock)
		d := armistice.Decision{Verdict: v, By: by}
		if v == armistice.StatusRejected {
			d.Reason, d.Comment = "other", "bought elsewhere"
		}
		if _, err := pb.svc.Decide(ctx, l.ID, d); err != nil {
			t.Fatal(err)
		}
	}
	decide("10:30", leads[0], repA, armistice.StatusAccepted) // 30 minutes, in time
	decide("11:00", leads[2], repB, armistice.StatusAccepted) // 1 hour, in time
	decide("12:00", leads[1], repA, armistice.StatusRejected) // 2 hours, in time
	decide("15:00", leads[3], repA, armistice.StatusAccepted) // 5 hours, an hour late

	r, err := pb.svc.Stats(ctx, "2026-12")
	if err != nil {
		t.Fatal(err)
	}
	want := []armistice.RepCount{
		{User: repA, Assigned: 4, Decided: 3, Accepted: 2, Rejected: 1, ReassignedAway: 1, SLAMet: 2, MedianDecision: 2 * time.Hour},
		{User: repB, Assigned: 1, Decided: 1, Accepted: 1, SLAMet: 1, MedianDecision: time.Hour},
	}
	if len(r.Reps) != len(want) {
		t.Fatalf("reps = %+v, want %+v", r.Reps, want)
	}
	for i := range want {
		if r.Reps[i] != want[i] {
			t.Errorf("rep %d = %+v, want %+v", i, r.Reps[i], want[i])
		}
	}
	if r, err := pb.svc.Stats(ctx, "2026-11"); err != nil || len(r.Reps) != 0 {
		t.Errorf("November's reps = %+v (%v), want none", r.Reps, err)
	}
}
