package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// TestThreeReplicasPostOneDigestPerChannel starts three processes after the
// day's scheduled time, as if they had all been down then: the digest is
// posted on start, once in each channel.
func TestThreeReplicasPostOneDigestPerChannel(t *testing.T) {
	t.Parallel()
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})

	dbURL := storagetest.URL(t)
	ctx := context.Background()
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Installed long ago; the digest is scheduled at midnight every day, so
	// it is due whenever the test runs.
	if _, err := db.Pool().Exec(ctx, `UPDATE installation SET installed_at = now() - interval '2 days'`); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"SLACK_BOT_TOKEN=" + emu.Config().BotToken, "SLACK_APP_TOKEN=" + emu.Config().AppToken,
		"SLACK_API_URL=" + slack.URL + "/api/", "ARMISTICE_SALES_CHANNEL=" + salesChannel,
		"ARMISTICE_MARKETING_CHANNEL=" + marketingChannel, "ARMISTICE_DIGEST_SCHEDULE=0 0 * * *",
	}
	replicas := []*process{startProcess(t, dbURL, env...), startProcess(t, dbURL, env...), startProcess(t, dbURL, env...)}
	for _, p := range replicas {
		p.awaitReady(t)
	}
	wait, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	posted := func() bool { return len(emu.Messages(salesChannel)) >= 1 && len(emu.Messages(marketingChannel)) >= 1 }
	if err := emu.Await(wait, posted); err != nil {
		t.Fatalf("no digest: %v\n%s", err, replicas[0].logs)
	}
	// Give the other replicas every chance to post a second one.
	var recorded int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM digests`).Scan(&recorded); err != nil {
			t.Fatal(err)
		}
	}
	// Today may owe a weekly or monthly digest too: each kind once per channel.
	total := 0
	for _, ch := range []string{salesChannel, marketingChannel} {
		seen := map[string]int{}
		for _, m := range emu.Messages(ch) {
			if m.Metadata == nil || m.Metadata.EventType != "armistice_digest" {
				t.Errorf("a message that is not a digest in %s: %q", ch, m.Text)
				continue
			}
			seen[fmt.Sprint(m.Metadata.EventPayload["kind"], " ", m.Metadata.EventPayload["period"])]++
			total++
		}
		for key, n := range seen {
			if n != 1 {
				t.Errorf("%s: the %s digest was posted %d times", ch, key, n)
			}
		}
		if seen["daily "+time.Now().Format(time.DateOnly)] != 1 && seen["daily "+time.Now().UTC().Format(time.DateOnly)] != 1 {
			t.Errorf("%s: no daily digest for today: %v", ch, seen)
		}
	}
	if recorded != total {
		t.Errorf("%d digests recorded for %d posted", recorded, total)
	}
}
