package bot

import (
	"log/slog"
	"strings"
)

// slogAdapter routes the Socket Mode client's log lines to slog at debug
// level; they describe the connection, never payloads.
type slogAdapter struct{ log *slog.Logger }

// Output implements the logger interface of slack-go's socketmode.
func (s slogAdapter) Output(_ int, msg string) error {
	s.log.Debug("slack: socketmode: " + strings.TrimSpace(msg))
	return nil
}
