package handlers

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/llm"
	"github.com/armistice/armistice/storage"
)

// Enqueuer inserts the jobs that a write causes, inside the write's
// transaction: the storage.Tx a use case gets from storage.DB.InTx, so
// that the write and its jobs commit together or not at all. The jobs
// package implements it with River.
type Enqueuer interface {
	// Announce schedules the announcement of each of the leads.
	Announce(ctx context.Context, tx *storage.Tx, leadIDs []int64) error
	// IntakeJobs are the jobs that announce new leads, which the intake
	// writes with the leads, in their statement (storage.InsertLeads). A
	// lead whose channel has a pool gets a job of its own, which assigns it
	// and sends the rep their copy at once, then drains its channel
	// (Announce); the other leads are in their channels' queues, and each
	// of their channels gets one job that drains it (DrainChannel), however
	// many leads the batch holds.
	IntakeJobs() storage.IntakeJobs
	// ScheduleSLA schedules a lead's reminder and escalation, returning
	// their job IDs.
	ScheduleSLA(ctx context.Context, tx *storage.Tx, leadID int64, remindAt, escalateAt time.Time) ([]int64, error)
	// Cancel cancels scheduled jobs; jobs that ran already are left alone.
	Cancel(ctx context.Context, tx *storage.Tx, jobIDs []int64) error
	// PublishDecision schedules showing a decision: the card updated, the
	// thread told, marketing told of a rejection.
	PublishDecision(ctx context.Context, tx *storage.Tx, leadID int64) error
	// NotifyCRM schedules sending an event to the CRM webhook, when one is
	// configured.
	NotifyCRM(ctx context.Context, tx *storage.Tx, eventID int64) error
	// RedrawErased schedules redrawing the messages of leads whose personal
	// data was erased.
	RedrawErased(ctx context.Context, tx *storage.Tx, leadIDs []int64) error
	// WriteToHubSpot schedules a write to a lead's HubSpot contact, when
	// HubSpot is configured.
	WriteToHubSpot(ctx context.Context, tx *storage.Tx, w HubSpotWrite) error
}

// Settings are the values the use cases run by.
type Settings struct {
	SalesChannel     string
	MarketingChannel string
	Admins           []string // user IDs allowed to administer
	SalesManagers    []string // user IDs who get escalations and may decide
	// MarketingLeads and SalesLeads sign the monthly agreement for their
	// team; unset, the admins do.
	MarketingLeads []string
	SalesLeads     []string
	// SalesTeam and MarketingTeam, when set, are the teams; unset, the
	// members of the sales and marketing channels are.
	SalesTeam        armistice.TeamMembers
	MarketingTeam    armistice.TeamMembers
	DigestChannels   []string
	DigestSchedule   string // cron spec of the daily digest
	SLA              time.Duration
	RejectionReasons []string // nil: armistice.DefaultRejectionReasons
	BusinessHours    armistice.BusinessHours
	Location         *time.Location
	// SLAReassign is how many times a lead's SLA window ending undecided
	// moves it on to the next rep of its pool before the escalation
	// (ARMISTICE_SLA_REASSIGN); 0 never does.
	SLAReassign int
	// Holidays are the days the business-hours clock stands still: those
	// stored once loaded, ARMISTICE_HOLIDAYS (which seeds them) until then.
	Holidays []armistice.Date
}

// Calendar is the business-hours clock of the settings: the business hours
// less the holidays, in the zone.
func (st Settings) Calendar() armistice.Calendar {
	c := armistice.Calendar{Hours: st.BusinessHours, Location: st.Location, Holidays: make(map[armistice.Date]bool, len(st.Holidays))}
	for _, d := range st.Holidays {
		c.Holidays[d] = true
	}
	return c
}

// Service runs the use cases.
type Service struct {
	db       *storage.DB
	jobs     Enqueuer
	chat     chat.Chat
	settings Settings
	log      *slog.Logger
	now      func() time.Time
	llm      llm.Summarizer // nil: no AI features (brief.go)
	board    BoardAccess    // the board's link, for admins (board.go)

	// groups commit concurrent TakeLeads calls together (lead_group.go).
	groupsMu sync.Mutex
	groups   map[TakeOptions]*groupCommit

	// drains bounds the channels this process drains at once, each holding
	// a database connection for its lock (lead_announce.go).
	drains chan struct{}

	// live is settings overlaid with those stored from the chat, once
	// loaded (settings.go); nil until then.
	live     atomic.Pointer[liveSettings]
	reloadMu sync.Mutex
}

// Config is what a Service is built from.
type Config struct {
	DB       *storage.DB
	Jobs     Enqueuer
	Chat     chat.Chat
	Settings Settings
	Logger   *slog.Logger
	Now      func() time.Time // nil: time.Now
	// LLM writes the weekly AI briefs; nil (no OPENAI_API_KEY) turns them
	// off, and no call is made.
	LLM llm.Summarizer
	// Board is how the board on the wall is reached, for the link admins
	// get (BoardLink); zero: the board is off.
	Board BoardAccess
}

// New builds a Service.
func New(cfg Config) *Service {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Settings.Location == nil {
		cfg.Settings.Location = time.UTC
	}
	if cfg.Settings.RejectionReasons == nil {
		cfg.Settings.RejectionReasons = armistice.DefaultRejectionReasons
	}
	return &Service{db: cfg.DB, jobs: cfg.Jobs, chat: cfg.Chat, settings: cfg.Settings, log: cfg.Logger, now: cfg.Now, llm: cfg.LLM, board: cfg.Board,
		groups: map[TakeOptions]*groupCommit{}, drains: make(chan struct{}, maxDrains)}
}

// Location is the zone times are shown in.
func (s *Service) Location() *time.Location { return s.current().Location }

// current returns the settings in force now: the environment's overlaid
// with those stored from the chat, kept fresh by ReloadSettings and
// WatchSettings. It does no I/O.
func (s *Service) current() Settings {
	if live := s.live.Load(); live != nil {
		return live.Settings
	}
	return s.settings
}

// RejectionReasons are the reasons a rep may give for a rejection.
func (s *Service) RejectionReasons() []string { return s.current().RejectionReasons }

// card builds what a lead's card shows, with the newest two insights about
// its persona and the reps of its pool (none if they cannot be read: the
// card matters more).
func (s *Service) card(ctx context.Context, l armistice.Lead) chat.LeadCard {
	cfg := s.current()
	c := chat.LeadCard{Lead: l, Zone: cfg.Location, DueAt: s.dueAt(l)}
	if l.DecidedAt != nil {
		c.TimeToDecision = cfg.Calendar().Between(l.ReceivedAt, *l.DecidedAt)
	}
	if p, ok := armistice.UserPlatform(l.DecidedBy); ok && p == armistice.Teams {
		// Shown by name where a Teams ID means nothing (Slack).
		name, err := s.chat.UserName(ctx, l.DecidedBy)
		if err != nil {
			s.log.Warn("the name of a lead's decider", "lead", l.ID, "err", err)
		}
		c.DeciderName = name
	}
	if p, ok := armistice.UserPlatform(l.Assignee); ok && p == armistice.Teams {
		users, err := s.db.TeamsUsers(ctx, []string{l.Assignee})
		if err != nil {
			s.log.Warn("the name of a lead's assignee", "lead", l.ID, "err", err)
		}
		c.AssigneeName = users[l.Assignee].Name
	}
	if l.Assignee != "" && armistice.Undecided(l.Status) {
		reps, err := s.db.LeadPoolReps(ctx, l.ID)
		if err != nil {
			s.log.Warn("the reps of a lead's pool", "lead", l.ID, "err", err)
		}
		c.Reps = reps
	}
	if l.Persona != "" {
		insights, err := s.db.Insights(ctx, l.Persona, "", 2, 0)
		if err != nil {
			s.log.Warn("insights for a lead card", "lead", l.ID, "err", err)
		}
		c.Insights = insights
	}
	return c
}

// dueAt is the end of a lead's SLA window: the recorded one once announced.
func (s *Service) dueAt(l armistice.Lead) time.Time {
	if l.DueAt != nil {
		return *l.DueAt
	}
	return s.current().Calendar().Add(l.ReceivedAt, s.current().SLA)
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }
