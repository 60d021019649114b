package hubspot

import (
	"context"
	"net/url"
	"strings"
)

// Object is a CRM record as the v3 object APIs return it: its ID and the
// properties asked for, as strings.
type Object struct {
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
}

// objectPath is the path of one record of a type.
func objectPath(objectType, id string) string {
	return "/crm/v3/objects/" + objectType + "/" + url.PathEscape(id)
}

// Contact reads a contact with the given properties; an APIError with
// status 404 when it does not exist (see NotFound).
func (c *Client) Contact(ctx context.Context, id string, properties ...string) (Object, error) {
	var o Object
	q := url.Values{}
	if len(properties) > 0 {
		q.Set("properties", strings.Join(properties, ","))
	}
	err := c.call(ctx, "GET", objectPath("contacts", id), q, nil, &o)
	return o, err
}

// UpdateContact sets properties of a contact. HubSpot refuses a property
// it does not know or a value it does not allow with a 400 whose message
// says which (see Refused).
func (c *Client) UpdateContact(ctx context.Context, id string, properties map[string]string) error {
	return c.call(ctx, "PATCH", objectPath("contacts", id), nil, map[string]any{"properties": properties}, nil)
}

// filter is one condition of a search.
type filter struct {
	PropertyName string `json:"propertyName"`
	Operator     string `json:"operator"`
	Value        string `json:"value"`
}

type filterGroup struct {
	Filters []filter `json:"filters"`
}

type sort struct {
	PropertyName string `json:"propertyName"`
	Direction    string `json:"direction"`
}

// searchRequest is the body of a CRM search.
type searchRequest struct {
	FilterGroups []filterGroup `json:"filterGroups"`
	Sorts        []sort        `json:"sorts,omitempty"`
	Properties   []string      `json:"properties"`
	Limit        int           `json:"limit"`
	After        string        `json:"after,omitempty"`
}

// searchPage is a page of search results.
type searchPage struct {
	Results []Object `json:"results"`
	Paging  *struct {
		Next struct {
			After string `json:"after"`
		} `json:"next"`
	} `json:"paging"`
}

// ContactByEmail finds the contact with the given email address; ok is
// false when there is none.
func (c *Client) ContactByEmail(ctx context.Context, email string) (o Object, ok bool, err error) {
	var page searchPage
	req := searchRequest{
		FilterGroups: []filterGroup{{Filters: []filter{{PropertyName: "email", Operator: "EQ", Value: email}}}},
		Properties:   []string{"email"},
		Limit:        1,
	}
	if err := c.call(ctx, "POST", "/crm/v3/objects/contacts/search", nil, req, &page); err != nil {
		return Object{}, false, err
	}
	if len(page.Results) == 0 {
		return Object{}, false, nil
	}
	return page.Results[0], true, nil
}
