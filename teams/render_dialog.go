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

// rejectDialogTask opens the reason dialog of a lead, with what was given
// and the server's errors when it shows again.
func rejectDialogTask(l armistice.Lead, reasons []string, values, fieldErrors map[string]string) map[string]any {
	f := converse.RejectForm(l, reasons, values, fieldErrors)
	return dialogTask(f.Title, formCard(f, ActionData{Action: ActionRejectSubmit, LeadID: l.ID}))
}

// formCard draws a form as a dialog's card: each field an input whose ID
// is the field's, with the server's error under it and what was typed
// kept; submit is the data its submit carries.
func formCard(form converse.FormSpec, submit ActionData) map[string]any {
	f := newDialogForm(form.Errors)
	if form.Intro != nil {
		f.add(acText(cardStyle.spans(form.Intro, replyNames{})))
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
	style := "positive"
	if form.Danger {
		style = "destructive"
	}
	return adaptiveCard(f.done(), []acElem{acSubmit(form.Submit, submit).with("style", style)})
}
