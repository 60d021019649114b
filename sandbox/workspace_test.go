package sandbox

import (
	"fmt"
	"testing"
)

func TestTheSandboxTeamsAreSlackUserGroupsToo(t *testing.T) {
	p := newTestPage(t)
	for group, want := range map[string]string{"S0SALES001": fmt.Sprint([]string{Rosa, Sam}), "S0MRKTG001": fmt.Sprint([]string{Mia})} {
		users, err := p.api.GetUserGroupMembers(group)
		if err != nil || fmt.Sprint(users) != want {
			t.Errorf("user group %s = %v, %v; want %s", group, users, err, want)
		}
	}
}
