package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// Limits on the settings (the SLA's are armistice.MinSLA and MaxSLA).
const (
	MaxRejectionReason = 75 // Slack's limit on an option's text
	MaxRejectionCount  = 100
	MaxDigestChannels  = 20
)

// SaveSettings checks every value of in (an unknown zone, a bad cron spec,
// bad business hours or SLA, a channel the bot is not in: an EINVALID error
// whose Fields are keyed by setting key), stores the ones that changed, each
// with an audit event naming by and the value before and after, and puts
// them in force on every replica without a restart. Only an admin may.
func (s *Service) SaveSettings(ctx context.Context, by string, in chat.AdminSettings) ([]chat.SettingChange, error) {
	if err := s.RequireAdmin(by, "change the settings"); err != nil {
		return nil, err
	}
	in, bad := s.normalizeSettings(ctx, in)
	if len(bad) > 0 {
		return nil, &armistice.Error{Code: armistice.EINVALID, Message: InvalidMessage(len(bad)), Fields: bad}
	}
	cur := s.AdminSettings()
	var changes []storage.SettingChange
	for _, key := range chat.SettingKeys {
		before, after := settingValue(cur, key), settingValue(in, key)
		b, _ := json.Marshal(before)
		a, _ := json.Marshal(after)
		if string(a) == string(b) {
			continue
		}
		changes = append(changes, storage.SettingChange{Key: key, Before: b, After: a})
	}
	if len(changes) == 0 {
		return nil, nil
	}
	made, err := s.db.SaveSettings(ctx, by, changes)
	if errors.Is(err, storage.ErrUnavailable) {
		return nil, &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "The database is unavailable; nothing was saved. Please try again in a minute."}
	}
	if err != nil {
		return nil, err
	}
	if err := s.ReloadSettings(ctx); err != nil {
		// Saved: the notification brings it in force here too.
		s.log.Warn("settings: reloading after a save", "err", err)
	}
	out := make([]chat.SettingChange, len(made))
	for i, m := range made {
		out[i] = chat.SettingChange{Key: m.Key, Label: chat.SettingLabels[m.Key], Before: decodeSetting(m.Before), After: decodeSetting(m.After)}
	}
	return out, nil
}

// SettingsHistory returns the newest changes of the settings and routing
// rules, newest first.
func (s *Service) SettingsHistory(ctx context.Context, limit int) ([]armistice.SettingsEvent, error) {
	return s.db.SettingsEvents(ctx, limit)
}

func decodeSetting(raw json.RawMessage) any {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	if list, ok := v.([]any); ok {
		out := make([]string, len(list))
		for i, x := range list {
			out[i] = fmt.Sprint(x)
		}
		return out
	}
	return v
}

// normalizeSettings trims and checks every value, returning them in the
// form they are stored in and what is wrong, keyed by setting key.
func (s *Service) normalizeSettings(ctx context.Context, in chat.AdminSettings) (chat.AdminSettings, map[string]string) {
	bad := map[string]string{}
	cur := s.current()

	in.SalesChannel = strings.TrimSpace(in.SalesChannel)
	in.MarketingChannel = strings.TrimSpace(in.MarketingChannel)
	for key, ch := range map[string]string{chat.SettingSalesChannel: in.SalesChannel, chat.SettingMarketingChannel: in.MarketingChannel} {
		if ch == "" {
			bad[key] = "choose a channel"
		} else if err := armistice.CheckChannelID(ch); err != nil {
			bad[key] = err.Error()
		}
	}
	in.DigestChannels = cleanList(in.DigestChannels)
	for _, ch := range in.DigestChannels {
		if err := armistice.CheckChannelID(ch); err != nil {
			bad[chat.SettingDigestChannels] = err.Error()
		}
	}
	if len(in.DigestChannels) > MaxDigestChannels {
		bad[chat.SettingDigestChannels] = fmt.Sprintf("choose at most %d channels", MaxDigestChannels)
	}
	in.SalesManagers = cleanList(in.SalesManagers)
	in.Admins = cleanList(in.Admins)
	for key, users := range map[string][]string{chat.SettingSalesManagers: in.SalesManagers, chat.SettingAdmins: in.Admins} {
		for _, u := range users {
			if err := armistice.CheckUserID(u); err != nil {
				bad[key] = err.Error()
			}
		}
	}
	in.Admins = slices.DeleteFunc(in.Admins, func(u string) bool { return slices.Contains(s.EnvAdmins(), u) })
	if len(in.Admins) == 0 && len(s.EnvAdmins()) == 0 {
		bad[chat.SettingAdmins] = "Keep at least one admin: with none, only the operator (ARMISTICE_ADMINS) could name one again."
	}

	if d, err := armistice.ParseSLA(in.SLA); err != nil {
		bad[chat.SettingSLA] = err.Error()
	} else {
		in.SLA = armistice.ShortDuration(d)
	}
	if bh, err := armistice.ParseBusinessHours(strings.Join(strings.Fields(in.BusinessHours), " ")); err != nil {
		bad[chat.SettingBusinessHours] = err.Error()
	} else {
		in.BusinessHours = bh.String()
	}
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	if loc, err := armistice.ParseTimeZone(in.TimeZone); err != nil {
		bad[chat.SettingTimeZone] = err.Error()
	} else {
		in.TimeZone = loc.String()
	}
	in.DigestSchedule = strings.Join(strings.Fields(in.DigestSchedule), " ")
	if _, err := armistice.ParseSchedule(in.DigestSchedule); err != nil {
		bad[chat.SettingDigestSchedule] = err.Error()
	}
	var msg string
	if in.RejectionReasons, msg = cleanReasons(in.RejectionReasons); msg != "" {
		bad[chat.SettingRejectionReasons] = msg
	}

	// The channels newly chosen must be ones the bot is in, or it could not
	// post there.
	var check []string
	for _, ch := range append([]string{in.SalesChannel, in.MarketingChannel}, in.DigestChannels...) {
		if ch != "" && !slices.Contains(check, ch) && !slices.Contains([]string{cur.SalesChannel, cur.MarketingChannel}, ch) && !slices.Contains(cur.DigestChannels, ch) {
			check = append(check, ch)
		}
	}
	problems := s.checkChannels(ctx, check)
	for key, chans := range map[string][]string{chat.SettingSalesChannel: {in.SalesChannel}, chat.SettingMarketingChannel: {in.MarketingChannel}, chat.SettingDigestChannels: in.DigestChannels} {
		for _, ch := range chans {
			if p, ok := problems[ch]; ok && bad[key] == "" {
				bad[key] = p
			}
		}
	}
	return in, bad
}

// checkChannels asks the chat, at once, about each channel, and says what
// is wrong with the ones the bot cannot post in.
func (s *Service) checkChannels(ctx context.Context, channels []string) map[string]string {
	problems := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	ctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond) // the form waits for the answer
	defer cancel()
	for _, ch := range channels {
		wg.Go(func() {
			info, err := s.chat.Channel(ctx, ch)
			p := ""
			switch {
			case errors.Is(err, chat.ErrNoChannel):
				p = "There is no such channel, or it is private and Armistice is not in it: invite it with /invite @Armistice first."
			case err != nil:
				s.log.Warn("settings: checking a channel", "channel", ch, "err", err)
				p = "Could not check this channel with the chat platform just now; please try again."
			case !info.BotIsMember:
				p = fmt.Sprintf("Armistice is not in #%s: invite it with /invite @Armistice first.", info.Name)
			default:
				return
			}
			mu.Lock()
			problems[ch] = p
			mu.Unlock()
		})
	}
	wg.Wait()
	return problems
}

// cleanList trims, drops empty and repeated entries.
func cleanList(in []string) []string {
	var out []string
	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// cleanReasons trims the rejection reasons and says what is wrong with them.
func cleanReasons(in []string) ([]string, string) {
	var out []string
	seen := map[string]bool{}
	for _, r := range in {
		r = strings.Join(strings.Fields(r), " ")
		if r == "" {
			continue
		}
		if seen[strings.ToLower(r)] {
			return out, fmt.Sprintf("%q appears twice", r)
		}
		if utf8.RuneCountInString(r) > MaxRejectionReason {
			return out, fmt.Sprintf("%q is longer than %d characters", r, MaxRejectionReason)
		}
		seen[strings.ToLower(r)] = true
		out = append(out, r)
	}
	switch {
	case len(out) == 0:
		return out, "give at least one reason, one per line"
	case len(out) > MaxRejectionCount:
		return out, fmt.Sprintf("give at most %d reasons", MaxRejectionCount)
	}
	return out, ""
}
