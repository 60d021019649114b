package bot_test

import (
	"context"
	"testing"

	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/slackemu"
)

func TestUserNameIsTheRealNameElseTheHandleElseNothing(t *testing.T) {
	t.Parallel()
	b, emu := bottest.Start(t)
	emu.AddUser(slackemu.User{ID: "U0ROSA0001", Name: "rosa", RealName: "Rosa Díaz"})
	emu.AddUser(slackemu.User{ID: "U0NOREAL01", Name: "kim"})
	ctx := context.Background()
	for user, want := range map[string]string{"U0ROSA0001": "Rosa Díaz", "U0NOREAL01": "kim", "U0NOBODY01": ""} {
		got, err := b.UserName(ctx, user)
		if err != nil || got != want {
			t.Errorf("UserName(%s) = %q, %v; want %q", user, got, err, want)
		}
	}
}
