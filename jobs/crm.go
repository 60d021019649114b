package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// CRMArgs is the job that sends one event to the CRM webhook.
type CRMArgs struct {
	EventID int64 `json:"event_id"`
}

// Kind implements river.JobArgs.
func (CRMArgs) Kind() string { return "crm_notify" }

// InsertOpts keeps trying for about three days (River's backoff over 25
// attempts): the CRM gets every event once it is up.
func (CRMArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 25} }

// CRMConfig is where CRM events go and how they are signed.
type CRMConfig struct {
	URL string // empty: no events are sent
	// Secret signs each event like the intake API: v2, over the timestamp,
	// POST, the URL's path and the body.
	Secret []byte
	// SignV1 signs with v1 instead (the timestamp and the body), as events
	// were signed before v2: for a receiver set up then, while the CRM has
	// no secret of its own and the intake secret signs.
	SignV1 bool
	Client *http.Client
	Now    func() time.Time
}

type crmWorker struct {
	river.WorkerDefaults[CRMArgs]
	svc *handlers.Service
	cfg CRMConfig
}

// Work posts the event, signed, with its ID as Idempotency-Key; anything but
// a 2xx is retried. Errors name the URL without its query, which may hold a
// token: River logs and stores them.
func (w *crmWorker) Work(ctx context.Context, job *river.Job[CRMArgs]) error {
	event, err := w.svc.CRMEventFor(ctx, job.Args.EventID)
	if err != nil {
		return err
	}
	body, err := json.Marshal(event)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("crm webhook: %w", armistice.RedactURLError(err))
	}
	now := w.cfg.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Armistice")
	req.Header.Set("Idempotency-Key", event.ID)
	req.Header.Set("X-Armistice-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Armistice-Signature", w.sign(now, req.URL, body))
	resp, err := w.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("crm webhook: %w", armistice.RedactURLError(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode == http.StatusTooManyRequests {
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			return river.JobSnooze(time.Duration(secs) * time.Second)
		}
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("crm webhook answered %s", resp.Status)
	}
	return nil
}

// sign returns the X-Armistice-Signature of an event posted to u at now.
func (w *crmWorker) sign(now time.Time, u *url.URL, body []byte) string {
	if w.cfg.SignV1 {
		return armistice.Sign(w.cfg.Secret, now, body)
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/" // what the request line carries
	}
	return armistice.SignV2(w.cfg.Secret, now, http.MethodPost, path, body)
}
