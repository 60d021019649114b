package armistice

import "time"

// PersonaBrief is what a language model made of a persona's insights of one
// week. Body is model output, bullets one a line: untrusted text.
type PersonaBrief struct {
	Persona   string
	Name      string    // the persona's
	Week      time.Time // the Monday it starts, as a date (midnight UTC)
	Body      string
	Insights  int // how many insights it summarises
	Model     string
	CreatedAt time.Time
}

// RejectionBrief is what a language model made of the reasons and comments
// of one week's rejections. Body is untrusted, as for PersonaBrief.
type RejectionBrief struct {
	Week       time.Time
	Body       string
	Rejections int
	Model      string
	CreatedAt  time.Time
}
