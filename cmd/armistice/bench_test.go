package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
)

// BenchmarkAckLatencyAt200PerSecond sends slash commands, button clicks and
// form submissions through slackemu at 200 interactions a second for five
// seconds, against a serve with a real Postgres, and reports the p50 and p99
// of the bot's acks as slackemu measured them.
func BenchmarkAckLatencyAt200PerSecond(b *testing.B) {
	e := startServe(b, map[string]string{"ARMISTICE_SLACK_POST_RATE": "1000"})
	const cards = 200
	for i := range cards {
		sendLead(b, e.addr, fmt.Sprintf(`{"external_id":"ack-%d","email":"a%d@example.com","name":"Ack %d"}`, i, i, i))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) == cards }); err != nil {
		b.Fatal(err)
	}
	msgs := e.emu.Messages(salesChannel)
	var mu sync.Mutex
	var acks []time.Duration
	record := func(ack slackemu.Ack, err error) {
		if err != nil {
			b.Error(err)
			return
		}
		mu.Lock()
		acks = append(acks, ack.Latency)
		mu.Unlock()
	}
	b.ResetTimer()
	for b.Loop() {
		acks = acks[:0]
		var wg sync.WaitGroup
		tick := time.NewTicker(5 * time.Millisecond) // 200 a second
		for i := 0; i < 1000; i++ {
			<-tick.C
			switch i % 4 {
			case 0, 1: // commands
				wg.Go(func() { record(e.emu.SlashCommand(ctx, rep, salesChannel, "/armistice", "help")) })
			case 2: // a click: a rep accepts half the cards, the marketer is refused on the others
				who, k := rep, i/4 // the rep accepts each of the first 100 cards once
				if k >= cards/2 {
					who, k = marketer, cards/2+k%(cards/2)
				}
				card := msgs[k]
				wg.Go(func() { record(e.emu.ClickButton(ctx, who, salesChannel, card.TS, "lead_accept")) })
			case 3: // the command that opens the lead form, submitted below
				wg.Go(func() { record(e.emu.SlashCommand(ctx, marketer, marketingChannel, "/armistice", "lead")) })
			}
		}
		tick.Stop()
		wg.Wait()
		for _, v := range e.emu.Views(marketer) {
			record(e.emu.SubmitView(ctx, marketer, v.ID, map[string]any{"email": "not-an-email"}))
		}
	}
	b.StopTimer()
	slices.Sort(acks)
	pct := func(p float64) float64 { return float64(acks[int(float64(len(acks)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(.5), "p50-ms")
	b.ReportMetric(pct(.99), "p99-ms")
	b.ReportMetric(float64(len(acks)), "acks")
}

// BenchmarkWebhookToCard sends leads at 20 a second, with Slack's posting
// limit lifted in slackemu and the bot, and reports how long each took from
// the intake's 201 to its card in the channel.
func BenchmarkWebhookToCard(b *testing.B) {
	e := startServe(b, map[string]string{"ARMISTICE_SLACK_POST_RATE": "1000"})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var lat []time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		for range 100 {
			n++
			sent := time.Now()
			sendLead(b, e.addr, `{"external_id":"w2c-`+strconv.Itoa(n)+`","email":"w@example.com","name":"W"}`)
			want := n
			if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) >= want }); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(sent))
			time.Sleep(time.Until(sent.Add(50 * time.Millisecond)))
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(.5), "p50-ms")
	b.ReportMetric(pct(.95), "p95-ms")
}
