package slackemu

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestFaults(t *testing.T) {
	e := newEnv(t, Config{})
	post := func() error {
		_, _, err := e.api.PostMessage("CLEADS", slack.MsgOptionText("hi", false))
		return err
	}

	t.Run("429 with Retry-After, once", func(t *testing.T) {
		e.emu.SetFault("chat.postMessage", Fault{Status: http.StatusTooManyRequests, RetryAfter: 3 * time.Second, Times: 1})
		var rl *slack.RateLimitedError
		if err := post(); !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
			t.Fatalf("err = %#v", err)
		}
		if err := post(); err != nil {
			t.Fatalf("fault outlived Times: %v", err)
		}
	})

	t.Run("status twice", func(t *testing.T) {
		e.emu.SetFault("chat.postMessage", Fault{Status: http.StatusServiceUnavailable, Times: 2})
		for i := range 2 {
			var sc slack.StatusCodeError
			if err := post(); !errors.As(err, &sc) || sc.Code != http.StatusServiceUnavailable {
				t.Fatalf("call %d: err = %#v", i, err)
			}
		}
		if err := post(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("slack error until cleared", func(t *testing.T) {
		e.emu.SetFault("users.info", Fault{Error: "fatal_error"})
		for range 3 {
			_, err := e.api.GetUserInfo("UALICE")
			wantSlackErr(t, err, "fatal_error")
		}
		e.emu.ClearFaults()
		if _, err := e.api.GetUserInfo("UALICE"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("delay", func(t *testing.T) {
		before := len(e.emu.Messages("CLEADS"))
		e.emu.SetFault("chat.postMessage", Fault{Delay: 150 * time.Millisecond, Times: 1})
		start := time.Now()
		if err := post(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Fatalf("answered after %v", d)
		}
		if n := len(e.emu.Messages("CLEADS")); n != before+1 {
			t.Fatalf("delayed post not stored: %d messages", n)
		}
	})

	t.Run("delayed error", func(t *testing.T) {
		e.emu.SetFault("auth.test", Fault{Delay: 50 * time.Millisecond, Status: http.StatusInternalServerError, Times: 1})
		start := time.Now()
		_, err := e.api.AuthTest()
		var sc slack.StatusCodeError
		if !errors.As(err, &sc) || sc.Code != 500 || time.Since(start) < 50*time.Millisecond {
			t.Fatalf("err = %#v after %v", err, time.Since(start))
		}
	})

	if n := e.emu.Calls("chat.postMessage"); n != 6 {
		t.Fatalf("Calls(chat.postMessage) = %d, want 6", n)
	}
}

func TestHoldCarriesThePostOutButKeepsTheAnswer(t *testing.T) {
	e := newEnv(t, Config{})
	e.emu.SetFault("chat.postMessage", Fault{Hold: time.Minute, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, _, err := e.api.PostMessageContext(ctx, "CLEADS", slack.MsgOptionText("held", false)); err == nil {
		t.Fatal("the caller got an answer that was held back")
	}
	if msgs := e.emu.Messages("CLEADS"); len(msgs) != 1 || msgs[0].Text != "held" {
		t.Errorf("messages = %+v, want the held post stored", msgs)
	}
}
