//go:build drill

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// TestDrillKillDuringABurst kills the bot with SIGKILL five times at random
// moments while 500 leads arrive and are announced; afterwards every lead
// that got a 2xx is stored and has exactly one card.
func TestDrillKillDuringABurst(t *testing.T) {
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	env := []string{
		"SLACK_BOT_TOKEN=" + emu.Config().BotToken, "SLACK_APP_TOKEN=" + emu.Config().AppToken,
		"SLACK_API_URL=" + slack.URL + "/api/", "ARMISTICE_SALES_CHANNEL=" + salesChannel,
		"ARMISTICE_MARKETING_CHANNEL=" + marketingChannel, "ARMISTICE_WEBHOOK_SECRET=" + webhookSecret,
		"ARMISTICE_SLACK_POST_RATE=100",
	}
	dbURL := storagetest.URL(t)
	p := startProcess(t, dbURL, env...)
	p.awaitReady(t)
	var addr atomic.Value
	addr.Store(p.addr)

	// The senders: 500 leads, 8 at a time, each retried until it gets a 2xx.
	const leads = 500
	var accepted sync.Map
	var wg sync.WaitGroup
	next := atomic.Int64{}
	client := &http.Client{Timeout: 5 * time.Second}
	for range 8 {
		wg.Go(func() {
			for {
				n := next.Add(1)
				if n > leads {
					return
				}
				body := fmt.Sprintf(`{"external_id":"drill-%d","email":"d%d@example.com","name":"Drill %d"}`, n, n, n)
				for attempt := 0; ; attempt++ {
					if attempt > 600 {
						t.Errorf("lead %d never got a 2xx", n)
						break
					}
					now := time.Now()
					req, _ := http.NewRequest(http.MethodPost, "http://"+addr.Load().(string)+"/api/v1/leads", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
					req.Header.Set(api.HeaderSignature, api.Sign([]byte(webhookSecret), now, []byte(body)))
					resp, err := client.Do(req)
					if err == nil {
						resp.Body.Close()
						if resp.StatusCode/100 == 2 {
							accepted.Store(n, true)
							break
						}
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
		})
	}

	// Five kills at random moments, each followed by a restart.
	for kill := range 5 {
		time.Sleep(time.Duration(300+rand.IntN(900)) * time.Millisecond)
		if err := p.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		<-p.done
		t.Logf("kill %d after %d leads sent, %d cards posted", kill+1, next.Load(), len(emu.Messages(salesChannel)))
		p = startProcess(t, dbURL, env...)
		p.awaitReady(t)
		addr.Store(p.addr)
	}
	wg.Wait()

	ctx := context.Background()
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Jobs held by killed processes are taken over once River finds them stuck.
	deadline := time.Now().Add(3 * time.Minute)
	var stored, cards int
	for {
		if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM lead_cards)`).Scan(&stored, &cards); err != nil {
			t.Fatal(err)
		}
		if stored == cards || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	got := 0
	accepted.Range(func(k, _ any) bool {
		got++
		if _, err := db.LeadByExternalID(ctx, fmt.Sprintf("drill-%d", k)); err != nil {
			t.Errorf("lead %v got a 2xx but is missing: %v", k, err)
		}
		return true
	})
	perLead := map[float64]int{}
	for _, m := range emu.Messages(salesChannel) {
		perLead[m.Metadata.EventPayload["lead_id"].(float64)]++
	}
	doubled := 0
	for _, n := range perLead {
		if n > 1 {
			doubled++
		}
	}
	t.Logf("%d leads acknowledged, %d stored, %d cards recorded, %d posted, %d leads with more than one card", got, stored, cards, len(emu.Messages(salesChannel)), doubled)
	if got != leads || stored != leads || cards != leads || len(perLead) != leads || doubled != 0 {
		t.Errorf("after 5 kills: %d acknowledged, %d stored, %d cards recorded, %d leads carded, %d doubled; want %d, %d, %d, %d, 0",
			got, stored, cards, len(perLead), doubled, leads, leads, leads, leads)
	}
}
