package slackemu

import "unicode/utf8"

// Block Kit's limits on a message, as Slack enforces them on
// chat.postMessage, chat.update and chat.postEphemeral: a message past one
// is answered invalid_blocks (msg_too_long for its text). Lengths are
// counted in characters.
const (
	maxMessageBlocks   = 50
	maxMessageText     = 40000
	maxBlockID         = 255
	maxSectionText     = 3000
	maxSectionFields   = 10
	maxFieldText       = 2000
	maxHeaderText      = 150
	maxContextElements = 10
	maxTextObject      = 3000
	maxActionElements  = 25
	maxButtonText      = 75
	maxButtonValue     = 2000
	maxButtonURL       = 3000
	maxActionID        = 255
)

// withinLimits tells whether a message's blocks keep Block Kit's limits.
func withinLimits(blocks []map[string]any) bool {
	if len(blocks) > maxMessageBlocks {
		return false
	}
	for _, b := range blocks {
		if !blockWithinLimits(b) {
			return false
		}
	}
	return true
}

func blockWithinLimits(b map[string]any) bool {
	if !shorter(b["block_id"], maxBlockID) {
		return false
	}
	switch b["type"] {
	case "section":
		if t, ok := b["text"]; ok && !textWithin(t, maxSectionText) {
			return false
		}
		fields, _ := b["fields"].([]any)
		if len(fields) > maxSectionFields {
			return false
		}
		for _, f := range fields {
			if !textWithin(f, maxFieldText) {
				return false
			}
		}
	case "header":
		return textWithin(b["text"], maxHeaderText)
	case "context":
		elements, _ := b["elements"].([]any)
		if len(elements) > maxContextElements {
			return false
		}
		for _, el := range elements {
			if m, _ := el.(map[string]any); m["type"] == "mrkdwn" || m["type"] == "plain_text" {
				if !textWithin(m, maxTextObject) {
					return false
				}
			}
		}
	case "actions":
		elements, _ := b["elements"].([]any)
		if len(elements) > maxActionElements {
			return false
		}
	}
	for _, el := range blockElements(b) {
		if !shorter(el["action_id"], maxActionID) {
			return false
		}
		if el["type"] == "button" && (!textWithin(el["text"], maxButtonText) || !shorter(el["value"], maxButtonValue) || !shorter(el["url"], maxButtonURL)) {
			return false
		}
	}
	return true
}

// textWithin tells whether v is a text object whose text has 1 to max
// characters.
func textWithin(v any, max int) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	s, ok := m["text"].(string)
	return ok && s != "" && utf8.RuneCountInString(s) <= max
}

// shorter tells whether v, when a string, has at most max characters.
func shorter(v any, max int) bool {
	s, _ := v.(string)
	return utf8.RuneCountInString(s) <= max
}
