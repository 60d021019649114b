package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
)

// leadCard is a lead card as the bot posts it, for a lead whose name and
// company try to inject markup and a channel ping (escaped, as the bot
// escapes outside text).
const leadCard = `[
 {"type":"section","block_id":"b1","text":{"type":"mrkdwn","text":"*New MQL:* &lt;script&gt;alert(1)&lt;/script&gt;, CFO at *&lt;!channel&gt; Harbor &amp; Pine*"}},
 {"type":"section","block_id":"b2","fields":[{"type":"mrkdwn","text":"*Source*\nwebinar"},{"type":"mrkdwn","text":"*Score*\n87"}]},
 {"type":"actions","block_id":"lead_actions_7","elements":[
  {"type":"button","action_id":"lead_accept","value":"7","style":"primary","text":{"type":"plain_text","text":"Accept"}},
  {"type":"button","action_id":"lead_reject","value":"7","style":"danger","text":{"type":"plain_text","text":"Reject"}},
  {"type":"button","action_id":"lead_crm","value":"7","url":"https://crm.example.com/c/7","text":{"type":"plain_text","text":"Open in CRM"}},
  {"type":"button","action_id":"\"><img src=x>","text":{"type":"plain_text","text":"<b>odd</b>"}}]},
 {"type":"divider"},
 {"type":"context","elements":[{"type":"mrkdwn","text":"Decide by *Tue 24 Nov 09:33* (UTC)"}]},
 {"type":"header","text":{"type":"plain_text","text":"Digest :tada:"}},
 {"type":"image","image_url":"javascript:alert(1)","alt_text":"chart"},
 {"type":"video","title":{"type":"plain_text","text":"x"}}
]`

func TestLeadCardRendersAsSlackShowsIt(t *testing.T) {
	out := testRenderer().blocksHTML(json.RawMessage(leadCard), inMessage)
	for _, want := range []string{
		`<strong>New MQL:</strong> &lt;script&gt;alert(1)&lt;/script&gt;, CFO at <strong>&lt;!channel&gt; Harbor &amp; Pine</strong>`,
		`<div class="bk-fields"><div class="bk-field"><strong>Source</strong><br>webinar</div>`,
		`<button type="button" class="btn primary" data-act="button" data-action-id="lead_accept">Accept</button>`,
		`<button type="button" class="btn danger" data-act="button" data-action-id="lead_reject">Reject</button>`,
		`<a class="btn" href="https://crm.example.com/c/7" target="_blank" rel="noopener noreferrer" data-act="link" data-action-id="lead_crm">Open in CRM`,
		`data-action-id="&#34;&gt;&lt;img src=x&gt;">&lt;b&gt;odd&lt;/b&gt;</button>`,
		`<hr class="bk-divider">`,
		`<div class="bk-context"><span>Decide by <strong>Tue 24 Nov 09:33</strong> (UTC)</span></div>`,
		`<div class="bk-header">Digest 🎉</div>`,
		`<span class="img-missing ">chart</span>`,
		`This video block is not shown in the sandbox.`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the card lacks\n%s\nin\n%s", want, out)
		}
	}
	for _, bad := range []string{"<script", "<img", "broadcast", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("the card holds %q:\n%s", bad, out)
		}
	}
}

func TestTableBlockRendersAsATable(t *testing.T) {
	blocks := `[{"type":"table","column_settings":[null,{"align":"right"}],"rows":[
	 [{"type":"raw_text","text":"Metric"},{"type":"raw_text","text":"Actual"}],
	 [{"type":"raw_text","text":"MQLs <b>"},{"type":"raw_text","text":"83"}],
	 [{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"Won","style":{"bold":true}}]}]},{"type":"raw_text","text":"8"}]]}]`
	out := testRenderer().blocksHTML(json.RawMessage(blocks), inMessage)
	for _, want := range []string{
		`<thead><tr><th>Metric</th><th style="text-align:right">Actual</th></tr></thead>`,
		`<tbody><tr><td>MQLs &lt;b&gt;</td><td style="text-align:right">83</td></tr>`,
		`<td><p><strong>Won</strong></p></td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks\n%s\nin\n%s", want, out)
		}
	}
}

func TestChartBlocksRenderAsSVG(t *testing.T) {
	bar := `[{"type":"data_visualization","title":"Progress <against> goals","chart":{"type":"bar",
	 "axis_config":{"categories":["MQLs","Accepted","Won"],"y_label":"% of goal"},
	 "series":[{"name":"This month","data":[{"label":"MQLs","value":69},{"label":"Accepted","value":61},{"label":"Won","value":80}]},
	           {"name":"Last month","data":[{"label":"MQLs","value":90},{"label":"Accepted","value":75},{"label":"Won","value":100}]}]}}]`
	out := testRenderer().blocksHTML(json.RawMessage(bar), inMessage)
	if n := strings.Count(out, "<rect "); n != 6 {
		t.Errorf("a bar chart of 2 series × 3 categories has %d bars:\n%s", n, out)
	}
	for _, want := range []string{`<figcaption>Progress &lt;against&gt; goals</figcaption>`, `<svg class="chart-svg"`, `% of goal`, `Last month`, `<title>This month · Won: 80</title>`} {
		if !strings.Contains(out, want) {
			t.Errorf("the bar chart lacks %q:\n%s", want, out)
		}
	}

	line := `[{"type":"data_visualization","title":"Trend","chart":{"type":"line","axis_config":{"categories":["Mon","Tue"]},
	 "series":[{"name":"MQLs","data":[{"label":"Mon","value":3},{"label":"Tue","value":5}]}]}}]`
	if out := testRenderer().blocksHTML(json.RawMessage(line), inMessage); strings.Count(out, "<polyline") != 1 || strings.Count(out, "<circle") != 2 {
		t.Errorf("the line chart:\n%s", out)
	}

	pie := `[{"type":"data_visualization","title":"Sources","chart":{"type":"pie","segments":[{"label":"webinar","value":3},{"label":"ebook","value":1}]}}]`
	if out := testRenderer().blocksHTML(json.RawMessage(pie), inMessage); strings.Count(out, "<path ") != 2 || !strings.Contains(out, "75%") {
		t.Errorf("the pie chart:\n%s", out)
	}
}

func TestModalFieldsRenderWithTheirValuesAndErrorSlots(t *testing.T) {
	r := testRenderer()
	r.people = DefaultWorkspace.People
	r.chanList = DefaultWorkspace.Channels()
	blocks := `[
	 {"type":"section","text":{"type":"mrkdwn","text":"Rejecting *&lt;b&gt;Ana&lt;/b&gt;*"}},
	 {"type":"input","block_id":"reason","label":{"type":"plain_text","text":"Reason"},"element":{"type":"static_select","action_id":"reason",
	   "options":[{"text":{"type":"plain_text","text":"no budget"},"value":"no budget"},{"text":{"type":"plain_text","text":"other"},"value":"other"}],
	   "initial_option":{"text":{"type":"plain_text","text":"other"},"value":"other"}}},
	 {"type":"input","block_id":"comment","optional":true,"label":{"type":"plain_text","text":"Comment"},"hint":{"type":"plain_text","text":"Required for other"},
	   "element":{"type":"plain_text_input","action_id":"comment","multiline":true,"initial_value":"<hi>"}},
	 {"type":"input","block_id":"score","label":{"type":"plain_text","text":"Score"},"element":{"type":"number_input","action_id":"score","is_decimal_allowed":false,"min_value":"0","max_value":"100"}},
	 {"type":"input","block_id":"managers","label":{"type":"plain_text","text":"Managers"},"element":{"type":"multi_users_select","action_id":"managers","initial_users":["U0REP00002"]}},
	 {"type":"input","block_id":"channel","label":{"type":"plain_text","text":"Channel"},"element":{"type":"conversations_select","action_id":"channel"}},
	 {"type":"input","block_id":"days","label":{"type":"plain_text","text":"Days"},"element":{"type":"checkboxes","action_id":"days",
	   "options":[{"text":{"type":"plain_text","text":"Mon"},"value":"mon"},{"text":{"type":"plain_text","text":"Sat"},"value":"sat"}],
	   "initial_options":[{"text":{"type":"plain_text","text":"Mon"},"value":"mon"}]}}
	]`
	out := r.blocksHTML(json.RawMessage(blocks), inModal)
	for _, want := range []string{
		`Rejecting <strong>&lt;b&gt;Ana&lt;/b&gt;</strong>`,
		`<select class="input" data-input="select" data-action-id="reason" id="f-reason">`,
		`<option value="other" selected>other</option>`,
		`<textarea class="input" rows="4" placeholder="" data-input="text" data-action-id="comment" id="f-comment" data-initial="&lt;hi&gt;">&lt;hi&gt;</textarea>`,
		`<span class="optional">(optional)</span>`,
		`<div class="hint">Required for other</div>`,
		`<div class="field-error" role="alert" data-error-for="comment" hidden></div>`,
		`type="number"`, `min="0"`, `max="100"`, `step="1"`,
		`<select class="input multi" multiple size="5" data-input="multiselect" data-action-id="managers" id="f-managers"><option value="U0REP00001">Rosa Díaz</option><option value="U0REP00002" selected>Sam Okafor</option>`,
		`<option value="C0SALES001">#sales</option>`,
		`<input type="checkbox" name="days" value="mon" checked>`,
		`<input type="checkbox" name="days" value="sat">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the form lacks\n%s\nin\n%s", want, out)
		}
	}
}
