package teams

import (
	"context"
	"net/http"
	"time"
)

// NewTestVerifier builds a Verifier whose clock is now and which refreshes
// its keys on every tick, and returns with it a channel closed once that
// refresh has stopped.
func NewTestVerifier(ctx context.Context, appID, metadataURL string, now func() time.Time, tick <-chan time.Time) (*Verifier, <-chan struct{}) {
	v := newVerifier(ctx, appID, metadataURL, http.DefaultClient, nil, now, tick)
	return v, v.done
}
