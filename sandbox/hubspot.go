package sandbox

import (
	"strings"

	"github.com/armistice/armistice"
)

// addContacts gives the sandbox's HubSpot a contact for each live demo
// lead, as the marketing automation that sent it would have one, so that
// accepting or rejecting it writes to HubSpot and its history says so.
func (s *Server) addContacts(leads []armistice.Lead) {
	if s.cfg.HubSpot == nil {
		return
	}
	for _, l := range leads {
		first, last, _ := strings.Cut(l.Name, " ")
		s.cfg.HubSpot.AddContact(map[string]string{
			"email": l.Email, "firstname": first, "lastname": last, "company": l.Company, "jobtitle": l.Title,
			"lifecyclestage": "marketingqualifiedlead",
		})
	}
}
