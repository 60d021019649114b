package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
)

// goal answers `goal set METRIC TARGET [YYYY-MM]` (admins, checked by the
// use case).
func (c *Conversation) goal(ctx context.Context, call Call, args []string) Reply {
	g, ok := parseGoalSet(args)
	if !ok {
		return Text(T("Use "), call.usage("goal set METRIC TARGET [YYYY-MM]"), T("; metrics: "+armistice.MetricNames()+"."))
	}
	info, v, m, err := c.svc.SetGoal(ctx, call.User, g.metric, g.target, g.month)
	if err != nil {
		return c.refused(call, err)
	}
	return Text(T(fmt.Sprintf("Goal set: %s for %s is %s (%s commits to it).", info.Label, m, armistice.FormatMetric(info, v), info.Team)))
}
