package handlers

import (
	"context"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// RouteTest answers `route test region=… segment=… source=… email=…
// [owner=…]`: which channel and which rep a lead like that would get now,
// and why. It changes nothing. Only an admin may.
func (s *Service) RouteTest(ctx context.Context, by string, sample []string) (chat.RouteTestResult, error) {
	if err := s.RequireAdmin(by, "test the routing"); err != nil {
		return chat.RouteTestResult{}, err
	}
	var l armistice.Lead
	for _, tok := range sample {
		k, v, ok := strings.Cut(tok, "=")
		var target *string
		switch strings.ToLower(k) {
		case "region":
			target = &l.Region
		case "segment":
			target = &l.Segment
		case "source":
			target = &l.Source
		case "email":
			target = &l.Email
		case "owner":
			target = &l.OwnerHint
		}
		if !ok || target == nil {
			return chat.RouteTestResult{}, armistice.Errorf(armistice.EINVALID, "Expected region=, segment=, source=, email= or owner=, got %q.", tok)
		}
		*target = v
	}
	l.Normalize()
	res := chat.RouteTestResult{Lead: l}
	channels, err := s.channelsFor(ctx, []armistice.Lead{l})
	if err != nil {
		return res, err
	}
	res.Channel = channels[0]
	today := s.today()
	reps, err := s.db.PoolReps(ctx, res.Channel, today)
	if err != nil || len(reps) == 0 {
		return res, err
	}
	res.Pool = true
	pref, err := s.preferredRep(ctx, l)
	if err != nil {
		return res, err
	}
	awayOf := func(user string) (string, error) { return s.db.AwayText(ctx, user, today) }
	res.Assignment, err = chooser(pref, armistice.AssignRoundRobin, "")(ctx, l, reps, awayOf)
	return res, err
}
