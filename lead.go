package armistice

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Status is where a lead is in its lifecycle:
// new → announced → accepted | rejected → opportunity → won | lost.
type Status string

// The lead statuses.
const (
	StatusNew         Status = "new"
	StatusAnnounced   Status = "announced"
	StatusAccepted    Status = "accepted"
	StatusRejected    Status = "rejected"
	StatusOpportunity Status = "opportunity"
	StatusWon         Status = "won"
	StatusLost        Status = "lost"
)

// Lead is a Marketing Qualified Lead as marketing hands it over.
type Lead struct {
	ID         int64
	ExternalID string // the sender's ID; the idempotency key
	Email      string
	Name       string
	Company    string
	Title      string
	Phone      string
	Source     string // campaign or channel
	Score      *int   // 0–100, nil when not given
	Persona    string // a persona slug
	Segment    string
	Region     string
	Country    string
	CRMURL     string
	Notes      string
	Fields     map[string]string // extra values
	Status     Status
	Amount     *float64 // the deal's value, from the CRM
	Currency   string
	ReceivedAt time.Time
	Channel    string // where its card goes, chosen by the routing rules on arrival
	// BelowBar says why the lead fell short of the agreed MQL bar when it
	// arrived ("below the agreed MQL bar: score 42 < 60"); "" when it met
	// it or no bar was agreed. It is taken all the same.
	BelowBar string

	DueAt   *time.Time // end of the SLA window, once announced
	Overdue bool       // the SLA ended before a decision
	Verdict Status     // accepted or rejected, once decided; stays as the status moves on
	OwnerID string     // the rep who accepted it
	// Assignee is the rep the lead is assigned to (only they and the sales
	// managers decide), empty in claim mode; AssignWhy says why, or why
	// nobody was (empty: never assigned); Reassignments counts the times
	// it moved on when a window ended; OwnerHint is the owner the intake
	// named (a user ID or an email).
	Assignee      string
	AssignWhy     string
	Reassignments int
	OwnerHint     string
	DecidedBy     string
	DecidedAt     *time.Time
	Reason        string // of a rejection
	Comment       string

	// ErasedAt is when the lead's personal data was erased (on request or
	// by retention); nil while it holds it.
	ErasedAt *time.Time
}

// Limits on what a lead may hold.
const (
	MaxExternalIDLen = 200
	MaxTextLen       = 500
	MaxNotesLen      = 5000
	MaxFields        = 50
)

// ValidPersonaSlug tells whether s can name a persona: lowercase letters,
// digits, '-' and '_', at most 64, starting with a letter or digit.
func ValidPersonaSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

// Normalize trims the text fields, lowercases the email and persona, and
// drops empty extra fields.
func (l *Lead) Normalize() {
	for _, f := range []*string{&l.ExternalID, &l.Email, &l.Name, &l.Company, &l.Title, &l.Phone, &l.Source,
		&l.Persona, &l.Segment, &l.Region, &l.Country, &l.CRMURL, &l.Notes, &l.OwnerHint} {
		*f = cleanText(*f)
	}
	l.Email = strings.ToLower(l.Email)
	l.Persona = strings.ToLower(l.Persona)
	for k, v := range l.Fields {
		switch clean := cleanText(v); {
		case clean == "" || strings.IndexByte(k, 0) >= 0:
			delete(l.Fields, k)
		case clean != v:
			l.Fields[k] = clean
		}
	}
}

// cleanText is s without NUL characters (Postgres text holds none) and
// without leading and trailing white space.
func cleanText(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.TrimSpace(s)
}

// Validate returns what is wrong with each bad field, keyed by the field's
// JSON name; an empty map (nil) means the lead is valid.
func (l *Lead) Validate() map[string]string {
	var errs fieldErrors
	switch {
	case l.ExternalID == "":
		errs.set("external_id", "required")
	case len(l.ExternalID) > MaxExternalIDLen:
		errs.set("external_id", fmt.Sprintf("longer than %d characters", MaxExternalIDLen))
	case strings.ContainsFunc(l.ExternalID, unicode.IsControl):
		errs.set("external_id", "contains control characters")
	}
	if l.Email != "" {
		if !validEmail(l.Email) {
			errs.set("email", "not an email address")
		}
	} else {
		if l.Name == "" {
			errs.set("name", "required when there is no email")
		}
		if l.Company == "" {
			errs.set("company", "required when there is no email")
		}
	}
	if l.Score != nil && (*l.Score < 0 || *l.Score > 100) {
		errs.set("score", "must be between 0 and 100")
	}
	if l.Persona != "" && !ValidPersonaSlug(l.Persona) {
		errs.set("persona", "not a persona slug (lowercase letters, digits, - and _)")
	}
	if l.CRMURL != "" {
		if u, err := url.Parse(l.CRMURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs.set("crm_url", "not an http(s) URL")
		}
	}
	for _, f := range [...]struct{ name, v string }{{"email", l.Email}, {"name", l.Name}, {"company", l.Company}, {"title", l.Title},
		{"phone", l.Phone}, {"source", l.Source}, {"segment", l.Segment}, {"region", l.Region}, {"country", l.Country}, {"crm_url", l.CRMURL}} {
		if errs[f.name] == "" && longer(f.v, MaxTextLen) {
			errs.set(f.name, fmt.Sprintf("longer than %d characters", MaxTextLen))
		}
	}
	if l.OwnerHint != "" {
		_, isUser := UserPlatform(l.OwnerHint)
		if !isUser && !validEmail(l.OwnerHint) {
			errs.set("owner", "not a user ID or an email address")
		}
	}
	if longer(l.Notes, MaxNotesLen) {
		errs.set("notes", fmt.Sprintf("longer than %d characters", MaxNotesLen))
	}
	if len(l.Fields) > MaxFields {
		errs.set("fields", fmt.Sprintf("more than %d extra fields", MaxFields))
	}
	for k, v := range l.Fields {
		if k == "" || longer(k, 100) || longer(v, MaxTextLen) {
			errs.set("fields."+k, fmt.Sprintf("names up to 100 and values up to %d characters", MaxTextLen))
		}
	}
	return errs
}

// longer tells whether s holds more than n characters, counting them
// only when its bytes are more than n.
func longer(s string, n int) bool {
	return len(s) > n && utf8.RuneCountInString(s) > n
}

// fieldErrors are the errors of a lead's fields by name, made on the first.
type fieldErrors map[string]string

func (e *fieldErrors) set(field, msg string) {
	if *e == nil {
		*e = fieldErrors{}
	}
	(*e)[field] = msg
}

// Fact is a labelled value shown on a lead's card.
type Fact struct {
	Label, Value string
}

// Facts are the lead's details that its card lists under the headline, in
// order, those that are set.
func (l Lead) Facts() []Fact {
	var facts []Fact
	add := func(label, value string) {
		if value != "" {
			facts = append(facts, Fact{label, value})
		}
	}
	add("Source", l.Source)
	if l.Score != nil {
		add("Score", strconv.Itoa(*l.Score))
	}
	add("Persona", l.Persona)
	add("Country", l.Country)
	add("Segment", l.Segment)
	add("Region", l.Region)
	return facts
}
