package handlers

import "github.com/armistice/armistice/handlers/chat"

// The messages, reports and forms the use cases and the chat platforms
// exchange are defined in package chat, which the platforms import instead
// of the use cases; these are their names here.
type (
	MessageRef      = chat.MessageRef
	LeadCard        = chat.LeadCard
	NoticeKind      = chat.NoticeKind
	Notice          = chat.Notice
	Chat            = chat.Chat
	RetryAfterError = chat.RetryAfterError
	ChannelInfo     = chat.ChannelInfo
	DigestKind      = chat.DigestKind
	Digest          = chat.Digest
	GoalsReport     = chat.GoalsReport
	StatsReport     = chat.StatsReport
	DecideResult    = chat.DecideResult
	Erasure         = chat.Erasure
	AdminSettings   = chat.AdminSettings
	SettingChange   = chat.SettingChange
	InsightInput    = chat.InsightInput
	ChannelRef      = chat.ChannelRef
	Pool            = chat.Pool
	PoolRepArgs     = chat.PoolRepArgs
	AwayArgs        = chat.AwayArgs
	AwayResult      = chat.AwayResult
	RouteTestResult = chat.RouteTestResult
)

// The kinds of notice and of digest, the settings' keys, the page size
// of an insights search and the limits on an absence, as package chat
// names them.
const (
	NoticeAccepted          = chat.NoticeAccepted
	NoticeRejected          = chat.NoticeRejected
	NoticeReminder          = chat.NoticeReminder
	NoticeEscalation        = chat.NoticeEscalation
	NoticeReassigned        = chat.NoticeReassigned
	NoticeUnassigned        = chat.NoticeUnassigned
	NoticeCardRefused       = chat.NoticeCardRefused
	DigestDaily             = chat.DigestDaily
	DigestWeekly            = chat.DigestWeekly
	DigestMonthly           = chat.DigestMonthly
	DigestAgreement         = chat.DigestAgreement
	DigestAgreementReminder = chat.DigestAgreementReminder
	SettingSalesChannel     = chat.SettingSalesChannel
	SettingMarketingChannel = chat.SettingMarketingChannel
	SettingDigestChannels   = chat.SettingDigestChannels
	SettingSalesManagers    = chat.SettingSalesManagers
	SettingAdmins           = chat.SettingAdmins
	SettingSLA              = chat.SettingSLA
	SettingBusinessHours    = chat.SettingBusinessHours
	SettingTimeZone         = chat.SettingTimeZone
	SettingDigestSchedule   = chat.SettingDigestSchedule
	SettingRejectionReasons = chat.SettingRejectionReasons
	InsightsPage            = chat.InsightsPage
	MaxAwayDays             = chat.MaxAwayDays
	MaxAwayNote             = chat.MaxAwayNote
)

// The platforms' errors, the settings' order and labels, the lead form's
// fields and the fields a routing rule may match, as package chat names
// them.
var (
	ErrNoChannel      = chat.ErrNoChannel
	ErrMessageGone    = chat.ErrMessageGone
	ErrMessageRefused = chat.ErrMessageRefused
	ErrNotInstalled   = chat.ErrNotInstalled
	SettingKeys       = chat.SettingKeys
	SettingLabels     = chat.SettingLabels
	LeadFormFields    = chat.LeadFormFields
	RoutingFields     = chat.RoutingFields
)
