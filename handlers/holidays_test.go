package handlers_test

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

func TestAHolidayAddedTodayMovesANewLeadsDueTimePastToday(t *testing.T) {
	t.Parallel()
	wednesday := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	env := envSettings()
	env.Holidays = []armistice.Date{{Year: 2026, Month: time.December, Day: 24}}
	tb := setup(t, func(c *handlers.Config) { c.Settings = env; c.Now = func() time.Time { return wednesday } })
	ctx := context.Background()
	if err := tb.svc.SeedHolidays(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tb.svc.ReloadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	due := func(externalID string) time.Time {
		t.Helper()
		lead, err := tb.db.Lead(ctx, tb.take(t, externalID))
		if err != nil || lead.DueAt == nil {
			t.Fatalf("lead %s: %+v, %v", externalID, lead, err)
		}
		return lead.DueAt.UTC()
	}
	if got, want := due("before"), wednesday.Add(4*time.Hour); !got.Equal(want) {
		t.Fatalf("due before the holiday = %s, want %s", got, want)
	}

	if _, _, err := tb.svc.HolidayAdd(ctx, cfgOutsider, "2026-12-02", "Founders' day"); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("a non-admin adding a holiday: %v, want unauthorized", err)
	}
	if _, _, err := tb.svc.HolidayAdd(ctx, cfgAdmin, "2026-12-32", ""); armistice.ErrorCode(err) != armistice.EINVALID {
		t.Errorf("a bad date: %v, want invalid", err)
	}
	if _, changed, err := tb.svc.HolidayAdd(ctx, cfgAdmin, " 2026-12-02 ", "Founders'  day"); err != nil || !changed {
		t.Fatalf("adding today as a holiday: changed %v, %v", changed, err)
	}
	if got, want := due("on-the-holiday"), time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("due on the holiday = %s, want %s (the next day, the holiday skipped)", got, want)
	}

	// Another replica, started now, follows the stored calendar.
	other := tb.replica(t, env)
	if err := other.ReloadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	if got := other.CurrentSettings().Calendar(); got.WorkingDay(wednesday) {
		t.Error("another replica counts the holiday as a working day")
	}
	list, err := other.Holidays(ctx)
	if err != nil || len(list) != 2 || list[0].Date.String() != "2026-12-02" || list[0].Name != "Founders' day" || list[1].Date.String() != "2026-12-24" {
		t.Errorf("holidays = %+v (%v), want today's and the seeded 24th", list, err)
	}

	if _, err := tb.svc.HolidayRemove(ctx, cfgAdmin, "2026-12-03"); armistice.ErrorCode(err) != armistice.ENOTFOUND {
		t.Errorf("removing a day that is no holiday: %v, want not found", err)
	}
	if _, err := tb.svc.HolidayRemove(ctx, cfgAdmin, "2026-12-24"); err != nil {
		t.Fatal(err)
	}
	// The environment seeds again at a restart, but a removed day stays removed.
	if err := other.SeedHolidays(ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := other.Holidays(ctx); len(list) != 1 {
		t.Errorf("after removing the 24th and seeding again: %+v, want today only", list)
	}
	history, err := tb.svc.SettingsHistory(ctx, 10)
	if err != nil || len(history) != 2 || history[0].Key != "holiday" || history[0].Actor != cfgAdmin || history[0].After != nil || history[1].Before != nil {
		t.Errorf("audit trail = %+v (%v), want the addition and the removal by the admin", history, err)
	}
}
