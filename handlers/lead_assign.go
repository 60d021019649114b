package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// companyMemory is how far back a returning company's accepted lead
// sends a new one to the same rep.
const companyMemory = 180 * 24 * time.Hour

// preferredRep is the rep a lead goes to before the rotation: the owner
// its intake named (a user ID, or an email address the chat knows, Slack
// before Teams; a lookup that fails is logged and passes the owner over,
// unless the platform asks to wait), else the rep who accepted a lead of
// the same company (email domain, free mail excepted) in the last 180
// days; nil when neither.
func (s *Service) preferredRep(ctx context.Context, lead armistice.Lead) (*armistice.Preferred, error) {
	if _, ok := armistice.UserPlatform(lead.OwnerHint); ok {
		return &armistice.Preferred{User: lead.OwnerHint, Reason: armistice.AssignOwner, Why: "owner named by the intake"}, nil
	}
	if lead.OwnerHint != "" {
		owner, err := s.chat.UserByEmail(ctx, lead.OwnerHint)
		if _, limited := errors.AsType[*chat.RetryAfterError](err); limited {
			return nil, err
		}
		if err != nil { // the lead goes out all the same, by the rotation
			s.log.Warn("looking up the owner named by a lead's intake", "lead", lead.ID, "err", err)
		}
		if owner != "" {
			return &armistice.Preferred{User: owner, Reason: armistice.AssignOwner, Why: "owner named by the intake, by email"}, nil
		}
	}
	domain := armistice.CompanyDomain(lead.Email)
	if domain == "" {
		return nil, nil
	}
	owner, err := s.db.OwnerByDomain(ctx, domain, s.now().Add(-companyMemory))
	if err != nil || owner == "" {
		return nil, err
	}
	return &armistice.Preferred{User: owner, Reason: armistice.AssignCompany, Why: "returning company: " + domain + "'s lead was accepted by them"}, nil
}

// chooser decides an assignment: pref first when available (away, or at
// its cap in this pool, it is passed over), else the rotation, skipping
// skip (the rep the lead comes from).
func chooser(pref *armistice.Preferred, reason armistice.AssignReason, skip string) storage.Chooser {
	return func(ctx context.Context, lead armistice.Lead, reps []armistice.PoolRep, awayOf func(string) (string, error)) (armistice.Assignment, error) {
		var p *armistice.Preferred
		if pref != nil {
			cp := *pref
			p = &cp
			inPool := false
			for _, r := range reps {
				if r.User == p.User {
					inPool = true
					if r.Away {
						p.Away = r.AwayText()
					}
					p.Capped = r.Capped()
				}
			}
			if !inPool {
				away, err := awayOf(p.User)
				if err != nil {
					return armistice.Assignment{}, err
				}
				p.Away = away
			}
		}
		return armistice.Assign(reps, p, reason, skip), nil
	}
}

// assignOnAnnouncement gives a lead to a rep of its channel's pool, once:
// nobody when the channel has no pool; when the pool has nobody available,
// AssignWhy says so and the lead goes out in claim mode.
func (s *Service) assignOnAnnouncement(ctx context.Context, lead armistice.Lead, channel string) (armistice.Lead, error) {
	if lead.AssignWhy != "" || !armistice.Undecided(lead.Status) {
		return lead, nil
	}
	// Without a pool there is nobody to choose from: the preferred rep is
	// not looked up (a lookup may ask the chat platform).
	if pooled, err := s.db.ChannelPooled(ctx, channel); err != nil || !pooled {
		return lead, err
	}
	pref, err := s.preferredRep(ctx, lead)
	if err != nil {
		return lead, err
	}
	step := storage.AssignStep{LeadID: lead.ID, Channel: channel, Actor: "armistice", Today: s.today()}
	// Whether this call or a concurrent one assigned it, the row read under
	// the lead's lock is the one to go on with.
	var assigned armistice.Lead
	err = s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		var err error
		assigned, _, _, err = tx.Assign(ctx, step, chooser(pref, armistice.AssignRoundRobin, ""))
		return err
	})
	if err != nil {
		return lead, err
	}
	return assigned, nil
}

// assignAhead assigns a lead and sends its assignee their copy of the card
// as soon as the lead's announcement job runs, without waiting for the
// lead's turn in its channel's paced queue: a burst reaches every rep's
// direct messages at the pace of each rep's conversation. A copy the
// platform refuses for good is logged (the channel's card stands); any other
// failure (a rate limit, the network, the database) is the job's, retried.
func (s *Service) assignAhead(ctx context.Context, leadID int64) error {
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return err
	}
	if lead.AssignWhy == "" && armistice.Undecided(lead.Status) {
		channel := lead.Channel
		if channel == "" {
			channels, err := s.channelsFor(ctx, []armistice.Lead{lead})
			if err != nil {
				return err
			}
			channel = channels[0]
		}
		if lead, err = s.assignOnAnnouncement(ctx, lead, channel); err != nil {
			return err
		}
	}
	if lead.Assignee == "" {
		return nil
	}
	err = s.sendDirectCard(ctx, leadID)
	if errors.Is(err, chat.ErrMessageRefused) {
		s.log.Warn("the platform refuses the card of a lead to its assignee", "lead", leadID, "err", err)
		return nil
	}
	return err
}

// reassign moves an undecided lead on from its assignee to the next
// available rep of its pool, with a fresh SLA window, and redraws its card
// and both reps' copies. done is false when nobody else is available (the
// lead stays) or the lead is no longer from's.
func (s *Service) reassign(ctx context.Context, leadID int64, from, actor string, reason armistice.AssignReason) (bool, error) {
	choose := func(ctx context.Context, lead armistice.Lead, reps []armistice.PoolRep, awayOf func(string) (string, error)) (armistice.Assignment, error) {
		a := armistice.Assign(reps, nil, reason, from)
		if a.To == "" && reason == armistice.AssignSLA {
			return armistice.Assignment{}, nil // stays: the escalation follows
		}
		return a, nil
	}
	return s.moveLead(ctx, storage.AssignStep{LeadID: leadID, From: from, Actor: actor}, reason, choose)
}

// moveLead records a step that moves a lead to another rep (as choose
// decides), with a fresh SLA window, and shows it.
func (s *Service) moveLead(ctx context.Context, step storage.AssignStep, reason armistice.AssignReason, choose storage.Chooser) (bool, error) {
	leadID := step.LeadID
	card, err := s.db.LeadCard(ctx, leadID)
	carded := err == nil
	if errors.Is(err, storage.ErrNotFound) {
		// Assigned ahead of its card, which is still in the channel's
		// queue: its window starts when the card is posted.
		lead, err := s.db.Lead(ctx, leadID)
		if err != nil {
			return false, err
		}
		card.ChannelID = lead.Channel
		if card.ChannelID == "" {
			channels, err := s.channelsFor(ctx, []armistice.Lead{lead})
			if err != nil {
				return false, err
			}
			card.ChannelID = channels[0]
		}
	} else if err != nil {
		return false, err
	}
	cfg := s.current()
	now := s.now()
	due := cfg.Calendar().Add(now, cfg.SLA)
	remindAt := cfg.Calendar().Add(now, cfg.SLA*3/4)
	step.Channel, step.Today = card.ChannelID, s.today()
	var lead armistice.Lead
	var a armistice.Assignment
	var done bool
	err = s.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		var err error
		if lead, a, done, err = tx.Assign(ctx, step, choose); err != nil || !done {
			return err
		}
		if a.To != "" { // the CRM's owner follows the lead
			if err := s.HubSpotSetOwner(ctx, tx, leadID, a.To); err != nil {
				return err
			}
		}
		// Read again under the lead's lock, which recording a card takes
		// too: a card recorded since the read above is seen here, and one
		// recorded after this commit is redrawn by its announcement, which
		// then reads the new rep.
		switch c, err := tx.LeadCard(ctx, leadID); {
		case err == nil:
			card, carded = c, true
		case errors.Is(err, storage.ErrNotFound):
			carded = false
		default:
			return err
		}
		if !carded {
			return nil
		}
		// A fresh window: the old one's jobs cancelled, the new one's
		// scheduled.
		_, old, err := tx.LockLead(ctx, leadID)
		if err != nil {
			return err
		}
		// At the window's end its jobs have run (the escalation is
		// running: it must not be cancelled under itself).
		if reason != armistice.AssignSLA {
			if err := s.jobs.Cancel(ctx, tx, old); err != nil {
				return err
			}
		}
		jobs, err := s.jobs.ScheduleSLA(ctx, tx, leadID, remindAt, due)
		if err != nil {
			return err
		}
		return tx.SetSLA(ctx, leadID, due, jobs)
	})
	if err != nil || !done {
		return false, err
	}
	if !carded {
		s.redrawDirectCard(ctx, s.card(ctx, lead))
		return true, s.sendDirectCard(ctx, leadID)
	}
	lead.DueAt = &due
	return true, s.showAssignment(ctx, lead, card, a, step.From)
}

// showAssignment shows a lead's new assignment: the card and the previous
// assignee's copy redrawn, a word in the card's thread, the card in the new
// assignee's direct messages; with nobody, the managers told.
func (s *Service) showAssignment(ctx context.Context, lead armistice.Lead, card storage.Card, a armistice.Assignment, from string) error {
	ref := chat.MessageRef{Platform: card.Platform, Channel: card.ChannelID, ID: card.MessageID}
	view := s.card(ctx, lead)
	if err := s.redrawCard(ctx, ref, view); err != nil {
		return err
	}
	n := chat.Notice{Kind: chat.NoticeReassigned, Channel: card.ChannelID, Thread: card.MessageID, CardRef: ref, Card: view, Mentions: []string{from, a.To}}
	if a.To == "" {
		n.Kind, n.Mentions = chat.NoticeUnassigned, s.current().SalesManagers
	}
	if _, err := s.chat.PostNotice(ctx, n); err != nil {
		return err
	}
	if a.To == "" {
		return nil
	}
	return s.sendDirectCard(ctx, lead.ID)
}

// sendDirectCard posts a lead's card in its assignee's direct messages
// and records it, unless that rep has it already (the copy of a rep it was
// moved from is redrawn, not removed).
func (s *Service) sendDirectCard(ctx context.Context, leadID int64) error {
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil || lead.Assignee == "" || !armistice.Undecided(lead.Status) {
		return err
	}
	if dc, err := s.db.DirectCard(ctx, leadID); err == nil && dc.User == lead.Assignee {
		return nil
	} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	view := s.card(ctx, lead)
	minimal, err := s.db.MinimalCard(ctx, leadID)
	if err != nil {
		return err
	}
	view.Minimal = minimal
	ref, err := s.chat.PostDirectCard(ctx, lead.Assignee, view)
	if err != nil {
		return fmt.Errorf("the card of lead %d to its assignee: %w", leadID, err)
	}
	return s.db.SetDirectCard(ctx, storage.DirectCard{LeadID: leadID, User: lead.Assignee, Platform: ref.Platform, ChannelID: ref.Channel, MessageID: ref.ID, PostedAt: s.now()})
}

// redrawDirectCard redraws the copy of a lead's card in the direct
// messages of its assignee (or of the rep it was moved from), if any. A
// failure is logged: the channel's card stands.
func (s *Service) redrawDirectCard(ctx context.Context, view chat.LeadCard) {
	dc, err := s.db.DirectCard(ctx, view.Lead.ID)
	if err != nil {
		if !errors.Is(err, storage.ErrNotFound) {
			s.log.Warn("the direct copy of a lead's card", "lead", view.Lead.ID, "err", err)
		}
		return
	}
	ref := chat.MessageRef{Platform: dc.Platform, Channel: dc.ChannelID, ID: dc.MessageID}
	if err := s.chat.UpdateLeadCard(ctx, ref, view); err != nil {
		s.log.Warn("redrawing the direct copy of a lead's card", "lead", view.Lead.ID, "err", err)
	}
}

// userLabel names a user in a message: a Slack mention, or a Teams user's
// name (which a Slack mention cannot show).
func (s *Service) userLabel(ctx context.Context, id string) string {
	if p, _ := armistice.UserPlatform(id); p != armistice.Teams {
		return "<@" + id + ">"
	}
	users, err := s.db.TeamsUsers(ctx, []string{id})
	if err != nil || users[id].Name == "" {
		return "another rep"
	}
	return users[id].Name
}
