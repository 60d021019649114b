package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/teams"
)

const teamsManifestUsage = `Usage: armistice teams-manifest -privacy-url URL -terms-url URL [-o FILE] [-domain HOST] [-website URL] [-app-version X.Y.Z]

Writes the Teams app package (manifest.json and the two icons, zipped) for
the bot whose App ID is TEAMS_APP_ID, to upload in Teams (Apps > Manage your
apps > Upload an app) or in the Teams admin center (Manage apps > Upload new
app). Needs neither the database nor the other settings.`

// appVersionPattern is the form of a Teams app version.
var appVersionPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

// teamsManifest writes the Teams app package.
func (a *App) teamsManifest(args []string) error {
	fs := flag.NewFlagSet("teams-manifest", flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	out := fs.String("o", "armistice-teams.zip", "the package to write")
	domain := fs.String("domain", "", "the public host name Teams reaches the bot at, listed as the app's valid domain")
	website := fs.String("website", "", "the developer website shown in Teams (default https://HOST with -domain)")
	privacy := fs.String("privacy-url", "", "the https page of your privacy statement, which Teams requires (the bot serves none)")
	terms := fs.String("terms-url", "", "the https page of your terms of use, which Teams requires (the bot serves none)")
	appVersion := fs.String("app-version", "", "the app's version in Teams, raised for each update (default: this build's version, else 1.0.0)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), teamsManifestUsage)
		fmt.Fprintln(fs.Output(), "\nOptions:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errors.New("teams-manifest: bad arguments")
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("teams-manifest: unexpected argument %q", fs.Arg(0))
	}

	// Only TEAMS_APP_ID is read, checked as the configuration checks it: the
	// package is made before the channels it will serve are known.
	appID := strings.TrimSpace(a.Getenv("TEAMS_APP_ID"))
	if appID == "" {
		return config.Problem{Var: "TEAMS_APP_ID", Reason: "not set: the Application (client) ID of the bot's Entra app registration"}
	}
	if p, ok := armistice.UserPlatform(appID); !ok || p != armistice.Teams {
		return config.Problem{Var: "TEAMS_APP_ID", Reason: fmt.Sprintf("%q is not a GUID such as 00000000-0000-0000-0000-000000000000", appID)}
	}
	v := *appVersion
	if v == "" {
		v = version
	} else if !appVersionPattern.MatchString(v) {
		return fmt.Errorf("teams-manifest: -app-version %q is not MAJOR.MINOR.PATCH such as 1.4.2", v)
	}

	if strings.TrimSpace(*privacy) == "" || strings.TrimSpace(*terms) == "" {
		return errors.New("teams-manifest: -privacy-url and -terms-url are required: the https pages of your privacy statement and terms of use, which Teams links from the app's details")
	}

	var pkg bytes.Buffer
	if err := teams.AppPackage(&pkg, teams.ManifestOptions{AppID: appID, Version: v, Domain: *domain, WebsiteURL: *website, PrivacyURL: *privacy, TermsURL: *terms}); err != nil {
		return err
	}
	if err := os.WriteFile(*out, pkg.Bytes(), 0o644); err != nil {
		return fmt.Errorf("teams-manifest: %w", err)
	}
	fmt.Fprintf(a.Stdout, "wrote %s: upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center\n", *out)
	return nil
}
