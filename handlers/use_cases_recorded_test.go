package handlers_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// The use cases below are tested against the recorder, not a chat
// platform: what they post and redraw is the contract with the adapters.

func TestTheFirstDecisionWinsTheCardFollowsAndMarketingHearsOnce(t *testing.T) {
	t.Parallel()
	r := newRecorderRig(t)
	ctx := context.Background()
	id := r.announced(t, "rec-1")
	cards := r.chat.cards()
	if len(cards) != 1 || cards[0].ref.Channel != recSales || cards[0].card.Lead.ID != id {
		t.Fatalf("cards after the announcement: %+v", cards)
	}

	_, err := r.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusAccepted, By: "U0OUTSIDE1"})
	if armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Fatalf("someone outside the sales team decided: %v", err)
	}
	r.advance(30 * time.Minute)
	first, err := r.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusRejected, By: recRep2, Reason: "no budget", Comment: "frozen until Q2"})
	if err != nil || !first.Decided {
		t.Fatalf("the first decision: %+v %v", first, err)
	}
	second, err := r.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusAccepted, By: recRep})
	if err != nil || second.Decided || second.Lead.Status != armistice.StatusRejected || second.Lead.DecidedBy != recRep2 {
		t.Fatalf("a later decision was taken or misreported: %+v %v", second, err)
	}

	for range 2 { // the job may run twice: marketing hears once
		if err := r.svc.PublishDecision(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	redrawn := r.chat.redraws(cards[0].ref.ID)
	if len(redrawn) != 2 || redrawn[0].Lead.Status != armistice.StatusRejected || redrawn[0].TimeToDecision != 30*time.Minute {
		t.Errorf("the card was redrawn %d times (%+v), want twice with the verdict, decided in 30m of business time", len(redrawn), redrawn)
	}
	feedback := r.chat.notices(chat.NoticeRejected)
	if len(feedback) != 1 || feedback[0].Channel != recMarketing || feedback[0].Card.Lead.Reason != "no budget" || feedback[0].Card.Lead.Comment != "frozen until Q2" {
		t.Errorf("marketing heard %+v, want one notice with the reason and comment", feedback)
	}
}

func TestTheSLARemindsThenEscalatesAndADecisionStopsBoth(t *testing.T) {
	t.Parallel()
	r := newRecorderRig(t)
	ctx := context.Background()
	late := r.announced(t, "rec-late")
	card := r.chat.cards()[0].ref

	r.advance(3 * time.Hour)
	if err := r.svc.Remind(ctx, late); err != nil {
		t.Fatal(err)
	}
	reminders := r.chat.notices(chat.NoticeReminder)
	if len(reminders) != 1 || reminders[0].Thread != card.ID || reminders[0].Channel != recSales {
		t.Fatalf("reminders %+v, want one in the card's thread", reminders)
	}
	r.advance(time.Hour)
	if err := r.svc.Escalate(ctx, late, time.Time{}); err != nil {
		t.Fatal(err)
	}
	escalations := r.chat.notices(chat.NoticeEscalation)
	var where []string
	for _, n := range escalations {
		where = append(where, n.Channel+"/"+n.Thread)
		if !slices.Equal(n.Mentions, []string{recManager}) {
			t.Errorf("an escalation mentions %v, want the sales manager", n.Mentions)
		}
	}
	if !slices.Equal(where, []string{recSales + "/" + card.ID, recMarketing + "/"}) {
		t.Errorf("escalated in %v, want the card's thread and the marketing channel", where)
	}
	if redrawn := r.chat.redraws(card.ID); len(redrawn) != 1 || !redrawn[0].Lead.Overdue {
		t.Errorf("the card after the escalation: %+v, want redrawn once, overdue", redrawn)
	}

	decided := r.announced(t, "rec-decided")
	if _, err := r.svc.Decide(ctx, decided, armistice.Decision{Verdict: armistice.StatusAccepted, By: recRep}); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Remind(ctx, decided); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Escalate(ctx, decided, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if n, m := len(r.chat.notices(chat.NoticeReminder)), len(r.chat.notices(chat.NoticeEscalation)); n != 1 || m != 2 {
		t.Errorf("a decided lead was reminded or escalated: %d reminders, %d escalations", n, m)
	}
}

func TestErasureRedrawsTheCardAndTheFeedbackWithoutPersonalData(t *testing.T) {
	t.Parallel()
	r := newRecorderRig(t)
	ctx := context.Background()
	id := r.announced(t, "rec-erase")
	if _, err := r.svc.Decide(ctx, id, armistice.Decision{Verdict: armistice.StatusRejected, By: recRep, Reason: "other", Comment: "Ana asked us not to call"}); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.PublishDecision(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := r.svc.Forget(ctx, recRep, "ana.rec-erase@acme.example"); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Fatalf("a rep erased data: %v", err)
	}
	e, err := r.svc.Forget(ctx, recAdmin, "ana.rec-erase@acme.example")
	if err != nil || len(e.Leads) != 1 || e.Leads[0].LeadID != id {
		t.Fatalf("erasure: %+v %v", e, err)
	}
	if err := r.svc.RedrawErased(ctx, id); err != nil {
		t.Fatal(err)
	}
	card := r.chat.cards()[0].ref
	feedback := r.chat.notices(chat.NoticeRejected)[0]
	var fbRef string
	for _, p := range r.chat.posts {
		if p.notice != nil && p.notice.Kind == chat.NoticeRejected {
			fbRef = p.ref.ID
		}
	}
	for what, redrawn := range map[string][]chat.LeadCard{"card": r.chat.redraws(card.ID), "feedback": r.chat.redraws(fbRef)} {
		if len(redrawn) == 0 {
			t.Errorf("the %s was not redrawn", what)
			continue
		}
		last := redrawn[len(redrawn)-1].Lead
		shown := strings.Join([]string{last.Email, last.Name, last.Title, last.Phone, last.Notes, last.Comment}, "")
		if shown != "" || last.ErasedAt == nil {
			t.Errorf("the %s redrawn after the erasure still shows %q", what, shown)
		}
		if last.Reason != "other" || last.Company != "Acme" || last.Status != armistice.StatusRejected {
			t.Errorf("the %s lost what the counts need: %+v", what, last)
		}
	}
	if feedback.Card.Lead.Comment == "" {
		t.Error("the feedback before the erasure had no comment: the test shows nothing")
	}
}

// An erasure that commits between a card's post and its record finds no
// card to redraw; the announcement redraws it once recorded.
func TestACardPostedAsItsLeadIsErasedIsRedrawnErased(t *testing.T) {
	t.Parallel()
	r := newRecorderRig(t)
	ctx := context.Background()
	r.chat.afterCardPost = func() {
		if _, err := r.svc.Forget(ctx, recAdmin, "ana.rec-race@acme.example"); err != nil {
			t.Error(err)
		}
	}
	r.announced(t, "rec-race")
	card := r.chat.cards()[0]
	if card.card.Lead.Name != "Ana Ruiz" {
		t.Fatalf("the card was drawn after the erasure: the test shows nothing (%+v)", card.card.Lead)
	}
	redrawn := r.chat.redraws(card.ref.ID)
	if len(redrawn) != 1 || redrawn[0].Lead.ErasedAt == nil || redrawn[0].Lead.Name != "" {
		t.Errorf("the card was redrawn %+v, want once, erased", redrawn)
	}
}
