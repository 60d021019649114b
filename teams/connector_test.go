package teams_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// connectorFor installs the app in a new team of a teamsemu and returns a
// connector with the app's credentials and the team's general channel.
func connectorFor(t *testing.T) (*teams.Connector, *teamsemu.Server, teamsemu.Team) {
	t.Helper()
	emu := teamsemu.New(teamsemu.Options{})
	t.Cleanup(emu.Close)
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	t.Cleanup(bot.Close)
	team := emu.AddTeam("Sales")
	if err := emu.Install(context.Background(), bot.URL, team.ID, emu.AddUser("Max Weber")); err != nil {
		t.Fatal(err)
	}
	o := emu.Options()
	conn := teams.NewConnector(context.Background(), teams.Credentials{
		AppID: o.AppID, Password: o.ClientSecret, TenantID: o.TenantID, TokenURL: emu.URL() + "/{tenant}/oauth2/v2.0/token",
	}, http.DefaultClient)
	return conn, emu, team
}

func TestConnectorRetriesTransientFailuresAndCachesItsToken(t *testing.T) {
	conn, emu, team := connectorFor(t)
	ctx := context.Background()
	emu.FailNext(2, http.StatusServiceUnavailable, 0)
	id, err := conn.PostToChannel(ctx, emu.ServiceURL(), emu.Options().TenantID, team.ID, teams.Activity{Type: teams.TypeMessage, Text: "hello"})
	if err != nil || id == "" {
		t.Fatalf("post after two 503s: %q %v", id, err)
	}
	emu.FailNext(1, http.StatusPreconditionFailed, 0)
	if _, err := conn.Reply(ctx, emu.ServiceURL(), team.ID, id, teams.Activity{Type: teams.TypeMessage, Text: "in the thread"}); err != nil {
		t.Fatalf("reply after a 412: %v", err)
	}
	if err := conn.Update(ctx, emu.ServiceURL(), team.ID, id, teams.Activity{Type: teams.TypeMessage, Text: "hello again"}); err != nil {
		t.Fatal(err)
	}
	msgs := emu.Messages(team.ID)
	if len(msgs) != 1 || len(msgs[0].Replies) != 1 || msgs[0].Updates != 1 || msgs[0].Activity.Text != "hello again" {
		t.Fatalf("recorded: %+v", msgs)
	}
	if n := emu.TokenRequests(); n != 1 {
		t.Errorf("%d token requests for five calls, want 1 (cached)", n)
	}
}

func TestConnectorHandsLongWaitsBackAndNamesMissingInstallations(t *testing.T) {
	conn, emu, team := connectorFor(t)
	ctx := context.Background()
	emu.FailNext(1, http.StatusTooManyRequests, 30*time.Second)
	_, err := conn.PostToChannel(ctx, emu.ServiceURL(), emu.Options().TenantID, team.ID, teams.Activity{Type: teams.TypeMessage, Text: "hello"})
	if ra, ok := errors.AsType[*chat.RetryAfterError](err); !ok || ra.After != 30*time.Second {
		t.Fatalf("a 429 asking for 30 s: %v", err)
	}
	other := emu.AddTeam("Elsewhere")
	_, err = conn.PostToChannel(ctx, emu.ServiceURL(), emu.Options().TenantID, other.ID, teams.Activity{Type: teams.TypeMessage, Text: "hello"})
	if !errors.Is(err, chat.ErrNotInstalled) {
		t.Fatalf("a post where the app is not installed: %v", err)
	}
	big := make([]byte, 90*1024)
	for i := range big {
		big[i] = 'x'
	}
	if _, err := conn.Send(ctx, emu.ServiceURL(), team.ID, teams.Activity{Type: teams.TypeMessage, Text: string(big)}); !errors.Is(err, teams.ErrTooBig) {
		t.Fatalf("a 90 KB message: %v", err)
	}
}

func TestConnectorReadsEveryPageOfARoster(t *testing.T) {
	conn, emu, team := connectorFor(t)
	for range 620 {
		emu.AddMember(team.ID, emu.AddUser("Someone"))
	}
	members, err := conn.Members(context.Background(), emu.ServiceURL(), team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 620 {
		t.Fatalf("%d members, want 620", len(members))
	}
	seen := map[string]bool{}
	for _, m := range members {
		if m.AADObjectID == "" || seen[m.AADObjectID] {
			t.Fatalf("a member without an ID or twice: %+v", m)
		}
		seen[m.AADObjectID] = true
	}
}
