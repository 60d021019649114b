package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/hubspot"
)

// option is one environment variable: its default and how it is read into
// the Config. Secret variables may instead be given as NAME_FILE, the path of
// a file that holds the value (as container secrets are mounted).
type option struct {
	name   string
	def    string
	secret bool
	set    func(c *Config, v string) error
}

var options = []option{
	{name: "DATABASE_URL", secret: true, set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if _, err := pgxpool.ParseConfig(v); err != nil {
			return errors.New("not a PostgreSQL connection string (postgres://user@host:5432/db)")
		}
		c.DatabaseURL = Secret(v)
		return nil
	}},
	{name: "SLACK_BOT_TOKEN", secret: true, set: token("xoxb-", func(c *Config) *Secret { return &c.SlackBotToken })},
	{name: "SLACK_APP_TOKEN", secret: true, set: token("xapp-", func(c *Config) *Secret { return &c.SlackAppToken })},
	{name: "SLACK_API_URL", def: "https://slack.com/api/", set: func(c *Config, v string) error {
		u, err := httpURL(v)
		if err != nil {
			return err
		}
		c.SlackAPIURL = strings.TrimSuffix(u, "/") + "/"
		return nil
	}},
	{name: "ARMISTICE_SLACK_POST_RATE", def: "1", set: func(c *Config, v string) error {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r <= 0 || r > 1000 {
			return fmt.Errorf("want messages per second per channel, such as 1 (Slack's pace), got %q", v)
		}
		c.SlackPostRate = r
		return nil
	}},
	{name: "ARMISTICE_HTTP_ADDR", set: func(c *Config, v string) error {
		if v == "" { // :8080, or the loopback in sandbox mode: see ListenAddr
			c.HTTPAddr = ":8080"
			return nil
		}
		if err := listenAddr(v); err != nil {
			return err
		}
		c.HTTPAddr, c.HTTPAddrSet = v, true
		return nil
	}},
	{name: "ARMISTICE_PUBLIC_URL", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("want the absolute http(s) URL people open, such as https://armistice.example.com, got %q", armistice.RedactURL(v))
		}
		c.PublicURL = u
		return nil
	}},
	{name: "ARMISTICE_ADMIN_ADDR", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if err := listenAddr(v); err != nil {
			return err
		}
		c.AdminAddr = v
		return nil
	}},
	{name: "ARMISTICE_LOG_FORMAT", set: func(c *Config, v string) error {
		if v != "" && v != "text" && v != "json" {
			return fmt.Errorf("want text or json (unset: text on a terminal, else json), got %q", v)
		}
		c.LogFormat = v
		return nil
	}},
	{name: "ARMISTICE_WEBHOOK_SECRET", secret: true, set: func(c *Config, v string) error {
		if v != "" && len(v) < 16 {
			return errors.New("too short: use at least 16 characters")
		}
		c.WebhookSecret = Secret(v)
		return nil
	}},
	{name: "HUBSPOT_CLIENT_SECRET", secret: true, set: func(c *Config, v string) error {
		c.HubSpotClientSecret = Secret(v)
		return nil
	}},
	{name: "ARMISTICE_SALES_CHANNEL", set: channel(func(c *Config) *string { return &c.SalesChannel })},
	{name: "ARMISTICE_MARKETING_CHANNEL", set: channel(func(c *Config) *string { return &c.MarketingChannel })},
	{name: "ARMISTICE_DIGEST_CHANNELS", set: func(c *Config, v string) error {
		for _, id := range list(v) {
			if err := armistice.CheckChannelID(id); err != nil {
				return err
			}
			c.DigestChannels = append(c.DigestChannels, id)
		}
		return nil
	}},
	{name: "ARMISTICE_ADMINS", set: users(func(c *Config) *[]string { return &c.Admins })},
	{name: "ARMISTICE_SALES_MANAGERS", set: users(func(c *Config) *[]string { return &c.SalesManagers })},
	{name: "ARMISTICE_SALES_TEAM", set: team(func(c *Config) *armistice.TeamMembers { return &c.SalesTeam })},
	{name: "ARMISTICE_MARKETING_TEAM", set: team(func(c *Config) *armistice.TeamMembers { return &c.MarketingTeam })},
	{name: "ARMISTICE_MARKETING_LEADS", set: users(func(c *Config) *[]string { return &c.MarketingLeads })},
	{name: "ARMISTICE_SALES_LEADS", set: users(func(c *Config) *[]string { return &c.SalesLeads })},
	{name: "ARMISTICE_CRM_WEBHOOK_URL", secret: true, set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if _, err := httpURL(v); err != nil {
			return err
		}
		c.CRMWebhookURL = Secret(v)
		return nil
	}},
	{name: "ARMISTICE_CRM_WEBHOOK_SECRET", secret: true, set: func(c *Config, v string) error {
		if v != "" && len(v) < 16 {
			return errors.New("too short: use at least 16 characters")
		}
		c.CRMWebhookSecret = Secret(v)
		return nil
	}},
	{name: "ARMISTICE_BOARD_TOKEN", secret: true, set: func(c *Config, v string) error {
		if v != "" && len(v) < 16 {
			return errors.New("too short: use at least 16 characters (the board's link carries it)")
		}
		c.BoardToken = Secret(v)
		return nil
	}},
	{name: "ARMISTICE_RETENTION", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		d, err := armistice.ParseDuration(v)
		if err != nil {
			return err
		}
		if d < 24*time.Hour {
			return fmt.Errorf("%s is less than a day; personal data would be erased as it arrives", v)
		}
		c.Retention = d
		return nil
	}},
	{name: "ARMISTICE_TIMEZONE", def: "UTC", set: func(c *Config, v string) error {
		loc, err := armistice.ParseTimeZone(v)
		c.Location = loc
		return err
	}},
	{name: "ARMISTICE_DIGEST_SCHEDULE", def: "0 9 * * 1-5", set: func(c *Config, v string) error {
		s, err := armistice.ParseSchedule(v)
		c.DigestScheduleSpec, c.DigestSchedule = strings.Join(strings.Fields(v), " "), s
		return err
	}},
	{name: "ARMISTICE_SLA", def: "4h", set: func(c *Config, v string) error {
		d, err := armistice.ParseSLA(v)
		c.SLA = d
		return err
	}},
	{name: "ARMISTICE_BUSINESS_HOURS", def: "Mon-Fri 09:00-18:00", set: func(c *Config, v string) error {
		bh, err := armistice.ParseBusinessHours(v)
		c.BusinessHours = bh
		return err
	}},
	{name: "ARMISTICE_SLA_REASSIGN", def: "1", set: func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10 {
			return fmt.Errorf("want how many times a lead moves on to the next rep when its window ends, 0 to 10, got %q", v)
		}
		c.SLAReassign = n
		return nil
	}},
	{name: "ARMISTICE_HOLIDAYS", set: func(c *Config, v string) error {
		days, err := armistice.ParseHolidays(v)
		c.Holidays = days
		return err
	}},
	{name: "OPENAI_API_KEY", secret: true, set: func(c *Config, v string) error {
		c.OpenAIAPIKey = Secret(v)
		return nil
	}},
	{name: "OPENAI_BASE_URL", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		u, err := httpURL(v)
		c.OpenAIBaseURL = u
		return err
	}},
	{name: "OPENAI_MODEL", def: "gpt-4o-mini", set: func(c *Config, v string) error {
		c.OpenAIModel = v
		return nil
	}},
	{name: "TEAMS_APP_ID", set: uuid(func(c *Config) *string { return &c.TeamsAppID })},
	{name: "TEAMS_APP_PASSWORD", secret: true, set: func(c *Config, v string) error {
		c.TeamsAppPassword = Secret(v)
		return nil
	}},
	{name: "TEAMS_TENANT_ID", set: uuid(func(c *Config) *string { return &c.TeamsTenantID })},
	{name: "TEAMS_OPENID_METADATA_URL", def: "https://login.botframework.com/v1/.well-known/openidconfiguration", set: func(c *Config, v string) error {
		u, err := httpURL(v)
		c.TeamsOpenIDMetadataURL = u
		return err
	}},
	{name: "TEAMS_TOKEN_URL", def: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token", set: func(c *Config, v string) error {
		u, err := httpURL(v)
		c.TeamsTokenURL = u
		return err
	}},
	{name: "HUBSPOT_ACCESS_TOKEN", secret: true, set: func(c *Config, v string) error {
		if strings.ContainsAny(v, " \t\r\n") {
			return errors.New("holds white space: give the private app's access token alone")
		}
		c.HubSpotAccessToken = Secret(v)
		return nil
	}},
	{name: "HUBSPOT_API_URL", def: "https://api.hubapi.com", set: func(c *Config, v string) error {
		u, err := httpURL(v)
		c.HubSpotAPIURL = strings.TrimSuffix(u, "/")
		return err
	}},
	{name: "ARMISTICE_HUBSPOT_ON_ACCEPT", set: hubSpotProperties(func(c *Config) *map[string]string { return &c.HubSpotOnAccept })},
	{name: "ARMISTICE_HUBSPOT_ON_REJECT", set: hubSpotProperties(func(c *Config) *map[string]string { return &c.HubSpotOnReject })},
}

// Load reads and validates the configuration through getenv (os.Getenv in
// production). It returns Problems naming every bad variable.
func Load(getenv func(string) string) (*Config, error) {
	c := &Config{}
	var problems Problems
	for _, o := range options {
		v, err := value(o, getenv)
		if err == nil {
			err = o.set(c, v)
		}
		if err != nil {
			problems = append(problems, Problem{Var: o.name, Reason: err.Error()})
		}
	}
	if len(problems) == 0 {
		problems = c.checkTogether()
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(c.DigestChannels) == 0 && c.SalesChannel != "" {
		c.DigestChannels = []string{c.SalesChannel, c.MarketingChannel}
	}
	return c, nil
}

// checkTogether finds the problems that involve several variables.
func (c *Config) checkTogether() Problems {
	var ps Problems
	if c.SlackBotToken.IsSet() != c.SlackAppToken.IsSet() {
		missing, given := "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"
		if c.SlackAppToken.IsSet() {
			missing, given = given, missing
		}
		ps = append(ps, Problem{missing, "required when " + given + " is set (Socket Mode needs both)"})
	}
	teams := map[string]bool{"TEAMS_APP_ID": c.TeamsAppID != "", "TEAMS_APP_PASSWORD": c.TeamsAppPassword.IsSet(), "TEAMS_TENANT_ID": c.TeamsTenantID != ""}
	if teams["TEAMS_APP_ID"] || teams["TEAMS_APP_PASSWORD"] || teams["TEAMS_TENANT_ID"] {
		for _, name := range []string{"TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"} {
			if !teams[name] {
				ps = append(ps, Problem{name, "required when any of TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID is set"})
			}
		}
	}
	if c.CRMWebhookURL.IsSet() && !c.CRMWebhookSecret.IsSet() && !c.WebhookSecret.IsSet() {
		ps = append(ps, Problem{"ARMISTICE_CRM_WEBHOOK_URL", "needs ARMISTICE_CRM_WEBHOOK_SECRET (or ARMISTICE_WEBHOOK_SECRET), which signs what is sent to the CRM"})
	}
	if c.Mode() != ModeChat {
		return ps
	}
	for _, ch := range []struct {
		name string
		id   string
	}{{"ARMISTICE_SALES_CHANNEL", c.SalesChannel}, {"ARMISTICE_MARKETING_CHANNEL", c.MarketingChannel}} {
		if ch.id == "" {
			ps = append(ps, Problem{ch.name, "required when Slack or Teams is configured"})
		}
	}
	for _, ch := range []struct {
		name string
		ids  []string
	}{{"ARMISTICE_SALES_CHANNEL", []string{c.SalesChannel}}, {"ARMISTICE_MARKETING_CHANNEL", []string{c.MarketingChannel}}, {"ARMISTICE_DIGEST_CHANNELS", c.DigestChannels}} {
		for _, id := range ch.ids {
			switch p, _ := armistice.ChannelPlatform(id); {
			case p == armistice.Slack && !c.SlackEnabled():
				ps = append(ps, Problem{ch.name, id + " is a Slack channel but SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not set"})
			case p == armistice.Teams && !c.TeamsEnabled():
				ps = append(ps, Problem{ch.name, id + " is a Teams channel but TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID are not set"})
			}
		}
	}
	return ps
}

// value reads an option's value: NAME, else the file named by NAME_FILE for
// secrets, else its default.
func value(o option, getenv func(string) string) (string, error) {
	v := strings.TrimSpace(getenv(o.name))
	if v == "" && o.secret {
		if path := getenv(o.name + "_FILE"); path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				return "", fmt.Errorf("reading %s_FILE: %w", o.name, err)
			}
			v = strings.TrimSpace(string(b))
		}
	}
	if v == "" {
		v = o.def
	}
	return v, nil
}

func token(prefix string, field func(*Config) *Secret) func(*Config, string) error {
	return func(c *Config, v string) error {
		if v != "" && !strings.HasPrefix(v, prefix) {
			return fmt.Errorf("does not start with %q", prefix)
		}
		*field(c) = Secret(v)
		return nil
	}
}

func channel(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if err := armistice.CheckChannelID(v); err != nil {
			return err
		}
		*field(c) = v
		return nil
	}
}

func users(field func(*Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		for _, id := range list(v) {
			if err := armistice.CheckUserID(id); err != nil {
				return err
			}
			*field(c) = append(*field(c), id)
		}
		return nil
	}
}

func team(field func(*Config) *armistice.TeamMembers) func(*Config, string) error {
	return func(c *Config, v string) error {
		t, err := armistice.ParseTeamMembers(v)
		*field(c) = t
		return err
	}
}

// hubSpotProperties reads property=value,… for a write to HubSpot.
func hubSpotProperties(field func(*Config) *map[string]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		props, err := hubspot.ParseProperties(v)
		if err != nil {
			return fmt.Errorf("%w (want property=value,…, such as lifecyclestage=salesqualifiedlead)", err)
		}
		*field(c) = props
		return nil
	}
}

func uuid(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if p, ok := armistice.UserPlatform(v); !ok || p != armistice.Teams {
			return fmt.Errorf("%q is not a GUID such as 00000000-0000-0000-0000-000000000000", v)
		}
		*field(c) = v
		return nil
	}
}

func list(v string) []string {
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// listenAddr checks a listen address, host:port.
func listenAddr(v string) error {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return fmt.Errorf("want host:port such as :8080, got %q", v)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q is not a port number", port)
	}
	return nil
}

func httpURL(v string) (string, error) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("not an http(s) URL: %q", armistice.RedactURL(v))
	}
	return v, nil
}
