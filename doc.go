// Package armistice holds the domain of the Armistice bot: leads and their
// lifecycle, decisions, goals, periods, personas and insights, with their
// validation and the pure logic over them (the business-hours SLA clock, pace,
// the reverse funnel). It does no I/O and knows nothing of Slack, Teams,
// Postgres or HTTP; the other packages build on it.
package armistice
