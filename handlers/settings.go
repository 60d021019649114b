package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// settingValue gives the setting of a with key as it is stored.
func settingValue(a chat.AdminSettings, key string) any {
	switch key {
	case chat.SettingSalesChannel:
		return a.SalesChannel
	case chat.SettingMarketingChannel:
		return a.MarketingChannel
	case chat.SettingDigestChannels:
		return nonNil(a.DigestChannels)
	case chat.SettingSalesManagers:
		return nonNil(a.SalesManagers)
	case chat.SettingAdmins:
		return nonNil(a.Admins)
	case chat.SettingSLA:
		return a.SLA
	case chat.SettingBusinessHours:
		return a.BusinessHours
	case chat.SettingTimeZone:
		return a.TimeZone
	case chat.SettingDigestSchedule:
		return a.DigestSchedule
	case chat.SettingRejectionReasons:
		return nonNil(a.RejectionReasons)
	}
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// liveSettings is the snapshot current returns, with what the forms need
// to know about where it came from.
type liveSettings struct {
	Settings
	extraAdmins   []string // the admins added from the chat
	digestDefault bool     // the digest channels follow the sales and marketing channels
	// routes are the routing rules in the order they are tried, and signed
	// the newest agreement both teams signed of each month, newest month
	// first: the intake reads them here, not from the database on each
	// write, and every change of them notifies as a save of the settings.
	routes []armistice.RoutingRule
	signed []armistice.Agreement
}

// bar is the MQL bar in force in month: the newest agreement both teams
// signed for month or a month before; nil when there is none.
func (live *liveSettings) bar(month armistice.Month) *armistice.Agreement {
	for i, a := range live.signed {
		if a.Month.Year < month.Year || a.Month.Year == month.Year && a.Month.Month <= month.Month {
			return &live.signed[i]
		}
	}
	return nil
}

// loaded returns the settings in force, reading them on first use.
func (s *Service) loaded(ctx context.Context) (*liveSettings, error) {
	if live := s.live.Load(); live != nil {
		return live, nil
	}
	if err := s.ReloadSettings(ctx); err != nil {
		return nil, err
	}
	return s.live.Load(), nil
}

// CurrentSettings returns the settings in force now.
func (s *Service) CurrentSettings() Settings { return s.current() }

// EnvAdmins are the admins of ARMISTICE_ADMINS, who cannot be removed from
// the chat.
func (s *Service) EnvAdmins() []string { return s.settings.Admins }

// Admins are everyone who may administer: EnvAdmins and those added from
// the chat.
func (s *Service) Admins() []string { return s.current().Admins }

// RequireAdmin refuses a user who is not an admin with an EUNAUTHORIZED
// error saying that only admins may do what (such as "change the
// settings"). Every admin action calls it on the server side, on each
// submission, whatever the form showed.
func (s *Service) RequireAdmin(user, what string) error {
	if s.IsAdmin(user) {
		return nil
	}
	return armistice.Errorf(armistice.EUNAUTHORIZED, "Only admins can %s.", what)
}

// AdminSettings returns the settings in force, as the settings form shows
// them.
func (s *Service) AdminSettings() chat.AdminSettings {
	live := s.live.Load()
	if live == nil {
		live = s.overlay(nil)
	}
	st := live.Settings
	a := chat.AdminSettings{
		SalesChannel:     st.SalesChannel,
		MarketingChannel: st.MarketingChannel,
		SalesManagers:    slices.Clone(st.SalesManagers),
		Admins:           slices.Clone(live.extraAdmins),
		SLA:              armistice.ShortDuration(st.SLA),
		BusinessHours:    businessHoursText(st.BusinessHours),
		TimeZone:         st.Location.String(),
		DigestSchedule:   st.DigestSchedule,
		RejectionReasons: slices.Clone(st.RejectionReasons),
	}
	if !live.digestDefault {
		a.DigestChannels = slices.Clone(st.DigestChannels)
	}
	return a
}

// ReloadSettings reads the stored settings — with the holidays, the
// routing rules and the signed agreements — and puts them in force on this
// replica, overlaid on the environment's.
func (s *Service) ReloadSettings(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	stored, err := s.db.Settings(ctx)
	if err != nil {
		return err
	}
	holidays, err := s.db.Holidays(ctx)
	if err != nil {
		return err
	}
	routes, err := s.db.RoutingRules(ctx)
	if err != nil {
		return err
	}
	signed, err := s.db.SignedAgreements(ctx)
	if err != nil {
		return err
	}
	live := s.overlay(stored)
	live.routes, live.signed = routes, signed
	live.Holidays = make([]armistice.Date, len(holidays))
	for i, h := range holidays {
		live.Holidays[i] = h.Date
	}
	s.live.Store(live)
	return nil
}

// reloadAfterSave puts a saved change in force here at once; the
// notification brings it to the other replicas (and here too, should this
// reload fail).
func (s *Service) reloadAfterSave() {
	if err := s.ReloadSettings(context.Background()); err != nil {
		s.log.Warn("settings: reloading after a save", "err", err)
	}
}

// WatchSettings keeps this replica's settings fresh until ctx ends: it
// reloads them whenever any replica saves (Postgres LISTEN/NOTIFY, on a
// connection of its own), and after each reconnection.
func (s *Service) WatchSettings(ctx context.Context) {
	s.db.WatchSettings(ctx, s.log, func(ctx context.Context) error {
		if err := s.ReloadSettings(ctx); err != nil {
			return fmt.Errorf("reloading the settings: %w", err)
		}
		s.log.Debug("settings: reloaded")
		return nil
	})
}

// overlay lays the stored settings over the environment's. A stored value
// that cannot be read (edited by hand) is logged and left out.
func (s *Service) overlay(stored map[string]storage.StoredSetting) *liveSettings {
	env := s.settings
	st := env
	st.Admins = slices.Clone(env.Admins)
	live := &liveSettings{digestDefault: len(env.DigestChannels) == 0 || slices.Equal(env.DigestChannels, defaultDigestChannels(env))}
	for _, key := range chat.SettingKeys {
		v, ok := stored[key]
		if !ok {
			continue
		}
		if err := applySetting(&st, live, key, v.Value); err != nil {
			s.log.Warn("settings: a stored value cannot be read; the environment's is used", "key", key, "err", err)
		}
	}
	for _, a := range live.extraAdmins {
		if !slices.Contains(st.Admins, a) {
			st.Admins = append(st.Admins, a)
		}
	}
	if live.digestDefault {
		st.DigestChannels = defaultDigestChannels(st)
	}
	live.Settings = st
	return live
}

// applySetting puts one stored value in st.
func applySetting(st *Settings, live *liveSettings, key string, raw json.RawMessage) error {
	var text string
	var list []string
	var err error
	switch key {
	case chat.SettingDigestChannels, chat.SettingSalesManagers, chat.SettingAdmins, chat.SettingRejectionReasons:
		err = json.Unmarshal(raw, &list)
	default:
		err = json.Unmarshal(raw, &text)
	}
	if err != nil {
		return err
	}
	switch key {
	case chat.SettingSalesChannel:
		st.SalesChannel = text
	case chat.SettingMarketingChannel:
		st.MarketingChannel = text
	case chat.SettingDigestChannels:
		st.DigestChannels, live.digestDefault = list, len(list) == 0
	case chat.SettingSalesManagers:
		st.SalesManagers = list
	case chat.SettingAdmins:
		live.extraAdmins = list
	case chat.SettingSLA:
		d, err := armistice.ParseSLA(text)
		if err != nil {
			return err
		}
		st.SLA = d
	case chat.SettingBusinessHours:
		bh, err := armistice.ParseBusinessHours(text)
		if err != nil {
			return err
		}
		st.BusinessHours = bh
	case chat.SettingTimeZone:
		loc, err := armistice.ParseTimeZone(text)
		if err != nil {
			return err
		}
		st.Location = loc
	case chat.SettingDigestSchedule:
		if _, err := armistice.ParseSchedule(text); err != nil {
			return err
		}
		st.DigestSchedule = text
	case chat.SettingRejectionReasons:
		if len(list) == 0 {
			return fmt.Errorf("no reasons")
		}
		st.RejectionReasons = list
	}
	return nil
}

// defaultDigestChannels are the sales and marketing channels, the digest
// channels when none are chosen.
func defaultDigestChannels(st Settings) []string {
	var out []string
	for _, c := range []string{st.SalesChannel, st.MarketingChannel} {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func businessHoursText(bh armistice.BusinessHours) string {
	if bh == (armistice.BusinessHours{}) {
		return ""
	}
	return bh.String()
}
