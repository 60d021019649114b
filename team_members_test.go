package armistice

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseTeamMembersReadsUserGroupsAndUsersAndNamesABadEntry(t *testing.T) {
	const entra = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	cases := []struct {
		in, groups, users, bad string
	}{
		{in: "", groups: "[]", users: "[]"},
		{in: " , ,", groups: "[]", users: "[]"},
		{in: "S0SALES01", groups: "[S0SALES01]", users: "[]"},
		{in: "S0SALES01, U0REP0001 ,W0ENT0001," + entra, groups: "[S0SALES01]", users: "[U0REP0001 W0ENT0001 " + entra + "]"},
		{in: "S0SALES01,S0SALES01,U0REP0001,U0REP0001", groups: "[S0SALES01]", users: "[U0REP0001]"},
		{in: "S0SALES01,@sales", bad: `"@sales"`},
		{in: "sales-team", bad: `"sales-team"`},
		{in: "s0sales01", bad: `"s0sales01"`},
		{in: "C0SALES001", bad: `"C0SALES001"`},
		{in: "S0", bad: `"S0"`},
		{in: "U0REP0001;U0REP0002", bad: `"U0REP0001;U0REP0002"`},
	}
	for _, c := range cases {
		team, err := ParseTeamMembers(c.in)
		if c.bad != "" {
			if err == nil || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("ParseTeamMembers(%q) = %+v, %v; want an error naming %s", c.in, team, err, c.bad)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTeamMembers(%q): %v", c.in, err)
			continue
		}
		if got := fmt.Sprint(team.Groups); got != c.groups {
			t.Errorf("ParseTeamMembers(%q) groups = %s, want %s", c.in, got, c.groups)
		}
		if got := fmt.Sprint(team.Users); got != c.users {
			t.Errorf("ParseTeamMembers(%q) users = %s, want %s", c.in, got, c.users)
		}
		if team.IsSet() != (c.groups != "[]" || c.users != "[]") {
			t.Errorf("ParseTeamMembers(%q).IsSet() = %v", c.in, team.IsSet())
		}
	}
}

func TestTeamHasUserMatchesEntraIDsWhateverTheirCase(t *testing.T) {
	team, err := ParseTeamMembers("U0REP0001,0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")
	if err != nil {
		t.Fatal(err)
	}
	for user, want := range map[string]bool{
		"U0REP0001": true, "U0REP0002": false, "S0SALES01": false,
		"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0": true, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1": false,
	} {
		if got := team.HasUser(user); got != want {
			t.Errorf("HasUser(%s) = %v, want %v", user, got, want)
		}
	}
}
