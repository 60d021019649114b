package converse

import "github.com/armistice/armistice/handlers/chat"

// Reply is what a command answers, before any platform draws it: blocks of
// text with emphasis, lists, buttons, or a form to open. Text in it is
// never markup: each platform's renderer escapes it and marks it up, so
// text from outside (lead fields, names, insights) can ping or link no one.
type Reply struct {
	Blocks []Block
	// Private: only the caller sees it (Slack answers every command that
	// way; Teams sends it to the caller's personal chat and says so in the
	// thread).
	Private bool
	// Form, when set, is a form to open instead: Slack opens it at once,
	// Teams answers with its Prompt and a button that opens it.
	Form *Form
	// Digest, when set, is a digest: the platform draws DigestReply as it
	// draws the scheduled digests, fitted to its message size.
	Digest *chat.Digest
}

// Block is one part of a reply: a Heading, Paragraph, Facts, List, Quote,
// Note, Divider, Buttons, Table or Chart.
type Block interface{ block() }

// Heading is a reply's title.
type Heading string

// Paragraph is a run of text.
type Paragraph []Span

// List is a bulleted list, one line an item.
type List []Paragraph

// Quote is text from outside quoted as it was written, line breaks kept.
type Quote string

// Facts are labelled values side by side ("MQLs: 12").
type Facts []Fact

// Fact is one labelled value.
type Fact struct{ Label, Value string }

// Divider sets what follows apart from what comes before.
type Divider struct{}

// Note is small print under the rest.
type Note []Span

// Buttons is a row of buttons.
type Buttons []Button

func (Heading) block()   {}
func (Paragraph) block() {}
func (List) block()      {}
func (Quote) block()     {}
func (Facts) block()     {}
func (Divider) block()   {}
func (Note) block()      {}
func (Buttons) block()   {}
func (Table) block()     {}
func (Chart) block()     {}

// Table is a table whose first row is its header; the columns after the
// first hold numbers.
type Table struct {
	Header []string
	Rows   [][]Cell
}

// Cell is a table cell: its text and, in a number column, its value.
type Cell struct {
	Text  string
	Value float64
}

// Chart is a bar or line chart of series over labelled points; where a
// platform cannot draw it, the text beside it carries the same numbers.
type Chart struct {
	Line           bool // a line chart; else bars
	Title          string
	XTitle, YTitle string
	Labels         []string // along the x axis
	Series         []Series
}

// Series is one named run of values, one a label.
type Series struct {
	Name   string
	Values []float64
}

// Button is an action the reader may take: Action names what it does (the
// adapters pass it back to the conversation) and Value carries its data.
type Button struct {
	Label   string
	Action  string
	Value   string // JSON
	Primary bool
	// Opens says the button opens a form (Teams draws it as a dialog's
	// opener rather than an action).
	Opens bool
}

// The actions of the buttons replies carry.
const (
	// ActionAdoptPlan is the plan's "Adopt as goals"; its value is a
	// PlanChoice.
	ActionAdoptPlan = "plan_adopt"
	// ActionInsightsMore is the next page of an insights search; its value
	// is an InsightsQuery.
	ActionInsightsMore = "insights_more"
	// ActionSignMarketing and ActionSignSales sign the agreement for a
	// team; ActionEditAgreement opens its form. Their value is an
	// AgreementChoice.
	ActionSignMarketing = "agreement_sign_marketing"
	ActionSignSales     = "agreement_sign_sales"
	ActionEditAgreement = "agreement_edit"
)

// Form asks the platform to open one of its forms.
type Form struct {
	Name    FormName
	Prefill map[string]string // initial values by field name
	// Prompt and Open are the text and the button label where a form opens
	// from a button (Teams' dialogs).
	Prompt string
	Open   string
}

// FormName names a form the platforms draw.
type FormName string

// The forms commands open.
const (
	FormLead      FormName = "lead"
	FormInsight   FormName = "insight"
	FormSettings  FormName = "settings"
	FormReject    FormName = "reject"    // opened from a lead card's Reject
	FormAgreement FormName = "agreement" // opened from the agreement's Edit
)

// SpanKind is how a span of text shows.
type SpanKind int

// The kinds of span.
const (
	Plain   SpanKind = iota
	Bold             // emphasis
	Italic           // an aside
	Code             // something to type, or an identifier
	Link             // Text shown, URL opened
	User             // Text is a user ID, shown as a mention or a name
	Mention          // Text is a user ID to notify, where the platform can
	Channel          // Text is a channel ID, shown as a link or a name
)

// Span is a piece of text and how it shows.
type Span struct {
	Kind SpanKind
	Text string
	URL  string // for Link
	// Name is a User's display name where it is known already (a Teams
	// user shown in Slack).
	Name string
}

// T is plain text.
func T(s string) Span { return Span{Kind: Plain, Text: s} }

// B is bold text.
func B(s string) Span { return Span{Kind: Bold, Text: s} }

// I is italic text.
func I(s string) Span { return Span{Kind: Italic, Text: s} }

// C is code: a command to type or an identifier.
func C(s string) Span { return Span{Kind: Code, Text: s} }

// L links text to a URL.
func L(text, url string) Span { return Span{Kind: Link, Text: text, URL: url} }

// U mentions a user by ID.
func U(id string) Span { return Span{Kind: User, Text: id} }

// At notifies a user by ID.
func At(id string) Span { return Span{Kind: Mention, Text: id} }

// Ch names a channel by ID.
func Ch(id string) Span { return Span{Kind: Channel, Text: id} }

// P is a paragraph of spans.
func P(spans ...Span) Paragraph { return spans }

// Text is a reply of one paragraph.
func Text(spans ...Span) Reply { return Reply{Blocks: []Block{Paragraph(spans)}} }

// Users are the user IDs a reply names or notifies, for a renderer that
// shows names.
func (r Reply) Users() []string { return append(r.ids(User), r.ids(Mention)...) }

// Channels are the channel IDs a reply names.
func (r Reply) Channels() []string { return r.ids(Channel) }

func (r Reply) ids(kind SpanKind) []string {
	var out []string
	add := func(spans []Span) {
		for _, s := range spans {
			if s.Kind == kind {
				out = append(out, s.Text)
			}
		}
	}
	for _, b := range r.Blocks {
		switch b := b.(type) {
		case Paragraph:
			add(b)
		case Note:
			add(b)
		case List:
			for _, p := range b {
				add(p)
			}
		}
	}
	return out
}
