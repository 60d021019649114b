package main

import (
	"encoding/json"

	"github.com/armistice/armistice/bot"
)

// manifest prints the Slack app manifest as JSON.
func (a *App) manifest() error {
	enc := json.NewEncoder(a.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(bot.Manifest())
}
