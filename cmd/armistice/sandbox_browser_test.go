package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/armistice/armistice/sandbox"
	"github.com/armistice/armistice/storage/storagetest"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// startSandboxServe runs serve in-process with no Slack tokens, so in
// sandbox mode, against a fresh database, and returns its address.
func startSandboxServe(t *testing.T) (addr string, logs *syncBuffer) {
	t.Helper()
	env := map[string]string{
		"DATABASE_URL":        storagetest.URL(t),
		"ARMISTICE_HTTP_ADDR": "127.0.0.1:0",
	}
	listening := make(chan string, 1)
	logs = &syncBuffer{}
	app := &App{Getenv: func(k string) string { return env[k] }, Stdout: io.Discard, Stderr: logs, OnListen: func(a string) { listening <- a }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx, []string{"serve"}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v\n%s", err, logs)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("serve did not stop within 20 s\n%s", logs)
		}
	})
	select {
	case addr = <-listening:
	case err := <-done:
		t.Fatalf("serve exited: %v\n%s", err, logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not listen within 30 s\n%s", logs)
	}
	return addr, logs
}

// browser starts a headless Chromium with a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		t.Fatalf("the sandbox's browser test needs Debian's chromium at %s (apt-get install chromium; .ci/run installs it): %v", chromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first run starts the browser, which lives as long as ctx: no
	// timeout on it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// shooter saves full-page screenshots into $ARTIFACTS_DIR or a temporary
// directory, and logs where.
type shooter struct {
	t   *testing.T
	dir string
	n   int
}

func newShooter(t *testing.T) *shooter {
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, "sandbox")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return &shooter{t: t, dir: dir}
}

func (s *shooter) shot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		s.n++
		path := filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, name))
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			return err
		}
		s.t.Logf("screenshot: %s", path)
		return nil
	})
}

// until waits for a JavaScript condition to hold on the page.
func until(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))
}

// click clicks the first element matching a CSS selector once there is
// one, finding and clicking it in one step: a live update may redraw the
// page between two browser actions.
func click(format string, args ...any) chromedp.Action[chromedp.Void] {
	sel := fmt.Sprintf(format, args...)
	return chromedp.Steps(
		until(fmt.Sprintf(`document.querySelector(%q) !== null`, sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).click()`, sel)),
	)
}

// css selects the first element matching a CSS selector.
func css(format string, args ...any) chromedp.CSS { return chromedp.CSS(fmt.Sprintf(format, args...)) }

// Page helpers, in the page's JavaScript.
const (
	// undecidedCards lists the keys of the cards that still have an Accept
	// button, oldest first.
	undecidedCards = `[...document.querySelectorAll('#messages .msg')].filter(m => m.querySelector('button[data-action-id="lead_accept"]')).map(m => m.dataset.key)`
	// assignedTo lists the keys of the undecided cards assigned to a rep
	// (by name), oldest first.
	assignedTo = `(name => [...document.querySelectorAll('#messages .msg')].filter(m => m.querySelector('button[data-action-id="lead_accept"]') && m.innerText.includes('Assigned to @' + name)).map(m => m.dataset.key))`
	demoLoaded = `document.getElementById('demo-btn').dataset.state === 'loaded'`
)

func cardText(key string) string {
	return fmt.Sprintf(`(document.querySelector('#messages .msg[data-key=%q]') || {innerText: ''}).innerText`, key)
}

func actAs(user string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		click(`#people a[data-user=%q]`, user),
		until(fmt.Sprintf(`document.body.dataset.user === %q && document.querySelector('#people .person.active').dataset.user === %q`, user, user)),
	)
}

func TestSandboxPageRunsTheWholeLoopInABrowser(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	addr, logs := startSandboxServe(t)
	if !strings.Contains(logs.String(), "sandbox: open http://127.0.0.1:") {
		t.Errorf("the start-up log does not say where the sandbox is:\n%s", logs)
	}
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	shots := newShooter(t)
	base := "http://" + addr + "/"
	const comment = "Analyst at a competitor, looking at our pricing."

	err := chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS(`#demo-btn`)),
		until(`document.querySelector('.banner').innerText.includes('nothing here reaches Slack')`),
		shots.shot("empty-sandbox"),

		// Load the demo data: a card appears, then colleagues decide two.
		chromedp.Click(chromedp.CSS(`#demo-btn`)),
		until(`document.querySelector('#messages button[data-action-id="lead_accept"]') !== null`),
		until(demoLoaded+` && document.getElementById('messages').innerText.includes('Accepted by') && document.getElementById('messages').innerText.includes('Rejected by')`),
		until(undecidedCards+`.length >= 3`),
		shots.shot("demo-loaded"),
	)
	if err != nil {
		t.Fatalf("loading the demo data: %v\n%s", err, logs)
	}
	// Reps decide leads assigned to them; the marketer tries one. How the
	// demo's history shared the month decides who gets the new leads, so
	// the cards are taken as they came.
	type assigned struct{ key, user, name string }
	var cards []assigned
	for _, rep := range []struct{ user, name string }{{sandbox.Sam, "Sam Okafor"}, {sandbox.Rosa, "Rosa Díaz"}} {
		keys, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](assignedTo+fmt.Sprintf(`(%q)`, rep.name)))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			cards = append(cards, assigned{k, rep.user, rep.name})
		}
	}
	if len(cards) < 3 {
		t.Fatalf("the demo's undecided cards assigned to its reps: %v, want three", cards)
	}
	acceptedBy, rejectedBy := cards[0], cards[1]
	accepted, rejected, refused := cards[0].key, cards[1].key, cards[2].key

	err = chromedp.Do(ctx,
		// A rep accepts: the same message changes in place.
		actAs(acceptedBy.user),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#messages .msg[data-key=%q] button[data-action-id="lead_accept"]`, accepted))),
		until(cardText(accepted)+`.includes('Accepted by @`+acceptedBy.name+`')`),
		until(fmt.Sprintf(`document.querySelector('#messages .msg[data-key=%q] button[data-action-id="lead_accept"]') === null`, accepted)),
		until(fmt.Sprintf(`document.querySelector('#messages .msg[data-key=%q] button.replies') !== null`, accepted)),
		shots.shot("rep-accepted"),

		// The acceptance is told in the card's thread.
		chromedp.Click(css(`#messages .msg[data-key=%q] button.replies`, accepted)),
		until(`!document.getElementById('thread').hidden && document.getElementById('thread-items').innerText.includes('accepted this lead')`),
		shots.shot("thread"),
		chromedp.Click(chromedp.CSS(`#thread [data-close-thread]`)),
		until(`document.getElementById('thread').hidden`),

		// The marketer may not decide: the refusal is theirs alone.
		actAs(sandbox.Mia),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#messages .msg[data-key=%q] button[data-action-id="lead_accept"]`, refused))),
		until(`[...document.querySelectorAll('#messages .msg.ephemeral')].some(m => m.innerText.includes('is assigned to'))`),
		until(cardText(refused)+`.includes('Decide by')`),
		shots.shot("marketer-refused"),
	)
	if err != nil {
		t.Fatalf("accepting as a rep, refused as a marketer: %v\n%s", err, logs)
	}

	refusedAfter, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('#messages .msg[data-key=%q] button[data-action-id="lead_accept"]') !== null ? 'undecided' : 'decided'`, refused)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,

		// A rep rejects through the form: "other" needs a comment.
		actAs(rejectedBy.user),
		until(`![...document.querySelectorAll('#messages .msg.ephemeral')].some(m => m.innerText.includes('is assigned to'))`),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#messages .msg[data-key=%q] button[data-action-id="lead_reject"]`, rejected))),
		chromedp.WaitVisible(chromedp.CSS(`form.modal select[data-action-id="reason"]`)),
		chromedp.SetValue(chromedp.CSS(`form.modal select[data-action-id="reason"]`), "other"),
		chromedp.Click(chromedp.CSS(`form.modal button[type="submit"]`)),
		until(`(() => { const e = document.querySelector('form.modal .field-error[data-error-for="comment"]'); return e && !e.hidden && e.innerText.length > 0; })()`),
		shots.shot("reject-form-error"),
		// Type and submit in one step: a live update may redraw the form's
		// error slots between two browser actions.
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const t = document.querySelector('form.modal textarea[data-action-id="comment"]');
			t.value = %q;
			t.dispatchEvent(new Event('input', {bubbles: true}));
			document.querySelector('form.modal button[type="submit"]').click();
		})()`, comment)),
		until(`document.querySelector('form.modal') === null`),
		until(cardText(rejected)+`.includes('Rejected by @`+rejectedBy.name+`')`),

		// Marketing hears why.
		click(`#channels a[data-channel=%q]`, sandbox.DefaultWorkspace.Marketing.ID),
		until(fmt.Sprintf(`document.body.dataset.channel === %q`, sandbox.DefaultWorkspace.Marketing.ID)),
		until(fmt.Sprintf(`[...document.querySelectorAll('#messages .msg')].some(m => m.innerText.includes('Sales rejected') && m.innerText.includes(%q))`, comment)),
		shots.shot("marketing-feedback"),

		// Any message's menu offers the "Save as persona insight" shortcut.
		click(`#channels a[data-channel=%q]`, sandbox.DefaultWorkspace.Sales.ID),
		until(fmt.Sprintf(`document.body.dataset.channel === %q`, sandbox.DefaultWorkspace.Sales.ID)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#messages .msg[data-key=%q] [data-menu]').click()`, rejected)),
		until(fmt.Sprintf(`!document.querySelector('#messages .msg[data-key=%q] .menu').hidden`, rejected)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#messages .msg[data-key=%q] [data-shortcut="save_insight"]').click()`, rejected)),
		chromedp.WaitVisible(chromedp.CSS(`form.modal select[data-action-id="persona"]`)),
		until(`document.querySelector('form.modal textarea[data-action-id="text"]').value.length > 0`),
		chromedp.SetValue(chromedp.CSS(`form.modal select[data-action-id="persona"]`), "cfo"),
		shots.shot("insight-form"),
		chromedp.Click(chromedp.CSS(`form.modal button[type="submit"]`)),
		until(`document.querySelector('form.modal') === null`),
		until(`[...document.querySelectorAll('#messages .msg.ephemeral')].some(m => m.innerText.includes('Saved for cfo'))`),

		// The composer runs a command as the chosen person and shows the
		// answer only to them.
		chromedp.SendKeys(chromedp.CSS(`#composer-input`), "goals"),
		chromedp.Click(chromedp.CSS(`#composer button[type="submit"]`)),
		until(`[...document.querySelectorAll('#messages .msg.ephemeral')].some(m => m.innerText.includes('Goals for'))`),
		shots.shot("goals-command"),
	)
	if err != nil {
		t.Fatalf("rejecting through the form, the command: %v\n%s", err, logs)
	}
	if refusedAfter != "undecided" {
		t.Errorf("the marketer's click changed the card: %s", refusedAfter)
	}
}

func TestSandboxIsOffWithSlackTokens(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	for _, path := range []string{"/", "/sandbox/state", "/sandbox/assets/sandbox.js"} {
		if code, _ := e.get(t, path); code != http.StatusNotFound {
			t.Errorf("GET %s with Slack tokens set = %d, want 404", path, code)
		}
	}
	resp, err := http.Post("http://"+e.addr+"/sandbox/demo", "application/json", strings.NewReader(`{"user":"U0REP00001"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /sandbox/demo with Slack tokens set = %d, want 404", resp.StatusCode)
	}
	if strings.Contains(e.logs.String(), "sandbox") {
		t.Errorf("the log mentions the sandbox although Slack tokens are set:\n%s", e.logs)
	}
}

func TestSandboxHomeTabDecidesALeadInABrowser(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	addr, logs := startSandboxServe(t)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	shots := newShooter(t)
	reps := []struct{ user, name string }{{sandbox.Sam, "Sam Okafor"}, {sandbox.Rosa, "Rosa Díaz"}}

	err := chromedp.Do(ctx,
		chromedp.Navigate("http://"+addr+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#home-link`)),
		click(`#demo-btn`),
		// The demo's reps decide two of its cards; the others stay.
		until(demoLoaded+` && document.getElementById('messages').innerText.includes('Accepted by') && document.getElementById('messages').innerText.includes('Rejected by')`),
		until(fmt.Sprintf(`%s(%q).length + %s(%q).length > 0`, assignedTo, reps[0].name, assignedTo, reps[1].name)),
	)
	if err != nil {
		t.Fatalf("loading the demo data: %v\n%s", err, logs)
	}
	// A rep with an undecided card, and the text of each of their cards.
	rep, cards := reps[0], map[string]string{}
	for _, r := range reps {
		keys, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](assignedTo+fmt.Sprintf(`(%q)`, r.name)))
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) > 0 {
			rep = r
			for _, k := range keys {
				text, err := chromedp.Run(ctx, chromedp.Evaluate[string](cardText(k)))
				if err != nil {
					t.Fatal(err)
				}
				cards[k] = text
			}
			break
		}
	}
	cardsJSON, _ := json.Marshal(cards)
	// homeLead finds the first lead of the Home with an Accept button whose
	// name is on one of the rep's cards: its value (the lead's ID), its
	// card's key and its name.
	homeLead := fmt.Sprintf(`((cards) => {
		for (const b of document.querySelectorAll('#home button[data-action-id="lead_accept"]')) {
			const sec = b.closest('.bk-actions').previousElementSibling;
			const strong = sec && sec.querySelector('strong');
			const key = strong && Object.keys(cards).find((k) => cards[k].includes(strong.innerText));
			if (key) return {value: b.dataset.value, key, name: strong.innerText};
		}
		return null;
	})(%s)`, cardsJSON)

	err = chromedp.Do(ctx,
		actAs(rep.user),
		click(`#home-link`),
		until(`document.body.dataset.channel === 'home' && document.getElementById('home-link').classList.contains('active')`),
		until(`document.getElementById('home').innerText.includes('My leads') && document.getElementById('home').innerText.includes('My month')`),
		until(homeLead+` !== null`),
		shots.shot("home"),
	)
	if err != nil {
		home, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.channel + ': ' + document.getElementById('home').innerText`))
		t.Fatalf("opening the Home: %v\n%s\ncards: %s\n%s", err, home, cardsJSON, logs)
	}
	lead, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](homeLead))
	if err != nil {
		t.Fatal(err)
	}

	err = chromedp.Do(ctx,
		// Accept in the Home: the lead leaves My leads, its card says so.
		click(`#home button[data-action-id="lead_accept"][data-value=%q]`, lead["value"]),
		until(fmt.Sprintf(`document.querySelector('#home button[data-action-id="lead_accept"][data-value=%q]') === null && document.getElementById('home').innerText.includes('My leads')`, lead["value"])),
		until(fmt.Sprintf(`document.getElementById('home').innerText.includes('Accepted ' + %q)`, lead["name"])),
		shots.shot("home-accepted"),
		click(`#channels a[data-channel=%q]`, sandbox.DefaultWorkspace.Sales.ID),
		until(fmt.Sprintf(`document.body.dataset.channel === %q`, sandbox.DefaultWorkspace.Sales.ID)),
		until(cardText(lead["key"])+`.includes('Accepted by @`+rep.name+`')`),
	)
	if err != nil {
		t.Fatalf("accepting %v in the Home as %s: %v\n%s", lead, rep.name, err, logs)
	}
}
