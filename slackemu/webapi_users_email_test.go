package slackemu

import "testing"

func TestUsersLookupByEmailFindsTheHumanWithTheAddressElseUsersNotFound(t *testing.T) {
	e := newEnv(t, Config{})
	e.emu.AddUser(User{ID: "UDORA", Name: "dora", RealName: "Dora", Email: "dora@example.com"})
	e.emu.AddUser(User{ID: "UBOTMAIL", Name: "mailbot", IsBot: true, Email: "bot@example.com"})
	u, err := e.api.GetUserByEmail("Dora@Example.com")
	if err != nil || u.ID != "UDORA" || u.Profile.Email != "dora@example.com" {
		t.Fatalf("user = %+v (%v), want UDORA", u, err)
	}
	for _, email := range []string{"nobody@example.com", "bot@example.com", ""} {
		_, err := e.api.GetUserByEmail(email)
		wantSlackErr(t, err, "users_not_found")
	}
}
