package sandbox

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestActionsRefuseWhatThePageWouldNotSend(t *testing.T) {
	p := newTestPage(t)
	for _, tc := range []struct {
		name, path, contentType, body string
		header                        map[string]string
		want                          int
	}{
		{"a form post", "/sandbox/command", "application/x-www-form-urlencoded", "user=U0REP00001&text=help", nil, http.StatusUnsupportedMediaType},
		{"another site", "/sandbox/click", "application/json", `{"user":"U0REP00001","channel":"C0SALES001"}`, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"another origin", "/sandbox/demo", "application/json", `{"user":"U0REP00001"}`, map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"not JSON", "/sandbox/command", "application/json", `{`, nil, http.StatusBadRequest},
		{"the bot", "/sandbox/command", "application/json", `{"user":"UBOT","channel":"C0SALES001","text":"help"}`, nil, http.StatusBadRequest},
		{"an unknown channel", "/sandbox/command", "application/json", `{"user":"U0REP00001","channel":"CSECRET","text":"help"}`, nil, http.StatusBadRequest},
		{"another command", "/sandbox/command", "application/json", `{"user":"U0REP00001","channel":"C0SALES001","text":"/giphy cats"}`, nil, http.StatusBadRequest},
		{"another shortcut", "/sandbox/shortcut", "application/json", `{"user":"U0REP00001","channel":"C0SALES001","ts":"1.0","callback_id":"delete_all"}`, nil, http.StatusBadRequest},
		{"demo data without a database", "/sandbox/demo", "application/json", `{"user":"U0REP00001"}`, nil, http.StatusServiceUnavailable},
		{"a GET", "/sandbox/click", "", "", nil, http.StatusMethodNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodPost
			if tc.contentType == "" {
				method = http.MethodGet
			}
			req, _ := http.NewRequest(method, p.url+tc.path, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s = %d %s, want %d", method, tc.path, resp.StatusCode, body, tc.want)
			}
		})
	}
}

func TestPageSaysItIsASandboxAndLocksItselfDown(t *testing.T) {
	p := newTestPage(t)
	resp, err := http.Get(p.url + "/?user=" + Mia + "&channel=" + DefaultWorkspace.Marketing.ID)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	for _, want := range []string{
		"<strong>Sandbox</strong> — a built-in workspace for trying Armistice; nothing here reaches Slack.",
		`<h1 id="chan-name"># marketing</h1>`,
		`class="person active" href="?channel=C0MRKTG001&amp;user=U0MKT00001" data-user="U0MKT00001"`,
		`<script src="/sandbox/assets/sandbox.js" defer></script>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	for _, asset := range []string{"/sandbox/assets/sandbox.js", "/sandbox/assets/sandbox.css"} {
		resp, err := http.Get(p.url + asset)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", asset, resp.StatusCode)
		}
	}
}
