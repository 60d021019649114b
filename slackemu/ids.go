package slackemu

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// randomID returns prefix followed by n characters of Slack's ID alphabet
// (upper-case letters and digits), like "V0123ABCDE".
func randomID(prefix string, n int) string {
	var b strings.Builder
	b.WriteString(prefix)
	for range n {
		b.WriteByte(idAlphabet[rand.IntN(len(idAlphabet))])
	}
	return b.String()
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	buf := make([]byte, n)
	for i := range buf {
		buf[i] = byte(rand.Uint32())
	}
	return hex.EncodeToString(buf)
}

// randomBlockID returns a short generated block_id/action_id, like those
// Slack fills in when a block or element has none.
func randomBlockID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 4)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// newEnvelopeID returns a UUID-shaped envelope ID, as Slack's.
func newEnvelopeID() string {
	h := randomHex(16)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newTriggerID returns a trigger ID of Slack's "123456.7890123.abcdef" form.
func newTriggerID() string {
	return fmt.Sprintf("%d.%d.%s", rand.Int64N(9e12)+1e12, rand.Int64N(9e11)+1e11, randomHex(16))
}

// newTSLocked returns a message timestamp ("1700000000.000100") that is
// unique and strictly increasing across the server. The caller holds s.mu.
func (s *Server) newTSLocked() string {
	micros := s.now().UnixMicro()
	if micros <= s.lastTSMicros {
		micros = s.lastTSMicros + 1
	}
	s.lastTSMicros = micros
	return formatTS(micros)
}

// formatTS renders microseconds since the epoch as a Slack timestamp.
func formatTS(micros int64) string {
	return fmt.Sprintf("%d.%06d", micros/1e6, micros%1e6)
}

// parseTS converts a Slack timestamp to microseconds since the epoch; ok is
// false when ts is not of the "seconds.micros" form.
func parseTS(ts string) (int64, bool) {
	sec, frac, found := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0, false
	}
	if !found || frac == "" {
		return s * 1e6, true
	}
	if len(frac) > 6 {
		frac = frac[:6]
	}
	for len(frac) < 6 {
		frac += "0"
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return s*1e6 + f, true
}
