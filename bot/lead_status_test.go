package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
)

func TestLeadHistoryShowsWhatWasWrittenToHubSpot(t *testing.T) {
	events := []armistice.Event{
		{Kind: armistice.EventHubSpotWritten, Actor: "armistice", Data: map[string]any{"hubspot": "written to HubSpot contact 51: lifecyclestage=salesqualifiedlead"}},
		{Kind: armistice.EventHubSpotRefused, Actor: "armistice", Data: map[string]any{"hubspot": "refused by HubSpot: <!channel> not found"}},
	}
	got := leadHistoryText(armistice.Lead{ExternalID: "hubspot-51", Status: armistice.StatusAccepted}, events, time.UTC)
	for _, want := range []string{"written to HubSpot contact 51: lifecyclestage=salesqualifiedlead", "refused by HubSpot: &lt;!channel&gt; not found"} {
		if !strings.Contains(got, want) {
			t.Errorf("the history lacks %q:\n%s", want, got)
		}
	}
}
