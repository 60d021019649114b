package armistice

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultRejectionReasons are the reasons a rep may give for a rejection
// until the admins keep their own list. "other" asks for a comment.
var DefaultRejectionReasons = []string{"not our ICP", "wrong persona", "no budget", "not ready", "duplicate", "bad contact data", "other"}

// ReasonOther is the reason that needs a comment.
const ReasonOther = "other"

// MaxCommentLen bounds a rejection comment.
const MaxCommentLen = 2000

// Decision is sales' verdict on a lead: accepted (it becomes a Sales
// Accepted Lead, owned by the rep) or rejected with a reason.
type Decision struct {
	Verdict Status // StatusAccepted or StatusRejected
	By      string // the user who decided
	At      time.Time
	Reason  string // for a rejection, one of the admins' reasons
	Comment string // required when the reason is "other"
	// Took is the business time from the hand-over to the decision.
	Took time.Duration
}

// Validate returns what is wrong with each bad field, given the reasons the
// admins allow.
func (d Decision) Validate(reasons []string) map[string]string {
	errs := map[string]string{}
	switch d.Verdict {
	case StatusAccepted:
	case StatusRejected:
		if d.Reason == "" {
			errs["reason"] = "choose a reason"
		} else if !slices.Contains(reasons, d.Reason) {
			errs["reason"] = fmt.Sprintf("%q is not one of the reasons: %s", d.Reason, strings.Join(reasons, ", "))
		}
		if d.Reason == ReasonOther && strings.TrimSpace(d.Comment) == "" {
			errs["comment"] = "say why, since the reason is \"other\""
		}
	default:
		errs["verdict"] = "accepted or rejected"
	}
	if utf8.RuneCountInString(d.Comment) > MaxCommentLen {
		errs["comment"] = fmt.Sprintf("longer than %d characters", MaxCommentLen)
	}
	return errs
}

// Undecided tells whether a lead in status s still awaits sales' verdict.
func Undecided(s Status) bool { return s == StatusNew || s == StatusAnnounced }
