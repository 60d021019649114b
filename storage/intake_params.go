package storage

import (
	"encoding/binary"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// The intake statement's arguments in Postgres's binary format, written
// here rather than by pgx: an array of 1,000 leads is most of a megabyte,
// and pgx encodes an array element by element into a buffer that starts
// small for every statement, copying it again at each growth. Each array
// here is sized before it is written. The formats are array_recv's,
// textrecv's, int2recv's, boolrecv's, timestamptz_recv's and
// jsonb_recv's.

// The type OIDs of the arrays' elements, which array_recv checks.
const (
	oidInt2  = 21
	oidText  = 25
	oidJSONB = 3802
)

// arrayHeader appends the header of a one-dimensional array of n elements
// of type oid (an empty array has no dimension).
func arrayHeader(b []byte, oid uint32, n int, hasNull bool) []byte {
	dims := uint32(1)
	if n == 0 {
		dims = 0
	}
	b = binary.BigEndian.AppendUint32(b, dims)
	b = binary.BigEndian.AppendUint32(b, boolUint32(hasNull))
	b = binary.BigEndian.AppendUint32(b, oid)
	if n > 0 {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
		b = binary.BigEndian.AppendUint32(b, 1) // lower bound
	}
	return b
}

// arrayHeaderSize is the size of arrayHeader's output.
const arrayHeaderSize = 20

func boolUint32(v bool) uint32 {
	if v {
		return 1
	}
	return 0
}

// textArray encodes a text[] of n elements, value(i) the ith.
func textArray(n int, value func(i int) string) []byte {
	size := arrayHeaderSize
	for i := range n {
		size += 4 + len(value(i))
	}
	b := arrayHeader(make([]byte, 0, size), oidText, n, false)
	for i := range n {
		v := value(i)
		b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
		b = append(b, v...)
	}
	return b
}

// int2Array encodes a smallint[] of n elements, value(i) the ith and
// whether it is there (NULL when not).
func int2Array(n int, value func(i int) (int16, bool)) []byte {
	hasNull := false
	for i := range n {
		if _, ok := value(i); !ok {
			hasNull = true
		}
	}
	b := arrayHeader(make([]byte, 0, arrayHeaderSize+6*n), oidInt2, n, hasNull)
	for i := range n {
		v, ok := value(i)
		if !ok {
			b = binary.BigEndian.AppendUint32(b, 0xFFFFFFFF) // -1: NULL
			continue
		}
		b = binary.BigEndian.AppendUint32(b, 2)
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

// jsonbArray encodes a jsonb[] of n objects of strings, fields(i) the
// ith (an empty object when nil).
func jsonbArray(n int, fields func(i int) map[string]string) []byte {
	size := arrayHeaderSize
	for i := range n {
		size += 4 + 1 + 2
		for k, v := range fields(i) {
			size += len(k) + len(v) + 6 // quotes, colon, comma
		}
	}
	b := arrayHeader(make([]byte, 0, size), oidJSONB, n, false)
	for i := range n {
		at := len(b)
		b = append(b, 0, 0, 0, 0, 1) // the length, then jsonb's version
		b = appendFields(b, fields(i))
		binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	}
	return b
}

// appendFields appends a lead's extra fields as a JSON object, in the
// map's order (jsonb keeps keys in an order of its own). Invalid UTF-8
// reads as U+FFFD, as encoding/json has it.
func appendFields(b []byte, fields map[string]string) []byte {
	b = append(b, '{')
	first := true
	for k, v := range fields {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, v)
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string: as it is between quotes
// when it holds nothing to escape, as most do, else quoted by jsontext.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' || c >= 0x80 {
			b, _ = jsontext.AppendQuote(b, s)
			return b
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// pgEpoch is where timestamptz_recv counts microseconds from, in Unix
// microseconds.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()

// Scalars in binary format.
func timestamptzParam(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixMicro()-pgEpoch))
}

func boolParam(v bool) []byte {
	if v {
		return []byte{1}
	}
	return []byte{0}
}

func int2Param(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }
