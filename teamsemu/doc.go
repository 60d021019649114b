// Package teamsemu is an in-process Microsoft Teams emulator: one HTTP server
// that plays, for a bot under test, the three Microsoft services a Teams bot
// talks to over the Bot Framework protocol, so the bot can run unmodified
// against it in tests.
//
// The package owns:
//
//   - the Bot Framework identity service: an RSA signing key, the OpenID
//     metadata and a JWKS whose keys carry Teams' "endorsements" (identity.go),
//     key rotation, and tokens signed the way Teams signs the activities it
//     posts to a bot, good or deliberately bad (SignToken);
//   - the Entra ID token service: client-credentials tokens for the bot's
//     outbound calls (token.go);
//   - the Bot Framework connector under ServiceURL, whose path carries a
//     region and tenant as the real one does: creating conversations,
//     sending, replying, updating and deleting activities and reading paged
//     rosters (connector.go, members.go), with Teams' errors for a bot that
//     is not installed, an unknown conversation, an oversized message, a
//     message with both text and attachments, and rate limits (limits.go);
//   - the tenant's directory: teams, their channels (standard, private,
//     shared), users and rosters, and where the bot is installed
//     (directory.go);
//   - the record of every conversation: top-level posts, thread replies,
//     updates and deletions (record.go);
//   - the user's side: signed activities posted to the bot's messaging
//     endpoint (send.go), built as Teams builds them (activities.go), and
//     installation (Install, Uninstall);
//   - inspection (Messages, PersonalMessages, Calls, TokenRequests, WaitFor)
//     and fault injection (FailNext) for tests.
//
// New starts the server on a loopback port; point the bot's OpenID metadata
// URL at MetadataURL, its token endpoint at TokenURL and let it learn
// ServiceURL from the activities it receives.
package teamsemu
