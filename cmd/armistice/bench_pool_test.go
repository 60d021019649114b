package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

// burstLeads and burstReps are the burst of the pool benchmarks: 500 leads
// over a pool of 10 reps of equal weight, 50 each.
const (
	burstLeads = 500
	burstReps  = 10
	// burstOneChannel is how many leads the benchmark without a pool
	// measures; the rest is extrapolated at the pace they went at.
	burstOneChannel = 30
	// slackBurst is the messages Slack lets through at once in a channel
	// before its pace of one a second.
	slackBurst = 3
)

// BenchmarkBurstToPoolDMs sends 500 leads at once into a channel whose
// pool has 10 reps, with slackemu holding every channel (the sales channel
// and each rep's DM) to Slack's one message a second, and reports the
// seconds until every rep has the cards of all their leads in their DMs,
// and how many of the channel's cards were posted by then.
func BenchmarkBurstToPoolDMs(b *testing.B) {
	e := startServe(b, nil)
	e.emu.SetChannelRate(1, slackBurst)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	db, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	members := []string{e.emu.Config().BotUserID}
	var reps []string
	for i := 1; i <= burstReps; i++ {
		rep := fmt.Sprintf("U0POOL%04d", i)
		e.emu.AddUser(slackemu.User{ID: rep, Name: "rep" + strconv.Itoa(i)})
		if err := db.AddPoolRep(ctx, salesChannel, rep, 1, 0, "bench", storage.TodayAt(time.Now(), time.UTC)); err != nil {
			b.Fatal(err)
		}
		reps, members = append(reps, rep), append(members, rep)
	}
	e.emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: members})
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		for i := 1; i <= burstLeads; i++ {
			sendLead(b, e.addr, `{"external_id":"pool-`+strconv.Itoa(i)+`","email":"p@example.com","name":"P"}`)
		}
		if err := e.emu.Await(ctx, func() bool {
			for _, rep := range reps {
				if len(e.emu.DirectMessages(rep)) < burstLeads/burstReps {
					return false
				}
			}
			return true
		}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-all-DMs")
		b.ReportMetric(float64(len(e.emu.Messages(salesChannel))), "channel-cards-by-then")
	}
}

// BenchmarkBurstToOneChannel sends leads at once into one channel without
// a pool, held to Slack's one message a second: it measures the first 30
// cards and extrapolates to 500 at the pace measured after Slack's burst;
// the arithmetic of the limit alone is (500 − 3) s.
func BenchmarkBurstToOneChannel(b *testing.B) {
	e := startServe(b, nil)
	e.emu.SetChannelRate(1, slackBurst)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		for i := 1; i <= burstOneChannel; i++ {
			sendLead(b, e.addr, `{"external_id":"one-`+strconv.Itoa(i)+`","email":"o@example.com","name":"O"}`)
		}
		if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) >= burstOneChannel }); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start).Seconds()
		b.ReportMetric(took, "s-first-30")
		b.ReportMetric(took*(burstLeads-slackBurst)/(burstOneChannel-slackBurst), "s-500-extrapolated")
		b.ReportMetric(burstLeads-slackBurst, "s-500-by-the-limit")
	}
}
