package sandbox

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func testRenderer() *renderer {
	return &renderer{
		viewer:   Rosa,
		users:    map[string]string{Rosa: "Rosa Díaz", Sam: "Sam Okafor"},
		channels: map[string]string{"C0SALES001": "sales"},
		emuHost:  "127.0.0.1:4000",
	}
}

func TestMrkdwnFormatsAsSlackDoes(t *testing.T) {
	r := testRenderer()
	for _, tc := range []struct{ name, in, want string }{
		{"bold", "*New MQL:* Ana", "<strong>New MQL:</strong> Ana"},
		{"italic", "_soon_", "<em>soon</em>"},
		{"strike", "~gone~", "<del>gone</del>"},
		{"code", "run `help` now", "run <code>help</code> now"},
		{"markers inside words stay", "snake_case_name and 2*3*4", "snake_case_name and 2*3*4"},
		{"markers before spaces stay", "a * b * c", "a * b * c"},
		{"nested", "*bold _and italic_*", "<strong>bold <em>and italic</em></strong>"},
		{"code is not formatted", "`*x*`", "<code>*x*</code>"},
		{"lines", "one\ntwo", "one<br>two"},
		{"quote", "said:\n> no budget\n> this year\nthanks", "said:<blockquote>no budget<br>this year</blockquote>thanks"},
		{"preformatted", "```a *b* &lt;c&gt;```", `<pre class="pre">a *b* &lt;c&gt;</pre>`},
		{"user", "<@U0REP00001> took it", `<span class="mention me" data-user="U0REP00001">@Rosa Díaz</span> took it`},
		{"other user", "<@U0REP00002>", `<span class="mention" data-user="U0REP00002">@Sam Okafor</span>`},
		{"unknown user with label", "<@UX|max>", `<span class="mention" data-user="UX">@max</span>`},
		{"channel", "<#C0SALES001>", `<a class="mention chan" href="?channel=C0SALES001" data-channel="C0SALES001">#sales</a>`},
		{"broadcast", "<!here>", `<span class="mention broadcast">@here</span>`},
		{"link", "<https://crm.example.com/c/1|Open>", `<a href="https://crm.example.com/c/1" target="_blank" rel="noopener noreferrer">Open</a>`},
		{"bare link", "<https://example.com>", `<a href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>`},
		{"link with escapes", "<https://x.example/?a=1&amp;b=2|A &amp; B>", `<a href="https://x.example/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">A &amp; B</a>`},
		{"permalink stays in the page", "<http://127.0.0.1:4000/archives/C0SALES001/p1700000000000100|card>", `<a href="?channel=C0SALES001&amp;msg=1700000000.000100" data-channel="C0SALES001" data-msg="1700000000.000100">card</a>`},
		{"emoji", ":white_check_mark: done", `<span class="emoji" title=":white_check_mark:">✅</span> done`},
		{"unknown emoji", ":no_such_emoji:", ":no_such_emoji:"},
		{"bold mention", "*<@U0REP00002>*", `<strong><span class="mention" data-user="U0REP00002">@Sam Okafor</span></strong>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.mrkdwn(tc.in); got != tc.want {
				t.Errorf("mrkdwn(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestMrkdwnShowsOutsideTextAsText(t *testing.T) {
	r := testRenderer()
	for _, tc := range []struct{ name, in, want string }{
		// What the bot sends: a lead's name escaped for Slack.
		{"script name", "*New MQL:* &lt;script&gt;alert(1)&lt;/script&gt;", "<strong>New MQL:</strong> &lt;script&gt;alert(1)&lt;/script&gt;"},
		{"channel ping", "&lt;!channel&gt; Acme", "&lt;!channel&gt; Acme"},
		{"fake mention", "&lt;@U0REP00001&gt;", "&lt;@U0REP00001&gt;"},
		{"ampersand", "Harbor &amp; Pine", "Harbor &amp; Pine"},
		{"escaped quote marker", "&gt; not a quote", "&gt; not a quote"},
		// What a careless sender might post unescaped.
		{"raw script", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"raw img", `<img src=x onerror=alert(1)>`, "&lt;img src=x onerror=alert(1)&gt;"},
		{"javascript link", "<javascript:alert(1)|click me>", "click me"},
		{"data link", "<data:text/html,hi>", "&lt;data:text/html,hi&gt;"},
		{"quote in link", `<https://evil.example/"onmouseover="alert(1)|hi>`, `<a href="https://evil.example/&#34;onmouseover=&#34;alert(1)" target="_blank" rel="noopener noreferrer">hi</a>`},
		{"raw ampersand", "Tom & Jerry's", "Tom &amp; Jerry&#39;s"},
		{"unclosed", "a < b", "a &lt; b"},
		{"nested brackets", "<<@U0REP00001>", "&lt;" + `<span class="mention me" data-user="U0REP00001">@Rosa Díaz</span>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.mrkdwn(tc.in); got != tc.want {
				t.Errorf("mrkdwn(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestMrkdwnTakesLinearTimeOnHostileInput(t *testing.T) {
	r := testRenderer()
	for _, s := range []string{
		strings.Repeat("<", 200000), strings.Repeat("*a ", 70000), strings.Repeat("*_~`", 50000),
		strings.Repeat("*(", 50000) + strings.Repeat(")*", 50000), strings.Repeat(":a", 100000),
	} {
		start := time.Now()
		r.mrkdwn(s)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%d bytes starting %q took %v", len(s), s[:8], d)
		}
	}
}

// The only tags the renderer writes, with quoted, escaped attribute values.
var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	okTagRE = regexp.MustCompile(`^</?(strong|em|del|code|pre|blockquote|br|span|a)( (class|data-[a-z]+|href|target|rel|title)="[^"<>]*")*>$`)
	hrefRE  = regexp.MustCompile(`(?i)href="(https?://|mailto:|tel:|\?channel=)`)
)

func FuzzMrkdwnWritesOnlyItsOwnMarkup(f *testing.F) {
	for _, s := range []string{
		"*bold* _it_ ~s~ `c`", "<@U0REP00001>", "<#C0SALES001|sales>", "<!channel>", "<https://a.example|x>",
		"&lt;script&gt;", "<script>alert(1)</script>", `<https://e.example/"x=y|z>`, "```a<b>c```", "> q\n> r",
		":tada: <javascript:alert(1)|x>", "<mailto:a@b.example|mail>", "*_~`", "<<>>", "&amp;lt;", "<mAilto:0>",
	} {
		f.Add(s)
	}
	r := testRenderer()
	f.Fuzz(func(t *testing.T, s string) {
		out := r.mrkdwn(s)
		tags := tagRE.FindAllString(out, -1)
		for _, tag := range tags {
			if !okTagRE.MatchString(tag) {
				t.Fatalf("mrkdwn(%q) wrote the tag %q", s, tag)
			}
			if strings.Contains(tag, "href=") && !hrefRE.MatchString(tag) {
				t.Fatalf("mrkdwn(%q) wrote the link %q", s, tag)
			}
		}
		if strings.Count(out, "<") != len(tags) {
			t.Fatalf("mrkdwn(%q) left a bare '<': %s", s, out)
		}
	})
}
