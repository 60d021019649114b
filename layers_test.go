package armistice_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/armistice/armistice"

// deps lists the packages pkg imports, directly or not, as `go list -deps`
// gives them (its test files left out).
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

// forbidden returns the dependencies of pkg that start with one of the
// given prefixes.
func forbidden(t *testing.T, pkg string, prefixes ...string) []string {
	var found []string
	for _, d := range deps(t, pkg) {
		for _, p := range prefixes {
			if d == p || strings.HasPrefix(d, p+"/") {
				found = append(found, d)
			}
		}
	}
	return found
}

// The adapters draw and carry what the use cases return: they reach no
// storage. The use cases know no chat platform.
func TestAdaptersReachNoStorageAndUseCasesNoPlatform(t *testing.T) {
	for _, adapter := range []string{"bot", "teams"} {
		if got := forbidden(t, module+"/"+adapter, module+"/storage"); len(got) > 0 {
			t.Errorf("%s imports %v", adapter, got)
		}
	}
	platforms := []string{module + "/bot", module + "/teams", module + "/slackemu", module + "/teamsemu", "github.com/slack-go/slack"}
	for _, pkg := range []string{"handlers", "handlers/chat", "handlers/converse"} {
		if got := forbidden(t, module+"/"+pkg, platforms...); len(got) > 0 {
			t.Errorf("%s imports %v", pkg, got)
		}
	}
}

// Only the sandbox and the commands wire the emulators into running code;
// packages named …test are test helpers and may use them too.
func TestProductionCodeImportsNoEmulator(t *testing.T) {
	out, err := exec.Command("go", "list", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	emulators := []string{module + "/slackemu", module + "/teamsemu", module + "/hubspotemu"}
	checked := 0
	for _, pkg := range strings.Fields(string(out)) {
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		last := rel[strings.LastIndex(rel, "/")+1:]
		switch {
		case rel == "sandbox", strings.HasPrefix(rel, "cmd/"),
			strings.HasSuffix(last, "emu"), strings.HasSuffix(last, "test"):
			continue
		}
		checked++
		if got := forbidden(t, pkg, emulators...); len(got) > 0 {
			t.Errorf("%s imports %v", pkg, got)
		}
	}
	if checked < 15 {
		t.Errorf("only %d packages checked: is the module path right?", checked)
	}
}
