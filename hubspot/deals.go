package hubspot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// Deal is a deal as the deals search returns it.
type Deal struct {
	ID       string
	Stage    string   // dealstage: closedwon, closedlost, or another stage's ID
	Amount   *float64 // nil when the deal has none
	Currency string   // deal_currency_code, "" when not set
	Modified time.Time
}

// DealPage is one page of deals changed since a time.
type DealPage struct {
	Deals []Deal
	After string // the next page's token, "" on the last page
}

// dealProperties are the properties read of each deal.
var dealProperties = []string{"dealstage", "amount", "deal_currency_code", "hs_lastmodifieddate"}

// DealsModifiedSince returns a page of the deals last modified at or after
// since, oldest first; after is the token of the page, "" for the first.
func (c *Client) DealsModifiedSince(ctx context.Context, since time.Time, after string, limit int) (DealPage, error) {
	req := searchRequest{
		FilterGroups: []filterGroup{{Filters: []filter{{PropertyName: "hs_lastmodifieddate", Operator: "GTE", Value: epochMillis(since)}}}},
		Sorts:        []sort{{PropertyName: "hs_lastmodifieddate", Direction: "ASCENDING"}},
		Properties:   dealProperties,
		Limit:        limit,
		After:        after,
	}
	var page searchPage
	if err := c.call(ctx, "POST", "/crm/v3/objects/deals/search", nil, req, &page); err != nil {
		return DealPage{}, err
	}
	out := DealPage{Deals: make([]Deal, 0, len(page.Results))}
	for _, o := range page.Results {
		d, err := dealOf(o)
		if err != nil {
			return DealPage{}, err
		}
		out.Deals = append(out.Deals, d)
	}
	if page.Paging != nil {
		out.After = page.Paging.Next.After
	}
	return out, nil
}

// dealOf reads a deal's properties.
func dealOf(o Object) (Deal, error) {
	d := Deal{ID: o.ID, Stage: o.Properties["dealstage"], Currency: o.Properties["deal_currency_code"]}
	modified, err := parseTime(o.Properties["hs_lastmodifieddate"])
	if err != nil {
		return Deal{}, fmt.Errorf("hubspot: deal %s: hs_lastmodifieddate: %w", o.ID, err)
	}
	d.Modified = modified
	if a := o.Properties["amount"]; a != "" {
		v, err := strconv.ParseFloat(a, 64)
		if err != nil {
			return Deal{}, fmt.Errorf("hubspot: deal %s: amount %q is not a number", o.ID, a)
		}
		d.Amount = &v
	}
	return d, nil
}

// parseTime reads a datetime property: ISO 8601, or milliseconds since the
// epoch as older APIs give it.
func parseTime(s string) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// epochMillis is how the search API takes a datetime.
func epochMillis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// DealContacts returns the IDs of the contacts associated with a deal.
func (c *Client) DealContacts(ctx context.Context, dealID string) ([]string, error) {
	var ids []string
	after := ""
	for {
		q := url.Values{"limit": {"500"}}
		if after != "" {
			q.Set("after", after)
		}
		var page struct {
			Results []struct {
				ToObjectID json.Number `json:"toObjectId"`
			} `json:"results"`
			Paging *struct {
				Next struct {
					After string `json:"after"`
				} `json:"next"`
			} `json:"paging"`
		}
		if err := c.call(ctx, "GET", "/crm/v4/objects/deals/"+url.PathEscape(dealID)+"/associations/contacts", q, nil, &page); err != nil {
			return nil, err
		}
		for _, r := range page.Results {
			ids = append(ids, r.ToObjectID.String())
		}
		if page.Paging == nil || page.Paging.Next.After == "" {
			return ids, nil
		}
		after = page.Paging.Next.After
	}
}
