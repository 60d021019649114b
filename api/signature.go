package api

import (
	"crypto/hmac"
	"crypto/sha256"
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

// Sign returns a v1 X-Armistice-Signature value for body sent at ts; see
// armistice.Sign.
func Sign(secret []byte, ts time.Time, body []byte) string { return armistice.Sign(secret, ts, body) }

// SignV2 returns a v2 X-Armistice-Signature value for a request to path
// (escaped, without its query) sent at ts; see armistice.SignV2.
func SignV2(secret []byte, ts time.Time, method, path string, body []byte) string {
	return armistice.SignV2(secret, ts, method, path, body)
}

// errV2Required answers a v1 signature where the path names a lead.
var errV2Required = errors.New("this endpoint takes only v2 signatures (" + HeaderSignature + ": v2=<hex HMAC-SHA256 of timestamp.METHOD path.body>): " +
	"v1 does not cover the path, which names the lead")

// errBadSignatureSyntax answers a header with no v1 or v2 signature in it.
var errBadSignatureSyntax = errors.New(HeaderSignature + " must be v2=<hex HMAC-SHA256 of timestamp.METHOD path.body> (or v1=<hex HMAC-SHA256 of timestamp.body> where the path names no lead)")

// verifySignature checks a request's signature headers against its method,
// path and raw body. The header may hold several signatures, separated by
// commas or spaces (v1 and v2 together while a sender moves to v2); one that
// verifies is enough, and schemes other than v1 and v2 are ignored. v1 is
// refused on routes whose path names a lead (a pattern with a wildcard): it
// does not cover the path, so it could be replayed onto another lead. The
// error says what is wrong, without disclosing the expected value.
func verifySignature(secret []byte, r *http.Request, body []byte, now time.Time) error {
	tsHeader, sigHeader := r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature)
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
	v1Accepted := !strings.Contains(r.Pattern, "{")
	var v1, v2 []byte // the expected MACs, computed when first needed
	var sawV1, sawV2 bool
	for _, sig := range parseSignatures(sigHeader) {
		if sig.mac == nil {
			continue
		}
		var want []byte
		switch sig.scheme {
		case "v2":
			sawV2 = true
			if v2 == nil {
				v2 = decodeMAC(strings.TrimPrefix(armistice.SignV2(secret, ts, r.Method, r.URL.EscapedPath(), body), "v2="))
			}
			want = v2
		case "v1":
			sawV1 = true
			if !v1Accepted {
				continue
			}
			if v1 == nil {
				v1 = decodeMAC(strings.TrimPrefix(armistice.Sign(secret, ts, body), "v1="))
			}
			want = v1
		default:
			continue
		}
		if hmac.Equal(sig.mac, want) {
			return nil
		}
	}
	switch {
	case sawV1 && !sawV2 && !v1Accepted:
		return errV2Required
	case !sawV1 && !sawV2:
		return errBadSignatureSyntax
	}
	return errors.New("signature does not match the request (v2 signs the timestamp, method, path and body; v1 the timestamp and body)")
}

// signature is one entry of an X-Armistice-Signature header: "v2=<hex>".
type signature struct {
	scheme string // "v1", "v2", or whatever the sender wrote before "="
	mac    []byte // nil unless the value is 64 hex digits
}

// parseSignatures splits an X-Armistice-Signature header into its entries,
// separated by commas or white space.
func parseSignatures(header string) []signature {
	var sigs []signature
	for entry := range strings.FieldsFuncSeq(header, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		scheme, value, _ := strings.Cut(entry, "=")
		sigs = append(sigs, signature{scheme: scheme, mac: decodeMAC(value)})
	}
	return sigs
}

// decodeMAC decodes a hex HMAC-SHA256; nil when it is not one.
func decodeMAC(v string) []byte {
	b, err := hex.DecodeString(v)
	if err != nil || len(b) != sha256.Size {
		return nil
	}
	return b
}
