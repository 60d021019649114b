// Package importer reads MQLs from CSV files. It owns the mapping of a
// file's header onto lead fields, the streaming of its rows in constant
// memory, and the import itself: rows validated one by one, then handed to
// the TakeLeads use case in batches, with a summary of what was stored,
// what was a duplicate and what was refused, by line.
package importer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/storage"
)

// Options say how to import.
type Options struct {
	// DryRun reads, maps and validates everything and reports what would
	// be stored, writing nothing.
	DryRun bool
	// Announce posts each new lead to the sales channel; without it the
	// leads are stored quietly, as a historical backfill should be.
	Announce bool
	// Progress, if set, receives the progress: a bar when it is a
	// terminal, else a line every 100,000 rows.
	Progress io.Writer
	// BatchSize is the number of rows stored per transaction; zero means
	// handlers.MaxBatch.
	BatchSize int
}

// Importer imports CSV files of leads.
type Importer struct {
	svc *handlers.Service
	db  *storage.DB
}

// New builds an Importer that stores through svc and looks duplicates up in
// db for dry runs.
func New(svc *handlers.Service, db *storage.DB) *Importer {
	return &Importer{svc: svc, db: db}
}

// File imports the CSV file at path. See Import.
func (im *Importer) File(ctx context.Context, path string, opts Options) (*Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return im.Import(ctx, f, size, opts)
}

// Import reads leads from r (size bytes, or -1 when unknown) and stores
// them. A file whose header cannot be mapped is refused whole, with a
// *HeaderError. Rows that are invalid or cannot be parsed are refused one by
// one and the rest stored; rows whose external_id is stored already, or
// repeats an earlier row's, are duplicates and change nothing. An error
// after the header comes with the summary of the rows handled before it.
func (im *Importer) Import(ctx context.Context, r io.Reader, size int64, opts Options) (*Summary, error) {
	batchSize := opts.BatchSize
	if batchSize <= 0 || batchSize > handlers.MaxBatch {
		batchSize = handlers.MaxBatch
	}
	prog := newProgress(opts.Progress, size, opts.DryRun)
	rd, err := NewReader(&countingReader{r: r, add: prog.addBytes})
	if err != nil {
		prog.abandon()
		return nil, err
	}
	s := &Summary{DryRun: opts.DryRun, Announce: opts.Announce, Columns: rd.Columns()}
	b := &batch{im: im, s: s, opts: opts, leads: make([]armistice.Lead, 0, batchSize), lines: make([]int, 0, batchSize)}
	if opts.DryRun {
		b.seen = map[uint64]struct{}{}
		b.seed = maphash.MakeSeed()
	}
	err = func() error {
		for {
			row, err := rd.Next()
			if errors.Is(err, io.EOF) {
				return b.flush(ctx)
			}
			if err != nil {
				return err
			}
			s.Read++
			prog.row(s.Read)
			if s.Read%handlers.MaxBatch == 0 && ctx.Err() != nil {
				return fmt.Errorf("stopped at line %d: %w", row.Line, ctx.Err())
			}
			if len(row.Problems) > 0 {
				s.refuse(row.Line, row.Problems)
				continue
			}
			b.leads = append(b.leads, row.Lead)
			b.lines = append(b.lines, row.Line)
			if len(b.leads) == batchSize {
				if err := b.flush(ctx); err != nil {
					return err
				}
			}
		}
	}()
	s.Blank = rd.Blank()
	prog.finish(err != nil)
	return s, err
}

// batch collects valid leads until they are stored together.
type batch struct {
	im    *Importer
	s     *Summary
	opts  Options
	leads []armistice.Lead
	lines []int
	// For a dry run: hashes of the external IDs met so far, so that a row
	// repeating an earlier one is a duplicate as it would be when stored
	// (8 bytes a row rather than the IDs themselves).
	seen map[uint64]struct{}
	seed maphash.Seed
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.leads) == 0 {
		return ctx.Err()
	}
	defer func() { b.leads, b.lines = b.leads[:0], b.lines[:0] }()
	if b.opts.DryRun {
		return b.check(ctx)
	}
	res, err := b.im.svc.TakeLeads(ctx, b.leads, handlers.TakeOptions{Actor: "import", Quiet: !b.opts.Announce})
	if err != nil {
		return fmt.Errorf("stopped at line %d: %w; the rows before it are stored, and running the import again is safe (stored rows count as duplicates)", b.lines[0], err)
	}
	for i, r := range res {
		if r.Duplicate {
			b.s.duplicate(b.lines[i])
		} else {
			b.s.Stored++
		}
	}
	return nil
}

// check counts what storing the batch would come to, writing nothing.
func (b *batch) check(ctx context.Context) error {
	ids := make([]string, len(b.leads))
	for i, l := range b.leads {
		ids[i] = l.ExternalID
	}
	stored, err := b.im.db.ExistingExternalIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("stopped at line %d: %w", b.lines[0], err)
	}
	for i, id := range ids {
		h := maphash.String(b.seed, id)
		if _, seen := b.seen[h]; seen || stored[id] {
			b.s.duplicate(b.lines[i])
		} else {
			b.s.Stored++
		}
		b.seen[h] = struct{}{}
	}
	return nil
}
