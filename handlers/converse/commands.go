package converse

// CommandHelp describes one command for the help text: what to type, what it
// does, and who may use it.
type CommandHelp struct {
	Usage string // the text after the command name, e.g. "goal set METRIC TARGET [YYYY-MM]"
	Does  string
	Who   string // "anyone", "admins", "marketing team, admins"…
}

// Commands is the catalogue of commands, in the order the help shows them.
var Commands = []CommandHelp{
	{"help", "lists the commands", "anyone"},
	{"lead", "a form to enter an MQL by hand", "marketing team, admins"},
	{"lead EXTERNAL_ID", "the lead's state and history", "sales and marketing teams, admins"},
	{"goals [YYYY-MM]", "progress against the period's goals, with pace", "anyone"},
	{"agreement [YYYY-MM]", "the month's agreement between marketing and sales: commitments, MQL bar, SLA, signatures, earlier versions", "anyone"},
	{"agreement propose [YYYY-MM]", "proposes the month's agreement to both teams, to sign", "admins"},
	{"agenda", "the weekly meeting's agenda: each item with who added it", "anyone"},
	{"agenda add TEXT", "adds a point to the weekly meeting's agenda", "anyone"},
	{"agenda done N", "marks item N of the agenda done", "anyone"},
	{"scorecard [YYYY-MM]", "each team's and sales rep's attainment of its own commitments and of the shared goals, weighted as agreed", "sales managers, admins"},
	{"goal set METRIC TARGET [YYYY-MM]", "sets a goal; metrics: visits, mqls, accepted, acceptance_rate, sla_met_rate, opportunities, won, revenue", "admins"},
	{"plan REVENUE [deal AVG_DEAL] [YYYY-MM]", "the reverse funnel: deals, opportunities, SALs, MQLs and visits needed, with a button to adopt them as goals", "anyone; adopting: admins"},
	{"stats [YYYY-MM]", "the funnel, acceptance rate, SLA compliance, time to decision, top rejection reasons", "anyone"},
	{"digest", "a preview of today's digest, only to you", "anyone"},
	{"insight [PERSONA] [TEXT]", "saves an insight; without text opens a form", "anyone"},
	{"insights [PERSONA]", "the newest insights, optionally of one persona", "anyone"},
	{"personas", "lists the personas", "anyone"},
	{"persona add SLUG NAME: DESCRIPTION", "adds a persona", "admins"},
	{"forget EMAIL|EXTERNAL_ID", "erases a lead's personal data (found by email address or external ID), keeping anonymous counts", "admins"},
	{"settings", "a form for channels, managers, SLA, hours, zone, schedule, rejection reasons; settings history shows who changed what", "admins"},
	{"route list|add|remove", "routing rules by region, segment or source, e.g. route add region=EMEA channel=#sales-emea", "admins"},
	{"route test region=… segment=… source=… email=… [owner=…]", "which channel and rep a lead like that would get now, and why; changes nothing", "admins"},
	{"pool", "this channel's pool of reps (or the sales channel's): weight, daily cap, leads today and this month, available, away or capped", "anyone"},
	{"pool add|set|remove @REP [weight=N] [cap=N]", "adds a rep to the pool, changes their weight (1–10) or daily cap (0: none), or takes them out", "admins"},
	{"away [until YYYY-MM-DD | for Nd] [NOTE]", "no leads for you until then (or until back); your undecided leads go back to the pool", "anyone; away @REP …: admins"},
	{"back", "you take leads again", "anyone; back @REP: admins"},
	{"holidays", "the holidays, on which the business-hours clock stands still", "anyone"},
	{"holidays add|remove YYYY-MM-DD [NAME]", "adds or removes a holiday", "admins"},
	{"my leads", "the leads assigned to you and awaiting your decision, with time left, your latest decisions and your month", "anyone"},
	{"board", "the link of the board on the wall, only to you", "admins"},
}
