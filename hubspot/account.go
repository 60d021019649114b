package hubspot

import "context"

// CompanyCurrency returns the account's company currency (ISO 4217), the
// currency of deals that carry no deal_currency_code. It is read once.
func (c *Client) CompanyCurrency(ctx context.Context) (string, error) {
	c.mu.Lock()
	cur := c.currency
	c.mu.Unlock()
	if cur != "" {
		return cur, nil
	}
	var out struct {
		CompanyCurrency string `json:"companyCurrency"`
	}
	if err := c.call(ctx, "GET", "/account-info/v3/details", nil, nil, &out); err != nil {
		return "", err
	}
	c.mu.Lock()
	c.currency = out.CompanyCurrency
	c.mu.Unlock()
	return out.CompanyCurrency, nil
}
