package armistice

import "regexp"

// Platform is a chat platform a channel or user lives on.
type Platform string

// The platforms Armistice speaks.
const (
	Slack Platform = "slack"
	Teams Platform = "teams"
)

var (
	slackChannelID = regexp.MustCompile(`^[CG][A-Z0-9]{2,20}$`)
	teamsChannelID = regexp.MustCompile(`^19:[^\s@;]+@thread\.(tacv2|skype|v2)$`)
	slackUserID    = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)
	entraObjectID  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// ChannelPlatform tells which platform a channel ID belongs to: a Slack
// channel ID (C… or G…) or a Teams channel ID (19:…@thread.tacv2, or
// @thread.skype). ok is false for anything else.
func ChannelPlatform(id string) (p Platform, ok bool) {
	switch {
	case slackChannelID.MatchString(id):
		return Slack, true
	case teamsChannelID.MatchString(id):
		return Teams, true
	}
	return "", false
}

// UserPlatform tells which platform a user ID belongs to: a Slack user ID
// (U… or W…) or a Teams user's Entra object ID (a UUID). ok is false for
// anything else.
func UserPlatform(id string) (p Platform, ok bool) {
	switch {
	case slackUserID.MatchString(id):
		return Slack, true
	case entraObjectID.MatchString(id):
		return Teams, true
	}
	return "", false
}
