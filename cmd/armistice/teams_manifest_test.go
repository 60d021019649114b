package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const teamsManifestAppID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

// teamsLegalFlags name the deployment's privacy statement and terms of use.
var teamsLegalFlags = []string{"-privacy-url", "https://example.com/legal/privacy", "-terms-url", "https://example.com/legal/terms"}

// teamsManifestEnv is an environment holding only the given variables.
func teamsManifestEnv(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestTeamsManifestWritesThePackageToO(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "pkg.zip")
	var stdout, stderr bytes.Buffer
	// Only TEAMS_APP_ID: no database, no channels, no other Teams credential.
	app := &App{Getenv: teamsManifestEnv(map[string]string{"TEAMS_APP_ID": teamsManifestAppID}), Stdout: &stdout, Stderr: &stderr}
	if err := app.Run(context.Background(), append([]string{"teams-manifest", "-o", out, "-domain", "bot.example.com"}, teamsLegalFlags...)); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), out) {
		t.Errorf("stdout %q does not name the package", stdout.String())
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("%s is not a zip: %v", out, err)
	}
	defer zr.Close()
	names := map[string]bool{}
	var manifest struct {
		ID           string   `json:"id"`
		ValidDomains []string `json:"validDomains"`
		Developer    struct {
			PrivacyURL    string `json:"privacyUrl"`
			TermsOfUseURL string `json:"termsOfUseUrl"`
		} `json:"developer"`
		Bots []struct {
			BotID string `json:"botId"`
		} `json:"bots"`
	}
	for _, f := range zr.File {
		names[f.Name] = true
		if f.Name != "manifest.json" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(rc).Decode(&manifest)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"manifest.json", "color.png", "outline.png"} {
		if !names[name] {
			t.Errorf("%s missing from the package", name)
		}
	}
	if manifest.ID != teamsManifestAppID || len(manifest.Bots) != 1 || manifest.Bots[0].BotID != teamsManifestAppID {
		t.Errorf("manifest id %q, bots %+v: want the app ID", manifest.ID, manifest.Bots)
	}
	if len(manifest.ValidDomains) != 1 || manifest.ValidDomains[0] != "bot.example.com" {
		t.Errorf("validDomains = %v", manifest.ValidDomains)
	}
	if d := manifest.Developer; d.PrivacyURL != "https://example.com/legal/privacy" || d.TermsOfUseURL != "https://example.com/legal/terms" {
		t.Errorf("developer privacy and terms URLs = %+v, want the flags'", d)
	}
}

func TestTeamsManifestNeedsThePrivacyAndTermsURLs(t *testing.T) {
	t.Parallel()
	for name, args := range map[string][]string{
		"neither":      {"-domain", "bot.example.com"},
		"privacy only": {"-privacy-url", "https://example.com/legal/privacy"},
		"terms only":   {"-terms-url", "https://example.com/legal/terms"},
	} {
		out := filepath.Join(t.TempDir(), "pkg.zip")
		var buf bytes.Buffer
		app := &App{Getenv: teamsManifestEnv(map[string]string{"TEAMS_APP_ID": teamsManifestAppID}), Stdout: &buf, Stderr: &buf}
		err := app.Run(context.Background(), append([]string{"teams-manifest", "-o", out}, args...))
		if err == nil || !strings.Contains(err.Error(), "-privacy-url") || !strings.Contains(err.Error(), "-terms-url") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q, want one line naming -privacy-url and -terms-url", name, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: a package was written", name)
		}
	}
}

func TestTeamsManifestDefaultFileName(t *testing.T) { // not parallel: it changes the working directory
	dir := t.TempDir()
	t.Chdir(dir)
	var buf bytes.Buffer
	app := &App{Getenv: teamsManifestEnv(map[string]string{"TEAMS_APP_ID": teamsManifestAppID}), Stdout: &buf, Stderr: &buf}
	if err := app.Run(context.Background(), append([]string{"teams-manifest"}, teamsLegalFlags...)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "armistice-teams.zip")); err != nil {
		t.Error(err)
	}
}

func TestTeamsManifestNeedsAValidTeamsAppID(t *testing.T) {
	t.Parallel()
	for name, env := range map[string]map[string]string{
		"unset":      {"TEAMS_APP_PASSWORD": "secret", "TEAMS_TENANT_ID": teamsManifestAppID},
		"not a GUID": {"TEAMS_APP_ID": "armistice"},
	} {
		out := filepath.Join(t.TempDir(), "pkg.zip")
		var buf bytes.Buffer
		app := &App{Getenv: teamsManifestEnv(env), Stdout: &buf, Stderr: &buf}
		err := app.Run(context.Background(), []string{"teams-manifest", "-o", out})
		if err == nil || !strings.HasPrefix(err.Error(), "TEAMS_APP_ID: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q, want one line naming TEAMS_APP_ID", name, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: a package was written", name)
		}
	}
}

func TestTeamsManifestRefusesABadAppVersion(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "pkg.zip")
	var buf bytes.Buffer
	app := &App{Getenv: teamsManifestEnv(map[string]string{"TEAMS_APP_ID": teamsManifestAppID}), Stdout: &buf, Stderr: &buf}
	if err := app.Run(context.Background(), append([]string{"teams-manifest", "-o", out, "-app-version", "2.0"}, teamsLegalFlags...)); err == nil {
		t.Error("-app-version 2.0 was taken")
	}
	if err := app.Run(context.Background(), append([]string{"teams-manifest", "-o", out, "-app-version", "2.0.1"}, teamsLegalFlags...)); err != nil {
		t.Error(err)
	}
}
