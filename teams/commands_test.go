package teams

import "testing"

func TestCommandLineNamesTheUsersItMentionsByTheirEntraObjectID(t *testing.T) {
	b := &Bot{appID: "app-1"}
	ana, bo := "aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002"
	a := &Activity{
		Text: "<at>Armistice</at> pool add <at>Ana</at>&nbsp;weight=2 <at>Bo</at> <at>Sales team</at>",
		Entities: []Entity{
			{Type: "mention", Mentioned: &ChannelAccount{ID: "28:app-1", Name: "Armistice"}, Text: "<at>Armistice</at>"},
			{Type: "mention", Mentioned: &ChannelAccount{ID: "29:1ana", Name: "Ana", AADObjectID: ana}, Text: "<at>Ana</at>"},
			{Type: "mention", Mentioned: &ChannelAccount{ID: "29:1bo", Name: "Bo", AADObjectID: bo}, Text: "<at>Bo</at>"},
			{Type: "mention", Mentioned: &ChannelAccount{ID: "19:team@thread.tacv2", Name: "Sales team"}, Text: "<at>Sales team</at>"},
		},
	}
	if got, want := b.commandLine(a), "pool add "+ana+" weight=2 "+bo; got != want {
		t.Errorf("commandLine = %q, want %q", got, want)
	}
}
