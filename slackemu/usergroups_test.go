package slackemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestUserGroupsUsersListWithSlackGo(t *testing.T) {
	e := newEnv(t, Config{})
	sales := e.emu.AddUserGroup(UserGroup{Handle: "sales-team", Name: "Sales", Users: []string{"UALICE", "UBOB", "UALICE"}})
	if !strings.HasPrefix(sales, "S") || len(sales) != 11 {
		t.Fatalf("user group ID %q", sales)
	}
	users, err := e.api.GetUserGroupMembers(sales)
	if err != nil || fmt.Sprint(users) != "[UALICE UBOB]" {
		t.Fatalf("members = %v, %v", users, err)
	}
	if !e.emu.SetUserGroupMembers(sales, "UCAROL") {
		t.Fatal("no such group")
	}
	if users, err = e.api.GetUserGroupMembers(sales); err != nil || fmt.Sprint(users) != "[UCAROL]" {
		t.Fatalf("members after the update = %v, %v", users, err)
	}
	_, err = e.api.GetUserGroupMembers("S0NOSUCH01")
	wantSlackErr(t, err, "no_such_subteam")
	_, err = e.api.GetUserGroupMembers("")
	wantSlackErr(t, err, "invalid_arguments")

	// A disabled group answers only with include_disabled.
	e.emu.AddUserGroup(UserGroup{ID: "S0OLD00001", Handle: "old", Users: []string{"UBOB"}, Disabled: true})
	_, err = e.api.GetUserGroupMembers("S0OLD00001")
	wantSlackErr(t, err, "no_such_subteam")
	if users, err = e.api.GetUserGroupMembers("S0OLD00001", slack.GetUserGroupMembersOptionIncludeDisabled(true)); err != nil || fmt.Sprint(users) != "[UBOB]" {
		t.Fatalf("a disabled group with include_disabled = %v, %v", users, err)
	}

	// The answer has Slack's shape; the token is required.
	res, err := http.PostForm(e.http.URL+"/api/usergroups.users.list", url.Values{"token": {e.emu.Config().BotToken}, "usergroup": {sales}})
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if fmt.Sprint(body) != "map[ok:true users:[UCAROL]]" {
		t.Errorf("answer = %v", body)
	}
	_, err = slack.New("xoxb-wrong", slack.OptionAPIURL(e.http.URL+"/api/")).GetUserGroupMembers(sales)
	wantSlackErr(t, err, "invalid_auth")
	if got := e.emu.UserGroups(); len(got) != 2 || got[0].ID != sales || got[0].Handle != "sales-team" {
		t.Errorf("user groups = %+v", got)
	}
}
