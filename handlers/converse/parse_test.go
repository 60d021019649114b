package converse

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

func TestParseRouteAdd(t *testing.T) {
	for _, tc := range []struct {
		text string
		want routeAdd
		err  string
	}{
		{text: "region=EMEA channel=#sales-emea", want: routeAdd{"region", "EMEA", chat.ChannelRef{Name: "sales-emea"}}},
		{text: "channel=C0EMEA0001 Region=EMEA", want: routeAdd{"region", "EMEA", chat.ChannelRef{ID: "C0EMEA0001"}}},
		{text: "segment=Mid Market channel=19:abc@thread.tacv2", want: routeAdd{"segment", "Mid Market", chat.ChannelRef{ID: "19:abc@thread.tacv2"}}},
		{text: "source=partner channel=sales-emea", want: routeAdd{"source", "partner", chat.ChannelRef{Name: "sales-emea"}}},
		{text: "source=a=b channel=#x", want: routeAdd{"source", "a=b", chat.ChannelRef{Name: "x"}}},
		{text: "country=ES channel=#x", err: `Unknown field "country"`},
		{text: "region=EMEA", err: "Name the channel"},
		{text: "channel=#x", err: "Say what to match"},
		{text: "region= channel=#x", err: "Give the region to match"},
		{text: "region=EMEA region=NA channel=#x", err: "region is given twice"},
		{text: "region=EMEA source=web channel=#x", err: "A rule matches one field"},
		{text: "EMEA #x", err: `Expected field=value, got "EMEA"`},
	} {
		got, err := parseRouteAdd(strings.Fields(tc.text))
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.text, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.text, err)
		case got != tc.want:
			t.Errorf("%q: %+v; want %+v", tc.text, got, tc.want)
		}
	}
}

func TestParseRuleNumber(t *testing.T) {
	for text, want := range map[string]int64{"2": 2, "#12": 12, "0": 0, "-1": 0, "last": 0, "": 0, "1.5": 0} {
		if got, ok := parseRuleNumber(text); got != want && ok || ok != (want > 0) {
			t.Errorf("%q: %d %v; want %d", text, got, ok, want)
		}
	}
}

func TestParsePlan(t *testing.T) {
	for _, tc := range []struct {
		args string
		want PlanChoice
		bad  bool
	}{
		{args: "250k", want: PlanChoice{Revenue: 250000}},
		{args: "250k deal 12k", want: PlanChoice{Revenue: 250000, Deal: 12000}},
		{args: "250k DEAL 12,000 2026-12", want: PlanChoice{Revenue: 250000, Deal: 12000, Month: "2026-12"}},
		{args: "1.5m 2026-12 deal 20k", want: PlanChoice{Revenue: 1500000, Deal: 20000, Month: "2026-12"}},
		{args: "", bad: true},
		{args: "lots", bad: true},
		{args: "250k deal", bad: true},
		{args: "250k deal many", bad: true},
		{args: "250k 2026-12 2027-01", bad: true},
	} {
		got, err := parsePlan(strings.Fields(tc.args))
		switch {
		case tc.bad && err == nil:
			t.Errorf("%q: %+v, want an error", tc.args, got)
		case !tc.bad && (err != nil || got != tc.want):
			t.Errorf("%q: %+v %v; want %+v", tc.args, got, err, tc.want)
		}
	}
}

func TestParseGoalSet(t *testing.T) {
	for _, tc := range []struct {
		args string
		want goalSet
		ok   bool
	}{
		{args: "set mqls 100", want: goalSet{"mqls", "100", ""}, ok: true},
		{args: "SET revenue 250k 2026-12", want: goalSet{"revenue", "250k", "2026-12"}, ok: true},
		{args: "set mqls", ok: false},
		{args: "mqls 100 2026-12", ok: false},
		{args: "set mqls 100 2026-12 again", ok: false},
		{args: "", ok: false},
	} {
		got, ok := parseGoalSet(strings.Fields(tc.args))
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("%q: %+v %v; want %+v %v", tc.args, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseInsight(t *testing.T) {
	for _, tc := range []struct {
		line string
		want insightLine
		ok   bool
	}{
		{line: "insight cfo Budgets freeze\nin December #budget", want: insightLine{"cfo", "Budgets freeze\nin December #budget"}, ok: true},
		{line: "insight  cfo   two  spaces kept", want: insightLine{"cfo", "two  spaces kept"}, ok: true},
		{line: "insight cfo", want: insightLine{persona: "cfo"}},
		{line: "insight", want: insightLine{}},
	} {
		got, ok := parseInsight(tc.line)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %+v %v; want %+v %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSplitLine(t *testing.T) {
	for line, want := range map[string][]string{
		"":                                   {"help"},
		"   ":                                {"help"},
		"GOALS 2026-11":                      {"goals", "2026-11"},
		"route add\tregion=EMEA\nchannel=#x": {"route", "add", "region=EMEA", "channel=#x"},
	} {
		verb, args := splitLine(line)
		if got := append([]string{verb}, args...); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %q; want %q", line, got, want)
		}
	}
}

func TestParseUser(t *testing.T) {
	for _, tc := range []struct{ text, want, err string }{
		{text: "<@U0REP00001>", want: "U0REP00001"},
		{text: "<@W0REP00001|ana>", want: "W0REP00001"},
		{text: " U0REP00001 ", want: "U0REP00001"},
		{text: "aaaaaaaa-0000-0000-0000-000000000001", want: "aaaaaaaa-0000-0000-0000-000000000001"},
		{text: "@ana", err: `"@ana" is not a user: mention them, as in @ana.`},
		{text: "<@C0SALES001>", err: "is not a user"},
		{text: "<#C0SALES001|sales>", err: "is not a user"},
	} {
		got, err := parseUser(tc.text)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %q, %v; want an error %q", tc.text, got, err, tc.err)
			}
		case err != nil || got != tc.want:
			t.Errorf("%q: %q, %v; want %q", tc.text, got, err, tc.want)
		}
	}
}

func TestParsePoolRepArgs(t *testing.T) {
	n := func(i int) *int { return &i }
	for _, tc := range []struct {
		args string
		want chat.PoolRepArgs
		err  string
	}{
		{args: "<@U0REP00001|ana>", want: chat.PoolRepArgs{Rep: "U0REP00001"}},
		{args: "U0REP00001 weight=2 cap=5", want: chat.PoolRepArgs{Rep: "U0REP00001", Weight: n(2), Cap: n(5)}},
		{args: "CAP=0 WEIGHT=10 aaaaaaaa-0000-0000-0000-000000000001", want: chat.PoolRepArgs{Rep: "aaaaaaaa-0000-0000-0000-000000000001", Weight: n(10), Cap: n(0)}},
		{args: "", err: "Name the rep"},
		{args: "weight=2", err: "Name the rep"},
		{args: "U0REP00001 U0REP00002", err: `Name one rep at a time; "U0REP00002" is one too many.`},
		{args: "ana", err: `"ana" is not a user`},
		{args: "U0REP00001 weight=0", err: `The weight is a whole number from 1 to 10, not "0".`},
		{args: "U0REP00001 weight=heavy", err: "The weight is a whole number"},
		{args: "U0REP00001 cap=-1", err: "The cap is the most leads a day"},
		{args: "U0REP00001 cap=1001", err: "The cap is the most leads a day"},
		{args: "U0REP00001 cap=1 cap=2", err: "cap is given twice."},
		{args: "U0REP00001 speed=2", err: `Unknown option "speed"`},
	} {
		got, err := parsePoolRepArgs(strings.Fields(tc.args))
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %+v, %v; want an error %q", tc.args, got, err, tc.err)
			}
		case err != nil || !reflect.DeepEqual(got, tc.want):
			t.Errorf("%q: %+v, %v; want %+v", tc.args, got, err, tc.want)
		}
	}
}

func TestParseAwayArgs(t *testing.T) {
	today := armistice.Date{Year: 2026, Month: time.December, Day: 30}
	date := func(s string) *armistice.Date {
		d, err := armistice.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	for _, tc := range []struct {
		args string
		want chat.AwayArgs
		err  string
	}{
		{args: "", want: chat.AwayArgs{}},
		{args: "at a conference", want: chat.AwayArgs{Note: "at a conference"}},
		{args: "until 2027-01-04 skiing", want: chat.AwayArgs{Until: date("2027-01-04"), Note: "skiing"}},
		{args: "FOR 3D at a conference", want: chat.AwayArgs{Until: date("2027-01-02"), Note: "at a conference"}},
		{args: "for 366d", want: chat.AwayArgs{Until: date("2027-12-31")}},
		{args: "until", want: chat.AwayArgs{Note: "until"}},
		{args: "until 2027-02-30", err: `"2027-02-30" is not a date: write it as YYYY-MM-DD`},
		{args: "for 3", err: `Say how many days as in for 3d (1 to 366), not "3".`},
		{args: "for 0d", err: "Say how many days"},
		{args: "for 367d", err: "Say how many days"},
		{args: "for a while", err: "Say how many days"},
	} {
		got, err := parseAwayArgs(strings.Fields(tc.args), today)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %+v, %v; want an error %q", tc.args, got, err, tc.err)
			}
		case err != nil || !reflect.DeepEqual(got, tc.want):
			t.Errorf("%q: %+v, %v; want %+v", tc.args, got, err, tc.want)
		}
	}
}
