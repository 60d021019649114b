package hubspot

import (
	"context"
	"net/url"
)

// Owner is a HubSpot user who may own records.
type Owner struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// OwnerByEmail finds the owner with the given email address; ok is false
// when there is none.
func (c *Client) OwnerByEmail(ctx context.Context, email string) (o Owner, ok bool, err error) {
	var page struct {
		Results []Owner `json:"results"`
	}
	q := url.Values{"email": {email}, "limit": {"1"}, "archived": {"false"}}
	if err := c.call(ctx, "GET", "/crm/v3/owners", q, nil, &page); err != nil {
		return Owner{}, false, err
	}
	if len(page.Results) == 0 {
		return Owner{}, false, nil
	}
	return page.Results[0], true, nil
}
