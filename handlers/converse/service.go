package converse

import (
	"context"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// Service is what the conversation asks of the use cases; *handlers.Service
// is it. Each use case checks who may run it.
type Service interface {
	Admins() []string
	AdminSettings() chat.AdminSettings
	RequireAdmin(user, what string) error
	Location() *time.Location
	Now() time.Time

	Goals(ctx context.Context, month string) (chat.GoalsReport, error)
	SetGoal(ctx context.Context, user, metric, target, month string) (armistice.MetricInfo, float64, armistice.Month, error)
	Plan(ctx context.Context, revenue, averageDeal float64) (armistice.Plan, error)
	AdoptPlan(ctx context.Context, user string, p armistice.Plan, month string) (armistice.Month, error)
	Stats(ctx context.Context, month string) (chat.StatsReport, error)

	Agreement(ctx context.Context, month string) (armistice.Month, []armistice.Agreement, error)
	ProposeAgreement(ctx context.Context, user, month string) (armistice.Agreement, error)
	SignAgreement(ctx context.Context, user string, month armistice.Month, version int, team armistice.Team) (armistice.Agreement, error)
	AgreementToEdit(ctx context.Context, user string, month armistice.Month, version int) (armistice.Agreement, error)
	EditAgreement(ctx context.Context, user string, month armistice.Month, version int, values map[string]string) (armistice.Agreement, error)
	Signers(team armistice.Team) []string

	Agenda(ctx context.Context) ([]armistice.AgendaItem, error)
	AddAgendaItem(ctx context.Context, user, text string) (armistice.AgendaItem, error)
	AgendaDone(ctx context.Context, user string, n int) (armistice.AgendaItem, error)
	Scorecard(ctx context.Context, user, month string) (armistice.Scorecard, error)
	PreviewDigest(ctx context.Context) (chat.Digest, error)

	CanEnterLeads(ctx context.Context, user string) error
	LeadHistory(ctx context.Context, user, externalID string) (armistice.Lead, []armistice.Event, error)
	Forget(ctx context.Context, by, key string) (chat.Erasure, error)

	Personas(ctx context.Context) ([]armistice.Persona, error)
	AddPersonaLine(ctx context.Context, user, line string) (armistice.Persona, error)
	Persona(ctx context.Context, slug string) (armistice.Persona, []armistice.Insight, error)
	PersonaBrief(ctx context.Context, slug string) (armistice.PersonaBrief, bool, error)
	SaveInsight(ctx context.Context, in chat.InsightInput) (armistice.Insight, error)
	Insights(ctx context.Context, words []string, page int) (persona string, found []armistice.Insight, err error)

	Routes(ctx context.Context) ([]armistice.RoutingRule, error)
	AdminAddRoute(ctx context.Context, by, field, value string, channel chat.ChannelRef) (armistice.RoutingRule, chat.ChannelInfo, error)
	AdminRemoveRoute(ctx context.Context, by string, id int64) (armistice.RoutingRule, error)
	SettingsHistory(ctx context.Context, limit int) ([]armistice.SettingsEvent, error)

	PoolShow(ctx context.Context, user, channel string) (chat.Pool, error)
	PoolAdd(ctx context.Context, by, channel string, args chat.PoolRepArgs) (chat.Pool, error)
	PoolSet(ctx context.Context, by, channel string, args chat.PoolRepArgs) (chat.Pool, error)
	PoolRemove(ctx context.Context, by, channel, rep string) (chat.Pool, error)
	Away(ctx context.Context, by, who string, args chat.AwayArgs) (chat.AwayResult, error)
	Back(ctx context.Context, by, who string) (back bool, err error)
	Holidays(ctx context.Context) ([]armistice.Holiday, error)
	HolidayAdd(ctx context.Context, by, date, name string) (h armistice.Holiday, changed bool, err error)
	HolidayRemove(ctx context.Context, by, date string) (armistice.Holiday, error)
	RouteTest(ctx context.Context, by string, sample []string) (chat.RouteTestResult, error)
	BoardLink(by string) (string, error)
	MyLeads(ctx context.Context, user string) (chat.MyLeadsReport, error)
}
