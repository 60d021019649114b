package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/slackemu"
)

const (
	repA         = "U0REPA0001"
	repB         = "U0REPB0001"
	repC         = "U0REPC0001"
	salesManager = "U0MANAGER1"
)

// poolBundle is a sales channel with three reps, a salesManager and an admin,
// its bot answering clicks, and a clock set to a Wednesday morning.
type poolBundle struct {
	*testBundle
	clock *atomic.Pointer[time.Time]
}

func (pb *poolBundle) set(t time.Time) { pb.clock.Store(&t) }

func poolSetup(t *testing.T, opts ...func(*handlers.Config)) *poolBundle {
	t.Helper()
	clock := &atomic.Pointer[time.Time]{}
	start := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	clock.Store(&start)
	env := envSettings()
	env.SalesManagers = []string{salesManager}
	tb := setup(t, append([]func(*handlers.Config){func(c *handlers.Config) {
		c.Settings = env
		c.Now = func() time.Time { return *clock.Load() }
	}}, opts...)...)
	for _, u := range []string{repA, repB, repC, salesManager} {
		tb.emu.AddUser(slackemu.User{ID: u, Name: strings.ToLower(u)})
	}
	tb.emu.AddChannel(slackemu.Channel{ID: sales, Name: "sales", Members: []string{tb.emu.Config().BotUserID, repA, repB, repC, salesManager}})
	tb.emu.AddChannel(slackemu.Channel{ID: cfgMarketing, Name: "marketing", Members: []string{tb.emu.Config().BotUserID}})
	tb.bot.SetService(tb.svc)
	if err := tb.svc.ReloadSettings(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &poolBundle{testBundle: tb, clock: clock}
}

func (pb *poolBundle) addRep(t *testing.T, rep string, w, dailyCap int) {
	t.Helper()
	if _, err := pb.svc.PoolAdd(context.Background(), cfgAdmin, "", chat.PoolRepArgs{Rep: rep, Weight: &w, Cap: &dailyCap}); err != nil {
		t.Fatal(err)
	}
}

// announce takes a lead and runs its announcement job: assigned, the copy
// sent to its rep, its card posted.
func (pb *poolBundle) announce(t *testing.T, l armistice.Lead) armistice.Lead {
	t.Helper()
	ctx := context.Background()
	if l.Email == "" {
		l.Email = l.ExternalID + "@gmail.com"
	}
	got, err := pb.svc.TakeLeads(ctx, []armistice.Lead{l}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pb.svc.Announce(ctx, got[0].ID, false); err != nil { // the lead's announcement job
		t.Fatal(err)
	}
	lead, err := pb.db.Lead(ctx, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return lead
}

// cardOf returns the channel message that is the lead's card.
func (pb *poolBundle) cardOf(t *testing.T, leadID int64) slackemu.Message {
	t.Helper()
	card, err := pb.db.LeadCard(context.Background(), leadID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pb.emu.Messages(card.ChannelID) {
		if m.TS == card.MessageID {
			return m
		}
	}
	t.Fatalf("no card of lead %d", leadID)
	return slackemu.Message{}
}

// blocksOf gives a message's blocks as JSON with <, > and & as they are.
func blocksOf(m slackemu.Message) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(m.Blocks))
}

func TestFortyLeadsGoToRepsByWeightEachCardNamingItsRepAndInTheirDMs(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	pb.addRep(t, repC, 2, 0)
	counts := map[string]int{}
	for i := range 40 {
		lead := pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("rr-%02d", i)})
		counts[lead.Assignee]++
		blocks := blocksOf(pb.cardOf(t, lead.ID))
		if !strings.Contains(blocks, "Assigned to <@"+lead.Assignee+">") || !strings.Contains(blocks, "round robin") {
			t.Fatalf("card of lead %d does not name its rep %s and why: %s", lead.ID, lead.Assignee, blocks)
		}
	}
	if counts[repA] != 10 || counts[repB] != 10 || counts[repC] != 20 {
		t.Errorf("assigned %v, want 10, 10 and 20", counts)
	}
	for _, rep := range []string{repA, repB, repC} {
		if n := len(pb.emu.DirectMessages(rep)); n != counts[rep] {
			t.Errorf("%s has %d cards in their direct messages, want %d", rep, n, counts[rep])
		}
	}
	pool, err := pb.svc.PoolShow(context.Background(), repA, "")
	if err != nil || len(pool.Reps) != 3 || pool.Reps[2].Month != 20 || pool.Reps[2].Today != 20 || pool.Reps[2].Status() != "available" {
		t.Errorf("pool = %+v (%v)", pool, err)
	}
}

func TestOnlyTheAssigneeDecidesFromTheDMAndTheChannelCardFollows(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	lead := pb.announce(t, armistice.Lead{ExternalID: "dm-1"})
	if lead.Assignee != repA {
		t.Fatalf("assignee = %q, want %s", lead.Assignee, repA)
	}
	card := pb.cardOf(t, lead.ID)

	// Another rep of the channel clicks Accept on the channel's card.
	if _, err := pb.emu.ClickButton(ctx, repB, sales, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	if err := pb.emu.Await(ctx, func() bool { return len(pb.emu.Ephemerals(repB)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if eph := pb.emu.Ephemerals(repB)[0]; !strings.Contains(eph.Text, "assigned to <@"+repA+">") {
		t.Errorf("refusal = %q, want it to name the assignee", eph.Text)
	}
	if l, _ := pb.db.Lead(ctx, lead.ID); !armistice.Undecided(l.Status) {
		t.Fatalf("a non-assignee decided: %s", l.Status)
	}
	if after := pb.cardOf(t, lead.ID); after.Edited || string(after.Blocks) != string(card.Blocks) {
		t.Error("the card changed after a refused click")
	}

	// The assignee accepts from their direct messages.
	dm := pb.emu.DirectMessages(repA)
	if len(dm) != 1 {
		t.Fatalf("%d direct messages, want the card", len(dm))
	}
	if _, err := pb.emu.ClickButton(ctx, repA, dm[0].Channel, dm[0].TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	await(t, "the assignee's acceptance", func() bool { l, _ := pb.db.Lead(ctx, lead.ID); return l.Status == armistice.StatusAccepted })
	if err := pb.svc.PublishDecision(ctx, lead.ID); err != nil { // the job the decision scheduled
		t.Fatal(err)
	}
	for _, m := range []slackemu.Message{pb.cardOf(t, lead.ID), pb.emu.DirectMessages(repA)[0]} {
		if !strings.Contains(blocksOf(m), "*Accepted* by <@"+repA+">") || strings.Contains(blocksOf(m), "lead_accept") {
			t.Errorf("a copy of the card in %s does not show the acceptance: %s", m.Channel, m.Blocks)
		}
	}
}

func TestACappedRepGetsNoMoreLeadsThatDayAndEveryoneAwayLeavesAClaimModeCard(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 2)
	ctx := context.Background()
	for i := range 2 {
		if l := pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("cap-%d", i)}); l.Assignee != repA {
			t.Fatalf("lead %d went to %q", i, l.Assignee)
		}
	}
	third := pb.announce(t, armistice.Lead{ExternalID: "cap-2"})
	if third.Assignee != "" || !strings.Contains(third.AssignWhy, "nobody available") {
		t.Fatalf("third lead of the day: assignee %q (%s), want nobody", third.Assignee, third.AssignWhy)
	}
	blocks := blocksOf(pb.cardOf(t, third.ID))
	if !strings.Contains(blocks, "*Unassigned*") || !strings.Contains(blocks, "lead_accept") {
		t.Errorf("the card does not say it is unassigned in claim mode: %s", blocks)
	}
	card := pb.cardOf(t, third.ID)
	replies := pb.emu.Replies(sales, card.TS)
	if len(replies) != 1 || !strings.Contains(replies[0].Text, "<@"+salesManager+">") || !strings.Contains(replies[0].Text, "Nobody in the pool") {
		t.Errorf("the managers were not told: %+v", replies)
	}
	// In claim mode anyone on the sales team decides.
	if err := pb.svc.CanDecide(ctx, repB, third.ID); err != nil {
		t.Errorf("a member of the sales team may not claim an unassigned lead: %v", err)
	}
	events, err := pb.db.LeadEvents(ctx, third.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range events {
		if e.Kind == armistice.EventUnassigned && strings.Contains(fmt.Sprint(e.Data["candidates"]), "capped: 2 of 2 today") {
			found = true
		}
	}
	if !found {
		t.Errorf("no unassigned event saying why the rep was passed over: %+v", events)
	}

	// The next day the cap starts again.
	pb.set(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	if l := pb.announce(t, armistice.Lead{ExternalID: "cap-next-day"}); l.Assignee != repA {
		t.Errorf("the next day's lead went to %q, want %s", l.Assignee, repA)
	}
}

func TestThreeReplicasAssigningSixtyLeadsAtOnceAssignEachOnceWithExactCounts(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	for _, rep := range []string{repA, repB, repC} {
		pb.addRep(t, rep, 1, 0)
	}
	ctx := context.Background()
	var leads []armistice.Lead
	for i := range 60 {
		leads = append(leads, armistice.Lead{ExternalID: fmt.Sprintf("race-%02d", i), Email: fmt.Sprintf("race-%02d@gmail.com", i)})
	}
	got, err := pb.svc.TakeLeads(ctx, leads, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	env := pb.svc.CurrentSettings()
	replicas := []*handlers.Service{pb.svc}
	for range 2 {
		r := pb.replica(t, env)
		replicas = append(replicas, r)
	}
	start := make(chan struct{})
	errs := make(chan error, len(got))
	for i, r := range got {
		svc := replicas[i%3]
		go func() {
			<-start
			errs <- svc.Announce(ctx, r.ID, false)
		}()
	}
	close(start)
	for range got {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	counts := map[string]int{}
	for _, r := range got {
		var n int
		if err := pb.db.Pool().QueryRow(ctx, `SELECT count(*) FROM assignments WHERE lead_id = $1`, r.ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("lead %d has %d assignments (%v), want 1", r.ID, n, err)
		}
		lead, _ := pb.db.Lead(ctx, r.ID)
		counts[lead.Assignee]++
	}
	if counts[repA] != 20 || counts[repB] != 20 || counts[repC] != 20 {
		t.Errorf("assigned %v, want 20 each", counts)
	}
	pool, err := pb.svc.PoolShow(ctx, repA, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pool.Reps {
		if r.Month != counts[r.User] {
			t.Errorf("%s counts %d this month, assigned %d", r.User, r.Month, counts[r.User])
		}
	}
}

func TestTheSLALadderRemindsTheAssigneeReassignsWithAFreshWindowThenEscalates(t *testing.T) {
	t.Parallel()
	allHours, _ := armistice.ParseBusinessHours("Sun-Sat 00:00-24:00")
	pb := poolSetup(t, func(c *handlers.Config) {
		c.Settings.SLA, c.Settings.BusinessHours, c.Settings.SLAReassign = 2*time.Minute, allHours, 1
	})
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	ctx := context.Background()
	t0 := *pb.clock.Load()
	lead := pb.announce(t, armistice.Lead{ExternalID: "ladder-1"})
	if lead.Assignee != repA || !lead.DueAt.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("assignee %q due %v, want %s at %v", lead.Assignee, lead.DueAt, repA, t0.Add(2*time.Minute))
	}
	card := pb.cardOf(t, lead.ID)

	// 75%: the assignee is reminded in the thread and in their DMs.
	pb.set(t0.Add(90 * time.Second))
	if err := pb.svc.Remind(ctx, lead.ID); err != nil {
		t.Fatal(err)
	}
	replies := pb.emu.Replies(sales, card.TS)
	if len(replies) != 1 || !strings.Contains(replies[0].Text, "<@"+repA+">, still waiting") {
		t.Errorf("thread = %+v, want the reminder naming the assignee", replies)
	}
	if dm := pb.emu.DirectMessages(repA); len(dm) != 2 || !strings.Contains(dm[1].Text, "still waiting") {
		t.Errorf("the assignee's DMs = %+v, want the card and the reminder", dm)
	}

	// 100%: moved on to the other rep with a fresh window.
	pb.set(t0.Add(2 * time.Minute))
	if err := pb.svc.Escalate(ctx, lead.ID, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	lead, _ = pb.db.Lead(ctx, lead.ID)
	if lead.Assignee != repB || lead.Reassignments != 1 || lead.Overdue || !lead.DueAt.Equal(t0.Add(4*time.Minute)) {
		t.Fatalf("after the first window: assignee %q, %d reassignments, overdue %v, due %v; want %s, 1, false, %v",
			lead.Assignee, lead.Reassignments, lead.Overdue, lead.DueAt, repB, t0.Add(4*time.Minute))
	}
	// The same escalation job again (River retrying it after a failure
	// that followed the move) leaves the fresh window alone.
	if err := pb.svc.Escalate(ctx, lead.ID, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if again, _ := pb.db.Lead(ctx, lead.ID); again.Assignee != repB || again.Reassignments != 1 || again.Overdue {
		t.Fatalf("a retried escalation moved the lead again: assignee %q, %d reassignments, overdue %v", again.Assignee, again.Reassignments, again.Overdue)
	}
	var scheduled []time.Time
	rows, err := pb.db.Pool().Query(ctx, `SELECT scheduled_at FROM river_job WHERE kind IN ('remind', 'escalate') AND (args->>'lead_id')::bigint = $1 AND scheduled_at > $2 ORDER BY scheduled_at`, lead.ID, t0.Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			t.Fatal(err)
		}
		scheduled = append(scheduled, at)
	}
	if len(scheduled) != 2 || !scheduled[0].Equal(t0.Add(210*time.Second)) || !scheduled[1].Equal(t0.Add(4*time.Minute)) {
		t.Errorf("the fresh window's jobs are at %v, want %v and %v", scheduled, t0.Add(210*time.Second), t0.Add(4*time.Minute))
	}
	if b := blocksOf(pb.cardOf(t, lead.ID)); !strings.Contains(b, "Assigned to <@"+repB+">") || !strings.Contains(b, "reassigned when the window ended") {
		t.Errorf("the card does not name the new rep and why: %s", b)
	}
	if dm := pb.emu.DirectMessages(repB); len(dm) != 1 {
		t.Errorf("the new rep has %d DMs, want the card", len(dm))
	}
	if dm := pb.emu.DirectMessages(repA); !strings.Contains(blocksOf(dm[0]), "Assigned to <@"+repB+">") {
		t.Errorf("the previous rep's copy does not say it moved on: %s", blocksOf(dm[0]))
	}
	replies = pb.emu.Replies(sales, card.TS)
	if last := replies[len(replies)-1]; !strings.Contains(last.Text, "Moved on from <@"+repA+"> to <@"+repB+">") {
		t.Errorf("thread's last reply = %q, want the move", last.Text)
	}
	if err := pb.svc.CanDecide(ctx, repA, lead.ID); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("the previous rep may still decide: %v", err)
	}

	// The last window ends: the escalation as without a pool.
	pb.set(t0.Add(4 * time.Minute))
	if err := pb.svc.Escalate(ctx, lead.ID, t0.Add(4*time.Minute)); err != nil {
		t.Fatal(err)
	}
	lead, _ = pb.db.Lead(ctx, lead.ID)
	if lead.Assignee != repB || !lead.Overdue {
		t.Errorf("after the last window: assignee %q, overdue %v; want %s, overdue", lead.Assignee, lead.Overdue, repB)
	}
	replies = pb.emu.Replies(sales, card.TS)
	if last := replies[len(replies)-1]; !strings.Contains(last.Text, "<@"+salesManager+">") || !strings.Contains(last.Text, "follow-up window ended") {
		t.Errorf("thread's last reply = %q, want the escalation to the managers", last.Text)
	}
}

func TestAwayHandsLeadsBackAndGetsNoneAndBackFollowsTheWeightsWithoutAFlood(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	for _, rep := range []string{repA, repB, repC} {
		pb.addRep(t, rep, 1, 0)
	}
	ctx := context.Background()
	var ofA []int64
	for i := range 9 {
		if l := pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("away-%d", i)}); l.Assignee == repA {
			ofA = append(ofA, l.ID)
		}
	}
	if len(ofA) != 3 {
		t.Fatalf("A has %d of 9 leads, want 3", len(ofA))
	}

	if _, err := pb.svc.Away(ctx, repB, repA, chat.AwayArgs{}); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("a rep setting another's absence: %v, want unauthorized", err)
	}
	until := armistice.Date{Year: 2026, Month: time.December, Day: 5}
	res, err := pb.svc.Away(ctx, repA, "", chat.AwayArgs{Until: &until, Note: "at a conference"})
	if err != nil || res.HandedBack != 3 || res.Unassigned != 0 {
		t.Fatalf("away: %+v, %v; want 3 leads handed back", res, err)
	}
	for _, id := range ofA {
		l, _ := pb.db.Lead(ctx, id)
		if l.Assignee == repA || l.Assignee == "" || !strings.Contains(l.AssignWhy, "handed back") {
			t.Errorf("lead %d after A went away: assignee %q (%s)", id, l.Assignee, l.AssignWhy)
		}
	}
	for i := range 6 {
		if l := pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("while-away-%d", i)}); l.Assignee == repA {
			t.Fatalf("a lead went to a rep who is away")
		}
	}
	pool, _ := pb.svc.PoolShow(ctx, repA, "")
	if pool.Reps[0].Status() != "away until 2026-12-05" {
		t.Errorf("A's status = %q", pool.Reps[0].Status())
	}

	if back, err := pb.svc.Back(ctx, repA, ""); err != nil || !back {
		t.Fatalf("back: %v, %v", back, err)
	}
	next := map[string]int{}
	var order []string
	for i := range 6 {
		l := pb.announce(t, armistice.Lead{ExternalID: fmt.Sprintf("after-%d", i)})
		next[l.Assignee]++
		order = append(order, l.Assignee)
	}
	for _, rep := range []string{repA, repB, repC} {
		if next[rep] < 1 || next[rep] > 3 {
			t.Errorf("after A came back the next 6 leads went %v (%v), want about 2 each", next, order)
		}
	}
	if order[0] == repA && order[1] == repA {
		t.Errorf("A came back to a flood: %v", order)
	}
}

func TestAnAbsenceEndsByItselfOnItsDate(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx := context.Background()
	until := armistice.Date{Year: 2026, Month: time.December, Day: 3}
	if _, err := pb.svc.Away(ctx, repA, "", chat.AwayArgs{Until: &until}); err != nil {
		t.Fatal(err)
	}
	if l := pb.announce(t, armistice.Lead{ExternalID: "on-the-2nd"}); l.Assignee != "" {
		t.Errorf("a lead went to %q while away", l.Assignee)
	}
	pb.set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	if l := pb.announce(t, armistice.Lead{ExternalID: "on-the-3rd"}); l.Assignee != repA {
		t.Errorf("on the absence's last date the lead went to %q, want %s", l.Assignee, repA)
	}
}

func TestTheIntakesOwnerAndAReturningCompanyGoToTheirOwnerWithoutUsingATurn(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	ctx := context.Background()
	assignee := func(l armistice.Lead) string { t.Helper(); return pb.announce(t, l).Assignee }

	if got := assignee(armistice.Lead{ExternalID: "o-1"}); got != repA {
		t.Fatalf("first lead went to %q, want %s", got, repA)
	}
	owned := pb.announce(t, armistice.Lead{ExternalID: "o-2", OwnerHint: repA})
	if owned.Assignee != repA || owned.AssignWhy != "owner named by the intake" {
		t.Fatalf("the owner's lead went to %q (%s), want %s as its owner", owned.Assignee, owned.AssignWhy, repA)
	}
	// A's turn is not used up: B then A take the next two.
	if got := []string{assignee(armistice.Lead{ExternalID: "o-3"}), assignee(armistice.Lead{ExternalID: "o-4"})}; got[0] != repB || got[1] != repA {
		t.Errorf("after the owner's lead the rotation went %v, want B then A", got)
	}

	// B accepts a lead of acme.com; the company's next lead is B's, a
	// free-mail lead is not matched.
	acme := pb.announce(t, armistice.Lead{ExternalID: "acme-1", Email: "ana@acme.com"})
	if _, err := pb.svc.Decide(ctx, acme.ID, armistice.Decision{Verdict: armistice.StatusAccepted, By: acme.Assignee}); err != nil {
		t.Fatal(err)
	}
	owner := acme.Assignee
	again := pb.announce(t, armistice.Lead{ExternalID: "acme-2", Email: "bo@ACME.com"})
	if again.Assignee != owner || !strings.Contains(again.AssignWhy, "returning company: acme.com") {
		t.Errorf("the returning company's lead went to %q (%s), want %s", again.Assignee, again.AssignWhy, owner)
	}
	pool, _ := pb.svc.PoolShow(ctx, repA, "")
	turns := map[string]int{}
	for _, r := range pool.Reps {
		turns[r.User] = r.Month
	}
	if turns[repA]+turns[repB] != 4 {
		t.Errorf("turns this month %v, want 4 (the owner's and the company's leads take none)", turns)
	}
	events, _ := pb.db.LeadEvents(ctx, again.ID)
	if e := events[len(events)-2]; e.Kind != armistice.EventAssigned || e.Data["reason"] != "company" {
		t.Errorf("the assignment event = %+v", e)
	}

	// An owner away is passed over: the rotation decides, and says why.
	if _, err := pb.svc.Away(ctx, repB, "", chat.AwayArgs{}); err != nil {
		t.Fatal(err)
	}
	l := pb.announce(t, armistice.Lead{ExternalID: "o-5", OwnerHint: repB})
	if l.Assignee != repA {
		t.Errorf("the away owner's lead went to %q, want %s", l.Assignee, repA)
	}
}

func TestRouteTestSaysWhichChannelAndRepAndWhyAndChangesNothing(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	ctx := context.Background()
	if _, err := pb.svc.AddRoute(ctx, "region", "EMEA", cfgSales2, cfgAdmin); err != nil {
		t.Fatal(err)
	}
	if _, err := pb.svc.RouteTest(ctx, repA, nil); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("a rep testing the routing: %v, want unauthorized", err)
	}
	if _, err := pb.svc.RouteTest(ctx, cfgAdmin, []string{"colour=blue"}); armistice.ErrorCode(err) != armistice.EINVALID {
		t.Errorf("an unknown field: %v, want invalid", err)
	}
	emea, err := pb.svc.RouteTest(ctx, cfgAdmin, []string{"region=emea"})
	if err != nil || emea.Channel != cfgSales2 || emea.Pool {
		t.Errorf("EMEA: %+v, %v; want %s without a pool", emea, err, cfgSales2)
	}
	if _, err := pb.svc.Away(ctx, repA, "", chat.AwayArgs{}); err != nil {
		t.Fatal(err)
	}
	res, err := pb.svc.RouteTest(ctx, cfgAdmin, []string{"source=webinar", "email=ana@acme.com"})
	if err != nil || res.Channel != sales || !res.Pool || res.Assignment.To != repB || res.PassedOverText() != repA+": away" {
		t.Errorf("route test = %+v (%s), %v; want %s, %s passed over as away", res, res.PassedOverText(), err, repB, repA)
	}
	var n int
	if err := pb.db.Pool().QueryRow(ctx, `SELECT count(*) FROM assignments`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d assignments after a route test (%v)", n, err)
	}
}

func TestAManagerReassignsFromTheCardsPickerAndOthersCannot(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	lead := pb.announce(t, armistice.Lead{ExternalID: "pick-1"})
	card := pb.cardOf(t, lead.ID)

	if _, err := pb.emu.SelectOption(ctx, repB, sales, card.TS, "lead_reassign", repB); err != nil {
		t.Fatal(err)
	}
	if err := pb.emu.Await(ctx, func() bool { return len(pb.emu.Ephemerals(repB)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if eph := pb.emu.Ephemerals(repB)[0]; !strings.Contains(eph.Text, "Only the sales managers") {
		t.Errorf("a rep's pick: %q, want a refusal", eph.Text)
	}

	if _, err := pb.emu.SelectOption(ctx, salesManager, sales, card.TS, "lead_reassign", repC); err != nil {
		t.Fatal(err)
	}
	await(t, "the manager's reassignment", func() bool { l, _ := pb.db.Lead(ctx, lead.ID); return l.Assignee == repC })
	if err := pb.emu.Await(ctx, func() bool { return len(pb.emu.DirectMessages(repC)) == 1 }); err != nil {
		t.Fatalf("the rep picked got no card: %v", err)
	}
	if b := blocksOf(pb.cardOf(t, lead.ID)); !strings.Contains(b, "Assigned to <@"+repC+"> · reassigned by a sales manager") {
		t.Errorf("the card = %s", b)
	}
	events, _ := pb.db.LeadEvents(ctx, lead.ID)
	last := events[len(events)-1]
	if last.Kind != armistice.EventReassigned || last.Actor != salesManager || last.Data["from"] != lead.Assignee || last.Data["to"] != repC {
		t.Errorf("the history's last event = %+v, want the manager's reassignment", last)
	}
}

// lockChannel holds the sales channel's queue lock, as a replica draining
// it does, until the returned func (or the test's end) lets it go.
func (pb *poolBundle) lockChannel(t *testing.T) func() {
	t.Helper()
	unlock, held, err := pb.db.LockChannel(context.Background(), sales)
	if err != nil || !held {
		t.Fatalf("locking the channel: %v, %v", held, err)
	}
	var once sync.Once
	release := func() { once.Do(unlock) }
	t.Cleanup(release)
	return release
}

func TestTheRepGetsTheirCopyWithoutWaitingForTheChannelsQueue(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	ctx := context.Background()
	// Another replica drains the sales channel (a long paced queue).
	unlock := pb.lockChannel(t)
	got, err := pb.svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: "ahead-1", Email: "ana@acme.com"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pb.svc.Announce(ctx, got[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if n := len(pb.emu.Messages(sales)); n != 0 {
		t.Fatalf("%d cards in the channel while another drains it", n)
	}
	if dm := pb.emu.DirectMessages(repA); len(dm) != 1 || !strings.Contains(blocksOf(dm[0]), "Assigned to <@"+repA+">") {
		t.Fatalf("the rep's copy did not go ahead of the channel's queue: %+v", dm)
	}
	unlock()
	if err := pb.svc.Announce(ctx, got[0].ID, false); err != nil { // the job's retry, or the drainer's next look
		t.Fatal(err)
	}
	if n, dm := len(pb.emu.Messages(sales)), len(pb.emu.DirectMessages(repA)); n != 1 || dm != 1 {
		t.Errorf("%d cards and %d copies, want one of each", n, dm)
	}
}

func TestGoingAwayBeforeALeadsCardIsPostedMovesItAndItsWindowStartsWithTheCard(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	pb.addRep(t, repB, 1, 0)
	ctx := context.Background()
	unlock := pb.lockChannel(t)
	got, err := pb.svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: "early-1", Email: "ana@acme.com"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pb.svc.Announce(ctx, got[0].ID, false); err != nil {
		t.Fatal(err)
	}
	res, err := pb.svc.Away(ctx, repA, "", chat.AwayArgs{})
	if err != nil || res.HandedBack != 1 {
		t.Fatalf("away before the card: %+v, %v", res, err)
	}
	if dm := pb.emu.DirectMessages(repB); len(dm) != 1 {
		t.Errorf("the rep it moved to has %d copies, want 1", len(dm))
	}
	unlock()
	if err := pb.svc.Announce(ctx, got[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if b := blocksOf(pb.cardOf(t, got[0].ID)); !strings.Contains(b, "Assigned to <@"+repB+">") {
		t.Errorf("the card = %s", b)
	}
	var jobs int
	if err := pb.db.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind IN ('remind', 'escalate') AND (args->>'lead_id')::bigint = $1`, got[0].ID).Scan(&jobs); err != nil || jobs != 2 {
		t.Errorf("%d SLA jobs (%v), want one window's two", jobs, err)
	}
}

func TestTheLargestValidLeadOfAPoolGetsItsFullCardWithItsAssigneeInTheChannelAndTheDM(t *testing.T) {
	t.Parallel()
	pb := poolSetup(t)
	pb.addRep(t, repA, 1, 0)
	lead := pb.announce(t, worstLead(t, "worst-pool"))
	if lead.Assignee != repA {
		t.Fatalf("assignee %q", lead.Assignee)
	}
	dm := pb.emu.DirectMessages(repA)
	if len(dm) != 1 {
		t.Fatalf("%d copies, want 1", len(dm))
	}
	for _, m := range []slackemu.Message{pb.cardOf(t, lead.ID), dm[0]} {
		b := blocksOf(m)
		for _, want := range []string{"*Notes*", "Assigned to <@" + repA + ">", "lead_reassign", "lead_accept"} {
			if !strings.Contains(b, want) {
				t.Errorf("the copy in %s lacks %s", m.Channel, want)
			}
		}
		if strings.Contains(b, "Details:") {
			t.Errorf("the copy in %s is the minimal card", m.Channel)
		}
	}
}
