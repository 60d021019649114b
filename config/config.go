// Package config reads Armistice's configuration from the environment, as
// PRODUCT.md names it, and validates every value at start-up so that a bad
// one stops the process with one line naming the variable and the problem.
// Secrets are held as Secret values that never print.
package config

import (
	"fmt"
	"net"
	"net/url"
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
	HTTPAddrSet         bool     // ARMISTICE_HTTP_ADDR was given, not defaulted
	PublicURL           *url.URL // where people reach the server; nil: unset
	AdminAddr           string   // the operator's endpoints' address; "": none
	LogFormat           string   // "text", "json", or "": by the terminal
	WebhookSecret       Secret
	HubSpotClientSecret Secret
	CRMWebhookSecret    Secret // signs what is sent to the CRM; unset, WebhookSecret does
	BoardToken          Secret // opens the board on the wall; unset, /board answers 404

	SalesChannel     string
	MarketingChannel string
	DigestChannels   []string
	Admins           []string
	SalesManagers    []string
	// MarketingLeads and SalesLeads sign the monthly agreement for their
	// team (unset: the admins).
	MarketingLeads []string
	SalesLeads     []string
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
	Holidays      []armistice.Date // ARMISTICE_HOLIDAYS: seeds the holiday calendar
	SLAReassign   int              // ARMISTICE_SLA_REASSIGN

	OpenAIAPIKey  Secret
	OpenAIBaseURL string
	OpenAIModel   string

	TeamsAppID             string
	TeamsAppPassword       Secret
	TeamsTenantID          string
	TeamsOpenIDMetadataURL string
	TeamsTokenURL          string

	// HubSpotAccessToken is a HubSpot private app's token: with it,
	// decisions are written to HubSpot and deals read back.
	HubSpotAccessToken Secret
	HubSpotAPIURL      string
	// HubSpotOnAccept and HubSpotOnReject replace the contact properties
	// written on each verdict; nil: the defaults.
	HubSpotOnAccept map[string]string
	HubSpotOnReject map[string]string
}

// Mode tells whether the process talks to a real chat platform or runs the
// sandbox.
func (c *Config) Mode() Mode {
	if c.SlackEnabled() || c.TeamsEnabled() {
		return ModeChat
	}
	return ModeSandbox
}

// ListenAddr is where the HTTP server listens: ARMISTICE_HTTP_ADDR when it
// is set, else :8080, except in sandbox mode, where the default is the
// loopback (127.0.0.1:8080): whoever reaches the sandbox acts as its admin.
func (c *Config) ListenAddr() string {
	if c.Mode() == ModeSandbox && !c.HTTPAddrSet {
		_, port, _ := net.SplitHostPort(c.HTTPAddr)
		return net.JoinHostPort("127.0.0.1", port)
	}
	return c.HTTPAddr
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
