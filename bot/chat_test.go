package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/slackemu"
)

func card(id int64) chat.LeadCard {
	score := 70
	return chat.LeadCard{
		Lead:  armistice.Lead{ID: id, ExternalID: "ext-1", Name: "Ana", Company: "Acme", Score: &score, ReceivedAt: time.Now()},
		DueAt: time.Now().Add(4 * time.Hour), Zone: time.UTC,
	}
}

func TestFindLeadCardFindsOnlyThatLeadsCard(t *testing.T) {
	b, _ := runBot(t, Config{ChannelRate: 100, ChannelBurst: 10})
	ctx := context.Background()
	since := time.Now().Add(-time.Second)
	posted, err := b.PostLeadCard(ctx, testChannel, card(41))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.PostLeadCard(ctx, testChannel, card(42)); err != nil {
		t.Fatal(err)
	}
	found, ok, err := b.FindLeadCard(ctx, testChannel, 41, since)
	if err != nil || !ok || found != posted {
		t.Errorf("FindLeadCard(41) = %+v %v %v, want %+v", found, ok, err, posted)
	}
	if _, ok, err := b.FindLeadCard(ctx, testChannel, 43, since); ok || err != nil {
		t.Errorf("FindLeadCard(43) found a card that was never posted (%v)", err)
	}
}

func TestRateLimitedPostAsksToRetryAfterSlacksDelay(t *testing.T) {
	b, emu := runBot(t, Config{ChannelRate: 100, ChannelBurst: 10})
	emu.SetFault("chat.postMessage", slackemu.Fault{Status: 429, RetryAfter: 7 * time.Second, Times: 1})
	_, err := b.PostLeadCard(context.Background(), testChannel, card(1))
	ra, ok := errors.AsType[*chat.RetryAfterError](err)
	if !ok || ra.After != 7*time.Second {
		t.Fatalf("err = %v, want a RetryAfterError of 7s", err)
	}
	if _, err := b.PostLeadCard(context.Background(), testChannel, card(1)); err != nil {
		t.Errorf("after the limit passed: %v", err)
	}
	if n := len(emu.Messages(testChannel)); n != 1 {
		t.Errorf("%d cards, want 1", n)
	}
}

func TestPacerHandsBackPostsBeyondItsWait(t *testing.T) {
	p := newPacer(0.1, 1) // one post every 10 s
	ctx := context.Background()
	if err := p.wait(ctx, testChannel); err != nil {
		t.Fatalf("first post: %v", err)
	}
	err := p.wait(ctx, testChannel)
	if ra, ok := errors.AsType[*chat.RetryAfterError](err); !ok || ra.After < 9*time.Second {
		t.Errorf("second post within 10 s: err = %v, want a RetryAfterError of about 10 s", err)
	}
	if err := p.wait(ctx, "C0OTHER001"); err != nil {
		t.Errorf("another channel has its own pace: %v", err)
	}
}
