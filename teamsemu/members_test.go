package teamsemu_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/armistice/armistice/teamsemu"
)

type membersPage struct {
	ContinuationToken string `json:"continuationToken"`
	Members           []struct {
		ID, ObjectID, Name, GivenName, Surname, Email, UserPrincipalName, TenantID, UserRole string
	}
}

func TestPagedMembers(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	carol := f.emu.AddUser("Carol Danvers")
	f.emu.AddMember(f.standard, carol) // a standard channel's roster is its team's
	get := func(conversationID string, q url.Values) (answer, membersPage) {
		a := call(t, http.MethodGet, conversations(f.emu)+"/"+escapeAll(conversationID)+"/pagedmembers?"+q.Encode(), f.token, nil)
		var p membersPage
		if a.status == http.StatusOK {
			a.decode(t, &p)
		}
		return a, p
	}
	all := func(conversationID string, pageSize int) []string {
		var names []string
		token := ""
		for range 10 {
			q := url.Values{"pageSize": {fmt.Sprint(pageSize)}}
			if token != "" {
				q.Set("continuationToken", token)
			}
			a, p := get(conversationID, q)
			if a.status != http.StatusOK || len(p.Members) > pageSize {
				t.Fatalf("%d %s", a.status, a.body)
			}
			for _, m := range p.Members {
				names = append(names, m.Name)
			}
			if token = p.ContinuationToken; token == "" {
				return names
			}
		}
		t.Fatal("no end to the pages")
		return nil
	}
	if got := fmt.Sprint(all(f.team.ID, 2)); got != "[Alice Liddell Bob Builder Carol Danvers]" {
		t.Errorf("team roster = %s", got)
	}
	if got := fmt.Sprint(all(f.standard, 1)); got != "[Alice Liddell Bob Builder Carol Danvers]" {
		t.Errorf("standard channel roster = %s", got)
	}
	if got := fmt.Sprint(all(f.private, 100)); got != "[Alice Liddell]" {
		t.Errorf("private channel roster = %s", got)
	}

	a, p := get(f.team.ID, nil)
	if a.status != http.StatusOK || len(p.Members) != 3 || p.ContinuationToken != "" {
		t.Fatalf("default page: %d %s", a.status, a.body)
	}
	m := p.Members[0]
	if m.ID != f.alice.MRI || m.ObjectID != f.alice.AADObjectID || m.GivenName != "Alice" || m.Surname != "Liddell" ||
		m.Email != f.alice.Email || m.UserPrincipalName != f.alice.Email || m.TenantID != f.emu.Options().TenantID || m.UserRole != "user" {
		t.Errorf("member = %+v", m)
	}
	for _, q := range []url.Values{{"pageSize": {"0"}}, {"pageSize": {"501"}}, {"pageSize": {"ten"}}, {"continuationToken": {"garbage"}}} {
		if a, _ := get(f.team.ID, q); a.status != http.StatusBadRequest {
			t.Errorf("%v: %d", q, a.status)
		}
	}
	if a, _ := get("19:nope@thread.tacv2", nil); a.status != http.StatusNotFound {
		t.Errorf("unknown: %d", a.status)
	}
	if n := f.emu.Calls()[teamsemu.Call{Route: teamsemu.RoutePagedMembers, Status: 400}]; n != 4 {
		t.Errorf("400s = %d", n)
	}
}
