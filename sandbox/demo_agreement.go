package sandbox

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
)

// agreement signs last month's agreement, as both teams did on its first
// working day, and proposes this month's to both channels, to sign.
func (l *loader) agreement(ctx context.Context) error {
	admins := l.settings.Admins
	if len(admins) == 0 {
		return nil
	}
	loc := l.settings.Location
	this := armistice.MonthOf(l.now, loc)
	last := this.Prev()
	l.clock.Set(last.Start(loc).Add(33 * time.Hour)) // the 2nd, 09:00
	a, err := l.hist.ProposeAgreement(ctx, admins[0], last.String())
	if err != nil {
		return fmt.Errorf("proposing last month's agreement: %w", err)
	}
	for i, team := range []armistice.Team{armistice.TeamMarketing, armistice.TeamSales} {
		l.clock.Set(last.Start(loc).Add(time.Duration(34+i*3) * time.Hour))
		// The signers are the team's leads, else the admins: never none.
		if _, err := l.hist.SignAgreement(ctx, l.hist.Signers(team)[0], last, a.Version, team); err != nil {
			return fmt.Errorf("signing last month's agreement for %s: %w", team, err)
		}
	}
	if _, err := l.live.ProposeAgreement(ctx, admins[0], this.String()); err != nil {
		return fmt.Errorf("proposing this month's agreement: %w", err)
	}
	return nil
}
