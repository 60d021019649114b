package teams

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

const (
	repID     = "11111111-2222-3333-4444-555555555555"
	managerA  = "aaaaaaaa-0000-0000-0000-000000000001"
	managerB  = "bbbbbbbb-0000-0000-0000-000000000002"
	hostile   = "<at>x</at> **Boss**"
	berlinTZ  = "Europe/Berlin"
	leadIDNum = 42
)

var testNames = Names(func(id string) string {
	return map[string]string{repID: "Rita Rep", managerA: "Mona <Manager>", managerB: "Max"}[id]
})

// decode round-trips v through JSON, as Teams receives it.
func decode(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// elements lists every element of a decoded card body, depth first,
// through containers, column sets and table cells.
func elements(card map[string]any) []map[string]any {
	var out []map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			if _, ok := x["type"]; ok {
				out = append(out, x)
			}
			for _, k := range []string{"items", "columns", "rows", "cells"} {
				walk(x[k])
			}
		}
	}
	walk(card["body"])
	return out
}

// texts joins the text of every TextBlock and every fact of a card.
func texts(card map[string]any) string {
	var sb strings.Builder
	for _, e := range elements(card) {
		switch e["type"] {
		case "TextBlock":
			sb.WriteString(e["text"].(string) + "\n")
		case "FactSet":
			for _, f := range e["facts"].([]any) {
				sb.WriteString(f.(map[string]any)["value"].(string) + "\n")
			}
		}
	}
	return sb.String()
}

func actions(card map[string]any) []map[string]any {
	var out []map[string]any
	list, _ := card["actions"].([]any)
	for _, a := range list {
		out = append(out, a.(map[string]any))
	}
	return out
}

func testCard(t *testing.T) chat.LeadCard {
	t.Helper()
	zone, err := time.LoadLocation(berlinTZ)
	if err != nil {
		zone = time.UTC
	}
	score := 87
	received := time.Date(2026, 11, 23, 9, 0, 0, 0, zone)
	return chat.LeadCard{
		Lead: armistice.Lead{
			ID: leadIDNum, ExternalID: "ext-1", Name: "Ann Lee", Email: "ann@example.com", Company: "Acme",
			Title: "CFO", Phone: "+49 30 1234", Source: "webinar", Score: &score, Persona: "cfo",
			Country: "DE", Notes: "Asked for pricing", Status: armistice.StatusAnnounced, ReceivedAt: received,
		},
		DueAt: received.Add(4 * time.Hour),
		Zone:  zone,
		Insights: []armistice.Insight{
			{Persona: "cfo", Team: "sales", Body: "Cares about payback time", CreatedAt: received},
			{Persona: "cfo", Team: "marketing", Body: "Reads the ROI study", CreatedAt: received},
			{Persona: "cfo", Team: "sales", Body: "Third one, not shown", CreatedAt: received},
		},
	}
}

func TestLeadCardUndecidedHasAcceptAndRejectWithTheirData(t *testing.T) {
	card := decode(t, leadCard(testCard(t), testNames))
	if card["type"] != "AdaptiveCard" || card["version"] != "1.5" || card["$schema"] != cardSchemaURL {
		t.Fatalf("not a 1.5 Adaptive Card: %v %v %v", card["type"], card["version"], card["$schema"])
	}
	acts := actions(card)
	if len(acts) != 2 {
		t.Fatalf("actions = %d, want Accept and Reject: %v", len(acts), acts)
	}
	accept, reject := acts[0], acts[1]
	if accept["type"] != "Action.Execute" || accept["verb"] != VerbAccept {
		t.Errorf("accept = %v", accept)
	}
	if want := map[string]any{"leadId": "42"}; !reflect.DeepEqual(accept["data"], want) {
		t.Errorf("accept data = %v, want %v", accept["data"], want)
	}
	if reject["type"] != "Action.Submit" {
		t.Errorf("reject type = %v", reject["type"])
	}
	wantReject := map[string]any{"action": "reject", "leadId": "42", "msteams": map[string]any{"type": "task/fetch"}}
	if !reflect.DeepEqual(reject["data"], wantReject) {
		t.Errorf("reject data = %v, want %v", reject["data"], wantReject)
	}
	// The data reads back into ActionData, as the click handlers read it.
	b, _ := json.Marshal(reject["data"])
	var ad ActionData
	if err := json.Unmarshal(b, &ad); err != nil || ad.LeadID != leadIDNum || ad.Action != ActionReject || ad.Msteams == nil || ad.Msteams.Type != InvokeTaskFetch {
		t.Errorf("reject data as ActionData = %+v, %v", ad, err)
	}

	all := texts(card)
	for _, want := range []string{"Ann Lee", "Acme", "CFO", "ann@example.com", "webinar", "87", "cfo", "Cares about payback time", "Reads the ROI study", "Decide by **Mon 23 Nov 13:00**"} {
		if !strings.Contains(all, want) {
			t.Errorf("card lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Third one") {
		t.Errorf("card shows more than two insights:\n%s", all)
	}
}

func TestLeadCardDecidedHasNoActionsAndTheVerdict(t *testing.T) {
	base := testCard(t)
	decided := base.Lead.ReceivedAt.Add(3 * time.Hour)
	tests := []struct {
		name  string
		edit  func(*chat.LeadCard)
		wants []string
	}{
		{"accepted", func(c *chat.LeadCard) {
			c.Lead.Status, c.Lead.Verdict = armistice.StatusAccepted, armistice.StatusAccepted
			c.TimeToDecision = 2*time.Hour + 10*time.Minute
		}, []string{"**Accepted** by **Rita Rep** in 2h 10m (business hours)"}},
		{"rejected", func(c *chat.LeadCard) {
			c.Lead.Status, c.Lead.Verdict = armistice.StatusRejected, armistice.StatusRejected
			c.Lead.Reason, c.Lead.Comment = "no budget", "Freeze until Q3"
		}, []string{"**Rejected** by **Rita Rep**: **no budget** — “Freeze until Q3”"}},
		{"won after acceptance", func(c *chat.LeadCard) {
			c.Lead.Status, c.Lead.Verdict = armistice.StatusWon, armistice.StatusAccepted
		}, []string{"**Accepted** by **Rita Rep**"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCard(t)
			c.Lead.DecidedBy, c.Lead.DecidedAt = repID, &decided
			c.Lead.CRMURL = ""
			tt.edit(&c)
			card := decode(t, leadCard(c, testNames))
			if acts := actions(card); len(acts) != 0 {
				t.Errorf("decided card has actions: %v", acts)
			}
			all := texts(card)
			for _, want := range tt.wants {
				if !strings.Contains(all, want) {
					t.Errorf("card lacks %q:\n%s", want, all)
				}
			}
		})
	}
}

func TestLeadCardOverdueSaysSo(t *testing.T) {
	c := testCard(t)
	c.Lead.Overdue = true
	if all := texts(decode(t, leadCard(c, testNames))); !strings.Contains(all, "**Overdue**") {
		t.Errorf("overdue card:\n%s", all)
	}
}

func TestLeadCardSaysTheLeadIsBelowTheAgreedBar(t *testing.T) {
	c := testCard(t)
	if all := texts(decode(t, leadCard(c, testNames))); strings.Contains(all, "MQL bar") {
		t.Errorf("a lead that meets the bar is flagged: %s", all)
	}
	c.Lead.BelowBar = "below the agreed MQL bar: score 42 < 60"
	if all := texts(decode(t, leadCard(c, testNames))); !strings.Contains(all, "⚠️ below the agreed MQL bar: score 42 < 60") {
		t.Errorf("the card does not say the lead is below the bar: %s", all)
	}
}

func TestLeadCardUnknownDeciderIsSomeone(t *testing.T) {
	c := testCard(t)
	c.Lead.Status, c.Lead.Verdict, c.Lead.DecidedBy = armistice.StatusAccepted, armistice.StatusAccepted, "99999999-9999-9999-9999-999999999999"
	if all := texts(decode(t, leadCard(c, testNames))); !strings.Contains(all, "by **someone**") {
		t.Errorf("card:\n%s", all)
	}
}

func TestHostileLeadShowsLiterallyInCardAndNotice(t *testing.T) {
	c := testCard(t)
	c.Lead.Name, c.Lead.Company, c.Lead.Comment = hostile, hostile, hostile
	c.Lead.Status, c.Lead.Verdict, c.Lead.DecidedBy, c.Lead.Reason = armistice.StatusRejected, armistice.StatusRejected, repID, "other"

	all := texts(decode(t, leadCard(c, testNames)))
	if !strings.Contains(all, `<at>x</at> \*\*Boss\*\*`) {
		t.Errorf("card does not show the name as typed:\n%s", all)
	}
	if strings.Contains(all, "**Boss**") {
		t.Errorf("card lets the name format text:\n%s", all)
	}

	text, entities := noticeText(chat.Notice{Kind: chat.NoticeRejected, Card: c}, testNames)
	if len(entities) != 0 {
		t.Errorf("rejection notice mentions %v", entities)
	}
	if strings.Contains(text, "<at>") || strings.Contains(text, "**Boss**") {
		t.Errorf("notice lets the name mention or format:\n%s", text)
	}
	if !strings.Contains(text, "&lt;at&gt;x&lt;/at&gt; &#42;&#42;Boss&#42;&#42;") {
		t.Errorf("notice does not show the name as typed:\n%s", text)
	}
}

func TestNoticesSayWhatHappened(t *testing.T) {
	c := testCard(t)
	c.Lead.Status, c.Lead.Verdict, c.Lead.DecidedBy = armistice.StatusRejected, armistice.StatusRejected, repID
	c.Lead.Reason, c.Lead.Comment = "not ready", "Call again\nin spring"
	c.TimeToDecision = 75 * time.Minute
	tests := []struct {
		kind  chat.NoticeKind
		wants []string
	}{
		{chat.NoticeAccepted, []string{"Rita Rep accepted this lead", "1h 15m"}},
		{chat.NoticeRejected, []string{"**Sales rejected** **Ann Lee** at Acme", "(source: webinar)", "Rita Rep gave the reason **not ready**", "> Call again\n> in spring", "What we know about **cfo**", "Cares about payback time"}},
		{chat.NoticeReminder, []string{"Still waiting", "**Mon 23 Nov 13:00 CET**"}},
	}
	for _, tt := range tests {
		text, entities := noticeText(chat.Notice{Kind: tt.kind, Card: c}, testNames)
		if len(entities) != 0 {
			t.Errorf("%s: entities %v", tt.kind, entities)
		}
		for _, want := range tt.wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s notice lacks %q:\n%s", tt.kind, want, text)
			}
		}
	}
}

func TestEscalationMentionsEachManagerOnce(t *testing.T) {
	c := testCard(t)
	for _, thread := range []string{"", "1700000000000"} {
		n := chat.Notice{Kind: chat.NoticeEscalation, Card: c, Thread: thread,
			Mentions: []string{managerA, managerB, managerA, "U0123SLACK"}}
		text, entities := noticeText(n, testNames)
		if len(entities) != 2 {
			t.Fatalf("entities = %v, want one per Teams manager", entities)
		}
		for i, id := range []string{managerA, managerB} {
			e := decode(t, entities[i])
			m, _ := e["mentioned"].(map[string]any)
			if e["type"] != "mention" || m["id"] != id {
				t.Errorf("entity %d = %v", i, e)
			}
			tag, _ := e["text"].(string)
			if !strings.HasPrefix(tag, "<at>") || !strings.HasSuffix(tag, "</at>") || strings.Count(text, tag) != 1 {
				t.Errorf("entity text %q is not once in the text:\n%s", tag, text)
			}
		}
		if entities[0].Text != "<at>Mona &lt;Manager&gt;</at>" || entities[0].Mentioned.Name != "Mona <Manager>" {
			t.Errorf("first mention = %+v", entities[0])
		}
		if strings.Count(text, "<at>") != 2 {
			t.Errorf("text has other mentions:\n%s", text)
		}
	}
	text, entities := noticeText(chat.Notice{Kind: chat.NoticeEscalation, Card: c}, testNames)
	if len(entities) != 0 || !strings.Contains(text, "No sales managers are configured") {
		t.Errorf("escalation without managers: %q %v", text, entities)
	}
}

func testDigest(insights int) chat.Digest {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	var progress []armistice.Progress
	for i, m := range armistice.Metrics {
		has := i != 2 // one metric without a goal
		progress = append(progress, armistice.NewProgress(m, float64(10*(i+1)), float64(40*(i+1)), has, 20, 16))
	}
	d := chat.Digest{
		Kind: chat.DigestDaily, Period: "2026-11-23", Title: "Daily digest for Sunday 22 November",
		Counts:  armistice.Counts{MQLs: 1234, Decided: 10, Accepted: 7, Opportunities: 2, Won: 1, Revenue: 12000},
		Reasons: []armistice.ReasonCount{{Reason: "no budget", Count: 2}, {Reason: hostile, Count: 1}},
		Pending: 5, Overdue: 2,
		Goals: chat.GoalsReport{Month: armistice.Month{Year: 2026, Month: time.November}, Progress: progress, WorkingDays: 20, DaysElapsed: 16},
		Reps:  []armistice.RepCount{{User: repID, Decided: 4, Accepted: 3, MedianDecision: 90 * time.Minute}},
		Zone:  time.UTC,
	}
	for i := range 14 {
		d.Trend = append(d.Trend, armistice.DayCount{Day: day.AddDate(0, 0, i-14), MQLs: int64(i), Accepted: int64(i / 2)})
	}
	for i := range insights {
		d.Insights = append(d.Insights, armistice.Insight{
			Persona: fmt.Sprintf("persona-%d", i/7), Team: "sales", Author: repID,
			Body: strings.Repeat("<at>long</at> **insight** text ", 12), CreatedAt: day,
		})
	}
	return d
}

func TestDigestCardHasGoalsTableAndCharts(t *testing.T) {
	d := testDigest(3)
	card := decode(t, digestCard(d, testNames))
	if fb, _ := card["fallbackText"].(string); !strings.Contains(fb, "1234 MQLs") {
		t.Errorf("fallbackText = %q", fb)
	}
	goals := 0
	for _, p := range d.Goals.Progress {
		if p.HasGoal {
			goals++
		}
	}
	var tables, bars, lines int
	for _, e := range elements(card) {
		switch e["type"] {
		case "Table":
			tables++
			rows := e["rows"].([]any)
			if len(rows) != goals+1 {
				t.Errorf("table rows = %d, want a header and %d goals", len(rows), goals)
			}
			if cols := e["columns"].([]any); len(cols) != 4 {
				t.Errorf("table columns = %d, want 4", len(cols))
			}
			if e["firstRowAsHeaders"] != true {
				t.Errorf("the table does not set firstRowAsHeaders (keys: %v)", slices.Sorted(maps.Keys(e)))
			}
			checkProps(t, "Table", e, tableProps)
			for _, c := range e["columns"].([]any) {
				checkProps(t, "TableColumnDefinition", c, columnProps)
			}
			for _, r := range rows {
				checkProps(t, "TableRow", r, rowProps)
				for _, c := range r.(map[string]any)["cells"].([]any) {
					checkProps(t, "TableCell", c, cellProps)
				}
			}
		case "Chart.VerticalBar", "Chart.HorizontalBar":
			bars++
			if data := e["data"].([]any); len(data) != goals {
				t.Errorf("bar chart points = %d, want %d", len(data), goals)
			}
			checkProps(t, "Chart.VerticalBar", e, barProps)
			for _, p := range e["data"].([]any) {
				checkProps(t, "a bar's data point", p, pointProps)
			}
		case "Chart.Line":
			lines++
			series := e["data"].([]any)
			if len(series) != 2 || len(series[0].(map[string]any)["values"].([]any)) != 14 {
				t.Errorf("line chart = %v", e)
			}
			checkProps(t, "Chart.Line", e, lineProps)
			for _, s := range series {
				checkProps(t, "a line's series", s, seriesProps)
				for _, p := range s.(map[string]any)["values"].([]any) {
					checkProps(t, "a line's data point", p, pointProps)
				}
			}
		}
	}
	if tables != 1 || bars != 1 || lines != 1 {
		t.Errorf("tables %d, bar charts %d, line charts %d; want one each", tables, bars, lines)
	}
	all := texts(card)
	if strings.Contains(all, "**Boss**") || strings.Contains(all, "**insight**") {
		t.Errorf("digest lets outside text format:\n%s", all)
	}
	if !strings.Contains(all, "Rita Rep") {
		t.Errorf("digest lacks the rep's name:\n%s", all)
	}
}

// The properties Teams reads on the elements the digest uses, spelled as in
// Microsoft's Adaptive Cards reference (Table, TableColumnDefinition,
// TableRow, TableCell) and in Teams' "Charts in Adaptive Cards"
// (Chart.VerticalBar, Chart.Line), beside the properties every element has.
var (
	elementProps = []string{"type", "id", "spacing", "separator", "height", "isVisible", "requires", "fallback"}
	tableProps   = append([]string{"columns", "rows", "firstRowAsHeaders", "showGridLines", "gridStyle", "horizontalCellContentAlignment", "verticalCellContentAlignment"}, elementProps...)
	columnProps  = []string{"width", "horizontalCellContentAlignment", "verticalCellContentAlignment"}
	rowProps     = []string{"type", "cells", "style", "horizontalCellContentAlignment", "verticalCellContentAlignment"}
	cellProps    = []string{"type", "items", "selectAction", "style", "verticalContentAlignment", "bleed", "backgroundImage", "minHeight", "rtl"}
	barProps     = append([]string{"title", "xAxisTitle", "yAxisTitle", "showBarValues", "colorSet", "color", "data"}, elementProps...)
	lineProps    = append([]string{"title", "xAxisTitle", "yAxisTitle", "colorSet", "color", "data"}, elementProps...)
	seriesProps  = []string{"legend", "values", "color"}
	pointProps   = []string{"x", "y", "color"}
)

// checkProps fails the test for every property of v (a JSON object) that
// allowed does not name: a misspelt property is silently ignored by Teams.
func checkProps(t *testing.T, what string, v any, allowed []string) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%s is not an object: %v", what, v)
		return
	}
	for k := range m {
		if !slices.Contains(allowed, k) {
			t.Errorf("%s has property %q, which Teams does not read", what, k)
		}
	}
}

func TestDigestCardStaysUnder40KBWith500Insights(t *testing.T) {
	d := testDigest(500)
	d.Briefs = []armistice.PersonaBrief{}
	for i := range 40 {
		d.Briefs = append(d.Briefs, armistice.PersonaBrief{Persona: fmt.Sprintf("p%d", i), Name: "P", Body: strings.Repeat("- a <b> point\n", 100), Insights: 3, Model: "m"})
	}
	d.RejectionBrief = &armistice.RejectionBrief{Body: strings.Repeat("- why\n", 400), Rejections: 9, Model: "m"}
	plan := armistice.ReversePlan(250000, 0, armistice.Trailing{})
	d.Plan = &plan
	b, err := json.Marshal(digestCard(d, testNames))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= 40<<10 {
		t.Fatalf("digest card is %d bytes", len(b))
	}
	card := decode(t, digestCard(d, testNames))
	all := texts(card)
	if !strings.Contains(all, "more insights: the insights command lists them all") {
		t.Errorf("the cut is not said:\n%s", all)
	}
	acts := actions(card)
	if len(acts) != 1 || acts[0]["verb"] != converse.ActionAdoptPlan {
		t.Errorf("monthly plan action = %v", acts)
	}
	if text := digestText(d, testNames); len(text) >= 40<<10 || strings.Contains(text, "<at>") {
		t.Errorf("digest text is %d bytes or mentions", len(text))
	}
}

func TestRejectDialogShowsCommentErrorUnderCommentAndKeepsReason(t *testing.T) {
	l := testCard(t).Lead
	task := rejectDialogTask(l, armistice.DefaultRejectionReasons,
		map[string]string{"reason": "other", "comment": ""},
		map[string]string{"comment": "say why, since the reason is \"other\""})
	card := decode(t, task["task"].(map[string]any)["value"].(map[string]any)["card"].(Attachment).Content)
	body := card["body"].([]any)
	reasonAt, commentAt := -1, -1
	for i, e := range body {
		el := e.(map[string]any)
		switch el["id"] {
		case "reason":
			reasonAt = i
			if el["type"] != "Input.ChoiceSet" || el["value"] != "other" || el["isRequired"] != true || el["errorMessage"] == "" {
				t.Errorf("reason input = %v", el)
			}
			if n := len(el["choices"].([]any)); n != len(armistice.DefaultRejectionReasons) {
				t.Errorf("reason choices = %d", n)
			}
		case "comment":
			commentAt = i
			if el["type"] != "Input.Text" || el["isMultiline"] != true || el["label"] != "Comment for marketing" {
				t.Errorf("comment input = %v", el)
			}
		}
	}
	if reasonAt < 0 || commentAt < 0 {
		t.Fatalf("inputs missing: reason %d comment %d", reasonAt, commentAt)
	}
	if reasonAt+1 < len(body) && body[reasonAt+1].(map[string]any)["color"] == "Attention" {
		t.Errorf("an error shows under the reason")
	}
	next := body[commentAt+1].(map[string]any)
	if next["type"] != "TextBlock" || next["color"] != "Attention" || !strings.Contains(next["text"].(string), "say why") {
		t.Errorf("under the comment: %v", next)
	}
	acts := actions(card)
	if len(acts) != 1 || acts[0]["type"] != "Action.Submit" {
		t.Fatalf("actions = %v", acts)
	}
	if want := map[string]any{"action": ActionRejectSubmit, "leadId": "42"}; !reflect.DeepEqual(acts[0]["data"], want) {
		t.Errorf("submit data = %v, want %v", acts[0]["data"], want)
	}
}

func TestLeadDialogUsesTheLeadFieldNames(t *testing.T) {
	task := leadDialogTask("19:abc@thread.tacv2", map[string]string{"email": "a@b.co", "score": "x"},
		map[string]string{"score": "must be a whole number between 0 and 100", "fields.x": "too long"})
	card := decode(t, task["task"].(map[string]any)["value"].(map[string]any)["card"].(Attachment).Content)
	body := card["body"].([]any)
	ids := map[string]int{}
	for i, e := range body {
		if id, ok := e.(map[string]any)["id"].(string); ok {
			ids[id] = i
		}
	}
	for _, want := range []string{"email", "name", "company", "title", "phone", "source", "score", "persona", "country", "region", "segment", "crm_url", "notes", "external_id"} {
		if _, ok := ids[want]; !ok {
			t.Errorf("no input %q", want)
		}
	}
	if v := body[ids["email"]].(map[string]any)["value"]; v != "a@b.co" {
		t.Errorf("email value = %v", v)
	}
	if e := body[ids["score"]+1].(map[string]any); e["color"] != "Attention" {
		t.Errorf("under score: %v", e)
	}
	if e := body[0].(map[string]any); e["color"] != "Attention" || !strings.Contains(e["text"].(string), "too long") {
		t.Errorf("error of no input is not on top: %v", e)
	}
	data := actions(card)[0]["data"]
	if want := map[string]any{"action": ActionLeadForm, "channel": "19:abc@thread.tacv2"}; !reflect.DeepEqual(data, want) {
		t.Errorf("submit data = %v", data)
	}
}

func TestInsightDialogPicksThePersonaAndCarriesTheLink(t *testing.T) {
	personas := []armistice.Persona{{Slug: "cfo", Name: "Chief Financial Officer"}, {Slug: "cto", Name: "CTO"}}
	form := converse.InsightFormFor(personas, map[string]string{"persona": "CTO", "text": "They hate lock-in"}, map[string]string{"text": "write what you learned"}, true)
	card := decode(t, formCard(form, ActionData{Action: ActionInsightForm, Channel: "19:abc@thread.tacv2", Link: "https://teams.microsoft.com/l/message/1"}))
	var picker, text map[string]any
	for _, e := range card["body"].([]any) {
		switch el := e.(map[string]any); el["id"] {
		case "persona":
			picker = el
		case "text":
			text = el
		}
	}
	if picker == nil || picker["value"] != "cto" || picker["style"] != "filtered" || picker["isMultiSelect"] != false {
		t.Errorf("picker = %v", picker)
	}
	if text == nil || text["value"] != "They hate lock-in" {
		t.Errorf("text = %v", text)
	}
	data := actions(card)[0]["data"].(map[string]any)
	if data["action"] != ActionInsightForm || data["link"] != "https://teams.microsoft.com/l/message/1" {
		t.Errorf("submit data = %v", data)
	}
}

func TestCommandAnswersEscapeOutsideText(t *testing.T) {
	every := []converse.Span{converse.T(hostile), converse.B(hostile), converse.I(hostile), converse.C(hostile),
		converse.L(hostile, "https://x.test/m/1"), converse.U(managerA), converse.Ch("19:x@thread.tacv2")}
	r := converse.Reply{Blocks: []converse.Block{converse.Heading(hostile), converse.Paragraph(every), converse.List{every}, converse.Note(every),
		converse.Buttons{{Label: "More", Action: converse.ActionInsightsMore, Value: `{"page":1}`}}}}
	names := replyNames{users: testNames, channels: map[string]string{"19:x@thread.tacv2": hostile}}
	card, err := json.Marshal(replyCard(r, names))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"text":      messageStyle.blocks(r.Blocks, names),
		"decided":   messageStyle.blocks(converse.AlreadyDecided(armistice.Lead{Status: armistice.StatusAccepted, DecidedBy: managerA}).Blocks, names),
		"digestTxt": digestText(testDigest(3), testNames),
	}
	for name, text := range checks {
		if strings.Contains(text, "<at>") || strings.Contains(text, "**Boss**") || strings.Contains(text, "<Manager>") {
			t.Errorf("%s lets outside text through:\n%s", name, text)
		}
	}
	if !strings.Contains(checks["text"], "[&lt;at&gt;x&lt;/at&gt; &#42;&#42;Boss&#42;&#42;](https://x.test/m/1)") || !strings.Contains(checks["text"], "Mona &lt;Manager&gt;") {
		t.Errorf("text:\n%s", checks["text"])
	}
	if text := texts(decode(t, replyCard(r, names))); strings.Contains(text, "**Boss**") {
		t.Errorf("card lets outside markdown through:\n%s", text) // a card's <at> mentions no one without its entity
	}
	if !strings.Contains(string(card), `"data":{"page":1}`) || !strings.Contains(string(card), `"verb":"insights_more"`) {
		t.Errorf("the button's value is not its data: %s", card)
	}
	if !strings.Contains(checks["decided"], "already accepted by Mona &lt;Manager&gt;.") {
		t.Errorf("already decided: %s", checks["decided"])
	}
}
