package converse

import "github.com/armistice/armistice"

// AlreadyDecided tells a late clicker which decision on a lead stands.
func AlreadyDecided(l armistice.Lead) Reply {
	if l.DecidedBy == "" {
		return Text(T("This lead is " + string(l.Status) + " already; there is nothing to decide."))
	}
	verdict := l.Verdict
	if verdict == "" {
		verdict = l.Status
	}
	return Text(T("This lead was already "+string(verdict)+" by "), U(l.DecidedBy), T("."))
}
