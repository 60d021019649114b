package teams

import (
	"context"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// Service is what the Teams side asks of the use cases besides the
// conversation: decisions, the forms' submissions, and the leads that waited
// for an installation; Service is it. Each use case checks who
// may run it.
type Service interface {
	converse.Service
	RejectionReasons() []string
	CanDecide(ctx context.Context, user string, leadID int64) error
	LeadToDecide(ctx context.Context, leadID int64) (armistice.Lead, error)
	Decide(ctx context.Context, leadID int64, d armistice.Decision) (chat.DecideResult, error)
	Reassign(ctx context.Context, by string, leadID int64, to string) (armistice.Lead, error)
	EnterLead(ctx context.Context, user string, values map[string]string) (armistice.Lead, map[string]string, error)
	AnnounceWaiting(ctx context.Context) (int, error)
}
