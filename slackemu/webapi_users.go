package slackemu

// users.info.

func (s *Server) apiUsersInfo(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.dir.users[q.str("user")]
	if !ok {
		return errReply("user_not_found")
	}
	user := s.userJSONLocked(u)
	if q.boolean("include_locale") {
		user["locale"] = "en-US"
	}
	return okReply(map[string]any{"user": user})
}

// userJSONLocked renders a user as users.info shows it.
func (s *Server) userJSONLocked(u User) map[string]any {
	profile := map[string]any{
		"real_name":               u.RealName,
		"real_name_normalized":    u.RealName,
		"display_name":            u.Name,
		"display_name_normalized": u.Name,
		"avatar_hash":             "",
		"status_text":             "",
		"status_emoji":            "",
		"image_24":                "",
		"image_32":                "",
		"image_48":                "",
		"image_72":                "",
		"image_192":               "",
		"image_512":               "",
		"team":                    s.cfg.TeamID,
	}
	out := map[string]any{
		"id":                  u.ID,
		"team_id":             s.cfg.TeamID,
		"name":                u.Name,
		"deleted":             false,
		"color":               "9f69e7",
		"real_name":           u.RealName,
		"tz":                  "Etc/UTC",
		"tz_label":            "Coordinated Universal Time",
		"tz_offset":           0,
		"profile":             profile,
		"is_admin":            false,
		"is_owner":            false,
		"is_primary_owner":    false,
		"is_restricted":       false,
		"is_ultra_restricted": false,
		"is_bot":              u.IsBot,
		"is_app_user":         false,
		"updated":             int64(1700000000),
		"is_email_confirmed":  !u.IsBot,
	}
	if u.Email != "" {
		profile["email"] = u.Email
	}
	if u.IsBot && u.ID == s.cfg.BotUserID {
		profile["bot_id"] = s.cfg.BotID
		profile["api_app_id"] = s.cfg.AppID
		profile["always_active"] = true
	}
	return out
}
