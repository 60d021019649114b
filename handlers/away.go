package handlers

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// Away records that who (by, when empty) is away until args.Until (or
// until back): they get no leads from any pool, and their undecided leads
// are handed back at once, each with a fresh window. Anyone may set their
// own absence; only an admin someone else's.
func (s *Service) Away(ctx context.Context, by, who string, args chat.AwayArgs) (chat.AwayResult, error) {
	if who == "" {
		who = by
	}
	if who != by {
		if err := s.RequireAdmin(by, "set someone else's absence"); err != nil {
			return chat.AwayResult{}, err
		}
	}
	today := s.today().Day
	args.Note = strings.Join(strings.Fields(args.Note), " ")
	switch {
	case args.Until != nil && !today.Start(time.UTC).Before(args.Until.Start(time.UTC)):
		return chat.AwayResult{}, armistice.Errorf(armistice.EINVALID, "The absence must end after today (%s).", today)
	case args.Until != nil && args.Until.Start(time.UTC).After(today.Start(time.UTC).AddDate(0, 0, chat.MaxAwayDays)):
		return chat.AwayResult{}, armistice.Errorf(armistice.EINVALID, "An absence lasts at most %d days.", chat.MaxAwayDays)
	case utf8.RuneCountInString(args.Note) > chat.MaxAwayNote:
		return chat.AwayResult{}, armistice.Errorf(armistice.EINVALID, "The note is at most %d characters.", chat.MaxAwayNote)
	case strings.ContainsFunc(args.Note, unicode.IsControl):
		return chat.AwayResult{}, armistice.Errorf(armistice.EINVALID, "The note may not hold control characters.")
	}
	if err := s.db.SetAbsence(ctx, who, args.Until, args.Note, by); err != nil {
		return chat.AwayResult{}, unavailableSaving(err)
	}
	res := chat.AwayResult{User: who, Until: args.Until, Note: args.Note}
	leads, err := s.db.UndecidedAssigned(ctx, who)
	if err != nil {
		return res, err
	}
	for _, id := range leads {
		moved, err := s.reassign(ctx, id, who, by, armistice.AssignAway)
		if err != nil {
			return res, err
		}
		if !moved {
			continue
		}
		if l, err := s.db.Lead(ctx, id); err == nil && l.Assignee == "" {
			res.Unassigned++
		} else {
			res.HandedBack++
		}
	}
	return res, nil
}

// Back ends the absence of who (by, when empty): they take leads again,
// starting at each pool's current share (no catch-up flood). Anyone may
// end their own absence; only an admin someone else's. back is false when
// they were not away.
func (s *Service) Back(ctx context.Context, by, who string) (back bool, err error) {
	if who == "" {
		who = by
	}
	if who != by {
		if err := s.RequireAdmin(by, "end someone else's absence"); err != nil {
			return false, err
		}
	}
	back, err = s.db.EndAbsence(ctx, who, by)
	if err != nil {
		return false, unavailableSaving(err)
	}
	return back, nil
}
