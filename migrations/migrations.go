// Package migrations holds the numbered SQL migrations of Armistice's schema,
// embedded into the binary and applied by goose. A released file is never
// edited: a change is a new file.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
