package hubspotemu

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Deal is a deal as a test sets it: its stage, amount and currency (as
// HubSpot's string properties) and the contacts associated with it.
type Deal struct {
	ID       string // "" for a new deal: the server picks one
	Stage    string // dealstage
	Amount   string
	Currency string // deal_currency_code
	Contacts []string
}

type deal struct {
	Deal
	modified time.Time
}

// SetDeal creates or changes a deal and returns its ID; its
// hs_lastmodifieddate becomes now, later than any deal's before.
func (s *Server) SetDeal(d Deal) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.ID == "" {
		d.ID = s.newIDLocked()
	}
	at := s.cfg.Now().UTC().Truncate(time.Millisecond)
	if !at.After(s.lastMod) {
		at = s.lastMod.Add(time.Millisecond)
	}
	s.lastMod = at
	s.deals[d.ID] = &deal{Deal: d, modified: at}
	s.changedLocked()
	return d.ID
}

func (d *deal) property(name string) string {
	switch name {
	case "dealstage":
		return d.Stage
	case "amount":
		return d.Amount
	case "deal_currency_code":
		return d.Currency
	case "hs_lastmodifieddate":
		return d.modified.Format("2006-01-02T15:04:05.000Z")
	case "hs_object_id":
		return d.ID
	}
	return ""
}

// searchDeals answers POST /crm/v3/objects/deals/search with filters on
// hs_lastmodifieddate (GT, GTE, LT, LTE, in milliseconds since the epoch),
// sorted by it when asked, limit at most 200, "after" paging.
func (s *Server) searchDeals(w http.ResponseWriter, r *http.Request) {
	var in searchRequest
	if !readJSON(w, r, &in) {
		return
	}
	if in.Limit <= 0 {
		in.Limit = 10
	}
	if in.Limit > 200 {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("limit must be at most 200, got %d", in.Limit))
		return
	}
	offset := 0
	if in.After != "" {
		n, err := strconv.Atoi(in.After)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "after is not a valid paging token")
			return
		}
		offset = n
	}
	s.mu.Lock()
	var found []*deal
	for _, d := range s.deals {
		ok := true
		for _, g := range in.FilterGroups {
			for _, f := range g.Filters {
				if f.PropertyName != "hs_lastmodifieddate" {
					writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "the emulator filters deals on hs_lastmodifieddate only")
					s.mu.Unlock()
					return
				}
				ms, err := strconv.ParseInt(f.Value, 10, 64)
				if err != nil {
					writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("%q is not a valid datetime for hs_lastmodifieddate", f.Value))
					s.mu.Unlock()
					return
				}
				m := d.modified.UnixMilli()
				switch strings.ToUpper(f.Operator) {
				case "GT":
					ok = ok && m > ms
				case "GTE":
					ok = ok && m >= ms
				case "LT":
					ok = ok && m < ms
				case "LTE":
					ok = ok && m <= ms
				case "EQ":
					ok = ok && m == ms
				}
			}
		}
		if ok {
			found = append(found, d)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(found, func(a, b *deal) int {
		if c := a.modified.Compare(b.modified); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, o := range in.Sorts {
		if o.PropertyName == "hs_lastmodifieddate" && o.Direction == "DESCENDING" {
			slices.Reverse(found)
		}
	}
	total := len(found)
	if offset > len(found) {
		offset = len(found)
	}
	found = found[offset:]
	out := map[string]any{"total": total}
	if len(found) > in.Limit {
		found = found[:in.Limit]
		out["paging"] = map[string]any{"next": map[string]any{"after": strconv.Itoa(offset + in.Limit)}}
	}
	results := make([]map[string]any, 0, len(found))
	for _, d := range found {
		props := map[string]string{"hs_object_id": d.ID}
		for _, p := range in.Properties {
			props[p] = d.property(p)
		}
		results = append(results, map[string]any{"id": d.ID, "properties": props, "archived": false})
	}
	out["results"] = results
	writeJSON(w, http.StatusOK, out)
}

// dealContacts answers GET /crm/v4/objects/deals/{id}/associations/contacts.
func (s *Server) dealContacts(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	d, ok := s.deals[r.PathValue("id")]
	var contacts []string
	if ok {
		contacts = slices.Clone(d.Contacts)
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "resource not found")
		return
	}
	results := make([]map[string]any, 0, len(contacts))
	for _, c := range contacts {
		id, _ := strconv.ParseInt(c, 10, 64)
		results = append(results, map[string]any{
			"toObjectId":       id,
			"associationTypes": []map[string]any{{"category": "HUBSPOT_DEFINED", "typeId": 3, "label": nil}},
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}

// account answers GET /account-info/v3/details.
func (s *Server) account(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"portalId": 12345678, "accountType": "STANDARD", "timeZone": "Etc/UTC",
		"companyCurrency": s.cfg.Currency, "additionalCurrencies": []string{}, "utcOffset": "+00:00",
		"utcOffsetMilliseconds": 0, "uiDomain": "app.hubspot.com", "dataHostingLocation": "na1",
	})
}
