package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

// awaitMessages waits until channel holds n top-level messages.
func awaitMessages(t *testing.T, e *e2e, channel string, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(channel)) >= n }); err != nil {
		t.Fatalf("%s has %d messages, want %d: %v\n%s", channel, len(e.emu.Messages(channel)), n, err, e.logs)
	}
}

func TestARoutingRuleSendsTheNextEMEALeadToItsChannel(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, nil)
	db := e.openDB(t)

	for text, want := range map[string]string{
		"route add country=ES channel=#sales-emea":              `Unknown field "country"`,
		"route add region=EMEA":                                 "Name the channel",
		"route add region=EMEA channel=#nowhere":                "There is no channel #nowhere that Armistice can see",
		"route add region=APAC channel=#sales-apac":             "Armistice is not in #sales-apac",
		"route add region=APAC channel=" + apacChannel:          "Armistice is not in #sales-apac",
		"route add region=EMEA segment=SMB channel=#sales-emea": "A rule matches one field",
		"route remove 42":                                       "There is no rule 42",
		"route remove last":                                     `"last" is not a rule number`,
	} {
		if ack := answer(t, e, adminID, text); !strings.Contains(ack, want) {
			t.Errorf("%q answered %q; want %q", text, ack, want)
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM routing_rules`); n != 0 {
		t.Fatalf("refused rules stored: %d", n)
	}

	// The channel as #name, as Slack's escaped <#C…|name> and as an ID.
	for _, text := range []string{
		"route add region=EMEA channel=#sales-emea",
		"route add source=partner webinar channel=<#" + emeaChannel + "|sales-emea>",
		"route add segment=Enterprise channel=" + emeaChannel,
	} {
		if ack := answer(t, e, adminID, text); !strings.Contains(ack, "added: leads whose") || !strings.Contains(ack, "<#"+emeaChannel+">") {
			t.Errorf("%q answered %q", text, ack)
		}
	}
	list := answer(t, e, rep, "route list")
	for _, want := range []string{"region = *EMEA* → <#" + emeaChannel + ">", "source = *partner webinar*", "segment = *Enterprise*", "<@" + adminID + ">"} {
		if !strings.Contains(list, want) {
			t.Errorf("route list lacks %q:\n%s", want, list)
		}
	}

	sendLead(t, e.addr, `{"external_id":"emea-1","email":"e1@example.com","name":"Elsa","region":"emea"}`)
	awaitMessages(t, e, emeaChannel, 1)
	sendLead(t, e.addr, `{"external_id":"na-1","email":"n1@example.com","name":"Ned","region":"NA"}`)
	awaitMessages(t, e, salesChannel, 1)
	if got := plain(e.emu.Messages(emeaChannel)[0].Blocks); !strings.Contains(got, "Elsa") {
		t.Errorf("the EMEA channel got %s", got)
	}
	if got := plain(e.emu.Messages(salesChannel)[0].Blocks); !strings.Contains(got, "Ned") {
		t.Errorf("the sales channel got %s", got)
	}

	// Removed, the next EMEA lead goes to the sales channel again.
	id := regexp.MustCompile("`(\\d+)`  region").FindStringSubmatch(list)
	if id == nil {
		t.Fatalf("no rule number in %s", list)
	}
	if ack := answer(t, e, adminID, "route remove "+id[1]); !strings.Contains(ack, "Rule `"+id[1]+"` removed") {
		t.Errorf("route remove: %s", ack)
	}
	sendLead(t, e.addr, `{"external_id":"emea-2","email":"e2@example.com","name":"Emil","region":"EMEA"}`)
	awaitMessages(t, e, salesChannel, 2)
	if len(e.emu.Messages(emeaChannel)) != 1 {
		t.Errorf("a lead went to the EMEA channel after its rule was removed")
	}

	// Each change is in the audit trail, with who made it.
	if n := countRows(t, db, `SELECT count(*) FROM settings_events WHERE key = 'route' AND actor = $1`, adminID); n != 4 {
		t.Errorf("%d route events, want 3 added and 1 removed", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM settings_events WHERE key = 'route' AND after IS NULL AND before->>'value' = 'EMEA'`); n != 1 {
		t.Errorf("the removal's event does not say what was removed")
	}
	if history := answer(t, e, adminID, "settings history"); !strings.Contains(history, "routing rule `"+id[1]+"` removed: region = *EMEA* → <#"+emeaChannel+">") {
		t.Errorf("settings history: %s", history)
	}
}
