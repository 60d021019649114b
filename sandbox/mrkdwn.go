package sandbox

import (
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The mrkdwn renderer turns Slack's mrkdwn into HTML as Slack shows it:
// *bold*, _italic_, ~strike~, `code`, ```preformatted```, "> " quotes,
// <url|text> links, <@U…> and <#C…> mentions, <!here>, and :emoji:.
// Slack's escapes &amp; &lt; &gt; are shown as the characters they stand for
// and can never open a tag or a mention: the output holds no HTML that did
// not come from the renderer itself.

// esc escapes text for HTML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// atom is one unit of a line of mrkdwn: a character, or an entity (a
// mention, link, emoji or escaped character) already rendered.
type atom struct {
	r      rune   // the character, for plain atoms
	html   string // the rendered entity; "" for plain atoms
	marker bool   // a literal *, _, ~ or ` that may format
}

func (a atom) isSpace() bool { return a.html == "" && unicode.IsSpace(a.r) }

// boundary tells whether a formatting marker may stand next to a: start or
// end of the text, white space or punctuation, as in Slack.
func (a atom) boundary() bool {
	if a.html != "" {
		return false
	}
	return unicode.IsSpace(a.r) || unicode.IsPunct(a.r) || unicode.IsSymbol(a.r)
}

// mrkdwn renders a mrkdwn text as HTML.
func (r *renderer) mrkdwn(s string) string {
	var sb strings.Builder
	// Preformatted blocks first: between ``` fences nothing is formatted.
	for {
		start := strings.Index(s, "```")
		if start < 0 {
			break
		}
		end := strings.Index(s[start+3:], "```")
		if end < 0 {
			break
		}
		sb.WriteString(r.mrkdwnLines(s[:start]))
		code := strings.Trim(s[start+3:start+3+end], "\n")
		sb.WriteString(`<pre class="pre">` + r.inline(code, false) + `</pre>`)
		s = strings.TrimPrefix(s[start+3+end+3:], "\n")
	}
	sb.WriteString(r.mrkdwnLines(s))
	return sb.String()
}

// mrkdwnLines renders lines, grouping those that start with ">" into a
// quote.
func (r *renderer) mrkdwnLines(s string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	var sb strings.Builder
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], ">") {
			var quoted []string
			for ; i < len(lines) && strings.HasPrefix(lines[i], ">"); i++ {
				q := strings.TrimPrefix(lines[i], ">")
				quoted = append(quoted, r.inline(strings.TrimPrefix(q, " "), true))
			}
			i--
			sb.WriteString(`<blockquote>` + strings.Join(quoted, "<br>") + `</blockquote>`)
			continue
		}
		sb.WriteString(r.inline(lines[i], true))
		if i < len(lines)-1 && !strings.HasPrefix(lines[i+1], ">") {
			sb.WriteString("<br>")
		}
	}
	return sb.String()
}

// inline renders one line; format says whether markers format (not inside
// preformatted text).
func (r *renderer) inline(line string, format bool) string {
	atoms := r.atoms(line, format)
	if !format {
		var sb strings.Builder
		for _, a := range atoms {
			writeAtom(&sb, a)
		}
		return sb.String()
	}
	return renderAtoms(atoms)
}

func writeAtom(sb *strings.Builder, a atom) {
	if a.html != "" {
		sb.WriteString(a.html)
		return
	}
	sb.WriteString(esc(string(a.r)))
}

var formatTags = map[rune][2]string{
	'*': {"<strong>", "</strong>"},
	'_': {"<em>", "</em>"},
	'~': {"<del>", "</del>"},
	'`': {"<code>", "</code>"},
}

// renderAtoms applies the formatting markers: a marker opens after a
// boundary and before a non-space, and closes after a non-space and before a
// boundary; `code` spans take everything up to the next backtick, unformatted.
// It runs in time linear in the line: for each marker, the next place it
// may close is found in a table built once.
func renderAtoms(atoms []atom) string {
	n := len(atoms)
	closes := func(k int) bool {
		return k > 0 && !atoms[k-1].isSpace() && (k == n-1 || atoms[k+1].boundary())
	}
	// next[m][k] is the first index ≥ k where marker m may close, or n.
	next := map[rune][]int{}
	for m := range formatTags {
		nx := make([]int, n+2)
		nx[n], nx[n+1] = n, n
		for k := n - 1; k >= 0; k-- {
			nx[k] = nx[k+1]
			if atoms[k].marker && atoms[k].r == m && (m == '`' || closes(k)) {
				nx[k] = k
			}
		}
		next[m] = nx
	}
	var sb strings.Builder
	var walk func(lo, hi int, code bool)
	walk = func(lo, hi int, code bool) {
		for i := lo; i < hi; i++ {
			a := atoms[i]
			if a.marker && !code && i+2 <= hi {
				opens := a.r == '`' || ((i == 0 || atoms[i-1].boundary()) && i+1 < n && !atoms[i+1].isSpace())
				if j := next[a.r][i+2]; opens && j < hi {
					tags := formatTags[a.r]
					sb.WriteString(tags[0])
					walk(i+1, j, a.r == '`')
					sb.WriteString(tags[1])
					i = j
					continue
				}
			}
			writeAtom(&sb, a)
		}
	}
	walk(0, n, false)
	return sb.String()
}

// atoms splits a line into characters and entities.
func (r *renderer) atoms(line string, format bool) []atom {
	var out []atom
	gt := -1 // the index of the next '>'
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '&':
			if ent, lit, ok := slackEntity(line[i:]); ok {
				out = append(out, atom{r: lit})
				i += len(ent)
				continue
			}
		case c == '<':
			// The sequence ends at the next '>', unless another '<' comes
			// first. Both are looked up once per position, so a line of
			// many '<' stays linear.
			if gt <= i {
				gt = len(line)
				if k := strings.IndexByte(line[i+1:], '>'); k >= 0 {
					gt = i + 1 + k
				}
			}
			lt := len(line)
			if k := strings.IndexByte(line[i+1:], '<'); k >= 0 {
				lt = i + 1 + k
			}
			if gt < len(line) && gt < lt {
				out = append(out, atom{html: r.control(line[i+1 : gt])})
				i = gt + 1
				continue
			}
		case c == ':' && format:
			if name, ok := emojiAt(line[i:]); ok {
				if e := emojiFor(name); e != "" {
					out = append(out, atom{html: `<span class="emoji" title=":` + esc(name) + `:">` + e + `</span>`})
					i += len(name) + 2
					continue
				}
			}
		}
		ru, size := utf8.DecodeRuneInString(line[i:])
		out = append(out, atom{r: ru, marker: format && strings.ContainsRune("*_~`", ru)})
		i += size
	}
	return out
}

// slackEntity reads one of the three escapes Slack uses.
func slackEntity(s string) (entity string, lit rune, ok bool) {
	for _, e := range []struct {
		s string
		r rune
	}{{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}} {
		if strings.HasPrefix(s, e.s) {
			return e.s, e.r, true
		}
	}
	return "", 0, false
}

// unescapeSlack turns Slack's escapes back into characters.
func unescapeSlack(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// emojiAt reads ":name:" at the start of s.
func emojiAt(s string) (string, bool) {
	end := strings.IndexByte(s[1:], ':')
	if end <= 0 || end > 40 {
		return "", false
	}
	name := s[1 : 1+end]
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+') {
			return "", false
		}
	}
	return name, true
}

// control renders what stands between < and >: a user, channel or special
// mention, or a link. Anything else is shown as the text it is.
func (r *renderer) control(inner string) string {
	target, label, hasLabel := strings.Cut(inner, "|")
	labelText := unescapeSlack(label)
	switch {
	case strings.HasPrefix(target, "@"):
		id := target[1:]
		name := r.userName(id)
		if name == "" {
			name = strings.TrimPrefix(labelText, "@")
		}
		if name == "" {
			name = id
		}
		cls := "mention"
		if id == r.viewer {
			cls += " me"
		}
		return `<span class="` + cls + `" data-user="` + esc(id) + `">@` + esc(name) + `</span>`
	case strings.HasPrefix(target, "#"):
		id := target[1:]
		name := r.channelName(id)
		if name == "" {
			if name = strings.TrimPrefix(labelText, "#"); name == "" {
				return `<span class="mention">#private-channel</span>`
			}
			return `<span class="mention">#` + esc(name) + `</span>`
		}
		return `<a class="mention chan" href="?channel=` + url.QueryEscape(id) + `" data-channel="` + esc(id) + `">#` + esc(name) + `</a>`
	case strings.HasPrefix(target, "!"):
		cmd := target[1:]
		switch {
		case cmd == "here" || cmd == "channel" || cmd == "everyone":
			return `<span class="mention broadcast">@` + cmd + `</span>`
		case hasLabel:
			return `<span class="mention">` + esc(labelText) + `</span>`
		}
		return esc("<" + unescapeSlack(inner) + ">")
	}
	href := unescapeSlack(target)
	if !safeURL(href) {
		if hasLabel {
			return esc(labelText)
		}
		return esc("<" + unescapeSlack(inner) + ">")
	}
	text := labelText
	if !hasLabel {
		text = strings.TrimPrefix(href, "mailto:")
	}
	return r.anchor(href, esc(text))
}

// anchor renders a link, pointing sandbox permalinks at the page itself.
func (r *renderer) anchor(href, inner string) string {
	if channel, ts, ok := r.permalink(href); ok {
		return `<a href="?channel=` + url.QueryEscape(channel) + `&amp;msg=` + url.QueryEscape(ts) + `" data-channel="` + esc(channel) + `" data-msg="` + esc(ts) + `">` + inner + `</a>`
	}
	return `<a href="` + esc(href) + `" target="_blank" rel="noopener noreferrer">` + inner + `</a>`
}

// permalink recognises a link to a message of the emulated workspace
// ("…/archives/C…/p1700000000123456").
func (r *renderer) permalink(href string) (channel, ts string, ok bool) {
	u, err := url.Parse(href)
	if err != nil || r.emuHost == "" || u.Host != r.emuHost {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 3 || parts[0] != "archives" || !strings.HasPrefix(parts[2], "p") || len(parts[2]) < 8 {
		return "", "", false
	}
	digits := parts[2][1:]
	ts = digits[:len(digits)-6] + "." + digits[len(digits)-6:]
	if thread := u.Query().Get("thread_ts"); thread != "" {
		ts = thread
	}
	return parts[1], ts, true
}

// safeURL accepts the schemes a link may have on the page.
func safeURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto", "tel":
		return u.Opaque != ""
	}
	return false
}
