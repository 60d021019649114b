package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func slackEnv(extra map[string]string) map[string]string {
	m := map[string]string{
		"SLACK_BOT_TOKEN":             "xoxb-1-secretbot",
		"SLACK_APP_TOKEN":             "xapp-1-secretapp",
		"ARMISTICE_SALES_CHANNEL":     "C0SALES01",
		"ARMISTICE_MARKETING_CHANNEL": "C0MKTG001",
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestLoadDefaultsGiveSandbox(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode() != ModeSandbox {
		t.Errorf("mode = %s, want sandbox", c.Mode())
	}
	if c.HTTPAddr != ":8080" || c.SLA != 4*time.Hour || c.Location.String() != "UTC" || c.SlackAPIURL != "https://slack.com/api/" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if got := c.BusinessHours.String(); got != "Mon-Fri 09:00-18:00" {
		t.Errorf("business hours = %q", got)
	}
}

func TestLoadSlackModeDefaultsDigestChannelsToBoth(t *testing.T) {
	c, err := Load(env(slackEnv(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode() != ModeChat || !c.SlackEnabled() {
		t.Fatalf("mode = %s", c.Mode())
	}
	if fmt.Sprint(c.DigestChannels) != "[C0SALES01 C0MKTG001]" {
		t.Errorf("digest channels = %v", c.DigestChannels)
	}
}

func TestLoadBadValueNamesTheVariable(t *testing.T) {
	cases := []struct {
		set  map[string]string
		want string
	}{
		{map[string]string{"ARMISTICE_TIMEZONE": "Mars/Olympus"}, `ARMISTICE_TIMEZONE: unknown time zone "Mars/Olympus"`},
		{map[string]string{"ARMISTICE_DIGEST_SCHEDULE": "every day"}, "ARMISTICE_DIGEST_SCHEDULE: not a cron spec"},
		{map[string]string{"ARMISTICE_SALES_CHANNEL": "#sales"}, `ARMISTICE_SALES_CHANNEL: "#sales" is not a channel ID`},
		{map[string]string{"ARMISTICE_ADMINS": "U0ADMIN1,bob"}, `ARMISTICE_ADMINS: "bob" is not a user ID`},
		{map[string]string{"ARMISTICE_SLA": "soon"}, "ARMISTICE_SLA: want business time between 1m and 1000h"},
		{map[string]string{"ARMISTICE_SLA": "1001h"}, `ARMISTICE_SLA: want business time between 1m and 1000h, such as 4h or 90m; got "1001h"`},
		{map[string]string{"ARMISTICE_TIMEZONE": "Local"}, `ARMISTICE_TIMEZONE: unknown time zone "Local"`},
		{map[string]string{"ARMISTICE_BUSINESS_HOURS": "Mon-Fri 18:00-09:00"}, "ARMISTICE_BUSINESS_HOURS: closing time"},
		{map[string]string{"ARMISTICE_BUSINESS_HOURS": "Mon-Fry 09:00-18:00"}, `ARMISTICE_BUSINESS_HOURS: unknown weekday "Fry"`},
		{map[string]string{"ARMISTICE_HOLIDAYS": "2026-12-25,2026-13-01"}, `ARMISTICE_HOLIDAYS: "2026-13-01" is not a date: write it as YYYY-MM-DD`},
		{map[string]string{"ARMISTICE_SLA_REASSIGN": "-1"}, `ARMISTICE_SLA_REASSIGN: want how many times a lead moves on to the next rep when its window ends, 0 to 10, got "-1"`},
		{map[string]string{"ARMISTICE_RETENTION": "2h"}, "ARMISTICE_RETENTION: 2h is less than a day"},
		{map[string]string{"ARMISTICE_HTTP_ADDR": "8080"}, "ARMISTICE_HTTP_ADDR: want host:port"},
		{map[string]string{"ARMISTICE_ADMIN_ADDR": "localhost"}, "ARMISTICE_ADMIN_ADDR: want host:port"},
		{map[string]string{"ARMISTICE_PUBLIC_URL": "sandbox.example.com"}, "ARMISTICE_PUBLIC_URL: want the absolute http(s) URL"},
		{map[string]string{"ARMISTICE_PUBLIC_URL": "https://user:pw@sandbox.example.com"}, "ARMISTICE_PUBLIC_URL: want the absolute http(s) URL"},
		{map[string]string{"ARMISTICE_LOG_FORMAT": "yaml"}, `ARMISTICE_LOG_FORMAT: want text or json (unset: text on a terminal, else json), got "yaml"`},
		{map[string]string{"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL: not an http(s) URL"},
		{map[string]string{"ARMISTICE_CRM_WEBHOOK_URL": "crm.example.com/hook"}, "ARMISTICE_CRM_WEBHOOK_URL: not an http(s) URL"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxp-user-token"}, `SLACK_BOT_TOKEN: does not start with "xoxb-"`},
		{map[string]string{"SLACK_APP_TOKEN": ""}, "SLACK_APP_TOKEN: required when SLACK_BOT_TOKEN is set"},
		{map[string]string{"ARMISTICE_MARKETING_CHANNEL": ""}, "ARMISTICE_MARKETING_CHANNEL: required when Slack or Teams is configured"},
		{map[string]string{"ARMISTICE_SALES_CHANNEL": "19:abc@thread.tacv2"}, "ARMISTICE_SALES_CHANNEL: 19:abc@thread.tacv2 is a Teams channel but TEAMS_APP_ID"},
		{map[string]string{"TEAMS_APP_ID": "11111111-2222-3333-4444-555555555555", "TEAMS_APP_PASSWORD": "pw"}, "TEAMS_TENANT_ID: required when any of"},
		{map[string]string{"DATABASE_URL": "postgres://u:pw@host:notaport/db"}, "DATABASE_URL: not a PostgreSQL connection string"},
		{map[string]string{"ARMISTICE_WEBHOOK_SECRET": "short"}, "ARMISTICE_WEBHOOK_SECRET: too short"},
		{map[string]string{"ARMISTICE_CRM_WEBHOOK_URL": "https://crm.example.com/hook"}, "ARMISTICE_CRM_WEBHOOK_URL: needs ARMISTICE_CRM_WEBHOOK_SECRET (or ARMISTICE_WEBHOOK_SECRET)"},
		{map[string]string{"ARMISTICE_CRM_WEBHOOK_SECRET": "short"}, "ARMISTICE_CRM_WEBHOOK_SECRET: too short"},
		{map[string]string{"ARMISTICE_BOARD_TOKEN": "wall-screen"}, "ARMISTICE_BOARD_TOKEN: too short"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			_, err := Load(env(slackEnv(tc.set)))
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if len(ps) != 1 {
				t.Fatalf("want one problem, got %d:\n%v", len(ps), err)
			}
			if !strings.HasPrefix(ps[0].Error(), tc.want) {
				t.Errorf("got  %q\nwant prefix %q", ps[0].Error(), tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("one bad variable must give one line: %q", err)
			}
		})
	}
}

func TestSecretsNeverPrint(t *testing.T) {
	c, err := Load(env(slackEnv(map[string]string{"ARMISTICE_WEBHOOK_SECRET": "hmac-secret-0123456789", "DATABASE_URL": "postgres://app:dbpassword@db/armistice"})))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, c)
		for _, secret := range []string{"secretbot", "secretapp", "hmac-secret", "dbpassword"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s of the config shows %q: %s", format, secret, out)
			}
		}
	}
	if c.SlackBotToken.Reveal() != "xoxb-1-secretbot" {
		t.Error("Reveal must give the token")
	}
}

func TestSecretFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(path, []byte("from-a-file-0123456789\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"ARMISTICE_WEBHOOK_SECRET_FILE": path}))
	if err != nil {
		t.Fatal(err)
	}
	if c.WebhookSecret.Reveal() != "from-a-file-0123456789" {
		t.Errorf("secret = %q", c.WebhookSecret.Reveal())
	}
}

func TestBadTokenDoesNotEchoIt(t *testing.T) {
	_, err := Load(env(slackEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxp-leaked-user-token"})))
	if err == nil || strings.Contains(err.Error(), "leaked") {
		t.Errorf("error must name the variable without the value: %v", err)
	}
}

func TestBadURLDoesNotEchoItsQueryOrPassword(t *testing.T) {
	_, err := Load(env(map[string]string{"ARMISTICE_WEBHOOK_SECRET": "hmac-secret-0123456789", "ARMISTICE_CRM_WEBHOOK_URL": "ftp://user:pw-s3cr3t@crm.example/hook?token=s3cr3t"}))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), `"ftp://user@crm.example/hook"`) {
		t.Errorf("error must name the URL without its query or password: %v", err)
	}
}

func TestCRMWebhookSecretIsASecretOfItsOwn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crm-secret")
	if err := os.WriteFile(path, []byte("crm-file-secret-0123456789\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, variable, value, want string
	}{
		{"value", "ARMISTICE_CRM_WEBHOOK_SECRET", "crm-env-secret-0123456789", "crm-env-secret-0123456789"},
		{"file", "ARMISTICE_CRM_WEBHOOK_SECRET_FILE", path, "crm-file-secret-0123456789"},
	}
	for _, tc := range cases {
		// No intake secret: the CRM's own is enough.
		c, err := Load(env(map[string]string{tc.variable: tc.value, "ARMISTICE_CRM_WEBHOOK_URL": "https://crm.example.com/hook?token=s3cr3t"}))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c.CRMWebhookSecret.Reveal() != tc.want || c.WebhookSecret.IsSet() {
			t.Errorf("%s: CRM secret %q, intake secret set %v; want %q alone", tc.name, c.CRMWebhookSecret.Reveal(), c.WebhookSecret.IsSet(), tc.want)
		}
		for _, format := range []string{"%v", "%+v", "%#v"} {
			if out := fmt.Sprintf(format, c); strings.Contains(out, "-secret-") || strings.Contains(out, "s3cr3t") {
				t.Errorf("%s: %s of the config shows a secret: %s", tc.name, format, out)
			}
		}
	}
}

func TestListenAddrIsTheLoopbackInSandboxModeUnlessSet(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"sandbox", nil, "127.0.0.1:8080"},
		{"sandbox, set", map[string]string{"ARMISTICE_HTTP_ADDR": ":8080"}, ":8080"},
		{"slack", slackEnv(nil), ":8080"},
		{"slack, set", slackEnv(map[string]string{"ARMISTICE_HTTP_ADDR": "10.0.0.5:9000"}), "10.0.0.5:9000"},
	} {
		c, err := Load(env(tc.env))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.ListenAddr(); got != tc.want {
			t.Errorf("%s: listens on %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestLoadTeamsReadsUserGroupsAndUsersAndNamesABadEntry(t *testing.T) {
	const entra = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	c, err := Load(env(slackEnv(map[string]string{"ARMISTICE_SALES_TEAM": "S0SALES01, U0REP0001", "ARMISTICE_MARKETING_TEAM": entra})))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.SalesTeam.Groups, c.SalesTeam.Users, c.MarketingTeam.Groups, c.MarketingTeam.Users) != "[S0SALES01] [U0REP0001] [] ["+entra+"]" {
		t.Errorf("sales team %+v, marketing team %+v", c.SalesTeam, c.MarketingTeam)
	}
	if c, err := Load(env(slackEnv(nil))); err != nil || c.SalesTeam.IsSet() || c.MarketingTeam.IsSet() {
		t.Errorf("unset teams: %+v %+v %v", c.SalesTeam, c.MarketingTeam, err)
	}
	for name, bad := range map[string]string{"ARMISTICE_SALES_TEAM": "S0SALES01,@sales", "ARMISTICE_MARKETING_TEAM": "U0MKT0001,#marketing"} {
		_, err := Load(env(slackEnv(map[string]string{name: bad})))
		want := name + `: "` + bad[strings.Index(bad, ",")+1:] + `" is neither a Slack user group ID`
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s=%s: %v, want one line starting %q", name, bad, err, want)
		}
	}
}

func TestBoardTokenIsASecretFromTheEnvironmentOrAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "board-token")
	if err := os.WriteFile(path, []byte("board-file-token-0123456789\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for variable, value := range map[string]string{"ARMISTICE_BOARD_TOKEN": "board-file-token-0123456789", "ARMISTICE_BOARD_TOKEN_FILE": path} {
		c, err := Load(env(map[string]string{variable: value}))
		if err != nil {
			t.Fatalf("%s: %v", variable, err)
		}
		if c.BoardToken.Reveal() != "board-file-token-0123456789" {
			t.Errorf("%s: token %q", variable, c.BoardToken.Reveal())
		}
		for _, format := range []string{"%v", "%+v", "%#v"} {
			if out := fmt.Sprintf(format, c); strings.Contains(out, "board-file-token") {
				t.Errorf("%s: %s of the config shows the token: %s", variable, format, out)
			}
		}
	}
}
