// Package config reads Armistice's configuration from the environment, as
// PRODUCT.md names it, and validates every value at start-up so that a bad
// one stops the process with one line naming the variable and the problem.
// Secrets are held as Secret values that never print.
package config

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/armistice/armistice"
)

// Mode is how the bot reaches its users.
type Mode string

// The modes, chosen by which credentials are set.
const (
	// ModeSandbox runs a built-in Slack-compatible workspace: no Slack tokens
	// and no Teams credentials are set.
	ModeSandbox Mode = "sandbox"
	// ModeChat connects to Slack, Teams, or both, as their credentials say.
	ModeChat Mode = "chat"
)

// Config is the validated configuration of one Armistice process.
type Config struct {
	DatabaseURL Secret // may hold a password

	SlackBotToken Secret
	SlackAppToken Secret
	SlackAPIURL   string // ends with "/"
	// SlackPostRate is how many messages a second the bot posts to one
	// channel (Slack allows about one, with short bursts).
	SlackPostRate float64

	HTTPAddr            string
	WebhookSecret       Secret
	HubSpotClientSecret Secret

	SalesChannel     string
	MarketingChannel string
	DigestChannels   []string
	Admins           []string
	SalesManagers    []string
	// SalesTeam and MarketingTeam, when set, are the teams instead of the
	// members of the sales and marketing channels.
	SalesTeam     armistice.TeamMembers
	MarketingTeam armistice.TeamMembers

	CRMWebhookURL Secret // may carry a token in its query
	Retention     time.Duration
	Location      *time.Location

	DigestScheduleSpec string
	DigestSchedule     cron.Schedule

	SLA           time.Duration
	BusinessHours armistice.BusinessHours

	OpenAIAPIKey  Secret
	OpenAIBaseURL string
	OpenAIModel   string

	TeamsAppID             string
	TeamsAppPassword       Secret
	TeamsTenantID          string
	TeamsOpenIDMetadataURL string
	TeamsTokenURL          string
}

// Mode tells whether the process talks to a real chat platform or runs the
// sandbox.
func (c *Config) Mode() Mode {
	if c.SlackEnabled() || c.TeamsEnabled() {
		return ModeChat
	}
	return ModeSandbox
}

// SlackEnabled tells whether both Slack tokens are set.
func (c *Config) SlackEnabled() bool { return c.SlackBotToken.IsSet() && c.SlackAppToken.IsSet() }

// TeamsEnabled tells whether the Teams app credentials are set.
func (c *Config) TeamsEnabled() bool { return c.TeamsAppID != "" }

// Problem is one bad variable: its name and what is wrong with it.
type Problem struct {
	Var    string
	Reason string
}

// Error reads "VAR: reason".
func (p Problem) Error() string { return fmt.Sprintf("%s: %s", p.Var, p.Reason) }

// Problems is every bad variable found, in the order of the table.
type Problems []Problem

// Error gives one line per bad variable.
func (ps Problems) Error() string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += "\n"
		}
		s += p.Error()
	}
	return s
}
