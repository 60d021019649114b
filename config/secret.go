package config

import "log/slog"

// Secret is a credential read from the environment. It prints and logs as
// "[redacted]"; Reveal gives the value to the code that must send it.
type Secret string

// Reveal returns the secret value.
func (s Secret) Reveal() string { return string(s) }

// IsSet tells whether a value was given.
func (s Secret) IsSet() bool { return s != "" }

// String implements fmt.Stringer without disclosing the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString keeps %#v from disclosing the value.
func (s Secret) GoString() string { return s.String() }

// LogValue implements slog.LogValuer without disclosing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
