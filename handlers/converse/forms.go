package converse

import (
	"context"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
)

// FormSpec is a form as the platforms draw it (a Slack modal, a Teams
// dialog): its fields, each named as the use case names its errors, with
// what was typed before and the server's errors.
type FormSpec struct {
	Name   FormName
	Title  string // at most 24 characters (Slack's limit)
	Submit string
	Danger bool      // submitting it cannot be undone (a rejection)
	Intro  Paragraph // above the fields; nil for none
	Note   string    // under the fields; "" for none
	Fields []Field
	// Errors are the server's complaints by field ID; those about no field
	// show above the fields.
	Errors map[string]string
}

// FieldKind is how a field is typed in.
type FieldKind int

// The kinds of field.
const (
	TextField     FieldKind = iota
	LongTextField           // several lines
	EmailField
	PhoneField
	URLField
	ChoiceField // one of Choices
)

// Field is one input of a form.
type Field struct {
	ID, Label string
	Hint      string // a placeholder: what to type
	Kind      FieldKind
	Required  bool
	MaxLength int // 0: no limit of its own
	Choices   []Choice
	Value     string // as typed before, or filled in
}

// Choice is one option of a ChoiceField.
type Choice struct{ Value, Label string }

// maxFormChoices is what a form's picker offers at most (Slack's limit).
const maxFormChoices = 100

// leadFields are the inputs of the lead form, named as the intake API
// names a lead's fields.
var leadFields = []Field{
	{ID: "email", Label: "Email", Hint: "Either an email, or a name and a company", Kind: EmailField, MaxLength: armistice.MaxTextLen},
	{ID: "name", Label: "Name", MaxLength: armistice.MaxTextLen},
	{ID: "company", Label: "Company", MaxLength: armistice.MaxTextLen},
	{ID: "title", Label: "Title", MaxLength: armistice.MaxTextLen},
	{ID: "phone", Label: "Phone", Kind: PhoneField, MaxLength: armistice.MaxTextLen},
	{ID: "source", Label: "Source", Hint: "Campaign or channel", MaxLength: armistice.MaxTextLen},
	{ID: "score", Label: "Score", Hint: "0–100", MaxLength: 3},
	{ID: "persona", Label: "Persona", Hint: "A persona slug such as cfo", MaxLength: 64},
	{ID: "country", Label: "Country", MaxLength: armistice.MaxTextLen},
	{ID: "region", Label: "Region", MaxLength: armistice.MaxTextLen},
	{ID: "segment", Label: "Segment", MaxLength: armistice.MaxTextLen},
	{ID: "crm_url", Label: "CRM link", Kind: URLField, MaxLength: armistice.MaxTextLen},
	{ID: "notes", Label: "Notes", Kind: LongTextField, MaxLength: armistice.MaxNotesLen},
	{ID: "external_id", Label: "External ID", Hint: "Leave empty to get one; give the CRM's ID to avoid duplicates", MaxLength: armistice.MaxExternalIDLen},
}

// LeadForm is the form to hand over an MQL by hand, with what was typed
// before (values) and the server's errors, both by field ID.
func LeadForm(values, errors map[string]string) FormSpec {
	f := FormSpec{Name: FormLead, Title: "Hand over a lead", Submit: "Hand over", Errors: errors,
		Intro: P(T("Give an email, or a name and a company; everything else is optional."))}
	for _, fd := range leadFields {
		fd.Value = values[fd.ID]
		f.Fields = append(f.Fields, fd)
	}
	return f
}

// InsightForm is the form to save a persona insight, with the personas
// to pick from (see InsightFormFor); without personas there is nothing to
// pick: ok is false and the reply says how to add one.
func (c *Conversation) InsightForm(ctx context.Context, call Call, values, errors map[string]string, fromMessage bool) (f FormSpec, none Reply, ok bool) {
	personas, err := c.svc.Personas(ctx)
	if err != nil {
		return f, c.failed(err), false
	}
	if len(personas) == 0 {
		return f, Text(T("There are no personas yet. Admins add them with "), call.usage("persona add SLUG NAME: DESCRIPTION"), T("; leads that name an unknown persona create it.")), false
	}
	return InsightFormFor(personas, values, errors, fromMessage), Reply{}, true
}

// InsightFormFor is the form to save a persona insight: a persona picker,
// what was learned and tags, filled in with values ("persona", "text",
// "tags"), the server's errors under them; fromMessage says it keeps a link
// to the message it comes from.
func InsightFormFor(personas []armistice.Persona, values, errors map[string]string, fromMessage bool) FormSpec {
	picker := Field{ID: "persona", Label: "Persona", Hint: "Which persona?", Kind: ChoiceField, Required: true}
	for _, p := range personas {
		if len(picker.Choices) == maxFormChoices {
			break
		}
		picker.Choices = append(picker.Choices, Choice{Value: p.Slug, Label: armistice.Truncate(oneLine(p.Name)+" ("+p.Slug+")", 75)})
		if strings.EqualFold(p.Slug, strings.TrimSpace(values["persona"])) {
			picker.Value = p.Slug
		}
	}
	f := FormSpec{Name: FormInsight, Title: "Save a persona insight", Submit: "Save", Errors: errors, Fields: []Field{
		picker,
		{ID: "text", Label: "What did you learn?", Hint: fmt.Sprintf("Up to %s characters", armistice.FormatNumber(armistice.MaxInsightLen)), Kind: LongTextField,
			Required: true, MaxLength: armistice.MaxInsightLen, Value: armistice.Truncate(values["text"], armistice.MaxInsightLen)},
		{ID: "tags", Label: "Tags", Hint: "Comma-separated, e.g. pricing, objections", MaxLength: 500, Value: values["tags"]},
	}}
	if fromMessage {
		f.Note = "The insight keeps a link to the message it comes from."
	}
	return f
}

// RejectForm asks for a rejection's reason (one of the admins' reasons)
// and a comment for marketing, required for "other", with what was given
// before and the server's errors.
func RejectForm(l armistice.Lead, reasons []string, values, errors map[string]string) FormSpec {
	reason := Field{ID: "reason", Label: "Reason", Hint: "Why not?", Kind: ChoiceField, Required: true}
	for _, r := range reasons {
		reason.Choices = append(reason.Choices, Choice{Value: r, Label: r})
		if r == values["reason"] {
			reason.Value = r
		}
	}
	intro := append(append(P(T("Rejecting ")), leadWho(l)...), T(". Marketing will see the reason and your comment."))
	return FormSpec{Name: FormReject, Title: "Reject lead", Submit: "Reject", Danger: true, Intro: intro, Errors: errors,
		Note: "A comment is required when the reason is “" + armistice.ReasonOther + "”.",
		Fields: []Field{reason,
			{ID: "comment", Label: "Comment for marketing", Hint: "What should marketing know?", Kind: LongTextField, MaxLength: armistice.MaxCommentLen, Value: values["comment"]},
		}}
}

// LeadSaved confirms a lead handed over through the form.
func LeadSaved(l armistice.Lead) Reply {
	return Text(T("Lead " + armistice.Truncate(oneLine(firstNonEmpty(l.Name, l.Email)), maxNoticeName) + " saved (" + l.ExternalID + "); its card is on its way to the sales team."))
}

// InsightSaved thanks the author of an insight.
func InsightSaved(in armistice.Insight) Reply {
	return Text(T("Saved for "), B(in.Persona), T(fmt.Sprintf(" as a %s insight. Thank you: the other team sees it on the next %s lead.", in.Team, in.Persona)))
}
