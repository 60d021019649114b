package armistice

import (
	"errors"
	"net/url"
	"strings"
)

// RedactURL returns raw without its query, fragment and userinfo password,
// for logs and stored errors: a configured URL may carry a token in its
// query (https://crm.example/hook?token=…) or a password before its host.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = "", false, "", ""
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// RedactURLError returns err with the URLs that the *url.Error values in it
// name (an HTTP client's errors do) passed through RedactURL. Apply it to an
// outbound request's error before it is logged or returned to a job, whose
// errors River stores. The result unwraps to the redacted *url.Error and
// what it wraps.
func RedactURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: RedactURL(ue.URL), Err: RedactURLError(ue.Err)}
	}
	ue, ok := errors.AsType[*url.Error](err)
	if !ok {
		return err
	}
	redacted := RedactURLError(ue)
	return &redactedError{msg: strings.ReplaceAll(err.Error(), ue.Error(), redacted.Error()), err: redacted}
}

// redactedError is an error whose message had a URL redacted.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
