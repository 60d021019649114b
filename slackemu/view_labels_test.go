package slackemu

import (
	"testing"

	"github.com/slack-go/slack"
)

func TestViewLabelsReadTheSubmitAndCloseButtonsOfAnOpenView(t *testing.T) {
	e := newEnv(t, Config{})
	ctx := ctxTimeout(t, 5*e.emu.cfg.AckTimeout)
	resp, err := e.api.OpenViewContext(ctx, e.issueTrigger("UALICE"), slack.ModalViewRequest{
		Type:   slack.VTModal,
		Title:  slack.NewTextBlockObject(slack.PlainTextType, "Reject lead", false, false),
		Submit: slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false),
		Close:  slack.NewTextBlockObject(slack.PlainTextType, "Never mind", false, false),
	})
	if err != nil {
		t.Fatal(err)
	}
	submit, closeText, ok := e.emu.ViewLabels(resp.ID)
	if !ok || submit != "Reject" || closeText != "Never mind" {
		t.Errorf("ViewLabels = %q, %q, %v; want Reject, Never mind, true", submit, closeText, ok)
	}

	bare, err := e.api.OpenViewContext(ctx, e.issueTrigger("UBOB"), slack.ModalViewRequest{
		Type:  slack.VTModal,
		Title: slack.NewTextBlockObject(slack.PlainTextType, "Lead history", false, false),
	})
	if err != nil {
		t.Fatal(err)
	}
	if submit, closeText, ok := e.emu.ViewLabels(bare.ID); !ok || submit != "" || closeText != "" {
		t.Errorf("ViewLabels of a view without buttons = %q, %q, %v", submit, closeText, ok)
	}
	if _, _, ok := e.emu.ViewLabels("VNOSUCH"); ok {
		t.Error("ViewLabels of an unknown view: ok")
	}
}
