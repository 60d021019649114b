package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
)

const forgetUsage = `Usage: armistice forget EMAIL|EXTERNAL_ID

Erases the personal data of every lead with this email address, or of the
lead with this external ID (an argument with an "@" is tried as an email
address first, then as an external ID), so that a lead sent without an
email address can be erased too: email, name, title, phone, notes, custom
fields, CRM link, rejection comment. It keeps what the anonymous counts
need, and records who erased it. The running bot redraws the leads'
messages to show "erased".`

// forget erases a lead's personal data from the command line: for the
// operator, who holds the database's credentials, so no admin check.
func (a *App) forget(ctx context.Context, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(a.Stdout, forgetUsage)
		return nil
	}
	if len(args) != 1 {
		fmt.Fprintln(a.Stderr, forgetUsage)
		return errors.New("forget: name one email address or external ID")
	}
	svc, db, err := a.openOffline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	actor := "cli"
	if user := a.Getenv("USER"); user != "" {
		actor = "cli:" + user
	}
	erasure, err := svc.EraseLead(ctx, actor, args[0])
	if armistice.ErrorCode(err) == armistice.EINTERNAL {
		return fmt.Errorf("forget: %w", err)
	} else if err != nil {
		return fmt.Errorf("forget: %s", strings.TrimSuffix(armistice.ErrorMessage(err), "."))
	}
	fmt.Fprintf(a.Stdout, "matched by %s %s\n", erasure.MatchedBy(), erasure.Key)
	for _, e := range erasure.Leads {
		fmt.Fprintf(a.Stdout, "erased lead %d (%s, received %s): %s\n", e.LeadID, e.ExternalID, e.ReceivedAt.Format("2006-01-02"), strings.Join(e.Fields, ", "))
	}
	fmt.Fprintln(a.Stdout, "kept for the counts: status, source, score, persona, segment, region, country, company, dates, decision and reason")
	fmt.Fprintln(a.Stdout, "the running bot redraws their Slack messages to show \"erased\"")
	return nil
}
