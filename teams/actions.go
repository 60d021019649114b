package teams

// The data that the bot's cards put on their actions, read back when Teams
// delivers the click (adaptiveCard/action, task/fetch, task/submit).
const (
	// VerbAccept is the verb of a lead card's Accept (Action.Execute, data
	// ActionData with LeadID).
	VerbAccept = "accept"
	// VerbReassign is the Reassign of a lead card's "Reassign…" (an
	// Action.Execute, data ActionData with LeadID and the chosen rep under
	// InputReassignTo).
	VerbReassign = "reassign"
	// InputReassignTo is the ID of the "Reassign…" choice of reps.
	InputReassignTo = "reassignTo"
	// ActionReject is a lead card's Reject: an Action.Submit with
	// msteams.type "task/fetch" that opens the reason dialog.
	ActionReject = "reject"
	// ActionRejectSubmit is the reason dialog's submit.
	ActionRejectSubmit = "reject_submit"
	// ActionLeadForm is the manual lead dialog's submit.
	ActionLeadForm = "lead_submit"
	// ActionInsightForm is the insight dialog's submit.
	ActionInsightForm = "insight_submit"
	// ActionAgreementSubmit is the agreement dialog's submit.
	ActionAgreementSubmit = "agreement_submit"
	// CommandSaveInsight is the message action "Save as persona insight".
	CommandSaveInsight = "save_insight"
)

// ActionData is the data a card action carries. Inputs of a form arrive
// beside it in the same object, under their input IDs.
type ActionData struct {
	Action  string         `json:"action,omitempty"`
	LeadID  int64          `json:"leadId,omitempty,string"`
	Msteams *MsteamsAction `json:"msteams,omitempty"`
	// Channel is where a dialog was opened from (the lead form's channel).
	Channel string `json:"channel,omitempty"`
	// Link is the message an insight was saved from.
	Link string `json:"link,omitempty"`
	// Prefill is the persona an insight dialog opens with.
	Prefill string `json:"prefill,omitempty"`
	// Value is the value of a reply's button that opens a dialog (the
	// agreement's Edit), kept by the dialog for its submit.
	Value string `json:"value,omitempty"`
}

// MsteamsAction makes an Action.Submit open a dialog.
type MsteamsAction struct {
	Type string `json:"type"` // "task/fetch"
}
