// Package slackemu is an in-process Slack emulator: a Slack-compatible HTTP
// server that speaks the subset of the Web API and of Socket Mode that the
// Armistice bot uses, so the bot can run unmodified (slack-go's Web API client
// and its socketmode client) against it in tests and in the sandbox.
//
// The package owns:
//
//   - the workspace directory: users, channels and their members, messages
//     and threads, ephemeral messages, and each user's stack of open modals;
//   - the Web API under "<base>/api/<method>" (auth.test,
//     apps.connections.open, chat.*, views.*, conversations.*, users.info,
//     users.lookupByEmail);
//   - response_url endpoints handed out in interaction payloads;
//   - Socket Mode: apps.connections.open tickets, the WebSocket endpoint,
//     hello/disconnect messages, pings, envelopes, acks and Slack-like
//     redelivery of unacknowledged Events API envelopes;
//   - an actor API (SlashCommand, ClickButton, SubmitView, ...) that plays a
//     human user: it builds the payload Slack would send, delivers it over a
//     socket, waits for the ack and applies what the ack asks for;
//   - inspection (Messages, Ephemerals, Views, Calls, Await) and fault
//     injection (SetFault, SetChannelRate) for tests.
//
// A Server is an http.Handler; wrap it in an httptest.Server (or any
// http.Server) and point slack.OptionAPIURL at "<server URL>/api/". The
// emulator derives its public URLs (WebSocket URL, response_url values,
// permalinks) from the Host of the request it is serving.
package slackemu
