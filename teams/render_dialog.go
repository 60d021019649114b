package teams

import (
	"fmt"
	"slices"
	"strings"

	"github.com/armistice/armistice"
)

// The dialogs (task modules) are Adaptive Cards whose Action.Submit sends
// task/submit with the action's data and, beside it, every input under its
// ID. When the server finds a problem it shows the same dialog again (a
// "continue" answer) with what was typed kept and each error in red under
// its field.

// dialogTask is the answer to a task/fetch, or to a task/submit that shows
// the dialog again: a dialog titled title holding card.
func dialogTask(title string, card map[string]any) map[string]any {
	return map[string]any{"task": map[string]any{
		"type": "continue",
		"value": map[string]any{
			"title": title,
			"card":  Attachment{ContentType: ContentTypeAdaptiveCard, Content: card},
		},
	}}
}

// dialogForm collects a dialog's body: inputs with their errors under them,
// and errors about no input of the dialog on top.
type dialogForm struct {
	errors map[string]string
	used   map[string]bool
	body   []acElem
}

func newDialogForm(fieldErrors map[string]string) *dialogForm {
	return &dialogForm{errors: fieldErrors, used: map[string]bool{}}
}

// input adds an input and, under it, the server's error about it.
func (f *dialogForm) input(id string, in acElem) {
	f.used[id] = true
	f.body = append(f.body, in)
	if msg := f.errors[id]; msg != "" {
		f.body = append(f.body, acFieldError(msg))
	}
}

// add adds elements that are no inputs.
func (f *dialogForm) add(elems ...acElem) { f.body = appendSome(f.body, elems...) }

// done is the dialog's body, with the errors that belong to no input first.
func (f *dialogForm) done() []acElem {
	var other []string
	for id, msg := range f.errors {
		if !f.used[id] && msg != "" {
			other = append(other, id)
		}
	}
	slices.Sort(other)
	var top []acElem
	for _, id := range other {
		top = append(top, acFieldError(fieldLabel(id)+": "+f.errors[id]))
	}
	return append(top, f.body...)
}

// fieldLabel names a field for an error: "fields.x" → "fields x".
func fieldLabel(id string) string {
	return strings.ReplaceAll(strings.ReplaceAll(id, "_", " "), ".", " ")
}

// textInput is an Input.Text with a label, its value kept.
func textInput(id, label, value string, maxLength int) acElem {
	in := acElem{"type": "Input.Text", "id": id, "label": label}
	if value != "" {
		in["value"] = value
	}
	if maxLength > 0 {
		in["maxLength"] = maxLength
	}
	return in
}

// rejectDialog asks for a rejection's reason (one of the admins' reasons)
// and a comment for marketing, required for "other". values holds what was
// submitted before ("reason", "comment"), fieldErrors the server's errors
// keyed by the same IDs. Its submit carries ActionRejectSubmit and the
// lead's ID.
func rejectDialog(l armistice.Lead, reasons []string, values, fieldErrors map[string]string) map[string]any {
	f := newDialogForm(fieldErrors)
	intro := "Rejecting **" + leadWhoCard(l) + "**"
	if l.Company != "" && l.ErasedAt == nil {
		intro += " at " + cardEscape(oneLine(l.Company))
	}
	f.add(acText(intro + ". Marketing will see the reason and your comment."))

	choices := make([]acElem, len(reasons))
	for i, r := range reasons {
		choices[i] = acElem{"title": r, "value": r}
	}
	reason := acElem{
		"type": "Input.ChoiceSet", "id": "reason", "label": "Reason", "placeholder": "Why not?",
		"style": "compact", "isMultiSelect": false, "choices": choices,
		"isRequired": true, "errorMessage": "Choose a reason",
	}
	if v := values["reason"]; slices.Contains(reasons, v) {
		reason["value"] = v
	}
	f.input("reason", reason)
	f.input("comment", textInput("comment", "Comment for marketing", values["comment"], armistice.MaxCommentLen).
		with("isMultiline", true).with("placeholder", "What should marketing know?"))
	f.add(acNote("Required when the reason is “" + armistice.ReasonOther + "”."))

	submit := acSubmit("Reject", ActionData{Action: ActionRejectSubmit, LeadID: l.ID}).with("style", "destructive")
	return adaptiveCard(f.done(), []acElem{submit})
}

// leadDialogField is one input of the manual lead dialog; its ID is the
// lead's JSON field name, as in the intake API and the Slack form, so that
// validation errors land on the right input.
type leadDialogField struct {
	id, label, hint string
	multiline       bool
	style           string // Input.Text style: email, tel, url
	maxLength       int
}

var leadDialogFields = []leadDialogField{
	{"email", "Email", "Either an email, or a name and a company", false, "email", armistice.MaxTextLen},
	{"name", "Name", "", false, "", armistice.MaxTextLen},
	{"company", "Company", "", false, "", armistice.MaxTextLen},
	{"title", "Title", "", false, "", armistice.MaxTextLen},
	{"phone", "Phone", "", false, "tel", armistice.MaxTextLen},
	{"source", "Source", "Campaign or channel", false, "", armistice.MaxTextLen},
	{"score", "Score", "0–100", false, "", 3},
	{"persona", "Persona", "A persona slug such as cfo", false, "", 64},
	{"country", "Country", "", false, "", armistice.MaxTextLen},
	{"region", "Region", "", false, "", armistice.MaxTextLen},
	{"segment", "Segment", "", false, "", armistice.MaxTextLen},
	{"crm_url", "CRM link", "", false, "url", armistice.MaxTextLen},
	{"notes", "Notes", "", true, "", armistice.MaxNotesLen},
	{"external_id", "External ID", "Leave empty to get one; give the CRM's ID to avoid duplicates", false, "", armistice.MaxExternalIDLen},
}

// leadDialog is the form to enter an MQL by hand. channel is where it was
// opened from (carried in the submit's data with ActionLeadForm); values
// holds what was submitted before and fieldErrors the server's errors, both
// keyed by input ID.
func leadDialog(channel string, values, fieldErrors map[string]string) map[string]any {
	f := newDialogForm(fieldErrors)
	f.add(acNote("Give an email, or a name and a company; everything else is optional."))
	for _, fd := range leadDialogFields {
		in := textInput(fd.id, fd.label, values[fd.id], fd.maxLength)
		if fd.hint != "" {
			in["placeholder"] = fd.hint
		}
		if fd.multiline {
			in["isMultiline"] = true
		}
		if fd.style != "" {
			in["style"] = fd.style
		}
		f.input(fd.id, in)
	}
	submit := acSubmit("Hand over", ActionData{Action: ActionLeadForm, Channel: channel}).with("style", "positive")
	return adaptiveCard(f.done(), []acElem{submit})
}

// insightDialog is the form to save a persona insight: a persona picker
// (filtered, one choice), what was learned, and tags. values holds
// "persona", "text" and "tags" as given before or prefilled (a command's
// persona, a message's text); channel and link (the message it came from)
// travel in the submit's data with ActionInsightForm.
func insightDialog(personas []armistice.Persona, channel, link string, values, fieldErrors map[string]string) map[string]any {
	f := newDialogForm(fieldErrors)
	if len(personas) == 0 {
		f.add(acText("There are no personas yet. Admins add them with **persona add SLUG NAME: DESCRIPTION**; leads that name an unknown persona create it."))
		return adaptiveCard(f.done(), nil)
	}
	choices := make([]acElem, len(personas))
	picker := acElem{
		"type": "Input.ChoiceSet", "id": "persona", "label": "Persona", "placeholder": "Which persona?",
		"style": "filtered", "isMultiSelect": false, "choices": choices,
		"isRequired": true, "errorMessage": "Choose a persona",
	}
	for i, p := range personas {
		choices[i] = acElem{"title": armistice.Truncate(fmt.Sprintf("%s (%s)", oneLine(p.Name), p.Slug), 100), "value": p.Slug}
		if strings.EqualFold(p.Slug, strings.TrimSpace(values["persona"])) {
			picker["value"] = p.Slug
		}
	}
	f.input("persona", picker)
	f.input("text", textInput("text", "What did you learn?", armistice.Truncate(values["text"], armistice.MaxInsightLen), armistice.MaxInsightLen).
		with("isMultiline", true).with("isRequired", true).with("errorMessage", "Write what you learned").
		with("placeholder", fmt.Sprintf("Up to %s characters", armistice.FormatNumber(armistice.MaxInsightLen))))
	f.input("tags", textInput("tags", "Tags", values["tags"], 500).with("placeholder", "Comma-separated, e.g. pricing, objections"))
	if link != "" {
		f.add(acNote("The insight keeps a link to the message it comes from."))
	}
	submit := acSubmit("Save", ActionData{Action: ActionInsightForm, Channel: channel, Link: link}).with("style", "positive")
	return adaptiveCard(f.done(), []acElem{submit})
}
