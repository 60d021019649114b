package slackemu

import (
	"regexp"
	"time"
)

// Trigger IDs: handed out with slash commands and interactions, exchanged
// once by views.open/views.push within their lifetime.

const (
	triggerLifetime = 3 * time.Second
	// triggerRetention is how long a trigger is remembered (to answer
	// expired_trigger_id rather than invalid_trigger_id).
	triggerRetention = 10 * time.Minute
	// pruneThreshold is the number of remembered triggers or response_urls
	// above which old ones are forgotten.
	pruneThreshold = 1000
)

type trigger struct {
	userID  string
	created time.Time
	used    bool
}

var triggerIDPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9a-f]+$`)

// newTriggerLocked issues a trigger for an interaction by userID.
func (s *Server) newTriggerLocked(userID string) string {
	id := newTriggerID()
	now := s.now()
	if len(s.triggers) >= pruneThreshold {
		for k, t := range s.triggers {
			if now.Sub(t.created) > triggerRetention {
				delete(s.triggers, k)
			}
		}
	}
	s.triggers[id] = &trigger{userID: userID, created: now}
	return id
}

// exchangeTriggerLocked consumes a trigger and returns the user it was
// issued for, or the Slack error: invalid_trigger_id, exchanged_trigger_id
// (already used) or expired_trigger_id (older than 3 seconds).
func (s *Server) exchangeTriggerLocked(id string) (string, string) {
	t, ok := s.triggers[id]
	if !ok || !triggerIDPattern.MatchString(id) {
		return "", "invalid_trigger_id"
	}
	if t.used {
		return "", "exchanged_trigger_id"
	}
	if s.now().Sub(t.created) > triggerLifetime {
		return "", "expired_trigger_id"
	}
	t.used = true
	return t.userID, ""
}
