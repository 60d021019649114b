package chat

// The settings an admin may change from the chat, by key. Each is stored as
// JSON: a string, or a list of strings. A stored key wins over its
// environment variable; a key never stored follows the environment.
const (
	SettingSalesChannel     = "sales_channel"
	SettingMarketingChannel = "marketing_channel"
	SettingDigestChannels   = "digest_channels"
	SettingSalesManagers    = "sales_managers"
	SettingAdmins           = "admins" // on top of ARMISTICE_ADMINS
	SettingSLA              = "sla"
	SettingBusinessHours    = "business_hours"
	SettingTimeZone         = "timezone"
	SettingDigestSchedule   = "digest_schedule"
	SettingRejectionReasons = "rejection_reasons"
)

// SettingKeys lists the settings in the order forms show them.
var SettingKeys = []string{
	SettingSalesChannel, SettingMarketingChannel, SettingDigestChannels, SettingSalesManagers, SettingAdmins,
	SettingSLA, SettingBusinessHours, SettingTimeZone, SettingDigestSchedule, SettingRejectionReasons,
}

// SettingLabels name the settings for people.
var SettingLabels = map[string]string{
	SettingSalesChannel:     "Sales channel",
	SettingMarketingChannel: "Marketing channel",
	SettingDigestChannels:   "Digest channels",
	SettingSalesManagers:    "Sales managers",
	SettingAdmins:           "Admins",
	SettingSLA:              "Follow-up window (SLA)",
	SettingBusinessHours:    "Business hours",
	SettingTimeZone:         "Time zone",
	SettingDigestSchedule:   "Digest schedule",
	SettingRejectionReasons: "Rejection reasons",
}

// AdminSettings are the settings as an admin sees and changes them, in
// text form.
type AdminSettings struct {
	SalesChannel     string
	MarketingChannel string
	DigestChannels   []string // empty: the sales and marketing channels
	SalesManagers    []string
	Admins           []string // added from the chat, on top of EnvAdmins
	SLA              string   // business time, such as "4h" or "1h30m"
	BusinessHours    string   // such as "Mon-Fri 09:00-18:00"
	TimeZone         string   // an IANA name
	DigestSchedule   string   // a cron spec
	RejectionReasons []string
}

// SettingChange is one setting an admin changed: its key and label, and the
// value before and after, in text form.
type SettingChange struct {
	Key    string
	Label  string
	Before any // a string or a []string
	After  any
}
