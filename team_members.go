package armistice

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var slackUserGroupID = regexp.MustCompile(`^S[A-Z0-9]{2,20}$`)

// TeamMembers are who make up the sales or the marketing team when the
// operator names them (ARMISTICE_SALES_TEAM, ARMISTICE_MARKETING_TEAM)
// instead of leaving it to whoever is in the team's channel: Slack user
// groups, whose members are read from Slack, and users by ID (Slack U…/W…,
// Teams Entra object IDs). The zero value names nobody: the channel decides.
type TeamMembers struct {
	Groups []string // Slack user group IDs (S…)
	Users  []string // user IDs
}

// IsSet tells whether the team is named at all.
func (t TeamMembers) IsSet() bool { return len(t.Groups) > 0 || len(t.Users) > 0 }

// HasUser tells whether user is named by ID. Entra object IDs are compared
// without regard to case, as Entra writes them either way.
func (t TeamMembers) HasUser(user string) bool {
	return slices.ContainsFunc(t.Users, func(u string) bool { return strings.EqualFold(u, user) })
}

// ParseTeamMembers reads a comma-separated list of Slack user group IDs
// (S…) and user IDs (Slack U… or W…, Teams Entra object IDs). Blank entries
// are skipped; the first malformed one is named in the error.
func ParseTeamMembers(v string) (TeamMembers, error) {
	var t TeamMembers
	for entry := range strings.SplitSeq(v, ",") {
		entry = strings.TrimSpace(entry)
		switch {
		case entry == "":
		case slackUserGroupID.MatchString(entry):
			if !slices.Contains(t.Groups, entry) {
				t.Groups = append(t.Groups, entry)
			}
		default:
			if _, ok := UserPlatform(entry); !ok {
				return TeamMembers{}, fmt.Errorf("%q is neither a Slack user group ID (S0123ABCD) nor a user ID (a Slack ID such as U0123ABCD, or an Entra object ID)", entry)
			}
			if !t.HasUser(entry) {
				t.Users = append(t.Users, entry)
			}
		}
	}
	return t, nil
}
