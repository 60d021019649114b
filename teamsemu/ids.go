package teamsemu

import (
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Identifiers shaped like Teams' and Entra ID's.

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum returns n random letters and digits.
func randomAlnum(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alnum[rand.IntN(len(alnum))])
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

// newUUID returns a random (version 4) UUID, the form of Entra object IDs.
func newUUID() string {
	h := []byte(randomHex(16))
	h[12] = '4'
	h[16] = "89ab"[rand.IntN(4)]
	return string(h[0:8]) + "-" + string(h[8:12]) + "-" + string(h[12:16]) + "-" + string(h[16:20]) + "-" + string(h[20:32])
}

// newThreadID returns a team or channel ID: "19:<32 hex>@thread.tacv2".
func newThreadID() string { return "19:" + randomHex(16) + "@thread.tacv2" }

// newMRI returns a user's ID as a bot sees it: "29:1" and 42 characters.
func newMRI() string { return "29:1" + randomAlnum(42) }

// newPersonalConversationID returns a 1:1 chat's ID: "a:1" and 64
// characters.
func newPersonalConversationID() string { return "a:1" + randomAlnum(64) }

// newActivityIDLocked returns an activity ID as Teams makes them: a
// millisecond timestamp, here unique and strictly increasing across the
// server. The caller holds s.mu.
func (s *Server) newActivityIDLocked() string {
	ms := s.opts.Now().UnixMilli()
	if ms <= s.lastID {
		ms = s.lastID + 1
	}
	s.lastID = ms
	return strconv.FormatInt(ms, 10)
}

// formatTimestamp renders t as activities' timestamps: UTC, milliseconds.
func formatTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
