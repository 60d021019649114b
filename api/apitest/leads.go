// Package apitest makes intake payloads as a marketing automation sends
// them, for the intake benchmarks and the load generator of make bench: every
// field of the intake API filled, a persona, notes of a few hundred
// characters and a handful of extra fields.
package apitest

import (
	"encoding/json"
	"strconv"

	"github.com/armistice/armistice"
)

// The values a lead is made of, picked by its number so that leads differ
// (names, personas, regions, sources) the way a campaign's leads do.
var (
	firstNames = quoted("Ana", "María José", "Liam", "Søren", "Chloé", "Kenji", "Priya", "Oluwaseun", "Zoë", "Mateus", "Élodie")
	lastNames  = quoted("Ruiz", "O'Connor", "Nakamura", "Müller", "Okafor", "Fernández", "Lindqvist", "Patel", "Dubois", "Kowalski", "Silva", "Brennan", "Hassan")
	companies  = quoted("Northwind Logistics", "Acme Robotics GmbH", "Globex & Sons", "Initech", "Umbrella Health S.A.", "Stark Analytics", "Wayne Freight", "Tyrell Biotech", "Soylent Foods", "Hooli Cloud")
	titles     = quoted("VP of Operations", "Head of Revenue Operations", "Chief Financial Officer", "IT Director", "Procurement Manager", "Director of Sales Enablement", "CTO")
	personas   = quoted("ops-leader", "revops", "cfo", "it-director", "procurement")
	segments   = quoted("enterprise", "mid-market", "smb")
	places     = []struct{ region, country, phone string }{
		{`"EMEA"`, `"ES"`, `"+34 912 345 678"`}, {`"EMEA"`, `"DE"`, `"+49 30 1234 5678"`}, {`"NA"`, `"US"`, `"+1 (415) 555-0142"`},
		{`"APAC"`, `"JP"`, `"+81 3-1234-5678"`}, {`"LATAM"`, `"BR"`, `"+55 11 91234-5678"`}, {`"EMEA"`, `"GB"`, `"+44 20 7946 0018"`},
	}
	sources   = quoted("webinar-2026-q4-automation", "linkedin-ads-emea-ops", "g2-comparison-page", "whitepaper-cost-of-delay", "demo-request-form")
	campaigns = quoted("q4-automation", "emea-ops-awareness", "pricing-retargeting", "cost-of-delay", "product-tour")
	mediums   = quoted("paid-social", "email", "organic", "webinar", "referral")
	sizes     = quoted("11-50", "51-200", "201-500", "501-1000", "1001-5000")
	notes     = quoted(
		"Downloaded the \"Cost of Delay\" whitepaper, attended the Q4 automation webinar and stayed for the Q&A. Asked about SSO, data residency in the EU and whether the Salesforce sync is two-way. Visited pricing 4× this week; trial requested for 25 seats.\nPrefers email; travelling until Thursday.",
		"Came in through a LinkedIn ad, then booked a demo for next Tuesday. Current stack: spreadsheets + a home-grown CRM; pain: leads lost between marketing and sales, no SLA. Budget approved for H1 (≈ €40k). Wants a security questionnaire and two references in logistics.",
		"Compared us with two competitors on G2 and left a review request open. Opened 6 of the last 8 nurture emails, clicked the ROI calculator twice. Their team of 12 SDRs works EMEA and NA hours; asked how round robin handles holidays and time zones — follow up with the pooling doc.",
	)
)

// quoted encodes each value as a JSON string once, so that making a lead
// is appending.
func quoted(values ...string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		b, _ := json.Marshal(v)
		out[i] = string(b)
	}
	return out
}

func pick(values []string, n int64, salt int64) string {
	return values[(n*salt+n/7)%int64(len(values))]
}

// AppendLead appends the JSON object of lead number n to b: every field of
// the intake API, with the external ID prefix-n (prefix may hold no quote
// or backslash). A lead is about 800 bytes, so that 1,000 fit in a request.
func AppendLead(b []byte, prefix string, n int64) []byte {
	place := places[n%int64(len(places))]
	first, last := pick(firstNames, n, 1), pick(lastNames, n, 3)
	b = append(b, `{"external_id":"`...)
	b = append(b, prefix...)
	b = append(b, '-')
	b = strconv.AppendInt(b, n, 10)
	b = append(b, `","email":"lead`...)
	b = strconv.AppendInt(b, n, 10)
	b = append(b, `@northwind-logistics.example","name":`...)
	b = append(b, first[:len(first)-1]...)
	b = append(b, ' ')
	b = append(b, last[1:]...)
	b = append(b, `,"company":`...)
	b = append(b, pick(companies, n, 5)...)
	b = append(b, `,"title":`...)
	b = append(b, pick(titles, n, 2)...)
	b = append(b, `,"phone":`...)
	b = append(b, place.phone...)
	b = append(b, `,"source":`...)
	b = append(b, pick(sources, n, 3)...)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, 40+n%61, 10)
	b = append(b, `,"persona":`...)
	b = append(b, pick(personas, n, 7)...)
	b = append(b, `,"segment":`...)
	b = append(b, pick(segments, n, 1)...)
	b = append(b, `,"region":`...)
	b = append(b, place.region...)
	b = append(b, `,"country":`...)
	b = append(b, place.country...)
	b = append(b, `,"crm_url":"https://app.hubspot.com/contacts/24681357/record/0-1/`...)
	b = strconv.AppendInt(b, 90000000+n, 10)
	b = append(b, `","notes":`...)
	b = append(b, pick(notes, n, 1)...)
	b = append(b, `,"fields":{"utm_source":`...)
	b = append(b, pick(mediums, n, 2)...)
	b = append(b, `,"utm_campaign":`...)
	b = append(b, pick(campaigns, n, 3)...)
	b = append(b, `,"lifecycle_stage":"marketingqualifiedlead","company_size":`...)
	b = append(b, pick(sizes, n, 1)...)
	b = append(b, `,"hubspot_owner":"`...)
	b = strconv.AppendInt(b, 31000+n%17, 10)
	b = append(b, `","consent":"marketing-email"}}`...)
	return b
}

// AppendLeads appends a JSON array of count leads numbered from first.
func AppendLeads(b []byte, prefix string, first int64, count int) []byte {
	b = append(b, '[')
	for i := range int64(count) {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendLead(b, prefix, first+i)
	}
	return append(b, ']')
}

// AppendThinLead appends a lead of six fields (external ID, email, name,
// company, source, score), as the first benchmarks sent.
func AppendThinLead(b []byte, prefix string, n int64) []byte {
	b = append(b, `{"external_id":"`...)
	b = append(b, prefix...)
	b = append(b, '-')
	b = strconv.AppendInt(b, n, 10)
	b = append(b, `","email":"lead`...)
	b = strconv.AppendInt(b, n, 10)
	b = append(b, `@example.com","name":"Load Test","company":"Bench Inc","source":"load","score":`...)
	b = strconv.AppendInt(b, n%100, 10)
	return append(b, '}')
}

// Lead is lead number n of AppendLead as the intake reads it, for the
// benchmarks that store leads without going through HTTP.
func Lead(prefix string, n int64) armistice.Lead {
	var sent struct {
		ExternalID string            `json:"external_id"`
		Email      string            `json:"email"`
		Name       string            `json:"name"`
		Company    string            `json:"company"`
		Title      string            `json:"title"`
		Phone      string            `json:"phone"`
		Source     string            `json:"source"`
		Score      int               `json:"score"`
		Persona    string            `json:"persona"`
		Segment    string            `json:"segment"`
		Region     string            `json:"region"`
		Country    string            `json:"country"`
		CRMURL     string            `json:"crm_url"`
		Notes      string            `json:"notes"`
		Fields     map[string]string `json:"fields"`
	}
	if err := json.Unmarshal(AppendLead(nil, prefix, n), &sent); err != nil {
		panic(err) // AppendLead writes valid JSON
	}
	return armistice.Lead{
		ExternalID: sent.ExternalID, Email: sent.Email, Name: sent.Name, Company: sent.Company, Title: sent.Title,
		Phone: sent.Phone, Source: sent.Source, Score: &sent.Score, Persona: sent.Persona, Segment: sent.Segment,
		Region: sent.Region, Country: sent.Country, CRMURL: sent.CRMURL, Notes: sent.Notes, Fields: sent.Fields,
	}
}
