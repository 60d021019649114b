package handlers_test

import (
	"context"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

const (
	channelRep  = "U0REP00001" // in the sales channel
	channelMkt  = "U0MKT00001" // in the marketing channel
	guest       = "U0GST00001" // in no channel
	groupRep    = "U0GRP00001" // in the sales user group, in no channel
	namedMkt    = "U0NMD00001" // named in the marketing team, in no channel
	entraRep    = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	salesGroup  = "S0SALESTM1"
	unknownLead = "nobody-1"
)

// roles builds two Services over one database and one Slack workspace:
// one whose teams are the channels' members, one whose teams are named
// (ARMISTICE_SALES_TEAM=salesGroup,entraRep and
// ARMISTICE_MARKETING_TEAM=namedMkt), admin their admin.
func roles(t *testing.T) (byChannel, byName *handlers.Service, leadID int64) {
	t.Helper()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{channelRep}},
		slackemu.Channel{ID: marketing, Name: "marketing", Members: []string{channelMkt}})
	emu.AddUserGroup(slackemu.UserGroup{ID: salesGroup, Handle: "sales-team", Users: []string{groupRep}})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	settings := handlers.Settings{SalesChannel: sales, MarketingChannel: marketing, Admins: []string{admin}}
	byChannel = handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: settings})
	settings.SalesTeam, err = armistice.ParseTeamMembers(salesGroup + "," + entraRep)
	if err != nil {
		t.Fatal(err)
	}
	settings.MarketingTeam, _ = armistice.ParseTeamMembers(namedMkt)
	byName = handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: handlers.Platforms{armistice.Slack: b}, Settings: settings})
	got, err := byChannel.TakeLeads(context.Background(), []armistice.Lead{{ExternalID: "who-1", Name: "Wes", Company: "Acme"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return byChannel, byName, got[0].ID
}

func TestOnlyTheTeamsAndAdminsReadALeadsHistory(t *testing.T) {
	byChannel, byName, _ := roles(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		svc     *handlers.Service
		user    string
		lead    string
		allowed bool
	}{
		{"a sales channel member", byChannel, channelRep, "who-1", true},
		{"a marketing channel member", byChannel, channelMkt, "who-1", true},
		{"an admin", byChannel, admin, "who-1", true},
		{"a guest in no channel", byChannel, guest, "who-1", false},
		{"a guest asking for no lead", byChannel, guest, unknownLead, false},
		{"a sales user group member", byName, groupRep, "who-1", true},
		{"a Teams user named in the sales team", byName, entraRep, "who-1", true},
		{"a user named in the marketing team", byName, namedMkt, "who-1", true},
		{"a sales channel member outside the named teams", byName, channelRep, "who-1", false},
		{"a marketing channel member outside the named teams", byName, channelMkt, "who-1", false},
		{"an admin, teams named", byName, admin, "who-1", true},
	} {
		lead, events, err := c.svc.LeadHistory(ctx, c.user, c.lead)
		switch {
		case c.allowed && (err != nil || lead.ExternalID != "who-1" || len(events) == 0):
			t.Errorf("%s: %s, %d events, %v", c.name, lead.ExternalID, len(events), err)
		case !c.allowed && armistice.ErrorCode(err) != armistice.EUNAUTHORIZED:
			t.Errorf("%s was not refused: %s, %v", c.name, lead.ExternalID, err)
		case !c.allowed && armistice.ErrorMessage(err) != "Only the sales team, the marketing team and admins can see a lead's history.":
			t.Errorf("%s: refusal %q", c.name, armistice.ErrorMessage(err))
		}
	}
	if _, _, err := byName.LeadHistory(ctx, namedMkt, unknownLead); armistice.ErrorCode(err) != armistice.ENOTFOUND {
		t.Errorf("a team member asking for no lead: %v", err)
	}
}

func TestNamedTeamsDecideEnterLeadsAndSignInsightsInsteadOfTheChannels(t *testing.T) {
	byChannel, byName, id := roles(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		svc     *handlers.Service
		user    string
		allowed bool
	}{
		{"a sales channel member", byChannel, channelRep, true},
		{"a user group member in no channel, teams by channel", byChannel, groupRep, false},
		{"a sales user group member in no channel", byName, groupRep, true},
		{"a Teams user named in the sales team", byName, entraRep, true},
		{"a sales channel member outside the sales team", byName, channelRep, false},
	} {
		err := c.svc.CanDecide(ctx, c.user, id)
		if c.allowed != (err == nil) || (err != nil && armistice.ErrorCode(err) != armistice.EUNAUTHORIZED) {
			t.Errorf("%s deciding: %v", c.name, err)
		}
	}
	if err := byName.CanDecide(ctx, channelRep, id); armistice.ErrorMessage(err) != "Only the sales team and the sales managers can accept or reject leads." {
		t.Errorf("refusal with a named sales team: %q", armistice.ErrorMessage(err))
	}
	if err := byName.CanEnterLeads(ctx, namedMkt); err != nil {
		t.Errorf("the named marketing team cannot enter leads: %v", err)
	}
	if err := byName.CanEnterLeads(ctx, channelMkt); armistice.ErrorMessage(err) != "Only the marketing team and admins can enter leads." {
		t.Errorf("a marketing channel member outside the named team entering leads: %v", err)
	}
	if _, err := byName.AddPersona(ctx, admin, "cfo", "CFO", "Chief financial officer"); err != nil {
		t.Fatal(err)
	}
	for user, team := range map[string]string{namedMkt: armistice.InsightMarketing, groupRep: armistice.InsightSales, channelMkt: armistice.InsightNeither} {
		in, err := byName.SaveInsight(ctx, chat.InsightInput{Persona: "cfo", Text: "wants one invoice a month", Author: user})
		if err != nil || in.Team != team {
			t.Errorf("the insight of %s is a %q insight (%v), want %q", user, in.Team, err, team)
		}
	}
}
