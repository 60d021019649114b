package teams

import (
	"slices"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
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

// formCard draws a form as a dialog's card: each field an input whose ID
// is the field's, with the server's error under it and what was typed
// kept; submit is the data its submit carries.
func formCard(form converse.FormSpec, submit ActionData) map[string]any {
	f := newDialogForm(form.Errors)
	if form.Intro != "" {
		f.add(acNote(cardEscape(form.Intro)))
	}
	for _, fd := range form.Fields {
		var in acElem
		if fd.Kind == converse.ChoiceField {
			choices := make([]acElem, len(fd.Choices))
			for i, c := range fd.Choices {
				choices[i] = acElem{"title": c.Label, "value": c.Value}
			}
			in = acElem{"type": "Input.ChoiceSet", "id": fd.ID, "label": fd.Label, "style": "filtered", "isMultiSelect": false, "choices": choices}
			if fd.Value != "" {
				in["value"] = fd.Value
			}
		} else {
			in = textInput(fd.ID, fd.Label, fd.Value, fd.MaxLength)
			switch fd.Kind {
			case converse.LongTextField:
				in["isMultiline"] = true
			case converse.EmailField:
				in["style"] = "email"
			case converse.PhoneField:
				in["style"] = "tel"
			case converse.URLField:
				in["style"] = "url"
			}
		}
		if fd.Hint != "" {
			in["placeholder"] = fd.Hint
		}
		if fd.Required {
			in["isRequired"], in["errorMessage"] = true, "Required: "+strings.ToLower(fd.Label)
		}
		f.input(fd.ID, in)
	}
	if form.Note != "" {
		f.add(acNote(cardEscape(form.Note)))
	}
	return adaptiveCard(f.done(), []acElem{acSubmit(form.Submit, submit).with("style", "positive")})
}
