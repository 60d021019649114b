package api

import (
	"io"
	"net/http"
)

// maxBody is the largest request body the intake API reads.
const maxBody = 1 << 20

// readBody reads a request body of at most maxBody bytes. A body that
// declares its length is read into a buffer of that length, checked before
// reading (growing one from 512 bytes was 13% of the bytes the intake
// allocates for arrays of 1,000 leads); a chunked body grows one. Too long
// a body is an *http.MaxBytesError either way.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > maxBody {
		return nil, &http.MaxBytesError{Limit: maxBody}
	}
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if r.ContentLength <= 0 {
		return io.ReadAll(body)
	}
	buf := make([]byte, r.ContentLength)
	if _, err := io.ReadFull(body, buf); err != nil {
		return nil, err
	}
	return buf, nil
}
