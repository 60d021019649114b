package api

import (
	"crypto/hmac"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/armistice/armistice"
)

// Signature headers of the intake API and of Armistice's outbound webhooks.
const (
	HeaderTimestamp = "X-Armistice-Timestamp"
	HeaderSignature = "X-Armistice-Signature"
)

// maxSkew is how far a request's timestamp may be from now.
const maxSkew = 5 * time.Minute

// Sign returns the X-Armistice-Signature value for body sent at ts; see
// armistice.Sign.
func Sign(secret []byte, ts time.Time, body []byte) string { return armistice.Sign(secret, ts, body) }

// verifySignature checks a request's signature headers against its raw body.
// The error says what is wrong, without disclosing the expected value.
func verifySignature(secret []byte, h http.Header, body []byte, now time.Time) error {
	tsHeader, sigHeader := h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if tsHeader == "" || sigHeader == "" {
		return errors.New("missing " + HeaderTimestamp + " or " + HeaderSignature + " header")
	}
	secs, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return errors.New(HeaderTimestamp + " is not a Unix time in seconds")
	}
	ts := time.Unix(secs, 0)
	if d := now.Sub(ts); d > maxSkew || d < -maxSkew {
		return errors.New(HeaderTimestamp + " is more than 5 minutes off; check the sender's clock")
	}
	given, ok := strings.CutPrefix(sigHeader, "v1=")
	if !ok {
		return errors.New(HeaderSignature + " must be v1=<hex HMAC-SHA256>")
	}
	got, err := hex.DecodeString(given)
	if err != nil {
		return errors.New(HeaderSignature + " must be v1=<hex HMAC-SHA256>")
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(Sign(secret, ts, body), "v1="))
	if !hmac.Equal(got, want) {
		return errors.New("signature does not match the body")
	}
	return nil
}
