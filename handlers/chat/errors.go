package chat

import "errors"

// ErrNoChannel says the chat platform knows no such channel, or hides it
// from the bot (a private channel it is not in).
var ErrNoChannel = errors.New("no such channel")

// ErrMessageGone says the platform will never let the bot change a message
// it posted: deleted, in a channel gone, archived or left.
var ErrMessageGone = errors.New("message gone")

// ErrMessageRefused says the platform refuses a message for good (too
// large, malformed): sending it again will not help.
var ErrMessageRefused = errors.New("the chat platform refuses the message")

// ErrNotInstalled says the bot cannot post in a channel until the app is
// added where the channel lives (a Teams team); leads for it wait.
var ErrNotInstalled = errors.New("the app is not installed where the channel is")

// ChannelInfo is what the bot knows of a channel.
type ChannelInfo struct {
	ID          string
	Name        string
	BotIsMember bool // the bot can post there
}
