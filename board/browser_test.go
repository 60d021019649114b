package board_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/board"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// browser starts a headless Chromium with a fresh profile, a window of
// width×height.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		t.Fatalf("the board's browser test needs Debian's chromium at %s (apt-get install chromium; .ci/run installs it): %v", chromiumPath, err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// until waits for a JavaScript condition to hold on the page.
func until(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))
}

// screenshot saves the page under $ARTIFACTS_DIR/board, else in the test's
// artifact directory, and logs where.
func screenshot(t *testing.T, name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		buf, err := chromedp.FullScreenshot(100)(ctx, target)
		if err != nil {
			return err
		}
		dir := t.ArtifactDir()
		if env := os.Getenv("ARTIFACTS_DIR"); env != "" {
			dir = filepath.Join(env, "board")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		path := filepath.Join(dir, name+".png")
		t.Logf("screenshot: %s", path)
		return os.WriteFile(path, buf, 0o644)
	})
}

// tileValue reads a funnel figure off the page.
func tileValue(label string) string {
	return `[...document.querySelectorAll('.tile')].find(t => t.querySelector('.tile-label').innerText === '` + label + `').querySelector('.tile-value').innerText`
}

// drawn tells whether both charts cover an area of the page, and their
// marks too: the bars of goals with progress, both lines, every day's
// points.
const drawn = `(() => {
	const area = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
	const all = sel => [...document.querySelectorAll(sel)];
	return ['#progress-chart', '#trend-chart'].every(sel => all(sel).length === 1 && all(sel).every(area)) &&
		all('#progress-chart .bar rect').filter(area).length >= 2 &&
		all('#trend-chart polyline').length === 2 && all('#trend-chart polyline').every(area) &&
		all('#trend-chart circle').length === 30 && all('#trend-chart circle').every(area);
})()`

func TestBoardInABrowserDrawsItsChartsAndShowsADecisionWithoutReload(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token, Poll: 50 * time.Millisecond})
	f.seed(t)
	ctx := browser(t, 1280, 900)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	// The link lands on the board, without the token.
	err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+"/board?token="+token), chromedp.WaitReady(chromedp.CSS(`#board`)))
	if err != nil {
		t.Fatal(err)
	}
	if at, err := chromedp.Run(ctx, chromedp.Location()); err != nil || at != f.srv.URL+"/board" {
		t.Fatalf("the link led to %q (%v), want %s/board", at, err, f.srv.URL)
	}
	err = chromedp.Do(ctx,
		until(drawn),
		until(`document.querySelectorAll('#progress-chart .bar').length === 3 && document.querySelectorAll('#trend-chart .day').length === 15`),
		until(`document.body.dataset.live === 'on'`),
		until(tileValue("Accepted")+` === '3'`),
		// Marks this load: a reload would lose it.
		chromedp.Evaluate[chromedp.Void](`window.sameLoad = true`),
		screenshot(t, "board"),
	)
	if err != nil {
		t.Fatalf("loading the board: %v", err)
	}

	f.decide(t, 5, armistice.Decision{Verdict: armistice.StatusAccepted})
	err = chromedp.Do(ctx,
		until(tileValue("Accepted")+` === '4'`),
		until(`window.sameLoad === true`),
		until(drawn),
		screenshot(t, "board-after-a-decision"),
		chromedp.Navigate(f.srv.URL+"/board?tv=1"),
		chromedp.WaitReady(chromedp.CSS(`#board`)),
		until(`document.documentElement.classList.contains('tv') && document.body.dataset.live === 'on'`),
		until(drawn),
		screenshot(t, "board-tv"),
		// On a phone: one column, nothing wider than the screen.
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(f.srv.URL+"/board"),
		chromedp.WaitReady(chromedp.CSS(`#board`)),
		until(drawn),
		until(`document.documentElement.scrollWidth <= window.innerWidth`),
		screenshot(t, "board-phone"),
	)
	if err != nil {
		t.Fatalf("the decision did not show without a reload: %v", err)
	}
}
