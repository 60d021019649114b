//go:build drill

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
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

// TestDrillThreeReplicas runs three processes on one database and one
// workspace: every lead gets one card, reps clicking Accept at once through
// all three connections get one decision per lead, and when one replica is
// killed mid-run the other two carry on.
func TestDrillThreeReplicas(t *testing.T) {
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddUser(slackemu.User{ID: rep, Name: "rosa"})
	emu.AddUser(slackemu.User{ID: rep2, Name: "sam"})
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID, rep, rep2}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	env := []string{
		"SLACK_BOT_TOKEN=" + emu.Config().BotToken, "SLACK_APP_TOKEN=" + emu.Config().AppToken,
		"SLACK_API_URL=" + slack.URL + "/api/", "ARMISTICE_SALES_CHANNEL=" + salesChannel,
		"ARMISTICE_MARKETING_CHANNEL=" + marketingChannel, "ARMISTICE_WEBHOOK_SECRET=" + webhookSecret,
		"ARMISTICE_SLACK_POST_RATE=100",
	}
	dbURL := storagetest.URL(t)
	replicas := []*process{startProcess(t, dbURL, env...), startProcess(t, dbURL, env...), startProcess(t, dbURL, env...)}
	for _, p := range replicas {
		p.awaitReady(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	if err := emu.Await(ctx, func() bool { return emu.Connections() == 3 }); err != nil {
		t.Fatalf("three connections: %v", err)
	}
	const leads = 60
	for i := range leads {
		sendLead(t, replicas[i%3].addr, fmt.Sprintf(`{"external_id":"rep-%d","email":"r%d@example.com","name":"Rep %d"}`, i, i, i))
	}
	if err := emu.Await(ctx, func() bool { return len(emu.Messages(salesChannel)) >= leads }); err != nil {
		t.Fatalf("cards: %d of %d", len(emu.Messages(salesChannel)), leads)
	}
	cards := emu.Messages(salesChannel)

	// Both reps click every card at once; a third of the way through, one
	// replica dies. A click whose envelope went to it is clicked again, as a
	// rep would.
	var wg sync.WaitGroup
	for i, card := range cards {
		if i == leads/3 {
			if err := replicas[0].cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
		}
		for _, user := range []string{rep, rep2} {
			wg.Go(func() {
				for attempt := 0; attempt < 5; attempt++ {
					if _, err := emu.ClickButton(ctx, user, salesChannel, card.TS, "lead_accept"); err == nil || strings.Contains(err.Error(), "no element") {
						return
					}
				}
			})
		}
	}
	wg.Wait()
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var decided, decisions, distinctCards int
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads WHERE verdict = 'accepted'), (SELECT count(*) FROM lead_events WHERE kind = 'accepted'), (SELECT count(*) FROM lead_cards)`).Scan(&decided, &decisions, &distinctCards); err != nil {
			t.Fatal(err)
		}
		if (decided == leads && distinctCards == leads) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	perLead := map[float64]int{}
	for _, m := range emu.Messages(salesChannel) {
		perLead[m.Metadata.EventPayload["lead_id"].(float64)]++
	}
	t.Logf("%d leads, %d cards in the channel, %d recorded, %d accepted, %d acceptance events", leads, len(emu.Messages(salesChannel)), distinctCards, decided, decisions)
	if len(emu.Messages(salesChannel)) != leads || len(perLead) != leads || distinctCards != leads {
		t.Errorf("cards: %d posted for %d leads, %d recorded; want one each", len(emu.Messages(salesChannel)), len(perLead), distinctCards)
	}
	if decided != leads || decisions != leads {
		t.Errorf("%d leads accepted with %d acceptance events; want %d and %d", decided, decisions, leads, leads)
	}
}

// TestDrillDatabaseOutageDuringABurst cuts the bot's database connection
// for three seconds while leads arrive: the intake answers 503 with
// Retry-After meanwhile, the senders retry, and afterwards every lead is
// stored once and announced once.
func TestDrillDatabaseOutageDuringABurst(t *testing.T) {
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	dbURL := storagetest.URL(t)
	proxy, proxied := storagetest.NewProxy(t, dbURL)
	p := startProcess(t, proxied,
		"SLACK_BOT_TOKEN="+emu.Config().BotToken, "SLACK_APP_TOKEN="+emu.Config().AppToken,
		"SLACK_API_URL="+slack.URL+"/api/", "ARMISTICE_SALES_CHANNEL="+salesChannel,
		"ARMISTICE_MARKETING_CHANNEL="+marketingChannel, "ARMISTICE_WEBHOOK_SECRET="+webhookSecret,
		"ARMISTICE_SLACK_POST_RATE=100")
	p.awaitReady(t)

	const leads = 200 // sent from the moment the connection is cut
	var unavailable, retryAfter atomic.Int64
	var wg sync.WaitGroup
	next := atomic.Int64{}
	client := &http.Client{Timeout: 10 * time.Second}
	for range 8 {
		wg.Go(func() {
			for n := next.Add(1); n <= leads; n = next.Add(1) {
				body := fmt.Sprintf(`{"external_id":"out-%d","email":"o%d@example.com"}`, n, n)
				for attempt := 0; attempt < 400; attempt++ {
					now := time.Now()
					req, _ := http.NewRequest(http.MethodPost, "http://"+p.addr+"/api/v1/leads", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
					req.Header.Set(api.HeaderSignature, api.Sign([]byte(webhookSecret), now, []byte(body)))
					resp, err := client.Do(req)
					if err == nil {
						resp.Body.Close()
						if resp.StatusCode/100 == 2 {
							break
						}
						if resp.StatusCode == http.StatusServiceUnavailable {
							unavailable.Add(1)
							if resp.Header.Get("Retry-After") != "" {
								retryAfter.Add(1)
							}
						}
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
		})
	}
	proxy.Cut()
	time.Sleep(3 * time.Second)
	proxy.Restore(t)
	wg.Wait()

	ctx := context.Background()
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored, cards int
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM lead_cards)`).Scan(&stored, &cards); err != nil {
			t.Fatal(err)
		}
		if (stored == leads && cards == leads) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("503 answers during the outage: %d (all with Retry-After: %v); %d stored, %d cards, %d posted", unavailable.Load(), unavailable.Load() == retryAfter.Load(), stored, cards, len(emu.Messages(salesChannel)))
	if unavailable.Load() == 0 || unavailable.Load() != retryAfter.Load() {
		t.Errorf("%d 503s, %d with Retry-After; want some, all with it", unavailable.Load(), retryAfter.Load())
	}
	if stored != leads || cards != leads || len(emu.Messages(salesChannel)) != leads {
		t.Errorf("%d stored, %d cards recorded, %d posted; want %d each", stored, cards, len(emu.Messages(salesChannel)), leads)
	}
}

// TestDrillSlackLimitsAndFaults runs against slackemu at Slack's real
// posting rate per channel, answering 429 and 500 now and then: every lead
// is announced once.
func TestDrillSlackLimitsAndFaults(t *testing.T) {
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	emu.SetChannelRate(1, 3)
	p := startProcess(t, storagetest.URL(t),
		"SLACK_BOT_TOKEN="+emu.Config().BotToken, "SLACK_APP_TOKEN="+emu.Config().AppToken,
		"SLACK_API_URL="+slack.URL+"/api/", "ARMISTICE_SALES_CHANNEL="+salesChannel,
		"ARMISTICE_MARKETING_CHANNEL="+marketingChannel, "ARMISTICE_WEBHOOK_SECRET="+webhookSecret)
	p.awaitReady(t)

	const leads = 20
	for i := 1; i <= leads; i++ {
		sendLead(t, p.addr, fmt.Sprintf(`{"external_id":"lim-%02d","email":"l%d@example.com","name":"Lim %d"}`, i, i, i))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Slack refuses now and then while the burst drains.
	for _, f := range []slackemu.Fault{
		{Status: 429, RetryAfter: time.Second, Times: 1}, {Status: 500, Times: 1}, {Status: 429, RetryAfter: 2 * time.Second, Times: 1},
		{Status: 503, Times: 1}, {Status: 429, RetryAfter: time.Second, Times: 1},
	} {
		calls := emu.Calls("chat.postMessage")
		emu.SetFault("chat.postMessage", f)
		if err := emu.Await(ctx, func() bool { return emu.Calls("chat.postMessage") > calls+1 }); err != nil {
			t.Fatal(err)
		}
	}
	if err := emu.Await(ctx, func() bool { return len(emu.Messages(salesChannel)) >= leads }); err != nil {
		t.Fatalf("cards: %d of %d\n%s", len(emu.Messages(salesChannel)), leads, p.logs)
	}
	time.Sleep(2 * time.Second) // a doubled card would arrive within this
	msgs := emu.Messages(salesChannel)
	var order []float64
	for _, m := range msgs {
		order = append(order, m.Metadata.EventPayload["lead_id"].(float64))
	}
	perLead := map[float64]int{}
	for _, id := range order {
		perLead[id]++
	}
	t.Logf("%d cards through %d chat.postMessage calls; lead order %v", len(msgs), emu.Calls("chat.postMessage"), order)
	if len(msgs) != leads || len(perLead) != leads {
		t.Errorf("%d cards for %d of %d leads", len(msgs), len(perLead), leads)
	}
	if !slices.IsSorted(order) {
		t.Errorf("the cards are not in the order the leads arrived: %v", order)
	}
}

// TestDrillKilledAfterSlackTookThePostStillOneCard kills the bot while Slack
// holds its answer to a card it did post; the restarted bot takes the job
// over once River finds it stuck (half a minute or more) and records the
// card it finds in the channel instead of posting a second one.
func TestDrillKilledAfterSlackTookThePostStillOneCard(t *testing.T) {
	t.Parallel()
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	env := []string{
		"SLACK_BOT_TOKEN=" + emu.Config().BotToken, "SLACK_APP_TOKEN=" + emu.Config().AppToken,
		"SLACK_API_URL=" + slack.URL + "/api/", "ARMISTICE_SALES_CHANNEL=" + salesChannel,
		"ARMISTICE_MARKETING_CHANNEL=" + marketingChannel, "ARMISTICE_WEBHOOK_SECRET=" + webhookSecret,
	}
	dbURL := storagetest.URL(t)

	// Slack carries the first post out but its answer never arrives: the
	// process is killed while it waits.
	emu.SetFault("chat.postMessage", slackemu.Fault{Hold: time.Hour, Times: 1})
	first := startProcess(t, dbURL, env...)
	first.awaitReady(t)
	sendLead(t, first.addr, `{"external_id":"kill-1","email":"k@example.com","name":"Kim"}`)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := emu.Await(ctx, func() bool { return len(emu.Messages(salesChannel)) == 1 }); err != nil {
		t.Fatalf("the card was never posted: %v\n%s", err, first.logs)
	}
	if err := first.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-first.done

	second := startProcess(t, dbURL, env...)
	second.awaitReady(t)
	db, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lead, err := db.LeadByExternalID(context.Background(), "kill-1")
	if err != nil {
		t.Fatal(err)
	}
	// The job the killed process held is taken over once River finds it stuck.
	deadline := time.Now().Add(100 * time.Second)
	for {
		if _, err := db.LeadCard(context.Background(), lead.ID); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lead's card was never recorded after the restart\n%s", second.logs)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n := len(emu.Messages(salesChannel)); n != 1 {
		t.Errorf("%d cards after the restart, want 1", n)
	}
}
