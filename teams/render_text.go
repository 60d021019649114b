package teams

// The answers to commands, as Teams message markdown. Outside text in them
// is escaped with mdEscape.

// botName is how people address the bot in a channel.
const botName = "@Armistice"
