package armistice

// Received is what storing one lead of a batch came to.
type Received struct {
	ID         int64
	ExternalID string
	Status     Status
	Duplicate  bool // a lead with this external_id was already stored; nothing changed
}
