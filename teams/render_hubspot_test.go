package teams

import (
	"strings"
	"testing"

	"github.com/armistice/armistice"
)

func TestLeadHistoryShowsWhatWasWrittenToHubSpot(t *testing.T) {
	events := []armistice.Event{
		{Kind: armistice.EventHubSpotWritten, Actor: "armistice", Data: map[string]any{"hubspot": "written to HubSpot contact 51: hubspot_owner_id=77"}},
	}
	got := leadHistoryText(armistice.Lead{ExternalID: "hubspot-51", Status: armistice.StatusAccepted}, events, nil, testNames)
	if !strings.Contains(got, "written to HubSpot contact 51: hubspot&#95;owner&#95;id=77") {
		t.Errorf("the history does not say what was written to HubSpot:\n%s", got)
	}
}
