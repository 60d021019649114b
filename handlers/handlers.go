// Package handlers holds Armistice's use cases — take a lead, decide on it,
// set a goal, compose a digest, save an insight — independent of any chat
// platform. The Slack side (bot), the Teams side (teams), the HTTP API, the
// command line and the jobs all call them; they reach the chat only through
// the Chat interface that each adapter implements.
package handlers
