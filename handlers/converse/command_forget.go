package converse

import (
	"context"
	"strings"
)

// forget answers `forget EMAIL|EXTERNAL_ID` (admins, checked by the use
// case): the personal data of the leads with the email address, or of
// the lead with the external ID, erased, and what was erased told to the
// caller alone.
func (c *Conversation) forget(ctx context.Context, call Call, args []string) Reply {
	if len(args) != 1 {
		return Text(T("Say whose personal data to erase, by email address or external ID, as in "), call.usage("forget ana@example.com"), T(" or "), call.usage("forget hs-123"), T("."))
	}
	erasure, err := c.svc.Forget(ctx, call.User, args[0])
	if err != nil {
		return c.refused(call, err)
	}
	blocks := []Block{P(T("Matched by "+erasure.MatchedBy()+" "), C(erasure.Key), T("."))}
	for _, e := range erasure.Leads {
		blocks = append(blocks, P(T("Erased the personal data of lead "), C(e.ExternalID),
			T(" (received "+e.ReceivedAt.In(c.svc.Location()).Format("2 Jan 2006")+"): "+strings.Join(fieldNames(e.Fields), ", ")+".")))
	}
	blocks = append(blocks, P(T("Kept, so that the counts stay right: status, source, score, persona, segment, region, country, company, dates, and the decision with its reason. Its card and the messages about it are being redrawn to show “erased”.")))
	return Reply{Blocks: blocks, Private: true}
}

// fieldNames names lead fields for people.
func fieldNames(fields []string) []string {
	names := map[string]string{"email": "email", "name": "name", "title": "title", "phone": "phone", "notes": "notes",
		"crm_url": "CRM link", "comment": "rejection comment", "fields": "custom fields", "external_id": "external ID (an email address)"}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if n, ok := names[f]; ok {
			out = append(out, n)
		} else {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{"nothing was left to erase"}
	}
	return out
}
