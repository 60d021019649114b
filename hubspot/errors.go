package hubspot

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// APIError is an answer of HubSpot other than a success or a rate limit.
type APIError struct {
	Status   int    // the HTTP status
	Message  string // HubSpot's message (its error body's "message")
	Category string // HubSpot's category, such as VALIDATION_ERROR or OBJECT_NOT_FOUND
	Call     string // the method and path, without the query
}

// Error implements the error interface.
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	return fmt.Sprintf("hubspot %s: %d %s", e.Call, e.Status, msg)
}

// Refused tells whether HubSpot refused a call for good: a 4xx other than
// 429, which the same call would get again.
func Refused(err error) (*APIError, bool) {
	var e *APIError
	if errors.As(err, &e) && e.Status >= 400 && e.Status < 500 {
		return e, true
	}
	return nil, false
}

// NotFound tells whether HubSpot answered 404: the record does not exist
// (any more).
func NotFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// RateLimitError says HubSpot's rate limit is reached: no call should be
// made before After has passed.
type RateLimitError struct {
	After   time.Duration
	Policy  string // HubSpot's policyName: DAILY, TEN_SECONDLY_ROLLING, …
	Message string
}

// Error implements the error interface.
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("hubspot: rate limited (%s), retry after %s: %s", e.Policy, e.After, e.Message)
}
