package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/armistice/armistice"
)

// visitsJSON is one day of website visits from the analytics tool.
type visitsJSON struct {
	Date   string `json:"date"`
	Visits *int64 `json:"visits"`
}

// postVisits records the website visits of one day or of an array of days;
// a later value for a day replaces the earlier one.
func (s *Server) postVisits(w http.ResponseWriter, r *http.Request) {
	body, ok := s.signedBody(w, r)
	if !ok {
		return
	}
	var days []visitsJSON
	trimmed := bytes.TrimSpace(body)
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = json.Unmarshal(trimmed, &days)
	} else {
		var one visitsJSON
		err = json.Unmarshal(trimmed, &one)
		days = []visitsJSON{one}
	}
	if err != nil {
		fail(w, http.StatusBadRequest, `the body must be {"date": "2026-11-22", "visits": 1834} or an array of such days`)
		return
	}
	bad := map[string]string{}
	values := make(map[time.Time]int64, len(days))
	for i, d := range days {
		prefix := ""
		if len(days) > 1 {
			prefix = fmt.Sprintf("%d.", i)
		}
		day, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			bad[prefix+"date"] = "a day as YYYY-MM-DD"
		}
		if d.Visits == nil || *d.Visits < 0 {
			bad[prefix+"visits"] = "a whole number, 0 or more"
		}
		if err == nil && d.Visits != nil {
			values[day] = *d.Visits
		}
	}
	if len(bad) > 0 {
		s.writeError(w, r, &armistice.Error{Code: armistice.EINVALID, Message: "invalid days; nothing was stored", Fields: bad})
		return
	}
	if err := s.cfg.Service.SetVisits(r.Context(), values); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"days": len(values)})
}
