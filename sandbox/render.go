package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// renderer draws Block Kit as HTML for one viewer.
type renderer struct {
	viewer   string            // the user looking (their mentions stand out)
	users    map[string]string // user ID → display name
	people   []Person          // for users selects
	channels map[string]string // channel ID → name
	chanList []Channel         // for conversations selects
	emuHost  string            // host of the workspace's permalinks
}

func (r *renderer) userName(id string) string { return r.users[id] }

func (r *renderer) channelName(id string) string { return r.channels[id] }

// surface says where blocks are drawn: interactive elements act at once in
// messages and in the Home tab, and are form fields in modals.
type surface int

const (
	inMessage surface = iota
	inModal
	inHome
)

// obj is a JSON object from Block Kit.
type obj = map[string]any

func decodeAny(raw []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

func str(m obj, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func sub(m obj, key string) obj {
	o, _ := m[key].(obj)
	return o
}

func list(m obj, key string) []any {
	l, _ := m[key].([]any)
	return l
}

func objs(l []any) []obj {
	out := make([]obj, 0, len(l))
	for _, v := range l {
		if o, ok := v.(obj); ok {
			out = append(out, o)
		}
	}
	return out
}

func boolean(m obj, key string) bool {
	b, _ := m[key].(bool)
	return b
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// blocksHTML renders a blocks array.
func (r *renderer) blocksHTML(raw json.RawMessage, s surface) string {
	v, err := decodeAny(raw)
	if err != nil {
		return `<div class="unsupported">These blocks are not valid JSON.</div>`
	}
	l, _ := v.([]any)
	var sb strings.Builder
	for _, b := range objs(l) {
		sb.WriteString(r.block(b, s))
	}
	return sb.String()
}

// text renders a text object: mrkdwn formatted, plain_text as it is.
func (r *renderer) text(t obj) string {
	if t == nil {
		return ""
	}
	if str(t, "type") == "mrkdwn" {
		return r.mrkdwn(str(t, "text"))
	}
	return r.plain(str(t, "text"))
}

// plain renders plain_text: escaped, with :emoji: shown.
func (r *renderer) plain(s string) string {
	var sb strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			sb.WriteString("<br>")
		}
		for len(line) > 0 {
			j := strings.IndexByte(line, ':')
			if j < 0 {
				sb.WriteString(esc(line))
				break
			}
			sb.WriteString(esc(line[:j]))
			if name, ok := emojiAt(line[j:]); ok && emojiFor(name) != "" {
				sb.WriteString(emojiFor(name))
				line = line[j+len(name)+2:]
				continue
			}
			sb.WriteString(":")
			line = line[j+1:]
		}
	}
	return sb.String()
}

// plainText is the text of a text object, without markup, for attributes
// and option labels.
func plainText(t obj) string { return str(t, "text") }

func (r *renderer) block(b obj, s surface) string {
	id := esc(str(b, "block_id"))
	switch str(b, "type") {
	case "section":
		return r.section(b, s)
	case "divider":
		return `<hr class="bk-divider">`
	case "header":
		return `<div class="bk-header">` + r.text(sub(b, "text")) + `</div>`
	case "context":
		var sb strings.Builder
		sb.WriteString(`<div class="bk-context">`)
		for _, el := range objs(list(b, "elements")) {
			if str(el, "type") == "image" {
				sb.WriteString(r.img(el, "bk-context-img"))
				continue
			}
			sb.WriteString(`<span>` + r.text(el) + `</span>`)
		}
		sb.WriteString(`</div>`)
		return sb.String()
	case "actions":
		var sb strings.Builder
		sb.WriteString(`<div class="bk-actions" data-block-id="` + id + `">`)
		for _, el := range objs(list(b, "elements")) {
			sb.WriteString(r.element(el, s))
		}
		sb.WriteString(`</div>`)
		return sb.String()
	case "image":
		var sb strings.Builder
		sb.WriteString(`<figure class="bk-image">`)
		if t := sub(b, "title"); t != nil {
			sb.WriteString(`<figcaption>` + r.text(t) + `</figcaption>`)
		}
		sb.WriteString(r.img(b, ""))
		sb.WriteString(`</figure>`)
		return sb.String()
	case "input":
		return r.input(b, s)
	case "table":
		return r.table(b)
	case "data_visualization":
		return r.chart(b)
	case "rich_text":
		return `<div class="bk-rich">` + r.richText(b) + `</div>`
	case "markdown":
		return `<div class="bk-markdown">` + r.plain(str(b, "text")) + `</div>`
	}
	return `<div class="unsupported">This ` + esc(str(b, "type")) + ` block is not shown in the sandbox.</div>`
}

func (r *renderer) section(b obj, s surface) string {
	var sb strings.Builder
	acc := sub(b, "accessory")
	cls := "bk-section"
	if acc != nil {
		cls += " with-accessory"
	}
	sb.WriteString(`<div class="` + cls + `" data-block-id="` + esc(str(b, "block_id")) + `"><div class="bk-section-main">`)
	if t := sub(b, "text"); t != nil {
		sb.WriteString(`<div class="bk-text">` + r.text(t) + `</div>`)
	}
	if fields := objs(list(b, "fields")); len(fields) > 0 {
		sb.WriteString(`<div class="bk-fields">`)
		for _, f := range fields {
			sb.WriteString(`<div class="bk-field">` + r.text(f) + `</div>`)
		}
		sb.WriteString(`</div>`)
	}
	sb.WriteString(`</div>`)
	if acc != nil {
		sb.WriteString(`<div class="bk-accessory">`)
		if str(acc, "type") == "image" {
			sb.WriteString(r.img(acc, "bk-accessory-img"))
		} else {
			sb.WriteString(r.element(acc, s))
		}
		sb.WriteString(`</div>`)
	}
	sb.WriteString(`</div>`)
	return sb.String()
}

// img renders an image element or block; only web and data URLs load.
func (r *renderer) img(el obj, cls string) string {
	src, alt := str(el, "image_url"), str(el, "alt_text")
	if !safeURL(src) && !strings.HasPrefix(src, "data:image/") {
		return `<span class="img-missing ` + cls + `">` + esc(alt) + `</span>`
	}
	return `<img class="` + cls + `" src="` + esc(src) + `" alt="` + esc(alt) + `" title="` + esc(alt) + `" loading="lazy">`
}

// element renders an interactive element. In messages it acts at once
// (data-act); in modals buttons do nothing the sandbox can deliver, so they
// are shown disabled.
func (r *renderer) element(el obj, s surface) string {
	actionID := esc(str(el, "action_id"))
	switch t := str(el, "type"); t {
	case "button":
		label := r.plain(plainText(sub(el, "text")))
		cls := "btn"
		if st := str(el, "style"); st == "primary" || st == "danger" {
			cls += " " + st
		}
		confirm := ""
		if c := sub(el, "confirm"); c != nil {
			confirm = ` data-confirm="` + esc(strings.TrimSpace(plainText(sub(c, "title"))+"\n\n"+plainText(sub(c, "text")))) + `"`
		}
		if u := str(el, "url"); u != "" && safeURL(u) {
			return `<a class="` + cls + `" href="` + esc(u) + `" target="_blank" rel="noopener noreferrer" data-act="link" data-action-id="` + actionID + `">` + label + ` <span class="ext" aria-hidden="true">↗</span></a>`
		}
		if s == inModal {
			return `<button type="button" class="` + cls + `" disabled title="Buttons inside forms are not available in the sandbox">` + label + `</button>`
		}
		if s == inHome {
			// A click in the Home tab names its button by action_id and value.
			return `<button type="button" class="` + cls + `" data-act="home-button" data-action-id="` + actionID + `" data-value="` + esc(str(el, "value")) + `"` + confirm + `>` + label + `</button>`
		}
		return `<button type="button" class="` + cls + `" data-act="button" data-action-id="` + actionID + `"` + confirm + `>` + label + `</button>`
	case "static_select", "overflow", "users_select", "conversations_select", "channels_select", "external_select",
		"multi_static_select", "multi_users_select", "multi_conversations_select", "multi_channels_select", "multi_external_select",
		"radio_buttons", "checkboxes", "datepicker", "timepicker", "plain_text_input", "number_input", "email_text_input", "url_text_input":
		if s == inModal {
			return r.field(el, "")
		}
		if s == inHome {
			return `<span class="unsupported">This ` + esc(t) + ` works in messages and forms only in the sandbox.</span>`
		}
		if strings.HasPrefix(t, "multi_") || t == "checkboxes" || strings.HasSuffix(t, "_input") || t == "radio_buttons" {
			return `<span class="unsupported">This ` + esc(t) + ` works in forms only in the sandbox.</span>`
		}
		return r.messageSelect(el)
	}
	return `<span class="unsupported">This ` + esc(str(el, "type")) + ` element is not shown in the sandbox.</span>`
}

// messageSelect renders a select or date in a message: choosing sends a
// block action at once.
func (r *renderer) messageSelect(el obj) string {
	actionID := esc(str(el, "action_id"))
	t := str(el, "type")
	switch t {
	case "datepicker":
		return `<input type="date" class="select" data-act="select" data-action-id="` + actionID + `" value="` + esc(str(el, "initial_date")) + `">`
	case "timepicker":
		return `<input type="time" class="select" data-act="select" data-action-id="` + actionID + `" value="` + esc(str(el, "initial_time")) + `">`
	}
	placeholder := plainText(sub(el, "placeholder"))
	if t == "overflow" {
		placeholder = "⋯"
	}
	if placeholder == "" {
		placeholder = "Select…"
	}
	var sb strings.Builder
	cls := "select"
	if t == "overflow" {
		cls += " overflow"
	}
	sb.WriteString(`<select class="` + cls + `" data-act="select" data-action-id="` + actionID + `" aria-label="` + esc(placeholder) + `">`)
	sb.WriteString(`<option value="" selected disabled>` + esc(placeholder) + `</option>`)
	sb.WriteString(r.options(el, nil))
	sb.WriteString(`</select>`)
	return sb.String()
}

// options renders a select's choices: its options and option groups, or
// the workspace's people or channels.
func (r *renderer) options(el obj, selected map[string]bool) string {
	var sb strings.Builder
	opt := func(value, label string) {
		sel := ""
		if selected[value] {
			sel = " selected"
		}
		sb.WriteString(`<option value="` + esc(value) + `"` + sel + `>` + esc(label) + `</option>`)
	}
	t := str(el, "type")
	switch {
	case strings.Contains(t, "users_select"):
		for _, p := range r.people {
			opt(p.ID, p.RealName)
		}
	case strings.Contains(t, "conversations_select"), strings.Contains(t, "channels_select"):
		for _, c := range r.chanList {
			opt(c.ID, "#"+c.Name)
		}
	default:
		for _, o := range objs(list(el, "options")) {
			opt(str(o, "value"), plainText(sub(o, "text")))
		}
		for _, g := range objs(list(el, "option_groups")) {
			sb.WriteString(`<optgroup label="` + esc(plainText(sub(g, "label"))) + `">`)
			for _, o := range objs(list(g, "options")) {
				opt(str(o, "value"), plainText(sub(o, "text")))
			}
			sb.WriteString(`</optgroup>`)
		}
	}
	return sb.String()
}

// fieldKind is how the page reads a form element's value (data-input).
func fieldKind(t string) string {
	switch t {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		return "text"
	case "static_select", "users_select", "conversations_select", "channels_select", "external_select":
		return "select"
	case "multi_static_select", "multi_users_select", "multi_conversations_select", "multi_channels_select", "multi_external_select":
		return "multiselect"
	case "checkboxes":
		return "checkboxes"
	case "radio_buttons":
		return "radio"
	case "datepicker", "timepicker":
		return "text"
	}
	return ""
}

// field renders a form element of a modal, with its initial value.
func (r *renderer) field(el obj, inputID string) string {
	t := str(el, "type")
	actionID := str(el, "action_id")
	attrs := ` data-input="` + fieldKind(t) + `" data-action-id="` + esc(actionID) + `"`
	if inputID != "" {
		attrs += ` id="` + esc(inputID) + `"`
	}
	placeholder := esc(plainText(sub(el, "placeholder")))
	switch t {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		initial := esc(str(el, "initial_value"))
		attrs += ` data-initial="` + initial + `"`
		if n, ok := number(el["max_length"]); ok {
			attrs += fmt.Sprintf(` maxlength="%d"`, int(n))
		}
		if boolean(el, "focus_on_load") {
			attrs += ` autofocus`
		}
		if boolean(el, "multiline") {
			return `<textarea class="input" rows="4" placeholder="` + placeholder + `"` + attrs + `>` + initial + `</textarea>`
		}
		typ := map[string]string{"email_text_input": "email", "url_text_input": "url", "number_input": "number"}[t]
		if typ == "" {
			typ = "text"
		}
		if typ == "number" {
			step := "1"
			if boolean(el, "is_decimal_allowed") {
				step = "any"
			}
			attrs += ` step="` + step + `"`
			if v := str(el, "min_value"); v != "" {
				attrs += ` min="` + esc(v) + `"`
			}
			if v := str(el, "max_value"); v != "" {
				attrs += ` max="` + esc(v) + `"`
			}
		}
		return `<input class="input" type="` + typ + `" placeholder="` + placeholder + `" value="` + initial + `"` + attrs + `>`
	case "datepicker":
		return `<input class="input" type="date" value="` + esc(str(el, "initial_date")) + `"` + attrs + `>`
	case "timepicker":
		return `<input class="input" type="time" value="` + esc(str(el, "initial_time")) + `"` + attrs + `>`
	case "static_select", "users_select", "conversations_select", "channels_select", "external_select":
		initial := str(sub(el, "initial_option"), "value")
		for _, k := range []string{"initial_user", "initial_conversation", "initial_channel"} {
			if v := str(el, k); v != "" {
				initial = v
			}
		}
		if placeholder == "" {
			placeholder = "Select an option"
		}
		var sb strings.Builder
		sb.WriteString(`<select class="input"` + attrs + `>`)
		sel := " selected"
		if initial != "" {
			sel = ""
		}
		sb.WriteString(`<option value=""` + sel + `>` + placeholder + `</option>`)
		sb.WriteString(r.options(el, map[string]bool{initial: initial != ""}))
		sb.WriteString(`</select>`)
		return sb.String()
	case "multi_static_select", "multi_users_select", "multi_conversations_select", "multi_channels_select", "multi_external_select":
		selected := map[string]bool{}
		for _, o := range objs(list(el, "initial_options")) {
			selected[str(o, "value")] = true
		}
		for _, k := range []string{"initial_users", "initial_conversations", "initial_channels"} {
			for _, v := range list(el, k) {
				if s, ok := v.(string); ok {
					selected[s] = true
				}
			}
		}
		return `<select class="input multi" multiple size="5"` + attrs + `>` + r.options(el, selected) + `</select><div class="hint">Hold Ctrl (⌘ on a Mac) to choose several.</div>`
	case "checkboxes", "radio_buttons":
		kind := "checkbox"
		checked := map[string]bool{}
		if t == "radio_buttons" {
			kind = "radio"
			checked[str(sub(el, "initial_option"), "value")] = true
		} else {
			for _, o := range objs(list(el, "initial_options")) {
				checked[str(o, "value")] = true
			}
		}
		var sb strings.Builder
		sb.WriteString(`<div class="choices"` + attrs + `>`)
		for _, o := range objs(list(el, "options")) {
			v := str(o, "value")
			c := ""
			if checked[v] && v != "" {
				c = " checked"
			}
			sb.WriteString(`<label class="choice"><input type="` + kind + `" name="` + esc(actionID) + `" value="` + esc(v) + `"` + c + `> <span>` + r.text(sub(o, "text")))
			if d := sub(o, "description"); d != nil {
				sb.WriteString(`<span class="choice-desc">` + r.text(d) + `</span>`)
			}
			sb.WriteString(`</span></label>`)
		}
		sb.WriteString(`</div>`)
		return sb.String()
	}
	return `<span class="unsupported">This ` + esc(t) + ` input is not available in the sandbox.</span>`
}

// input renders an input block: label, element, hint, and the slot where
// its validation error shows.
func (r *renderer) input(b obj, s surface) string {
	blockID := str(b, "block_id")
	el := sub(b, "element")
	inputID := "f-" + blockID
	var sb strings.Builder
	sb.WriteString(`<div class="field" data-block-id="` + esc(blockID) + `">`)
	sb.WriteString(`<label class="label" for="` + esc(inputID) + `">` + r.plain(plainText(sub(b, "label"))))
	if boolean(b, "optional") {
		sb.WriteString(` <span class="optional">(optional)</span>`)
	}
	sb.WriteString(`</label>`)
	if s == inModal {
		sb.WriteString(r.field(el, inputID))
	} else {
		sb.WriteString(r.element(el, s))
	}
	if h := sub(b, "hint"); h != nil {
		sb.WriteString(`<div class="hint">` + r.text(h) + `</div>`)
	}
	sb.WriteString(`<div class="field-error" role="alert" data-error-for="` + esc(blockID) + `" hidden></div>`)
	sb.WriteString(`</div>`)
	return sb.String()
}

// richText renders a rich_text block's elements.
func (r *renderer) richText(b obj) string {
	var sb strings.Builder
	for _, el := range objs(list(b, "elements")) {
		switch str(el, "type") {
		case "rich_text_section":
			sb.WriteString(`<p>` + r.richInline(el) + `</p>`)
		case "rich_text_quote":
			sb.WriteString(`<blockquote>` + r.richInline(el) + `</blockquote>`)
		case "rich_text_preformatted":
			sb.WriteString(`<pre class="pre">` + r.richInline(el) + `</pre>`)
		case "rich_text_list":
			tag := "ul"
			if str(el, "style") == "ordered" {
				tag = "ol"
			}
			sb.WriteString(`<` + tag + `>`)
			for _, item := range objs(list(el, "elements")) {
				sb.WriteString(`<li>` + r.richInline(item) + `</li>`)
			}
			sb.WriteString(`</` + tag + `>`)
		}
	}
	return sb.String()
}

// richInline renders the inline elements of a rich text section.
func (r *renderer) richInline(sec obj) string {
	var sb strings.Builder
	for _, el := range objs(list(sec, "elements")) {
		var h string
		switch str(el, "type") {
		case "text":
			h = strings.ReplaceAll(esc(str(el, "text")), "\n", "<br>")
		case "link":
			label := str(el, "text")
			if label == "" {
				label = str(el, "url")
			}
			if u := str(el, "url"); safeURL(u) {
				h = r.anchor(u, esc(label))
			} else {
				h = esc(label)
			}
		case "user":
			h = r.control("@" + str(el, "user_id"))
		case "channel":
			h = r.control("#" + str(el, "channel_id"))
		case "broadcast":
			h = r.control("!" + str(el, "range"))
		case "emoji":
			if e := emojiFor(str(el, "name")); e != "" {
				h = e
			} else if u := str(el, "unicode"); u != "" {
				h = esc(u)
			} else {
				h = esc(":" + str(el, "name") + ":")
			}
		case "usergroup":
			h = `<span class="mention">@group</span>`
		default:
			continue
		}
		st := sub(el, "style")
		if boolean(st, "code") {
			h = `<code>` + h + `</code>`
		}
		if boolean(st, "bold") {
			h = `<strong>` + h + `</strong>`
		}
		if boolean(st, "italic") {
			h = `<em>` + h + `</em>`
		}
		if boolean(st, "strike") {
			h = `<del>` + h + `</del>`
		}
		sb.WriteString(h)
	}
	return sb.String()
}
