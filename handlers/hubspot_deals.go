package handlers

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/storage"
)

// Reading deals back: pages of dealPageSize deals, at most dealPages of
// them a run (HubSpot's search pages no further than 10,000 results), and
// no new deal taken once a run has lasted dealRunBudget (a job has 15 s):
// the next run goes on from the cursor.
const (
	dealPageSize  = 100
	dealPages     = 20
	dealRunBudget = 8 * time.Second
)

// ApplyHubSpotDeals reads the deals modified since the stored cursor,
// oldest first, page by page, and moves the leads of their contacts on as
// the stage API does: closedwon → won with the deal's amount and currency,
// closedlost → lost, any other stage → opportunity; forward only, the same
// stage again changing nothing. The cursor moves past a page once all of it
// is applied (or past its applied part, when the run's time is up), so a
// run cut short starts again at the first deal not applied, and applying a
// deal twice does no harm.
func (s *Service) ApplyHubSpotDeals(ctx context.Context, hs HubSpot) error {
	start, err := s.db.HubSpotDealCursor(ctx)
	if err != nil {
		return err
	}
	cursor, after := start, ""
	stop := s.now().Add(dealRunBudget)
	for range dealPages {
		page, err := hs.Client.DealsModifiedSince(ctx, start.Modified, after, dealPageSize)
		if err != nil {
			return err
		}
		for _, d := range page.Deals {
			if d.Modified.Equal(start.Modified) && slices.Contains(start.DealIDs, d.ID) {
				continue // applied by an earlier run
			}
			if s.now().After(stop) {
				return s.db.SaveHubSpotDealCursor(ctx, cursor) // the applied part of the page
			}
			err := s.applyHubSpotDeal(ctx, hs.Client, d)
			if refused, ok := hubspot.Refused(err); ok {
				// For good (the deal deleted since, a scope missing):
				// logged, and the deal passed over, not read forever.
				s.log.Error("hubspot refused reading a deal; its leads are left as they are", "deal", d.ID, "status", refused.Status, "message", refused.Message)
			} else if err != nil {
				return err
			}
			switch {
			case d.Modified.After(cursor.Modified):
				cursor = storage.DealCursor{Modified: d.Modified, DealIDs: []string{d.ID}}
			case d.Modified.Equal(cursor.Modified):
				cursor.DealIDs = append(slices.Clone(cursor.DealIDs), d.ID)
			}
		}
		if err := s.db.SaveHubSpotDealCursor(ctx, cursor); err != nil {
			return err
		}
		if page.After == "" {
			return nil
		}
		after = page.After
	}
	return nil
}

// dealStage is the lead stage of a deal stage.
func dealStage(stage string) armistice.Stage {
	switch stage {
	case "closedwon":
		return armistice.StatusWon
	case "closedlost":
		return armistice.StatusLost
	}
	return armistice.StatusOpportunity
}

// applyHubSpotDeal moves the leads of a deal's contacts to its stage.
func (s *Service) applyHubSpotDeal(ctx context.Context, hc *hubspot.Client, d hubspot.Deal) error {
	u := armistice.StageUpdate{Stage: dealStage(d.Stage), Amount: d.Amount, Currency: d.Currency}
	if u.Amount != nil && u.Currency == "" {
		cur, err := hc.CompanyCurrency(ctx)
		if err != nil {
			return err
		}
		u.Currency = cur
	}
	contacts, err := hc.DealContacts(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, contact := range contacts {
		leads, err := s.hubSpotLeadsOf(ctx, hc, contact)
		if err != nil {
			return err
		}
		for _, externalID := range leads {
			_, err := s.SetStage(ctx, externalID, u, "hubspot")
			var coded *armistice.Error
			switch {
			case errors.As(err, &coded) && coded.Code == armistice.EINVALID:
				s.log.Warn("hubspot: a deal's stage cannot be applied", "deal", d.ID, "lead", externalID, "err", err)
			case errors.As(err, &coded) && (coded.Code == armistice.ECONFLICT || coded.Code == armistice.ENOTFOUND):
				// Further along already, or gone: forward only.
			case err != nil:
				return err
			}
		}
	}
	return nil
}

// hubSpotLeadsOf returns the external IDs of a contact's leads: the one
// that came from HubSpot with it, else those with its email address.
func (s *Service) hubSpotLeadsOf(ctx context.Context, hc *hubspot.Client, contact string) ([]string, error) {
	externalID := hubSpotIDPrefix + contact
	_, err := s.db.LeadByExternalID(ctx, externalID)
	if err == nil {
		return []string{externalID}, nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	c, err := hc.Contact(ctx, contact, "email")
	if hubspot.NotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if c.Properties["email"] == "" {
		return nil, nil
	}
	return s.db.LeadExternalIDsByEmail(ctx, c.Properties["email"])
}
