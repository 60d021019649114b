package storage

import (
	"strings"
	"testing"
)

// The statement for new leads is the intake statement without its
// passing over stored leads, and nothing else changed.
func TestTheStatementForNewLeadsDiffersByItsConflictClauseAlone(t *testing.T) {
	const clause = "\n    ON CONFLICT (external_id) DO NOTHING"
	if !strings.Contains(insertLeadsSQL, clause) || strings.Contains(insertNewLeadsSQL, "ON CONFLICT (external_id)") {
		t.Fatalf("the clause %q is not where it should be:\n%s", clause, insertNewLeadsSQL)
	}
	if strings.Replace(insertLeadsSQL, clause, "", 1) != insertNewLeadsSQL {
		t.Fatalf("the statements differ by more than %q", clause)
	}
}
