package slackemu

import "encoding/json"

// ViewLabels returns the texts of the submit and close buttons of the open
// modal viewID, as the modal shows them ("" when the view sets none: Slack
// then shows "Cancel" and no submit button). ok is false when no open view
// has that ID.
func (s *Server) ViewLabels(viewID string) (submit, close string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, _ := s.views.find(viewID)
	if v == nil {
		return "", "", false
	}
	return textOf(v.submit), textOf(v.closeButton), true
}

// textOf reads the text of a text object ("" for none).
func textOf(raw json.RawMessage) string {
	var t struct {
		Text string `json:"text"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &t) != nil {
		return ""
	}
	return t.Text
}
