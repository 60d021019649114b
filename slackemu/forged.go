package slackemu

import (
	"context"
	"fmt"
)

// SubmitViewAs delivers a view_submission of the modal viewID, open in
// anyone's stack, as if userID had submitted it: what a forged or replayed
// payload looks like to the app (Slack itself only lets the view's owner
// submit it). inputs are as for SubmitView. The view is left as it is,
// whatever the ack asks for.
func (s *Server) SubmitViewAs(ctx context.Context, userID, viewID string, inputs map[string]any) (Ack, error) {
	s.mu.Lock()
	u, _, err := s.actorLocked(userID, "")
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	v, _ := s.views.find(viewID)
	if v == nil {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slackemu: no open view %s", viewID)
	}
	payload, err := s.submissionLocked(u, v, inputs)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	s.mu.Unlock()
	return s.deliverInteraction(ctx, payload, nil, true)
}
