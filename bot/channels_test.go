package bot

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/slackemu"
)

// webAPIBot is a bot that only calls the Web API (it does not connect).
func webAPIBot(t *testing.T) (*Bot, *slackemu.Server) {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: testChannel, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: "C0OUTSIDE1", Name: "outside", Members: []string{testUser}})
	emu.AddChannel(slackemu.Channel{ID: "G0PRIVATE1", Name: "hidden", IsPrivate: true, Members: []string{testUser}})
	return New(Config{BotToken: emu.Config().BotToken, AppToken: emu.Config().AppToken, APIURL: srv.URL + "/api/"}), emu
}

func TestChannelsAreFoundByIDOrNameWithTheBotsMembership(t *testing.T) {
	b, _ := webAPIBot(t)
	ctx := context.Background()
	for _, tc := range []struct {
		byID, byName string
		want         chat.ChannelInfo
		err          error
	}{
		{byID: testChannel, byName: "#sales", want: chat.ChannelInfo{ID: testChannel, Name: "sales", BotIsMember: true}},
		{byID: "C0OUTSIDE1", byName: "outside", want: chat.ChannelInfo{ID: "C0OUTSIDE1", Name: "outside"}},
		{byID: "G0PRIVATE1", byName: "hidden", err: chat.ErrNoChannel}, // private, without the bot
		{byID: "C0NOWHERE1", byName: "nowhere", err: chat.ErrNoChannel},
	} {
		for _, got := range []func() (chat.ChannelInfo, error){
			func() (chat.ChannelInfo, error) { return b.Channel(ctx, tc.byID) },
			func() (chat.ChannelInfo, error) { return b.ChannelByName(ctx, tc.byName) },
		} {
			info, err := got()
			if !errors.Is(err, tc.err) || (tc.err == nil && info != tc.want) {
				t.Errorf("%s / %s: %+v, %v; want %+v, %v", tc.byID, tc.byName, info, err, tc.want, tc.err)
			}
		}
	}
}

func TestUpdatingAMessageThatIsGoneSaysSo(t *testing.T) {
	b, _ := webAPIBot(t)
	err := b.UpdateNotice(context.Background(), chat.MessageRef{Channel: testChannel, ID: "1700000000.000001"}, chat.Notice{Kind: chat.NoticeReminder, Card: card(1)})
	if !errors.Is(err, chat.ErrMessageGone) {
		t.Errorf("err = %v, want ErrMessageGone", err)
	}
}
