package config

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadHubSpotVariables(t *testing.T) {
	c, err := Load(env(slackEnv(map[string]string{
		"HUBSPOT_ACCESS_TOKEN":        "pat-na1-0000",
		"HUBSPOT_API_URL":             "http://127.0.0.1:9999/",
		"ARMISTICE_HUBSPOT_ON_ACCEPT": "lifecyclestage=opportunity, hs_lead_status=CONNECTED",
		"ARMISTICE_HUBSPOT_ON_REJECT": "hs_lead_status=BAD_TIMING",
	})))
	if err != nil {
		t.Fatal(err)
	}
	if c.HubSpotAccessToken.Reveal() != "pat-na1-0000" || c.HubSpotAPIURL != "http://127.0.0.1:9999" ||
		c.HubSpotOnAccept["lifecyclestage"] != "opportunity" || c.HubSpotOnAccept["hs_lead_status"] != "CONNECTED" ||
		len(c.HubSpotOnReject) != 1 || c.HubSpotOnReject["hs_lead_status"] != "BAD_TIMING" {
		t.Errorf("config = %+v", c)
	}
	if c, _ := Load(env(nil)); c.HubSpotAccessToken.IsSet() || c.HubSpotAPIURL != "https://api.hubapi.com" || c.HubSpotOnAccept != nil {
		t.Errorf("defaults = %q %v, want no token, HubSpot's API and the default properties", c.HubSpotAPIURL, c.HubSpotOnAccept)
	}

	for _, tc := range []struct{ name, value, want string }{
		{"ARMISTICE_HUBSPOT_ON_ACCEPT", "lifecyclestage", `ARMISTICE_HUBSPOT_ON_ACCEPT: "lifecyclestage" is not property=value`},
		{"ARMISTICE_HUBSPOT_ON_ACCEPT", "Lifecycle Stage=sql", `ARMISTICE_HUBSPOT_ON_ACCEPT: "Lifecycle Stage" is not a HubSpot property's internal name`},
		{"ARMISTICE_HUBSPOT_ON_REJECT", "hs_lead_status=UNQUALIFIED,hs_lead_status=NEW", "ARMISTICE_HUBSPOT_ON_REJECT: hs_lead_status is given twice"},
		{"ARMISTICE_HUBSPOT_ON_REJECT", ",", `ARMISTICE_HUBSPOT_ON_REJECT: no property=value in ","`},
		{"HUBSPOT_API_URL", "api.hubapi.com", "HUBSPOT_API_URL: not an http(s) URL"},
		{"HUBSPOT_ACCESS_TOKEN", "pat-na1 0000", "HUBSPOT_ACCESS_TOKEN: holds white space"},
	} {
		_, err := Load(env(slackEnv(map[string]string{tc.name: tc.value})))
		var ps Problems
		if !errors.As(err, &ps) || len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), tc.want) {
			t.Errorf("%s=%q: got %v, want one problem starting %q", tc.name, tc.value, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "0000") {
			t.Errorf("the error %q shows the token", err)
		}
	}
}
