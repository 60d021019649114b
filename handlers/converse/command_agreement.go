package converse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
)

// AgreementChoice is what the agreement's buttons and its form carry: the
// month and the version they are about.
type AgreementChoice struct {
	Month   string `json:"month"`
	Version int    `json:"version"`
}

// agreement answers `agreement [YYYY-MM]` (the month's agreement with its
// versions) and `agreement propose [YYYY-MM]` (admins: propose it now).
func (c *Conversation) agreement(ctx context.Context, call Call, args []string) Reply {
	if strings.EqualFold(argAt(args, 0), "propose") {
		a, err := c.svc.ProposeAgreement(ctx, call.User, argAt(args, 1))
		if err != nil {
			return c.refused(call, err)
		}
		return Text(T(fmt.Sprintf("The agreement for %s (version %d) is proposed to both teams' channels, to sign.", a.Month, a.Version)))
	}
	m, versions, err := c.svc.Agreement(ctx, argAt(args, 0))
	if err != nil {
		return c.failed(err)
	}
	if len(versions) == 0 {
		return Text(T(fmt.Sprintf("Nothing is proposed for %s yet. Admins propose the agreement with ", m)), call.usage("agreement propose"), T("."))
	}
	blocks := AgreementBlocks(versions[0])
	if len(versions) > 1 {
		var earlier List
		for _, v := range versions[1:] {
			by := U(v.ProposedBy)
			if v.ProposedBy == armistice.ProposedByReview {
				by = T("the monthly review")
			}
			earlier = append(earlier, P(T(fmt.Sprintf("version %d, proposed by ", v.Version)), by, T(" "+v.ProposedAt.In(c.svc.Location()).Format("2 Jan 15:04")+signedBy(v))))
		}
		blocks = append(blocks, P(B("Earlier versions")), earlier)
	}
	if !versions[0].Signed() {
		blocks = append(blocks, AgreementButtons(versions[0]))
	}
	return Reply{Blocks: blocks}
}

// signedBy says who signed an earlier version, if anyone.
func signedBy(a armistice.Agreement) string {
	var s []string
	if a.Marketing.By != "" {
		s = append(s, "marketing")
	}
	if a.Sales.By != "" {
		s = append(s, "sales")
	}
	if len(s) == 0 {
		return ""
	}
	return "; signed for " + strings.Join(s, " and ")
}

// AgreementBlocks are a version of the agreement: each team's commitments,
// the shared goals, the MQL bar, the SLA, the scorecard's weights and the
// signatures. The agreement command and the posts to the channels show
// them.
func AgreementBlocks(a armistice.Agreement) []Block {
	blocks := []Block{P(B(fmt.Sprintf("Agreement for %s", a.Month)), T(fmt.Sprintf(" — version %d", a.Version)))}
	for _, t := range agreementTeams {
		var lines List
		for _, m := range armistice.Metrics {
			if v, ok := a.Goals[m.Metric]; ok && m.Team == t.team {
				lines = append(lines, P(T(m.Label+": "), B(armistice.FormatMetric(m, v))))
			}
		}
		if len(lines) > 0 {
			blocks = append(blocks, P(B(t.title)), lines)
		}
	}
	bar := "none: every lead counts"
	if a.HasBar() {
		var parts []string
		if a.MQLMinScore > 0 {
			parts = append(parts, fmt.Sprintf("score at least %d", a.MQLMinScore))
		}
		if len(a.MQLRequired) > 0 {
			parts = append(parts, "with "+strings.Join(a.MQLRequired, ", "))
		}
		bar = strings.Join(parts, ", ")
	}
	blocks = append(blocks, P(B("Terms")), List{
		P(T("MQL bar: "), B(bar)),
		P(T("Follow-up window (SLA): "), B(armistice.FormatDuration(a.SLA)), T(" of business time")),
		P(T("Scorecard: "), B(fmt.Sprintf("%d%% shared goals, %d%% own commitments", a.SharedWeight, 100-a.SharedWeight))),
	})
	sign := func(team string, s armistice.AgreementSignature) Paragraph {
		if s.By == "" {
			return P(T("Not signed yet for " + team + "."))
		}
		return P(T("Signed for "+team+" by "), U(s.By), T(" on "+s.At.UTC().Format("2 Jan 2006 15:04 MST")+"."))
	}
	return append(blocks, List{sign("marketing", a.Marketing), sign("sales", a.Sales)})
}

// AgreementButtons are Sign for marketing, Sign for sales and Edit, for a
// version not yet signed by both.
func AgreementButtons(a armistice.Agreement) Buttons {
	value, _ := json.Marshal(AgreementChoice{Month: a.Month.String(), Version: a.Version})
	var b Buttons
	if a.Marketing.By == "" {
		b = append(b, Button{Label: "Sign for marketing", Action: ActionSignMarketing, Value: string(value), Primary: true})
	}
	if a.Sales.By == "" {
		b = append(b, Button{Label: "Sign for sales", Action: ActionSignSales, Value: string(value), Primary: true})
	}
	return append(b, Button{Label: "Edit", Action: ActionEditAgreement, Value: string(value), Opens: true})
}

// AgreementNews is an agreement as posted to the teams' channels: to
// sign, or signed by both ("signed by A for marketing and B for sales").
func AgreementNews(a armistice.Agreement) Reply {
	if a.Signed() {
		return Reply{Blocks: append([]Block{
			P(T(fmt.Sprintf("🤝 The agreement for %s is signed by ", a.Month)), U(a.Marketing.By), T(" for marketing and "), U(a.Sales.By), T(" for sales: its goals are in effect.")),
		}, AgreementBlocks(a)...)}
	}
	intro := P(T(fmt.Sprintf("📝 The agreement for %s is proposed. Both teams sign the same numbers: an edit clears a signature.", a.Month)))
	return Reply{Blocks: append(append([]Block{intro}, AgreementBlocks(a)...), AgreementButtons(a))}
}

// readChoice reads a button's or a form's AgreementChoice.
func readChoice(value string) (armistice.Month, int, bool) {
	var ch AgreementChoice
	if err := json.Unmarshal([]byte(value), &ch); err != nil {
		return armistice.Month{}, 0, false
	}
	m, err := armistice.ParseMonth(ch.Month)
	return m, ch.Version, err == nil && ch.Version > 0
}

// SignAgreement signs for team when its signer presses Sign for marketing
// or Sign for sales; the answer is the clicker's alone.
func (c *Conversation) SignAgreement(ctx context.Context, call Call, team armistice.Team, value string) Reply {
	m, version, ok := readChoice(value)
	if !ok {
		return Reply{Private: true, Blocks: Text(T("This button is out of date; run the command again.")).Blocks}
	}
	a, err := c.svc.SignAgreement(ctx, call.User, m, version, team)
	if err != nil {
		r := c.failed(err)
		if armistice.ErrorCode(err) == armistice.EUNAUTHORIZED {
			r = Text(append([]Span{T(c.Message(err) + " ")}, signerSpans(c.svc.Signers(team))...)...)
		}
		r.Private = true
		return r
	}
	r := Text(T(fmt.Sprintf("You signed the agreement for %s (version %d) for %s.", a.Month, a.Version, team)))
	if !a.Signed() {
		r = Text(T(fmt.Sprintf("You signed the agreement for %s (version %d) for %s; it takes effect once the other team signs.", a.Month, a.Version, team)))
	}
	r.Private = true
	return r
}

// signerSpans names who may sign.
func signerSpans(ids []string) []Span {
	if len(ids) == 0 {
		return []Span{T("No signers are set: the operator names them in ARMISTICE_MARKETING_LEADS and ARMISTICE_SALES_LEADS.")}
	}
	spans := []Span{T("They are ")}
	for i, id := range ids {
		if i > 0 {
			spans = append(spans, T(", "))
		}
		spans = append(spans, U(id))
	}
	return append(spans, T("."))
}

// agreementFields are the edit form's inputs, in the order it shows them.
func agreementFields(values map[string]string) []Field {
	var fields []Field
	for _, m := range armistice.Metrics {
		hint := "A count, e.g. 200 or 12k; empty for no goal"
		if m.Rate {
			hint = "A percentage, e.g. 45%; empty for no goal"
		}
		fields = append(fields, Field{ID: string(m.Metric), Label: fmt.Sprintf("%s (%s)", m.Label, m.Team), Hint: hint, MaxLength: 20, Value: values[string(m.Metric)]})
	}
	return append(fields,
		Field{ID: "mql_min_score", Label: "MQL bar: minimum score", Hint: "0–100; empty for none", MaxLength: 3, Value: values["mql_min_score"]},
		Field{ID: "mql_required", Label: "MQL bar: required fields", Hint: strings.Join(armistice.MQLFields, ", "), MaxLength: 200, Value: values["mql_required"]},
		Field{ID: "sla", Label: "Follow-up window (SLA)", Hint: "e.g. 4h", Required: true, MaxLength: 10, Value: values["sla"]},
		Field{ID: "shared_weight", Label: "Scorecard: % from shared goals", Hint: "0–100; the rest is each team's own", Required: true, MaxLength: 4, Value: values["shared_weight"]},
	)
}

// AgreementForm is the form to edit a version of the agreement, filled in
// with its terms (or what was typed, values, with the server's errors);
// where the caller may not edit it, ok is false and none says why.
func (c *Conversation) AgreementForm(ctx context.Context, call Call, value string, values, errs map[string]string) (f FormSpec, none Reply, ok bool) {
	m, version, valid := readChoice(value)
	if !valid {
		return f, Text(T("This button is out of date; run the command again.")), false
	}
	a, err := c.svc.AgreementToEdit(ctx, call.User, m, version)
	if err != nil {
		return f, c.failed(err), false
	}
	if values == nil {
		values = armistice.AgreementValues(a)
	}
	return FormSpec{Name: FormAgreement, Title: "Edit the agreement", Submit: "Propose", Errors: errs, Fields: agreementFields(values),
		Intro: P(T(fmt.Sprintf("The agreement for %s, version %d. Your edit is a new version that both teams sign again.", a.Month, a.Version)))}, Reply{}, true
}

// SubmitAgreement proposes the edited agreement; bad terms come back as
// errors by field, to show on the form again.
func (c *Conversation) SubmitAgreement(ctx context.Context, call Call, value string, values map[string]string) (fieldErrors map[string]string, r Reply) {
	m, version, valid := readChoice(value)
	if !valid {
		return nil, Text(T("This form is out of date; open it again."))
	}
	a, err := c.svc.EditAgreement(ctx, call.User, m, version, values)
	if e, isErr := errors.AsType[*armistice.Error](err); isErr && e.Code == armistice.EINVALID && len(e.Fields) > 0 {
		return e.Fields, Reply{}
	}
	if err != nil {
		return nil, Text(T("Your edit was not saved: " + c.Message(err)))
	}
	return nil, Text(T(fmt.Sprintf("Version %d of the agreement for %s is proposed to both teams, to sign.", a.Version, a.Month)))
}
