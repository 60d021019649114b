package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/armistice/armistice"
)

// IntakeJobs are the River jobs that announce the leads an intake stores.
// InsertLeads writes them into River's job table in its own statement, as
// River's clients in other languages insert jobs: the leads, their events
// and their jobs commit together, in one round trip.
type IntakeJobs struct {
	// Lead announces one lead, args {"lead_id": ID}: a new lead whose
	// channel has a pool of reps (it is assigned ahead of its card) or that
	// has no channel.
	Lead JobKind
	// Channel posts the cards queued in one channel, args {"channel": ID}:
	// one job for each channel of the other new leads.
	Channel JobKind
}

// JobKind is how a River job of one kind is inserted.
type JobKind struct {
	Kind        string
	Queue       string
	MaxAttempts int
	Priority    int
}

// riverNotifyEvery spaces the notifications that wake River's producers on
// an intake's jobs, as River spaces its own inserts': a job inserted
// without one is fetched within River's poll interval.
const riverNotifyEvery = 50 * time.Millisecond

// InsertLeads stores valid, normalized leads with their "received" events
// and the end of their SLA window, creating the personas they name, in one
// statement: leads[i] goes to channels[i], and its BelowBar says why it
// falls short of the MQL bar. A lead whose external_id is already stored —
// or that repeats an earlier one of the batch — is a duplicate and changes
// nothing. With jobs, the new leads are queued for announcement and the
// jobs that announce them are written by the same statement; without, they
// are stored quietly. The results follow the order of leads.
//
// When every connection is in use it waits for one at most the pool wait
// (SetPoolWait), then gives up with ErrBusy.
func (db *DB) InsertLeads(ctx context.Context, leads []armistice.Lead, channels []string, actor string, dueAt time.Time, jobs *IntakeJobs) ([]armistice.Received, error) {
	conn, err := db.acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("storing leads: %w", err)
	}
	defer conn.Release()
	c := intakeColumns(leads, channels)
	announce := jobs != nil
	if jobs == nil {
		jobs = &IntakeJobs{}
	}
	rows, err := conn.Query(ctx, insertLeadsSQL,
		c.personaSlugs, db.now(), dueAt, announce, actor,
		c.externalIDs, c.emails, c.names, c.companies, c.titles, c.phones, c.sources, c.scores, c.personas,
		c.segments, c.regions, c.countries, c.crmURLs, c.notes, c.fields, c.ownerHints, c.channels, c.belowBars,
		jobs.Lead.Kind, jobs.Lead.Queue, jobs.Lead.MaxAttempts, jobs.Lead.Priority,
		jobs.Channel.Kind, jobs.Channel.Queue, jobs.Channel.MaxAttempts, jobs.Channel.Priority,
		announce && db.notifyRiver())
	if err != nil {
		return nil, fmt.Errorf("storing leads: %w", interpretError(err))
	}
	byExternal := make(map[string]armistice.Received, len(leads))
	for rows.Next() {
		var r armistice.Received
		if err := rows.Scan(&r.ID, &r.ExternalID, nil); err != nil { // nil: the notifications sent
			rows.Close()
			return nil, fmt.Errorf("storing leads: %w", err)
		}
		r.Status = armistice.StatusNew
		byExternal[r.ExternalID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storing leads: %w", interpretError(err))
	}
	if len(byExternal) < len(c.externalIDs) {
		// Duplicates: stored before, or by a statement that committed while
		// this one ran (it waited for that one to end).
		missing := make([]string, 0, len(c.externalIDs)-len(byExternal))
		for _, id := range c.externalIDs {
			if _, ok := byExternal[id]; !ok {
				missing = append(missing, id)
			}
		}
		existing, err := db.q.LeadsByExternalIDs(ctx, conn, missing)
		if err != nil {
			return nil, fmt.Errorf("storing leads: the duplicates: %w", interpretError(err))
		}
		for _, r := range existing {
			byExternal[r.ExternalID] = armistice.Received{ID: r.ID, ExternalID: r.ExternalID, Status: armistice.Status(r.Status), Duplicate: true}
		}
	}

	out := make([]armistice.Received, len(leads))
	first := make(map[string]bool, len(leads))
	for i, l := range leads {
		out[i] = byExternal[l.ExternalID]
		if first[l.ExternalID] {
			out[i].Duplicate = true
		}
		first[l.ExternalID] = true
	}
	return out, nil
}

// notifyRiver tells whether this write wakes River's producers: at most
// one write every riverNotifyEvery does.
func (db *DB) notifyRiver() bool {
	now := time.Now().UnixNano()
	last := db.riverNotified.Load()
	return now-last >= int64(riverNotifyEvery) && db.riverNotified.CompareAndSwap(last, now)
}

// insertLeadsSQL stores a batch of leads in one statement: it creates the
// personas they name that do not exist yet (named after their slug until
// an admin describes them), inserts the leads whose external_id is new
// with their "received" events and, when they are announced, queues them
// in their channels and inserts the River jobs that announce them (see
// IntakeJobs), waking River's producers when asked to (River's insert
// notification: the topic is the schema's river_insert) for the jobs it
// inserts and those it finds waiting.
//
// A channel whose drain job has not started yet, and will within seconds,
// gets no other: that job reads the queue when it runs, after this
// statement commits, since the statement holds a lock on it until then
// (River fetches with SKIP LOCKED). A job that River is fetching, or that
// runs already, is skipped or no longer waiting, and the channel gets a
// job of its own. Without this, a burst of single leads would make a job
// per write, each to find the queue drained by the one before.
//
// It returns the
// new leads; the caller looks up the others (LeadsByExternalIDs): looking
// them up here, by external_id = ANY(...), would be planned once per
// connection, while the table is small, as a scan of the whole table. A
// score of -1 stands for no score.
const insertLeadsSQL = `
WITH new_personas AS (
    INSERT INTO personas (slug, name)
    SELECT slug, slug FROM unnest($1::text[]) AS slug
    ON CONFLICT (slug) DO NOTHING
), inserted AS (
    INSERT INTO leads (external_id, email, name, company, title, phone, source, score, persona,
                       segment, region, country, crm_url, notes, fields, owner_hint,
                       received_at, due_at, announce_channel, announce_pending, below_bar)
    SELECT l.external_id, l.email, l.name, l.company, l.title, l.phone, l.source, nullif(l.score, -1), nullif(l.persona, ''),
           l.segment, l.region, l.country, l.crm_url, l.notes, l.fields, l.owner_hint,
           $2::timestamptz, $3::timestamptz, l.announce_channel, $4::boolean, l.below_bar
    FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                $13::smallint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                $20::jsonb[], $21::text[], $22::text[], $23::text[])
         AS l(external_id, email, name, company, title, phone, source, score, persona, segment, region,
              country, crm_url, notes, fields, owner_hint, announce_channel, below_bar)
    ON CONFLICT (external_id) DO NOTHING
    RETURNING id, external_id, announce_channel
), received AS (
    INSERT INTO lead_events (lead_id, kind, actor, data, at)
    SELECT id, 'received', $5::text, '{}'::jsonb, $2::timestamptz FROM inserted
), announced AS (
    SELECT id, announce_channel,
           announce_channel = '' OR EXISTS (SELECT 1 FROM pool_reps r WHERE r.channel_id = announce_channel) AS alone
    FROM inserted WHERE $4::boolean
), waiting AS (
    SELECT args ->> 'channel' AS channel FROM river_job
    WHERE state IN ('available', 'scheduled', 'retryable') AND queue = $29::text AND priority = $31::smallint
      AND scheduled_at <= now() + interval '5 seconds' AND kind = $28::text
      AND args ->> 'channel' IN (SELECT announce_channel FROM announced WHERE NOT alone)
    FOR KEY SHARE SKIP LOCKED
), jobs AS (
    INSERT INTO river_job (args, kind, queue, max_attempts, priority, state, scheduled_at)
    SELECT jsonb_build_object('lead_id', id), $24::text, $25::text, $26::smallint, $27::smallint, 'available'::river_job_state, now()
    FROM announced WHERE alone
    UNION ALL
    SELECT jsonb_build_object('channel', announce_channel), $28::text, $29::text, $30::smallint, $31::smallint, 'available'::river_job_state, now()
    FROM announced a WHERE NOT alone AND NOT EXISTS (SELECT 1 FROM waiting w WHERE w.channel = a.announce_channel)
    GROUP BY announce_channel
    RETURNING queue
)
SELECT id, external_id,
       (SELECT count(pg_notify(current_schema() || '.river_insert', json_build_object('queue', queue)::text))
        FROM (SELECT queue FROM jobs UNION SELECT $29::text FROM waiting) AS q WHERE $32::boolean) AS notified
FROM inserted`

// columns are the leads of an insert, column by column: each external_id
// once (its first occurrence), and the personas they name, each once.
type columns struct {
	externalIDs, emails, names, companies, titles, phones, sources []string
	scores                                                         []int16
	personas, segments, regions, countries, crmURLs, notes         []string
	fields                                                         [][]byte
	ownerHints, channels, belowBars, personaSlugs                  []string
}

// intakeColumns lays out leads (leads[i] going to channels[i]) as the
// columns of insertLeadsSQL.
func intakeColumns(leads []armistice.Lead, channels []string) columns {
	n := len(leads)
	c := columns{
		externalIDs: make([]string, 0, n), emails: make([]string, 0, n), names: make([]string, 0, n),
		companies: make([]string, 0, n), titles: make([]string, 0, n), phones: make([]string, 0, n),
		sources: make([]string, 0, n), scores: make([]int16, 0, n), personas: make([]string, 0, n),
		segments: make([]string, 0, n), regions: make([]string, 0, n), countries: make([]string, 0, n),
		crmURLs: make([]string, 0, n), notes: make([]string, 0, n), fields: make([][]byte, 0, n),
		ownerHints: make([]string, 0, n), channels: make([]string, 0, n), belowBars: make([]string, 0, n),
	}
	seen := make(map[string]bool, n)
	personas := map[string]bool{}
	var fieldsBuf []byte // the leads' fields objects, one after the other
	for i, l := range leads {
		if seen[l.ExternalID] {
			continue
		}
		seen[l.ExternalID] = true
		score := int16(-1)
		if l.Score != nil {
			score = int16(*l.Score)
		}
		fields := []byte("{}")
		if len(l.Fields) > 0 {
			start := len(fieldsBuf)
			fieldsBuf = appendFields(fieldsBuf, l.Fields)
			fields = fieldsBuf[start:len(fieldsBuf):len(fieldsBuf)]
		}
		c.externalIDs = append(c.externalIDs, l.ExternalID)
		c.emails = append(c.emails, l.Email)
		c.names = append(c.names, l.Name)
		c.companies = append(c.companies, l.Company)
		c.titles = append(c.titles, l.Title)
		c.phones = append(c.phones, l.Phone)
		c.sources = append(c.sources, l.Source)
		c.scores = append(c.scores, score)
		c.personas = append(c.personas, l.Persona)
		c.segments = append(c.segments, l.Segment)
		c.regions = append(c.regions, l.Region)
		c.countries = append(c.countries, l.Country)
		c.crmURLs = append(c.crmURLs, l.CRMURL)
		c.notes = append(c.notes, l.Notes)
		c.fields = append(c.fields, fields)
		c.ownerHints = append(c.ownerHints, l.OwnerHint)
		c.channels = append(c.channels, channels[i])
		c.belowBars = append(c.belowBars, l.BelowBar)
		if l.Persona != "" && !personas[l.Persona] {
			personas[l.Persona] = true
			c.personaSlugs = append(c.personaSlugs, l.Persona)
		}
	}
	return c
}

// appendFields appends a lead's extra fields as a JSON object, in the
// map's order (jsonb keeps keys in an order of its own). Invalid UTF-8
// reads as U+FFFD, as encoding/json has it.
func appendFields(b []byte, fields map[string]string) []byte {
	b = append(b, '{')
	first := true
	for k, v := range fields {
		if !first {
			b = append(b, ',')
		}
		first = false
		b, _ = jsontext.AppendQuote(b, k)
		b = append(b, ':')
		b, _ = jsontext.AppendQuote(b, v)
	}
	return append(b, '}')
}
