package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/armistice/armistice/importer"
)

const importUsage = `Usage: armistice import [--dry-run] [--announce] FILE.csv

Stores the MQLs of a CSV file (',' or ';' delimited, with a header line),
prints a summary of the rows stored, duplicate and refused (with line
numbers), and exits 0 even when rows were refused.`

// importCSV imports a CSV file of MQLs.
func (a *App) importCSV(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	dryRun := fs.Bool("dry-run", false, "read, map and validate the file and report what would be stored, storing nothing")
	announce := fs.Bool("announce", false, "post each new lead to the sales channel (by default an import is stored quietly)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), importUsage)
		fmt.Fprintln(fs.Output(), "\nOptions:")
		fs.PrintDefaults()
	}
	// Flags may come before or after the file name.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return errors.New("import: bad arguments")
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if len(files) != 1 {
		fs.Usage()
		return errors.New("import: name one CSV file")
	}

	svc, db, err := a.openOffline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	sum, err := importer.New(svc, db).File(ctx, files[0], importer.Options{DryRun: *dryRun, Announce: *announce, Progress: a.Stderr})
	if sum != nil {
		if werr := sum.Write(a.Stdout); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", files[0], err)
	}
	return nil
}
