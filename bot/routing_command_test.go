package bot

import (
	"strings"
	"testing"

	"github.com/armistice/armistice/handlers"
)

func TestParseRouteArgs(t *testing.T) {
	for _, tc := range []struct {
		text    string
		field   string
		value   string
		channel handlers.ChannelRef
		err     string
	}{
		{text: "region=EMEA channel=#sales-emea", field: "region", value: "EMEA", channel: handlers.ChannelRef{Name: "sales-emea"}},
		{text: "channel=<#C0EMEA0001|sales-emea> Region=EMEA", field: "region", value: "EMEA", channel: handlers.ChannelRef{ID: "C0EMEA0001"}},
		{text: "segment=Mid Market channel=<#C0EMEA0001|>", field: "segment", value: "Mid Market", channel: handlers.ChannelRef{ID: "C0EMEA0001"}},
		{text: "source=partner channel=C0EMEA0001", field: "source", value: "partner", channel: handlers.ChannelRef{ID: "C0EMEA0001"}},
		{text: "source=partner channel=sales-emea", field: "source", value: "partner", channel: handlers.ChannelRef{Name: "sales-emea"}},
		{text: "source=a=b channel=#x", field: "source", value: "a=b", channel: handlers.ChannelRef{Name: "x"}},
		{text: "country=ES channel=#x", err: `Unknown field "country"`},
		{text: "region=EMEA", err: "Name the channel"},
		{text: "channel=#x", err: "Say what to match"},
		{text: "region= channel=#x", err: "Give the region to match"},
		{text: "region=EMEA region=NA channel=#x", err: "region is given twice"},
		{text: "region=EMEA source=web channel=#x", err: "A rule matches one field"},
		{text: "EMEA #x", err: `Expected field=value, got "EMEA"`},
	} {
		field, value, channel, err := parseRouteArgs(strings.Fields(tc.text))
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.text, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.text, err)
		case field != tc.field || value != tc.value || channel != tc.channel:
			t.Errorf("%q: %s=%q %+v; want %s=%q %+v", tc.text, field, value, channel, tc.field, tc.value, tc.channel)
		}
	}
}
