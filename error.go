package armistice

import (
	"errors"
	"fmt"
)

// Error codes that callers branch on. Each adapter maps them to its own
// answer: an HTTP status, an ephemeral Slack reply, a Teams card.
const (
	EBUSY         = "busy"         // up but at capacity; retrying in a moment works
	ECONFLICT     = "conflict"     // the action conflicts with the current state
	EINTERNAL     = "internal"     // something the user cannot fix; details are logged
	EINVALID      = "invalid"      // the input is wrong; the message says how
	ENOTFOUND     = "not_found"    // the thing asked for does not exist
	EUNAUTHORIZED = "unauthorized" // the caller may not do this
	EUNAVAILABLE  = "unavailable"  // a dependency is down; retrying later may work
)

// Error is an error meant for the person who caused it: Message is written
// for them. Errors that are not an *Error read "Internal error." to users
// while their detail goes to the log.
type Error struct {
	Code    string
	Message string
	// Fields names the bad input fields and what is wrong with each, for
	// EINVALID errors about several fields at once.
	Fields map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("armistice error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is, or wraps, an *Error, and
// EINTERNAL otherwise (nil gives "").
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err if it is, or wraps, an
// *Error, and "Internal error." otherwise.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Message
	}
	return "Internal error."
}
