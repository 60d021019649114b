package bot

import "strings"

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes text from outside (lead fields, comments, insights, model
// output) safe in Slack mrkdwn: with &, < and > escaped it can form no
// mention, link or channel ping.
func escape(s string) string { return escaper.Replace(s) }
