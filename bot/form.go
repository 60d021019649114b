package bot

import (
	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers/converse"
)

// formView draws a form as a modal: each field an input block whose block
// and action IDs are the field's ID, so that the errors of a submission
// (response_action "errors") land on the right input. callback names the
// form when it is submitted; state travels in its private_metadata.
func formView(f converse.FormSpec, callback, state string) slack.ModalViewRequest {
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	var blocks []slack.Block
	if f.Intro != nil {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(mrkdwnSpans(f.Intro)), nil, nil))
	}
	for _, fd := range f.Fields {
		var el slack.BlockElement
		var hint *slack.TextBlockObject
		if fd.Kind == converse.ChoiceField {
			options := make([]*slack.OptionBlockObject, len(fd.Choices))
			var initial *slack.OptionBlockObject
			for i, c := range fd.Choices {
				options[i] = slack.NewOptionBlockObject(c.Value, plain(c.Label), nil)
				if c.Value == fd.Value {
					initial = options[i]
				}
			}
			picker := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(fd.Hint), fd.ID, options...)
			picker.InitialOption = initial
			el = picker
		} else {
			in := slack.NewPlainTextInputBlockElement(nil, fd.ID)
			in.Multiline = fd.Kind == converse.LongTextField
			in.InitialValue = fd.Value
			in.MaxLength = fd.MaxLength
			el = in
			if fd.Hint != "" {
				hint = plain(fd.Hint)
			}
		}
		input := slack.NewInputBlock(fd.ID, plain(fd.Label), hint, el)
		input.Optional = !fd.Required
		blocks = append(blocks, input)
	}
	if f.Note != "" {
		blocks = append(blocks, slack.NewContextBlock("", plain(f.Note)))
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callback,
		Title:           plain(f.Title),
		Submit:          plain(f.Submit),
		Close:           plain("Cancel"),
		PrivateMetadata: state,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}
