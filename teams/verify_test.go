package teams_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// verifierWorld is a Verifier of teamsemu's tokens, its clock, the tick of
// its daily refresh, and a channel closed once that refresh has stopped.
type verifierWorld struct {
	emu     *teamsemu.Server
	v       *teams.Verifier
	clock   *testClock
	tick    chan time.Time
	stop    context.CancelFunc
	stopped <-chan struct{}
}

func newVerifierWorld(t *testing.T) *verifierWorld {
	t.Helper()
	emu := teamsemu.New(teamsemu.Options{})
	t.Cleanup(emu.Close)
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	w := &verifierWorld{emu: emu, clock: &testClock{t: time.Now()}, tick: make(chan time.Time), stop: stop}
	w.v, w.stopped = teams.NewTestVerifier(ctx, emu.Options().AppID, emu.MetadataURL(), w.clock.Now, w.tick)
	return w
}

// verify checks a token on a Teams activity from teamsemu's connector.
func (w *verifierWorld) verify(ctx context.Context, token string) error {
	return w.v.Verify(ctx, "Bearer "+token, w.emu.ServiceURL(), "msteams")
}

// fetches is how many times the key set has been asked for.
func (w *verifierWorld) fetches() int { return w.emu.CallsTo(teamsemu.RouteKeys) }

// acceptTeamsToken has the Verifier accept a token of the current key.
func (w *verifierWorld) acceptTeamsToken(t *testing.T) {
	t.Helper()
	if err := w.verify(ctxTimeout(t), w.emu.SignToken(teamsemu.TokenOptions{})); err != nil {
		t.Fatalf("a token of the current key: %v", err)
	}
}

func ctxTimeout(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestVerifierLearnsARotatedKeyThoughAJunkKIDCallerHungUp(t *testing.T) {
	w := newVerifierWorld(t)
	w.acceptTeamsToken(t)
	w.emu.RotateKey()
	w.clock.Advance(2 * time.Minute)
	// A call with a token naming a key nobody has, which hangs up at once:
	// the key set is fetched all the same.
	hungUp, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.verify(hungUp, w.emu.SignToken(teamsemu.TokenOptions{KeyID: "junk"})); !errors.Is(err, teams.ErrUnauthorized) {
		t.Fatalf("a junk kid: %v", err)
	}
	if err := w.verify(ctxTimeout(t), w.emu.SignToken(teamsemu.TokenOptions{})); err != nil {
		t.Fatalf("a token of the rotated key, right after: %v", err)
	}
}

func TestVerifierFetchesAgainAfterAFailedFetchAndAtMostOnceAMinuteAfterASuccess(t *testing.T) {
	w := newVerifierWorld(t)
	w.acceptTeamsToken(t)
	w.emu.RotateKey()
	w.clock.Advance(2 * time.Minute)
	w.emu.FailIdentityNext(1, http.StatusInternalServerError)
	if err := w.verify(ctxTimeout(t), w.emu.SignToken(teamsemu.TokenOptions{})); err == nil {
		t.Fatal("accepted while the identity service failed")
	}
	w.acceptTeamsToken(t) // the failed fetch did not hold the next one back
	if n := w.fetches(); n != 2 {
		t.Fatalf("%d key set fetches, want 2 (the first, then after the failure)", n)
	}
	junk := w.emu.SignToken(teamsemu.TokenOptions{KeyID: "junk"})
	if err := w.verify(ctxTimeout(t), junk); err == nil {
		t.Fatal("a junk kid accepted")
	}
	if n := w.fetches(); n != 2 {
		t.Errorf("an unknown kid within a minute of a fetch fetched again (%d fetches)", n)
	}
	w.clock.Advance(time.Minute)
	if err := w.verify(ctxTimeout(t), junk); err == nil {
		t.Fatal("a junk kid accepted")
	}
	if n := w.fetches(); n != 3 {
		t.Errorf("an unknown kid a minute after the last fetch: %d fetches, want 3", n)
	}
}

func TestVerifierFetchesNothingForAnotherIssuerOrAudience(t *testing.T) {
	w := newVerifierWorld(t)
	for name, opts := range map[string]teamsemu.TokenOptions{
		"issuer":               {Issuer: "https://sts.windows.net/evil/", KeyID: "junk"},
		"audience":             {Audience: "someone-else", KeyID: "junk"},
		"issuer, key served":   {Issuer: "https://login.microsoftonline.com/evil/v2.0"},
		"audience, key served": {Audience: "11111111-2222-3333-4444-555555555555"},
	} {
		if err := w.verify(ctxTimeout(t), w.emu.SignToken(opts)); !errors.Is(err, teams.ErrUnauthorized) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := w.emu.CallsTo(teamsemu.RouteMetadata) + w.fetches(); n != 0 {
		t.Errorf("tokens of another issuer or audience caused %d requests to the identity service", n)
	}
}

func TestVerifierConcurrentUnknownKIDsShareOneFetch(t *testing.T) {
	w := newVerifierWorld(t)
	w.acceptTeamsToken(t)
	w.emu.RotateKey()
	w.clock.Advance(2 * time.Minute)
	token := w.emu.SignToken(teamsemu.TokenOptions{})
	hungUp, cancel := context.WithCancel(context.Background())
	cancel()
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		ctx := ctxTimeout(t)
		if i%4 == 0 {
			ctx = hungUp // some callers hang up at once
		}
		wg.Go(func() { errs[i] = w.verify(ctx, token) })
	}
	wg.Wait()
	for i, err := range errs {
		if i%4 != 0 && err != nil {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	if n, m := w.fetches(), w.emu.CallsTo(teamsemu.RouteMetadata); n != 2 || m != 2 {
		t.Errorf("%d metadata and %d key set fetches, want 2 each (the first, then one for all the callers)", m, n)
	}
}

func TestVerifierRefreshesItsKeysDailyAndStopsOnShutdown(t *testing.T) {
	w := newVerifierWorld(t)
	w.acceptTeamsToken(t)
	// A fetch for an unknown kid, so that none follows within a minute.
	if err := w.verify(ctxTimeout(t), w.emu.SignToken(teamsemu.TokenOptions{KeyID: "junk"})); err == nil {
		t.Fatal("a junk kid accepted")
	}
	w.emu.RotateKey()
	select {
	case w.tick <- w.clock.Now():
	case <-ctxTimeout(t).Done():
		t.Fatal("nothing refreshes the keys on the tick")
	}
	if err := w.emu.WaitFor(ctxTimeout(t), func() bool { return w.fetches() == 3 }); err != nil {
		t.Fatalf("no refresh on the tick: %v", err)
	}
	w.acceptTeamsToken(t)
	if n := w.fetches(); n != 3 {
		t.Errorf("%d key set fetches, want 3: the rotated key came with the daily refresh", n)
	}
	w.stop()
	select {
	case <-w.stopped:
	case <-ctxTimeout(t).Done():
		t.Fatal("the daily refresh did not stop with its context")
	}
}
