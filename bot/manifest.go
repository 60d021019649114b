package bot

// Manifest is the Slack app manifest of a Socket Mode Armistice app: the
// /armistice command, interactivity, the "Save as persona insight" message
// shortcut, the events the bot listens to and the scopes it needs. An admin
// pastes it into https://api.slack.com/apps → Create New App → From a manifest.
func Manifest() map[string]any {
	return map[string]any{
		"_metadata": map[string]any{"major_version": 1, "minor_version": 1},
		"display_information": map[string]any{
			"name":             "Armistice",
			"description":      "Sales and marketing as one team: MQL hand-off, verdicts with reasons, follow-up SLA, shared goals.",
			"long_description": "Armistice announces every Marketing Qualified Lead in the sales channel with Accept and Reject buttons, records each verdict and its reason, tells marketing at once, watches the follow-up SLA, posts daily progress against the goals both teams share, and gathers what each team learns about the buyer personas.",
			"background_color": "#1d3557",
		},
		"features": map[string]any{
			"bot_user": map[string]any{"display_name": "Armistice", "always_online": true},
			// the Home tab: a rep's leads, decisions, month and the agreement
			"app_home": map[string]any{"home_tab_enabled": true, "messages_tab_enabled": true},
			"slash_commands": []any{map[string]any{
				"command":       "/armistice",
				"description":   "Leads, goals, stats and persona insights",
				"usage_hint":    "help | lead | goals | plan | stats | insight | settings",
				"should_escape": true, // channels arrive as <#C…|name>, users as <@U…>
			}},
			"shortcuts": []any{map[string]any{
				"name":        "Save as persona insight",
				"type":        "message",
				"callback_id": "save_insight",
				"description": "Save this message as an insight about a buyer persona",
			}},
		},
		"oauth_config": map[string]any{"scopes": map[string]any{"bot": []string{
			"chat:write",       // lead cards, updates, ephemerals, notices, digests
			"commands",         // /armistice and the message shortcut
			"channels:read",    // members of public channels: who is on the sales team
			"groups:read",      // the same for private channels
			"channels:history", // find a card posted just before a crash, so it is never posted twice
			"groups:history",
			"users:read",      // names for cards and digests
			"usergroups:read", // members of the user groups named in ARMISTICE_SALES_TEAM and ARMISTICE_MARKETING_TEAM
			// reps' email addresses, to match them with HubSpot owners
			"users:read.email",
		}}},
		"settings": map[string]any{
			"event_subscriptions":    map[string]any{"bot_events": []string{"member_joined_channel", "member_left_channel", "app_home_opened"}},
			"interactivity":          map[string]any{"is_enabled": true},
			"org_deploy_enabled":     false,
			"socket_mode_enabled":    true,
			"token_rotation_enabled": false,
		},
	}
}
