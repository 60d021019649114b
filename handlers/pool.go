package handlers

import (
	"context"
	"errors"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// PoolShow returns the pool of channel, the sales channel when channel is
// empty. Anyone may see it.
func (s *Service) PoolShow(ctx context.Context, user, channel string) (chat.Pool, error) {
	if channel == "" {
		channel = s.current().SalesChannel
	}
	reps, err := s.db.PoolReps(ctx, channel, s.today())
	return chat.Pool{Channel: channel, Reps: reps}, err
}

// PoolAdd adds a rep to the pool of channel (the sales channel when
// empty), weight 1 and no cap unless given; the rep starts at the pool's
// current share of the month's leads. Audited. Only an admin may.
func (s *Service) PoolAdd(ctx context.Context, by, channel string, args chat.PoolRepArgs) (chat.Pool, error) {
	if err := s.RequireAdmin(by, "change the pools"); err != nil {
		return chat.Pool{}, err
	}
	if channel == "" {
		channel = s.current().SalesChannel
	}
	weight, dailyCap := 1, 0
	if args.Weight != nil {
		weight = *args.Weight
	}
	if args.Cap != nil {
		dailyCap = *args.Cap
	}
	if err := checkPoolRep(args.Rep, weight, dailyCap); err != nil {
		return chat.Pool{}, err
	}
	err := s.db.AddPoolRep(ctx, channel, args.Rep, weight, dailyCap, by, s.today())
	if errors.Is(err, storage.ErrDuplicate) {
		return chat.Pool{}, armistice.Errorf(armistice.ECONFLICT, "%s is in the pool already: change them with pool set.", args.Rep)
	} else if err != nil {
		return chat.Pool{}, unavailableSaving(err)
	}
	return s.PoolShow(ctx, by, channel)
}

// PoolSet changes a rep's weight and cap in the pool of channel (the sales
// channel when empty); what is not given stays. Audited. Only an admin may.
func (s *Service) PoolSet(ctx context.Context, by, channel string, args chat.PoolRepArgs) (chat.Pool, error) {
	if err := s.RequireAdmin(by, "change the pools"); err != nil {
		return chat.Pool{}, err
	}
	if channel == "" {
		channel = s.current().SalesChannel
	}
	pool, err := s.PoolShow(ctx, by, channel)
	if err != nil {
		return chat.Pool{}, err
	}
	i := poolIndex(pool, args.Rep)
	if i < 0 {
		return chat.Pool{}, armistice.Errorf(armistice.ENOTFOUND, "%s is not in this channel's pool: add them with pool add.", args.Rep)
	}
	weight, dailyCap := pool.Reps[i].Weight, pool.Reps[i].DailyCap
	if args.Weight != nil {
		weight = *args.Weight
	}
	if args.Cap != nil {
		dailyCap = *args.Cap
	}
	if err := checkPoolRep(args.Rep, weight, dailyCap); err != nil {
		return chat.Pool{}, err
	}
	if _, err := s.db.SetPoolRep(ctx, channel, args.Rep, weight, dailyCap, by); errors.Is(err, storage.ErrNotFound) {
		return chat.Pool{}, armistice.Errorf(armistice.ENOTFOUND, "%s is not in this channel's pool: add them with pool add.", args.Rep)
	} else if err != nil {
		return chat.Pool{}, unavailableSaving(err)
	}
	return s.PoolShow(ctx, by, channel)
}

// PoolRemove takes a rep out of the pool of channel (the sales channel
// when empty); the leads assigned to them stay theirs. Audited. Only an
// admin may.
func (s *Service) PoolRemove(ctx context.Context, by, channel, rep string) (chat.Pool, error) {
	if err := s.RequireAdmin(by, "change the pools"); err != nil {
		return chat.Pool{}, err
	}
	if channel == "" {
		channel = s.current().SalesChannel
	}
	if err := s.db.RemovePoolRep(ctx, channel, rep, by); errors.Is(err, storage.ErrNotFound) {
		return chat.Pool{}, armistice.Errorf(armistice.ENOTFOUND, "%s is not in this channel's pool.", rep)
	} else if err != nil {
		return chat.Pool{}, unavailableSaving(err)
	}
	return s.PoolShow(ctx, by, channel)
}

func checkPoolRep(rep string, weight, dailyCap int) error {
	if _, ok := armistice.UserPlatform(rep); !ok {
		return armistice.Errorf(armistice.EINVALID, "%q is not a user: mention them, as in @ana.", rep)
	}
	if weight < armistice.MinWeight || weight > armistice.MaxWeight {
		return armistice.Errorf(armistice.EINVALID, "The weight is a whole number from %d to %d, not %d.", armistice.MinWeight, armistice.MaxWeight, weight)
	}
	if dailyCap < 0 || dailyCap > armistice.MaxCap {
		return armistice.Errorf(armistice.EINVALID, "The cap is a whole number from 0 (no cap) to %d, not %d.", armistice.MaxCap, dailyCap)
	}
	return nil
}

func poolIndex(p chat.Pool, user string) int {
	for i, r := range p.Reps {
		if r.User == user {
			return i
		}
	}
	return -1
}

// today is the day and month the pools count over, in the business zone.
func (s *Service) today() storage.Today {
	return storage.TodayAt(s.now(), s.current().Location)
}
