// Package sandbox is the web page over the built-in Slack-compatible
// workspace (slackemu) that `armistice serve` runs when no chat platform is
// configured: a newcomer tries the whole loop in a browser.
//
// It owns:
//
//   - the sandbox workspace: its people (two reps, a marketer, an admin) and
//     its channels (Workspace);
//   - the page at "/" and its JSON and Server-Sent Events endpoints under
//     "/sandbox/": channels, messages rendered from Block Kit as Slack shows
//     them (mrkdwn, fields, buttons, tables, charts), threads, ephemeral
//     messages, modals, a composer for the slash command and a user switcher;
//     every click, command and form goes through slackemu's actor API, so
//     the bot sees exactly what Slack would send;
//   - the demo data: a month of backdated history through the real use
//     cases (leads, decisions, CRM stages, website visits, goals, persona
//     insights), today's cards, and a live trickle of new MQLs;
//   - the host check (AllowHosts) that keeps the sandbox to this machine's
//     own names, since whoever reaches it acts as its admin.
//
// Everything it serves is embedded (templates, CSS, JavaScript), so the page
// works offline. It never runs when Slack tokens are set: cmd/armistice
// starts it only in config.ModeSandbox.
package sandbox
