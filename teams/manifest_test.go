package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/armistice/armistice/handlers/converse"
)

const testAppID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

// The deployment's privacy statement and terms of use, as its operator
// gives them.
const (
	testPrivacy = "https://example.com/legal/privacy"
	testTerms   = "https://example.com/legal/terms"
)

// readPackage unzips an app package into its files by name.
func readPackage(t *testing.T, pkg []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files
}

func writePackage(t *testing.T, m ManifestOptions) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := AppPackage(&buf, m); err != nil {
		t.Fatal(err)
	}
	return readPackage(t, buf.Bytes())
}

type testManifest struct {
	Schema          string `json:"$schema"`
	ManifestVersion string `json:"manifestVersion"`
	Version         string `json:"version"`
	ID              string `json:"id"`
	Developer       struct {
		Name, WebsiteURL, PrivacyURL, TermsOfUseURL string
	} `json:"developer"`
	Name struct {
		Short string `json:"short"`
		Full  string `json:"full"`
	} `json:"name"`
	Description struct {
		Short string `json:"short"`
		Full  string `json:"full"`
	} `json:"description"`
	Icons struct {
		Color   string `json:"color"`
		Outline string `json:"outline"`
	} `json:"icons"`
	AccentColor string `json:"accentColor"`
	Bots        []struct {
		BotID              string   `json:"botId"`
		Scopes             []string `json:"scopes"`
		SupportsFiles      *bool    `json:"supportsFiles"`
		IsNotificationOnly *bool    `json:"isNotificationOnly"`
		CommandLists       []struct {
			Scopes   []string `json:"scopes"`
			Commands []struct {
				Title       string `json:"title"`
				Description string `json:"description"`
			} `json:"commands"`
		} `json:"commandLists"`
	} `json:"bots"`
	ComposeExtensions []struct {
		BotID    string `json:"botId"`
		Commands []struct {
			ID          string   `json:"id"`
			Type        string   `json:"type"`
			Title       string   `json:"title"`
			Description string   `json:"description"`
			Context     []string `json:"context"`
			FetchTask   bool     `json:"fetchTask"`
		} `json:"commands"`
	} `json:"composeExtensions"`
	Permissions        []string `json:"permissions"`
	ValidDomains       []string `json:"validDomains"`
	WebApplicationInfo struct {
		ID       string `json:"id"`
		Resource string `json:"resource"`
	} `json:"webApplicationInfo"`
	Authorization json.RawMessage `json:"authorization"`
}

func decodeManifest(t *testing.T, files map[string][]byte) testManifest {
	t.Helper()
	var m testManifest
	dec := json.NewDecoder(bytes.NewReader(files["manifest.json"]))
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest.json: %v\n%s", err, files["manifest.json"])
	}
	return m
}

func TestManifestPackageHoldsManifestAndIcons(t *testing.T) {
	files := writePackage(t, ManifestOptions{AppID: testAppID, Version: "v1.4.2", PrivacyURL: testPrivacy, TermsURL: testTerms})
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := []string{"color.png", "manifest.json", "outline.png"}; !slices.Equal(names, want) {
		t.Fatalf("files = %v, want %v", names, want)
	}
	m := decodeManifest(t, files)
	if m.Icons.Color != "color.png" || m.Icons.Outline != "outline.png" {
		t.Errorf("icons = %+v", m.Icons)
	}
}

func TestManifestDeclaresTheBotItsCommandsAndTheMessageAction(t *testing.T) {
	m := decodeManifest(t, writePackage(t, ManifestOptions{AppID: strings.ToUpper(testAppID), Version: "v1.4.2-3-gabcdef0", PrivacyURL: testPrivacy, TermsURL: testTerms}))

	if m.Schema != "https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json" || m.ManifestVersion != "1.25" {
		t.Errorf("schema %q, manifestVersion %q", m.Schema, m.ManifestVersion)
	}
	if m.Version != "1.4.2" {
		t.Errorf("version = %q, want 1.4.2", m.Version)
	}
	if m.ID != testAppID {
		t.Errorf("id = %q, want the app ID in lower case", m.ID)
	}
	if m.Name.Short != "Armistice" || m.Name.Full == "" || len(m.Name.Full) > 100 {
		t.Errorf("name = %+v", m.Name)
	}
	if m.Description.Short == "" || len([]rune(m.Description.Short)) > 80 || m.Description.Full == "" || len([]rune(m.Description.Full)) > 4000 {
		t.Errorf("description = %+v", m.Description)
	}
	if m.AccentColor != "#3B5BDB" {
		t.Errorf("accentColor = %q", m.AccentColor)
	}
	for _, u := range []string{m.Developer.WebsiteURL, m.Developer.PrivacyURL, m.Developer.TermsOfUseURL} {
		if !strings.HasPrefix(u, "https://") {
			t.Errorf("developer URL %q is not https", u)
		}
	}
	if m.Developer.Name == "" {
		t.Error("developer name missing")
	}

	if len(m.Bots) != 1 {
		t.Fatalf("bots = %d, want 1", len(m.Bots))
	}
	b := m.Bots[0]
	if b.BotID != testAppID {
		t.Errorf("botId = %q", b.BotID)
	}
	for _, s := range []string{"team", "personal", "groupChat"} {
		if !slices.Contains(b.Scopes, s) {
			t.Errorf("bot scope %s missing from %v", s, b.Scopes)
		}
	}
	if b.SupportsFiles == nil || *b.SupportsFiles || b.IsNotificationOnly == nil || *b.IsNotificationOnly {
		t.Error("supportsFiles and isNotificationOnly must be given, false")
	}
	known := map[string]bool{}
	for _, c := range converse.Commands {
		known[strings.Fields(c.Usage)[0]] = true
	}
	lists := map[string][]string{}
	for _, l := range b.CommandLists {
		var titles []string
		for _, c := range l.Commands {
			titles = append(titles, c.Title)
			if !known[c.Title] {
				t.Errorf("command %q is not in the bot's catalogue", c.Title)
			}
			if c.Description == "" || len([]rune(c.Description)) > 128 || len([]rune(c.Title)) > 32 {
				t.Errorf("command %q: description %q", c.Title, c.Description)
			}
		}
		if len(titles) > 10 {
			t.Errorf("list %v has %d commands; at most 10", l.Scopes, len(titles))
		}
		if !slices.Contains(titles, "help") {
			t.Errorf("list %v lacks help", l.Scopes)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(titles)))) != len(titles) {
			t.Errorf("list %v repeats a command: %v", l.Scopes, titles)
		}
		lists[strings.Join(l.Scopes, ",")] = titles
	}
	if len(lists) != 2 || lists["team,groupChat"] == nil || lists["personal"] == nil {
		t.Errorf("command lists by scope = %v, want team+groupChat and personal", lists)
	}

	if len(m.ComposeExtensions) != 1 || m.ComposeExtensions[0].BotID != testAppID || len(m.ComposeExtensions[0].Commands) != 1 {
		t.Fatalf("composeExtensions = %+v", m.ComposeExtensions)
	}
	c := m.ComposeExtensions[0].Commands[0]
	if c.ID != CommandSaveInsight || c.Type != "action" || !slices.Equal(c.Context, []string{"message"}) || !c.FetchTask {
		t.Errorf("message action = %+v", c)
	}
	if c.Title != "Save as persona insight" || c.Description == "" {
		t.Errorf("message action title %q, description %q", c.Title, c.Description)
	}

	if !slices.Equal(m.Permissions, []string{"identity", "messageTeamMembers"}) {
		t.Errorf("permissions = %v", m.Permissions)
	}
	if m.WebApplicationInfo.ID != testAppID || m.WebApplicationInfo.Resource != "api://botid-"+testAppID {
		t.Errorf("webApplicationInfo = %+v", m.WebApplicationInfo)
	}
	if m.Authorization != nil {
		t.Errorf("authorization = %s; the bot needs no resource-specific consent", m.Authorization)
	}
	if len(m.ValidDomains) != 0 {
		t.Errorf("validDomains = %v without a domain", m.ValidDomains)
	}
}

func TestManifestDomainSetsValidDomainsAndWebsiteNotThePrivacyAndTermsPages(t *testing.T) {
	m := decodeManifest(t, writePackage(t, ManifestOptions{AppID: testAppID, Domain: "https://Bot.Example.com/api/messages", PrivacyURL: testPrivacy, TermsURL: testTerms}))
	if !slices.Equal(m.ValidDomains, []string{"bot.example.com"}) {
		t.Errorf("validDomains = %v", m.ValidDomains)
	}
	// The bot serves no privacy or terms page: they are the ones given.
	if m.Developer.WebsiteURL != "https://bot.example.com" || m.Developer.PrivacyURL != testPrivacy || m.Developer.TermsOfUseURL != testTerms {
		t.Errorf("developer = %+v", m.Developer)
	}

	m = decodeManifest(t, writePackage(t, ManifestOptions{AppID: testAppID, Domain: "bot.example.com", WebsiteURL: "https://example.com/armistice/", PrivacyURL: testPrivacy, TermsURL: testTerms}))
	if m.Developer.WebsiteURL != "https://example.com/armistice" || m.Developer.PrivacyURL != testPrivacy || m.Developer.TermsOfUseURL != testTerms {
		t.Errorf("developer = %+v", m.Developer)
	}
}

func TestManifestNeedsThePrivacyAndTermsPages(t *testing.T) {
	for name, c := range map[string]struct {
		opts ManifestOptions
		says string
	}{
		"no privacy URL": {ManifestOptions{AppID: testAppID, Domain: "bot.example.com", TermsURL: testTerms}, "privacy URL is not set"},
		"no terms URL":   {ManifestOptions{AppID: testAppID, Domain: "bot.example.com", PrivacyURL: testPrivacy}, "terms of use URL is not set"},
		"http privacy":   {ManifestOptions{AppID: testAppID, PrivacyURL: "http://example.com/privacy", TermsURL: testTerms}, "not an https URL"},
	} {
		var buf bytes.Buffer
		err := AppPackage(&buf, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %v, want it to say %q", name, err, c.says)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes", name, buf.Len())
		}
	}
}

func TestManifestVersionFromTheBuild(t *testing.T) {
	for build, want := range map[string]string{
		"v1.4.2": "1.4.2", "1.4.2": "1.4.2", "v2.0.0-rc.1": "2.0.0", "v1.4.2-3-gabcdef0-dirty": "1.4.2",
		"dev": "1.0.0", "0733667-dirty": "1.0.0", "": "1.0.0", "v1.4": "1.0.0", "v01.2.3": "1.0.0",
	} {
		if got := manifestAppVersion(build); got != want {
			t.Errorf("version of build %q = %q, want %q", build, got, want)
		}
	}
}

func TestManifestRefusesBadOptionsAndWritesNothing(t *testing.T) {
	for name, m := range map[string]ManifestOptions{
		"no app ID":       {},
		"app ID not GUID": {AppID: "armistice-bot"},
		"app ID too long": {AppID: testAppID + "0"},
		"bad domain":      {AppID: testAppID, Domain: "bot example com"},
		"http website":    {AppID: testAppID, WebsiteURL: "http://example.com"},
		"http terms":      {AppID: testAppID, PrivacyURL: testPrivacy, TermsURL: "http://example.com/terms"},
		"long developer":  {AppID: testAppID, DeveloperName: strings.Repeat("x", 33)},
	} {
		var buf bytes.Buffer
		err := AppPackage(&buf, m)
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes", name, buf.Len())
		}
	}
	var buf bytes.Buffer
	if err := AppPackage(&buf, ManifestOptions{AppID: "armistice-bot"}); err == nil || !strings.Contains(err.Error(), "GUID") {
		t.Errorf("error %v does not say the app ID must be a GUID", err)
	}
}

func TestManifestPackageIsReproducible(t *testing.T) {
	var a, b bytes.Buffer
	opts := ManifestOptions{AppID: testAppID, Version: "1.2.3", Domain: "bot.example.com", PrivacyURL: testPrivacy, TermsURL: testTerms}
	if err := AppPackage(&a, opts); err != nil {
		t.Fatal(err)
	}
	if err := AppPackage(&b, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same options gave two different packages")
	}
}

func TestManifestIcons(t *testing.T) {
	files := writePackage(t, ManifestOptions{AppID: testAppID, PrivacyURL: testPrivacy, TermsURL: testTerms})
	decode := func(name string, size int) image.Image {
		t.Helper()
		img, err := png.Decode(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Fatalf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size, size)
		}
		return img
	}

	colorIcon := decode("color.png", 192)
	brand := color.NRGBA{R: 0x3B, G: 0x5B, B: 0xDB, A: 0xFF}
	var brandPixels, whitePixels int
	for y := range 192 {
		for x := range 192 {
			c := color.NRGBAModel.Convert(colorIcon.At(x, y)).(color.NRGBA)
			if c.A != 0xFF {
				t.Fatalf("color.png (%d,%d) is not opaque: %v", x, y, c)
			}
			switch c {
			case brand:
				brandPixels++
			case color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}:
				whitePixels++
			}
		}
	}
	if c := color.NRGBAModel.Convert(colorIcon.At(0, 0)); c != brand {
		t.Errorf("color.png corner = %v, want the brand colour", c)
	}
	if brandPixels < 192*192/2 || whitePixels < 192*192/20 {
		t.Errorf("color.png: %d brand and %d white pixels; want a white mark on the brand colour", brandPixels, whitePixels)
	}

	outline := decode("outline.png", 32)
	var transparent, opaque int
	for y := range 32 {
		for x := range 32 {
			c := color.NRGBAModel.Convert(outline.At(x, y)).(color.NRGBA)
			switch {
			case c.A == 0:
				transparent++
			case c.R != 0xFF || c.G != 0xFF || c.B != 0xFF:
				t.Errorf("outline.png (%d,%d) = %v: neither white nor transparent", x, y, c)
			case c.A == 0xFF:
				opaque++
			}
		}
	}
	if transparent < 32*32/2 || opaque < 32 {
		t.Errorf("outline.png: %d transparent and %d solid white pixels; want a white mark on transparent", transparent, opaque)
	}
	for _, p := range []image.Point{{0, 0}, {31, 0}, {0, 31}, {31, 31}} {
		if _, _, _, a := outline.At(p.X, p.Y).RGBA(); a != 0 {
			t.Errorf("outline.png corner %v is not transparent", p)
		}
	}
}
