package slackemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Block Kit handling: validation and id filling when blocks are stored,
// finding an element by action_id, and rendering element values the way
// Slack reports them in block_actions actions and view state.

// decodeJSON decodes raw keeping numbers as json.Number, so re-encoding
// leaves them untouched.
func decodeJSON(raw []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}

// decodeBlocks parses a blocks array into generic maps.
func decodeBlocks(raw json.RawMessage) ([]map[string]any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var list []any
	if err := decodeJSON(raw, &list); err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(list))
	for i, b := range list {
		bm, ok := b.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("block %d is not an object", i)
		}
		if t, _ := bm["type"].(string); t == "" {
			return nil, fmt.Errorf("block %d has no type", i)
		}
		out = append(out, bm)
	}
	return out, nil
}

// normalizeBlocks validates a blocks array and fills in the block_id of
// blocks and the action_id of interactive elements that have none, as Slack
// does when it stores a message or view. ok is false for invalid blocks.
func normalizeBlocks(raw json.RawMessage) (json.RawMessage, bool) {
	if len(raw) == 0 {
		return nil, true
	}
	blocks, err := decodeBlocks(raw)
	if err != nil {
		return nil, false
	}
	if len(blocks) == 0 {
		return nil, true
	}
	for _, b := range blocks {
		if id, _ := b["block_id"].(string); id == "" {
			b["block_id"] = randomBlockID()
		}
		for _, el := range blockElements(b) {
			if id, _ := el["action_id"].(string); id == "" {
				el["action_id"] = randomBlockID()
			}
		}
	}
	out, err := json.Marshal(blocks)
	if err != nil {
		return nil, false
	}
	return out, true
}

// blockElements returns the interactive elements of a block: the elements
// of actions blocks, a section's accessory, an input block's element.
func blockElements(b map[string]any) []map[string]any {
	var out []map[string]any
	add := func(v any) {
		el, ok := v.(map[string]any)
		if !ok {
			return
		}
		switch t, _ := el["type"].(string); t {
		case "", "image", "mrkdwn", "plain_text":
			return
		}
		out = append(out, el)
	}
	switch b["type"] {
	case "actions", "context_actions":
		if list, ok := b["elements"].([]any); ok {
			for _, el := range list {
				add(el)
			}
		}
	case "section":
		add(b["accessory"])
	case "input":
		add(b["element"])
	}
	return out
}

// findElement looks up the element with actionID in blocks and returns it
// with its block's block_id.
func findElement(blocks []map[string]any, actionID string) (blockID string, el map[string]any, ok bool) {
	for _, b := range blocks {
		for _, e := range blockElements(b) {
			if e["action_id"] == actionID {
				id, _ := b["block_id"].(string)
				return id, e, true
			}
		}
	}
	return "", nil, false
}

func elementType(el map[string]any) string {
	t, _ := el["type"].(string)
	return t
}

// scalarString renders a test-supplied scalar as the string Slack sends.
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// stringList accepts []string, []any or a single string.
func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case []string:
		return x, nil
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, scalarString(e))
		}
		return out, nil
	case nil:
		return []string{}, nil
	default:
		return nil, fmt.Errorf("want a list of strings, got %T", v)
	}
}

// elementOptions returns the options of a select, radio, checkbox or
// overflow element, including those in option_groups.
func elementOptions(el map[string]any) []map[string]any {
	var out []map[string]any
	collect := func(v any) {
		list, _ := v.([]any)
		for _, o := range list {
			if om, ok := o.(map[string]any); ok {
				out = append(out, om)
			}
		}
	}
	collect(el["options"])
	if groups, ok := el["option_groups"].([]any); ok {
		for _, g := range groups {
			if gm, ok := g.(map[string]any); ok {
				collect(gm["options"])
			}
		}
	}
	return out
}

func findOption(el map[string]any, value string) (map[string]any, error) {
	for _, o := range elementOptions(el) {
		if o["value"] == value {
			return o, nil
		}
	}
	return nil, fmt.Errorf("element %q has no option with value %q", el["action_id"], value)
}

func plainOption(value string) map[string]any {
	return map[string]any{"text": map[string]any{"type": "plain_text", "text": value, "emoji": true}, "value": value}
}

func richTextValue(text string) map[string]any {
	return map[string]any{
		"type": "rich_text",
		"elements": []any{map[string]any{
			"type":     "rich_text_section",
			"elements": []any{map[string]any{"type": "text", "text": text}},
		}},
	}
}

// elementValue returns the fields Slack reports for el holding v: in view
// state.values and in block_actions actions. v is a string for single-value
// elements (option values for selects and radios) and a list of strings for
// multi-value ones.
func elementValue(el map[string]any, v any) (map[string]any, error) {
	out := map[string]any{"type": elementType(el)}
	switch t := elementType(el); t {
	case "plain_text_input", "number_input", "email_text_input", "url_text_input":
		out["value"] = scalarString(v)
	case "static_select", "radio_buttons", "overflow":
		opt, err := findOption(el, scalarString(v))
		if err != nil {
			return nil, err
		}
		out["selected_option"] = opt
	case "external_select":
		out["selected_option"] = plainOption(scalarString(v))
	case "multi_static_select", "checkboxes", "multi_external_select":
		vals, err := stringList(v)
		if err != nil {
			return nil, err
		}
		opts := make([]any, 0, len(vals))
		for _, val := range vals {
			if t == "multi_external_select" {
				opts = append(opts, plainOption(val))
				continue
			}
			opt, err := findOption(el, val)
			if err != nil {
				return nil, err
			}
			opts = append(opts, opt)
		}
		out["selected_options"] = opts
	case "users_select":
		out["selected_user"] = scalarString(v)
	case "conversations_select":
		out["selected_conversation"] = scalarString(v)
	case "channels_select":
		out["selected_channel"] = scalarString(v)
	case "multi_users_select", "multi_conversations_select", "multi_channels_select":
		vals, err := stringList(v)
		if err != nil {
			return nil, err
		}
		key := map[string]string{
			"multi_users_select":         "selected_users",
			"multi_conversations_select": "selected_conversations",
			"multi_channels_select":      "selected_channels",
		}[t]
		out[key] = vals
	case "datepicker":
		out["selected_date"] = scalarString(v)
	case "timepicker":
		out["selected_time"] = scalarString(v)
	case "datetimepicker":
		n, err := strconv.ParseInt(scalarString(v), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("datetimepicker %q wants unix seconds: %w", el["action_id"], err)
		}
		out["selected_date_time"] = n
	case "rich_text_input":
		out["rich_text_value"] = richTextValue(scalarString(v))
	default:
		return nil, fmt.Errorf("element %q of type %q holds no value", el["action_id"], t)
	}
	return out, nil
}

// initialValue returns the state Slack reports for an element the user did
// not touch (its initial_* value, or empty), or nil for elements without
// state (buttons, overflow menus).
func initialValue(el map[string]any) map[string]any {
	out := map[string]any{"type": elementType(el)}
	single := func(key, initial string) {
		if v, ok := el[initial]; ok {
			out[key] = v
		} else {
			out[key] = nil
		}
	}
	multi := func(key, initial string) {
		if v, ok := el[initial]; ok {
			out[key] = v
		} else {
			out[key] = []any{}
		}
	}
	switch elementType(el) {
	case "plain_text_input", "number_input", "email_text_input", "url_text_input":
		single("value", "initial_value")
	case "static_select", "external_select", "radio_buttons":
		single("selected_option", "initial_option")
	case "multi_static_select", "multi_external_select", "checkboxes":
		multi("selected_options", "initial_options")
	case "users_select":
		single("selected_user", "initial_user")
	case "conversations_select":
		single("selected_conversation", "initial_conversation")
	case "channels_select":
		single("selected_channel", "initial_channel")
	case "multi_users_select":
		multi("selected_users", "initial_users")
	case "multi_conversations_select":
		multi("selected_conversations", "initial_conversations")
	case "multi_channels_select":
		multi("selected_channels", "initial_channels")
	case "datepicker":
		single("selected_date", "initial_date")
	case "timepicker":
		single("selected_time", "initial_time")
	case "datetimepicker":
		single("selected_date_time", "initial_date_time")
	case "rich_text_input":
		single("rich_text_value", "initial_value")
	default:
		return nil
	}
	return out
}

// buildState computes view state.values for blocks: every stateful element,
// with inputs (keyed by action_id) overriding initial values. It fails when
// an input names no stateful element of the view or has an unusable value.
func buildState(blocks []map[string]any, inputs map[string]any) (map[string]map[string]any, error) {
	values := map[string]map[string]any{}
	used := map[string]bool{}
	for _, b := range blocks {
		blockID, _ := b["block_id"].(string)
		for _, el := range blockElements(b) {
			actionID, _ := el["action_id"].(string)
			st := initialValue(el)
			if st == nil {
				continue
			}
			if v, ok := inputs[actionID]; ok {
				var err error
				if st, err = elementValue(el, v); err != nil {
					return nil, err
				}
				used[actionID] = true
			}
			if values[blockID] == nil {
				values[blockID] = map[string]any{}
			}
			values[blockID][actionID] = st
		}
	}
	for actionID := range inputs {
		if !used[actionID] {
			return nil, fmt.Errorf("slackemu: the view has no input element with action_id %q", actionID)
		}
	}
	return values, nil
}
