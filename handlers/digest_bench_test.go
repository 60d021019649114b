package handlers_test

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
)

// seedMillion fills the database with 1,000,000 leads over the last year,
// with their received events; all but the last three days' are decided (a
// third rejected), and a seventh of the accepted ones reach the CRM stages.
const seedMillion = `
INSERT INTO leads (external_id, email, source, received_at, due_at, status, verdict, decided_by, decided_at, reason, decision_seconds)
SELECT 'bench-' || g, 'b' || g || '@example.com', (ARRAY['webinar','ebook','paid-search','events','referral'])[1 + g % 5],
       r, r + interval '4 hours',
       CASE WHEN g % 365 >= 3 THEN CASE WHEN g % 3 = 0 THEN 'rejected' ELSE 'accepted' END ELSE 'announced' END,
       CASE WHEN g % 365 >= 3 THEN CASE WHEN g % 3 = 0 THEN 'rejected' ELSE 'accepted' END ELSE '' END,
       CASE WHEN g % 365 >= 3 THEN 'U0REP0000' || (g % 5) ELSE '' END,
       CASE WHEN g % 365 >= 3 THEN r + (g % 300) * interval '1 minute' END,
       CASE WHEN g % 365 >= 3 AND g % 3 = 0 THEN (ARRAY['no budget','not our ICP','not ready'])[1 + g % 3] ELSE '' END,
       CASE WHEN g % 365 >= 3 THEN (g % 300) * 60 END
FROM generate_series(1, 1000000) AS g, LATERAL (SELECT now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second' AS r) AS t;
INSERT INTO lead_events (lead_id, kind, actor, data, at) SELECT id, 'received', 'api', '{}', received_at FROM leads;
INSERT INTO lead_events (lead_id, kind, actor, data, at) SELECT id, verdict, decided_by, '{}', decided_at FROM leads WHERE verdict <> '';
INSERT INTO lead_events (lead_id, kind, actor, data, at)
SELECT id, 'stage', 'crm', jsonb_build_object('stage', CASE WHEN id % 2 = 0 THEN 'won' ELSE 'opportunity' END, 'amount', 10000), decided_at + interval '3 days'
FROM leads WHERE verdict = 'accepted' AND id % 7 = 0;
`

// BenchmarkComposeDigestOverAMillionLeads measures composing the daily
// digest (every query it runs) over 1,000,000 leads and their events. Run it
// with `make bench-digest`; seeding takes about a minute.
func BenchmarkComposeDigestOverAMillionLeads(b *testing.B) {
	tb := setup(b, func(cfg *handlers.Config) { cfg.Settings.DigestChannels = []string{sales} })
	ctx := context.Background()
	start := time.Now()
	for _, stmt := range []string{seedMillion, "VACUUM ANALYZE"} { // as autovacuum leaves a settled table
		if _, err := tb.db.Pool().Exec(ctx, stmt); err != nil {
			b.Fatal(err)
		}
	}
	var leads, events int
	_ = tb.db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM lead_events)`).Scan(&leads, &events)
	b.Logf("seeded %d leads and %d events in %s", leads, events, time.Since(start).Round(time.Second))
	b.ResetTimer()
	for b.Loop() {
		if _, err := tb.svc.ComposeDigest(ctx, chat.DigestDaily, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/digest")
}
