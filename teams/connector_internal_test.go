package teams

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfterReadsSecondsAndDates(t *testing.T) {
	if got := retryAfter("7"); got != 7*time.Second {
		t.Errorf("seconds: %s", got)
	}
	if got := retryAfter(time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)); got < 28*time.Second || got > 31*time.Second {
		t.Errorf("a date 30 s ahead: %s", got)
	}
	if got := retryAfter(""); got != 0 {
		t.Errorf("absent: %s", got)
	}
}
