package chat

// InsightsPage is how many insights a page shows.
const InsightsPage = 10

// InsightInput is an insight as someone saves it.
type InsightInput struct {
	Persona   string
	Text      string
	Tags      []string
	Permalink string // of the message it came from, if any
	Author    string
}

// LeadFormFields are the inputs of the form to hand over a lead by hand,
// named as the intake API names them so that errors land on the right one.
var LeadFormFields = []string{"email", "name", "company", "title", "phone", "source", "score", "persona", "country", "region", "segment", "crm_url", "notes", "external_id"}

// ChannelRef is a channel as an admin named it: by ID, or by name (without
// "#") to look up.
type ChannelRef struct {
	ID   string
	Name string
}

// String shows the reference as the admin gave it.
func (r ChannelRef) String() string {
	if r.ID != "" {
		return r.ID
	}
	return "#" + r.Name
}

// RoutingFields are the lead fields a routing rule may match.
var RoutingFields = []string{"region", "segment", "source"}
