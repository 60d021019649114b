package handlers

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// BoardAccess is how people reach the board on the wall: its token
// (ARMISTICE_BOARD_TOKEN; empty: the board is off) and the URL the server is
// opened at (ARMISTICE_PUBLIC_URL), which its link starts with.
type BoardAccess struct {
	Token     string
	PublicURL *url.URL
}

// BoardReport is what the board on the wall shows: the month's goals with
// pace (as `goals`), its funnel (as `stats`), the leads awaiting a decision
// and the digest's trend of the last 14 days.
type BoardReport struct {
	Goals            chat.GoalsReport
	Stats            chat.StatsReport
	Pending, Overdue int64
	Trend            []armistice.DayCount
	At               time.Time // when it was read, in Zone
	Zone             *time.Location
}

// Board reads what the board shows, for the current month.
func (s *Service) Board(ctx context.Context) (BoardReport, error) {
	cfg := s.current()
	now := s.now().In(cfg.Location)
	r := BoardReport{At: now, Zone: cfg.Location}
	var err error
	if r.Goals, err = s.Goals(ctx, ""); err != nil {
		return r, err
	}
	if r.Stats, err = s.Stats(ctx, ""); err != nil {
		return r, err
	}
	if r.Pending, r.Overdue, err = s.db.Pending(ctx); err != nil {
		return r, err
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, cfg.Location)
	r.Trend, err = s.db.DailyTrend(ctx, today.AddDate(0, 0, -14), today.AddDate(0, 0, 1))
	return r, err
}

// BoardVersion changes whenever what Board reads may have changed, on any
// replica: a lead, a decision, a stage, a goal, the visits, a setting — or
// the day, which moves the month's pace.
func (s *Service) BoardVersion(ctx context.Context) (string, error) {
	v, err := s.db.BoardVersion(ctx)
	if err != nil {
		return "", err
	}
	return s.now().In(s.current().Location).Format(time.DateOnly) + "." + v, nil
}

// BoardLink gives an admin the board's link, token included, to open on a
// screen or pass to the people in neither chat. Others get an EUNAUTHORIZED
// error; without ARMISTICE_BOARD_TOKEN or ARMISTICE_PUBLIC_URL it is an
// EINVALID error saying which to set.
func (s *Service) BoardLink(by string) (string, error) {
	if err := s.RequireAdmin(by, "get the board's link"); err != nil {
		return "", err
	}
	if s.board.Token == "" {
		return "", armistice.Errorf(armistice.EINVALID, "The board is off: set ARMISTICE_BOARD_TOKEN (16 characters or more) to turn it on.")
	}
	if s.board.PublicURL == nil {
		return "", armistice.Errorf(armistice.EINVALID, "Set ARMISTICE_PUBLIC_URL (the URL people open the server at) so that the board's link can be given.")
	}
	return BoardURL(s.board.PublicURL, s.board.Token), nil
}

// BoardURL is the board's link under base, with its token.
func BoardURL(base *url.URL, token string) string {
	u := *base
	u.Path = strings.TrimSuffix(u.Path, "/") + "/board"
	u.RawPath = ""
	u.RawQuery = url.Values{"token": {token}}.Encode()
	u.Fragment = ""
	return u.String()
}
