package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// EraseByEmail erases the personal data of every lead that holds email
// (ignoring case): email, name, title, phone, notes, extra fields, CRM link,
// the rejection comment (in the lead and its trail) and an external ID that
// is an email address. Status, source, score, persona, segment, region,
// country, company, dates and the decision's reason stay, so that counts
// stay right. Each lead gets an "erased" event naming the fields. The leads
// stay locked until tx ends. No lead holding email gives an empty result.
func (tx *Tx) EraseByEmail(ctx context.Context, email, actor string) ([]armistice.Erased, error) {
	out, err := tx.eraseFound(ctx, actor, "request", func() ([]dbsqlc.Lead, error) {
		return tx.db.q.LockLeadsByEmail(ctx, tx.tx, strings.TrimSpace(email))
	})
	if err != nil {
		return nil, fmt.Errorf("erasing the leads of an email address: %w", interpretError(err))
	}
	return out, nil
}

// EraseByExternalID erases, as EraseByEmail does, the personal data of the
// lead with this external ID (exactly as it was sent), so that a lead given
// without an email address can be erased too. A lead that holds no
// personal data any more, or none with that ID, gives an empty result.
func (tx *Tx) EraseByExternalID(ctx context.Context, externalID, actor string) ([]armistice.Erased, error) {
	out, err := tx.eraseFound(ctx, actor, "request", func() ([]dbsqlc.Lead, error) {
		return tx.db.q.LockLeadsByExternalID(ctx, tx.tx, strings.TrimSpace(externalID))
	})
	if err != nil {
		return nil, fmt.Errorf("erasing the lead of an external ID: %w", interpretError(err))
	}
	return out, nil
}

// eraseFound erases the leads that lock finds and locks; why says what
// the erasure is for ("request" or "retention").
func (tx *Tx) eraseFound(ctx context.Context, actor, why string, lock func() ([]dbsqlc.Lead, error)) ([]armistice.Erased, error) {
	rows, err := lock()
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return tx.eraseLocked(ctx, rows, actor, why)
}

// EraseReceivedBefore erases, as EraseByEmail does, the personal data of
// up to batch leads received before cutoff that still hold it, the oldest
// first after the lead after (the last of the batch before; zero: from the
// oldest), so that batch after batch walks the range once. Leads locked by
// someone else at that moment are left for the next run. Fewer than batch
// leads erased means the range is done.
func (tx *Tx) EraseReceivedBefore(ctx context.Context, cutoff time.Time, after armistice.Erased, batch int, actor string) ([]armistice.Erased, error) {
	out, err := tx.eraseFound(ctx, actor, "retention", func() ([]dbsqlc.Lead, error) {
		return tx.db.q.LockExpiredLeads(ctx, tx.tx, dbsqlc.LockExpiredLeadsParams{
			Cutoff: cutoff, MaxRows: int32(batch), AfterReceivedAt: after.ReceivedAt, AfterID: after.LeadID,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("erasing leads received before %s: %w", cutoff.Format(time.RFC3339), interpretError(err))
	}
	return out, nil
}

// eraseLocked erases the leads of rows, which the transaction has locked.
func (tx *Tx) eraseLocked(ctx context.Context, rows []dbsqlc.Lead, actor, why string) ([]armistice.Erased, error) {
	db := tx.db
	now := db.now()
	ids := make([]int64, len(rows))
	out := make([]armistice.Erased, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
		out[i] = armistice.Erased{LeadID: r.ID, ExternalID: r.ExternalID, ReceivedAt: r.ReceivedAt, Fields: personalFields(r)}
		if strings.Contains(r.ExternalID, "@") {
			out[i].ExternalID = fmt.Sprintf("erased-%d", r.ID)
		}
	}
	if err := db.q.EraseLeads(ctx, tx.tx, dbsqlc.EraseLeadsParams{ErasedAt: now, Ids: ids}); err != nil {
		return nil, err
	}
	if err := db.q.EraseEventComments(ctx, tx.tx, ids); err != nil {
		return nil, err
	}
	if err := db.scrubFreeText(ctx, tx.tx, rows); err != nil {
		return nil, err
	}
	for _, e := range out {
		data, _ := json.Marshal(map[string]any{"fields": e.Fields, "why": why})
		if _, err := db.q.InsertLeadEvent(ctx, tx.tx, dbsqlc.InsertLeadEventParams{LeadID: e.LeadID, Kind: string(armistice.EventErased), Actor: actor, Data: data, At: now}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scrubChunk is how many values one scrubbing pattern holds.
const scrubChunk = 50

// scrubFreeText replaces, in the free text of other tables (insights, the
// model's briefs), the leads' email addresses, full names and phone
// numbers. A single-word name is left alone: it would hit other people.
func (db *DB) scrubFreeText(ctx context.Context, tx pgx.Tx, rows []dbsqlc.Lead) error {
	var values []string
	for _, r := range rows {
		if r.Email != "" {
			values = append(values, r.Email)
		}
		if name := strings.TrimSpace(r.Name); strings.Contains(name, " ") && len(name) >= 5 {
			values = append(values, name)
		}
		if len(strings.Map(keepDigit, r.Phone)) >= 6 {
			values = append(values, strings.TrimSpace(r.Phone))
		}
	}
	for start := 0; start < len(values); start += scrubChunk {
		chunk := values[start:min(start+scrubChunk, len(values))]
		quoted := make([]string, len(chunk))
		for i, v := range chunk {
			quoted[i] = regexp.QuoteMeta(v)
		}
		pattern := strings.Join(quoted, "|")
		for _, scrub := range []func(context.Context, dbsqlc.DBTX, string) error{db.q.ScrubInsights, db.q.ScrubPersonaBriefs, db.q.ScrubRejectionBriefs} {
			if err := scrub(ctx, tx, pattern); err != nil {
				return err
			}
		}
	}
	return nil
}

func keepDigit(r rune) rune {
	if unicode.IsDigit(r) {
		return r
	}
	return -1
}

// personalFields names the fields of a lead that hold personal data.
func personalFields(r dbsqlc.Lead) []string {
	var fields []string
	for _, f := range []struct {
		name  string
		value string
	}{
		{"email", r.Email}, {"name", r.Name}, {"title", r.Title}, {"phone", r.Phone}, {"notes", r.Notes},
		{"crm_url", r.CrmUrl}, {"comment", r.Comment},
	} {
		if f.value != "" {
			fields = append(fields, f.name)
		}
	}
	if len(r.Fields) > 0 && string(r.Fields) != "{}" && string(r.Fields) != "null" {
		fields = append(fields, "fields")
	}
	if strings.Contains(r.ExternalID, "@") {
		fields = append(fields, "external_id")
	}
	return fields
}

// LeadMessage is a message about a lead that shows its personal data,
// besides its card and rejection feedback.
type LeadMessage struct {
	LeadID    int64
	Kind      string // the notice kind, such as "escalation"
	Platform  armistice.Platform
	ChannelID string
	MessageID string
	PostedAt  time.Time
}

// RecordLeadMessage records a message about a lead, so that it can be
// redrawn when the lead's personal data is erased. Recording it twice does
// nothing.
func (db *DB) RecordLeadMessage(ctx context.Context, m LeadMessage) error {
	err := db.q.InsertLeadMessage(ctx, db.pool, dbsqlc.InsertLeadMessageParams{
		LeadID: m.LeadID, Kind: m.Kind, Platform: string(m.Platform), ChannelID: m.ChannelID, MessageID: m.MessageID, PostedAt: db.now(),
	})
	if err != nil {
		return fmt.Errorf("recording a message of lead %d: %w", m.LeadID, interpretError(err))
	}
	return nil
}

// LeadMessages returns the messages recorded about a lead, oldest first.
func (db *DB) LeadMessages(ctx context.Context, leadID int64) ([]LeadMessage, error) {
	rows, err := db.q.LeadMessages(ctx, db.pool, leadID)
	if err != nil {
		return nil, fmt.Errorf("messages of lead %d: %w", leadID, interpretError(err))
	}
	out := make([]LeadMessage, len(rows))
	for i, r := range rows {
		out[i] = LeadMessage{LeadID: r.LeadID, Kind: r.Kind, Platform: armistice.Platform(r.Platform), ChannelID: r.ChannelID, MessageID: r.MessageID, PostedAt: r.PostedAt}
	}
	return out, nil
}
