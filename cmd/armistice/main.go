// Command armistice runs the Armistice bot and its tools: serve (the
// default), migrate, import, forget, manifest, teams-manifest and version.
// This file and its siblings only read the command line and the environment
// and wire the packages together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // time zones without the system's database, as in the container image

	"github.com/armistice/armistice/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	limitMemory(os.Getenv)
	app := &App{Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}
	if err := app.Run(ctx, os.Args[1:]); err != nil {
		var problems config.Problems
		if errors.As(err, &problems) {
			for _, p := range problems {
				fmt.Fprintf(os.Stderr, "armistice: %s\n", p)
			}
		} else {
			fmt.Fprintf(os.Stderr, "armistice: %v\n", err)
		}
		os.Exit(1)
	}
}

// App is one run of the command, with its environment injected so that tests
// drive it in-process.
type App struct {
	Getenv func(string) string
	Stdout io.Writer
	Stderr io.Writer
	// OnListen, if set, is called with the HTTP address once serve listens.
	OnListen func(addr string)
	// Now is the clock of leads, decisions and the SLA; nil is time.Now.
	Now func() time.Time
	// Listen, if set, opens serve's listeners in place of net.Listen on TCP.
	Listen func(addr string) (net.Listener, error)
}

// listen opens a listener on addr.
func (a *App) listen(addr string) (net.Listener, error) {
	if a.Listen != nil {
		return a.Listen(addr)
	}
	return net.Listen("tcp", addr)
}

// terminal is Stderr when it is a terminal, else nil.
func (a *App) terminal() io.Writer {
	if isTerminal(a.Stderr) {
		return a.Stderr
	}
	return nil
}

const usage = `Usage: armistice [command]

Commands:
  serve           run the bot, the intake API and the jobs (the default)
  migrate         apply the database migrations and exit
  import          store the MQLs of a CSV file: import [--dry-run] [--announce] FILE.csv
  forget          erase the personal data of leads by email address or external ID: forget EMAIL|EXTERNAL_ID
  scorecard       write a month's scorecard as CSV: scorecard --month YYYY-MM
  manifest        print the Slack app manifest
  teams-manifest  write the Teams app package: teams-manifest -privacy-url URL -terms-url URL [-o FILE] [-domain HOST]
  version         print the version

Configuration comes from the environment; see the README.`

// Run runs the command named by args[0] (serve when there is none).
func (a *App) Run(ctx context.Context, args []string) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return a.serve(ctx)
	case "migrate":
		return a.migrate(ctx)
	case "import":
		return a.importCSV(ctx, args)
	case "forget":
		return a.forget(ctx, args)
	case "scorecard":
		return a.scorecard(ctx, args)
	case "manifest":
		return a.manifest()
	case "teams-manifest":
		return a.teamsManifest(args)
	case "version", "--version", "-v":
		fmt.Fprintln(a.Stdout, versionString())
		return nil
	case "help", "--help", "-h":
		fmt.Fprintln(a.Stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}
