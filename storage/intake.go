package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

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
	announce := jobs != nil
	if jobs == nil {
		jobs = &IntakeJobs{}
	}
	args, externalIDs := intakeArgs(leads, channels, db.now(), dueAt, announce, actor, jobs, announce && db.notifyRiver())
	byExternal, err := insertNew(ctx, conn, "armistice_insert_new_leads", insertNewLeadsSQL, args)
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "23505" && pgErr.ConstraintName == "leads_external_id_key" {
		// A lead stored already: the statement stored nothing, and the
		// one that passes over stored leads runs instead.
		byExternal, err = insertNew(ctx, conn, "armistice_insert_leads", insertLeadsSQL, args)
	}
	if err != nil {
		return nil, fmt.Errorf("storing leads: %w", interpretError(err))
	}
	if len(byExternal) < len(externalIDs) {
		// Duplicates: stored before, or by a statement that committed while
		// this one ran (it waited for that one to end).
		missing := make([]string, 0, len(externalIDs)-len(byExternal))
		for _, id := range externalIDs {
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

// insertNew runs the intake statement sql, prepared as name on conn, with
// intakeArgs' args, and returns the leads it inserted by external_id.
func insertNew(ctx context.Context, conn *pgxpool.Conn, name, sql string, args [][]byte) (map[string]armistice.Received, error) {
	stmt, err := conn.Conn().Prepare(ctx, name, sql)
	if err != nil {
		return nil, err
	}
	formats := make([]int16, len(args))
	for i := range formats {
		formats[i] = 1 // binary
	}
	rows := conn.Conn().PgConn().ExecPrepared(ctx, stmt.Name, args, formats, []int16{1, 1, 1})
	inserted := make(map[string]armistice.Received, len(args))
	for rows.NextRow() {
		v := rows.Values() // id int8, external_id text, the notifications sent
		r := armistice.Received{ID: int64(binary.BigEndian.Uint64(v[0])), ExternalID: string(v[1]), Status: armistice.StatusNew}
		inserted[r.ExternalID] = r
	}
	_, err = rows.Close()
	return inserted, err
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
// It returns the new leads; the caller looks up the others
// (LeadsByExternalIDs): looking them up here, by external_id = ANY(...),
// would be planned once per connection, while the table is small, as a
// scan of the whole table. Its arguments are intakeArgs'.
const insertLeadsSQL = `
WITH new_personas AS (
    INSERT INTO personas (slug, name)
    SELECT slug, slug FROM unnest($1::text[]) AS slug
    ON CONFLICT (slug) DO NOTHING
), inserted AS (
    INSERT INTO leads (external_id, email, name, company, title, phone, source, score, persona,
                       segment, region, country, crm_url, notes, fields, owner_hint,
                       received_at, due_at, announce_channel, announce_pending, below_bar)
    SELECT l.external_id, l.email, l.name, l.company, l.title, l.phone, l.source, l.score, nullif(l.persona, ''),
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

// insertNewLeadsSQL is insertLeadsSQL for leads that are all new, as nearly
// every intake's are: a lead stored already makes it fail (a unique
// violation of leads_external_id_key) having stored nothing, and
// InsertLeads runs insertLeadsSQL instead. Without ON CONFLICT, Postgres
// looks each lead up in the external_id index once rather than twice (a
// check, then the insertion) and confirms no speculative insertion: 9%
// less of its time a lead in arrays of 1,000.
var insertNewLeadsSQL = strings.Replace(insertLeadsSQL, "\n    ON CONFLICT (external_id) DO NOTHING\n", "\n", 1)

// intakeArgs are insertLeadsSQL's arguments for leads (leads[i] going
// to channels[i]), in binary format (intake_params.go): each external_id
// once, its first occurrence (externalIDs), and the personas they name,
// each once.
func intakeArgs(leads []armistice.Lead, channels []string, now, dueAt time.Time, announce bool, actor string, jobs *IntakeJobs, notify bool) (args [][]byte, externalIDs []string) {
	kept := make([]int, 0, len(leads)) // the index in leads of each external_id's first lead
	seen := make(map[string]bool, len(leads))
	var personas []string
	seenPersonas := map[string]bool{}
	for i, l := range leads {
		if seen[l.ExternalID] {
			continue
		}
		seen[l.ExternalID] = true
		kept = append(kept, i)
		externalIDs = append(externalIDs, l.ExternalID)
		if l.Persona != "" && !seenPersonas[l.Persona] {
			seenPersonas[l.Persona] = true
			personas = append(personas, l.Persona)
		}
	}
	n := len(kept)
	text := func(field func(l *armistice.Lead) string) []byte {
		return textArray(n, func(i int) string { return field(&leads[kept[i]]) })
	}
	return [][]byte{
		textArray(len(personas), func(i int) string { return personas[i] }),
		timestamptzParam(now), timestamptzParam(dueAt), boolParam(announce), []byte(actor),
		textArray(n, func(i int) string { return externalIDs[i] }),
		text(func(l *armistice.Lead) string { return l.Email }),
		text(func(l *armistice.Lead) string { return l.Name }),
		text(func(l *armistice.Lead) string { return l.Company }),
		text(func(l *armistice.Lead) string { return l.Title }),
		text(func(l *armistice.Lead) string { return l.Phone }),
		text(func(l *armistice.Lead) string { return l.Source }),
		int2Array(n, func(i int) (int16, bool) {
			if s := leads[kept[i]].Score; s != nil {
				return int16(*s), true
			}
			return 0, false
		}),
		text(func(l *armistice.Lead) string { return l.Persona }),
		text(func(l *armistice.Lead) string { return l.Segment }),
		text(func(l *armistice.Lead) string { return l.Region }),
		text(func(l *armistice.Lead) string { return l.Country }),
		text(func(l *armistice.Lead) string { return l.CRMURL }),
		text(func(l *armistice.Lead) string { return l.Notes }),
		jsonbArray(n, func(i int) map[string]string { return leads[kept[i]].Fields }),
		text(func(l *armistice.Lead) string { return l.OwnerHint }),
		textArray(n, func(i int) string { return channels[kept[i]] }),
		text(func(l *armistice.Lead) string { return l.BelowBar }),
		[]byte(jobs.Lead.Kind), []byte(jobs.Lead.Queue), int2Param(jobs.Lead.MaxAttempts), int2Param(jobs.Lead.Priority),
		[]byte(jobs.Channel.Kind), []byte(jobs.Channel.Queue), int2Param(jobs.Channel.MaxAttempts), int2Param(jobs.Channel.Priority),
		boolParam(notify),
	}, externalIDs
}
