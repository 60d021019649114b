package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// AnnounceLead posts the card of a lead to the sales channel and records it,
// once. retry says an earlier attempt may have posted the card without
// recording it; the channel is then searched first, so a lead never gets two
// cards.
func (s *Service) AnnounceLead(ctx context.Context, leadID int64, retry bool) error {
	if _, err := s.db.LeadCard(ctx, leadID); err == nil {
		return nil // announced already
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	lead, err := s.db.Lead(ctx, leadID)
	if err != nil {
		return err
	}
	channel := lead.Channel
	if channel == "" { // stored quietly, announced later
		channels, err := s.channelsFor(ctx, []armistice.Lead{lead})
		if err != nil {
			return err
		}
		channel = channels[0]
	}
	var ref MessageRef
	found := false
	if retry {
		if ref, found, err = s.chat.FindLeadCard(ctx, channel, leadID, lead.ReceivedAt); err != nil {
			return fmt.Errorf("looking for an unrecorded card of lead %d: %w", leadID, err)
		}
	}
	card := s.card(ctx, lead)
	if !found {
		ref, err = s.chat.PostLeadCard(ctx, channel, card)
		if errors.Is(err, ErrNotInstalled) {
			s.log.Warn("a lead waits for the app to be installed where its channel is", "lead", leadID, "channel", channel)
			return s.db.WaitForInstallation(ctx, leadID, channel)
		}
		if err != nil {
			return fmt.Errorf("posting the card of lead %d: %w", leadID, err)
		}
	}
	// The SLA counts from the hand-over: reminded at 75% of the window,
	// escalated at its end, both in business hours.
	bh, loc := s.current().BusinessHours, s.current().Location
	remindAt := bh.Add(lead.ReceivedAt, s.current().SLA*3/4, loc)
	_, err = s.db.RecordLeadCard(ctx, storage.Card{LeadID: leadID, Platform: ref.Platform, ChannelID: ref.Channel, MessageID: ref.ID, PostedAt: s.now()},
		card.DueAt, func(ctx context.Context, tx pgx.Tx) ([]int64, error) {
			return s.jobs.ScheduleSLA(ctx, tx, leadID, remindAt, card.DueAt)
		})
	return err
}

// AnnounceWaiting schedules again the announcement of the leads that waited
// for an installation of the app, as when one arrives.
func (s *Service) AnnounceWaiting(ctx context.Context) (int, error) {
	n := 0
	err := s.db.TakeWaiting(ctx, func(ctx context.Context, tx pgx.Tx, leadIDs []int64) error {
		n = len(leadIDs)
		if n == 0 {
			return nil
		}
		return s.jobs.Announce(ctx, tx, leadIDs)
	})
	return n, err
}
