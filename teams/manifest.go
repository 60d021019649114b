package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The Teams app manifest this package writes.
const (
	ManifestSchema  = "https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json"
	ManifestVersion = "1.25"
	// BrandColor is the accent colour and the colour icon's background.
	BrandColor = "#3B5BDB"
)

// The names of the files in the app package.
const (
	manifestFile    = "manifest.json"
	colorIconFile   = "color.png"
	outlineIconFile = "outline.png"
)

// manifestHome is the developer website when none is given and no domain
// names one.
const manifestHome = "https://github.com/armistice/armistice"

// ManifestOptions are what the app package depends on.
type ManifestOptions struct {
	// AppID is the bot's Microsoft App ID (TEAMS_APP_ID: the Application
	// (client) ID of its Entra app registration). It is also the Teams app's
	// id. Required, a GUID.
	AppID string
	// Version is the build's version ("v1.4.2", "1.4.2-rc.1",
	// "v1.4.2-3-gabcdef0"); the manifest gets its MAJOR.MINOR.PATCH. Anything
	// else (a development build, a bare commit) gives "1.0.0". Teams wants a
	// higher version for each update of an uploaded app.
	Version string
	// Domain is the public host name Teams reaches the bot at
	// ("armistice.example.com"), listed in validDomains. Optional; a URL is
	// reduced to its host.
	Domain string
	// DeveloperName is shown on the app's details page; default "Armistice".
	DeveloperName string
	// WebsiteURL is the developer's website, an https URL: by default
	// https://DOMAIN when Domain is given, else the project's home page.
	WebsiteURL string
	// PrivacyURL and TermsURL are the https pages of the deployment's
	// privacy statement and terms of use, which Teams requires and links
	// from the app's details. Required: the bot serves neither page.
	PrivacyURL string
	TermsURL   string
}

// manifestCommand is one suggestion in a bot's command menu.
type manifestCommand struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// The command menus. Teams shows at most ten suggestions a list; every other
// command word still works when typed. Channels and group chats get the
// commands the whole team uses; the personal chat, where answers are private,
// also gets the admins' settings and routing.
var (
	teamCommands = []manifestCommand{
		cmdHelp, cmdLead, cmdGoals, cmdPlan, cmdStats, cmdDigest, cmdInsight, cmdInsights, cmdPersonas,
		{"persona", "persona SLUG: a persona and its newest brief · persona add SLUG NAME: DESCRIPTION (admins)"},
	}
	personalCommands = []manifestCommand{
		cmdHelp, cmdLead, cmdGoals, cmdPlan, cmdStats, cmdDigest, cmdInsight, cmdInsights,
		{"settings", "Channels, managers, SLA, business hours, zone, digest schedule and rejection reasons (admins)"},
		{"route", "route list | add | remove: route leads to channels by region, segment or source (admins)"},
	}

	cmdHelp     = manifestCommand{"help", "Lists the commands"}
	cmdLead     = manifestCommand{"lead", "lead: a form to enter an MQL by hand · lead EXTERNAL_ID: the lead's state and history"}
	cmdGoals    = manifestCommand{"goals", "goals [YYYY-MM]: the month against the goals both teams share, with pace"}
	cmdPlan     = manifestCommand{"plan", "plan REVENUE [deal AVG_DEAL] [YYYY-MM]: the deals, MQLs and visits a revenue target needs"}
	cmdStats    = manifestCommand{"stats", "stats [YYYY-MM]: funnel, acceptance rate, SLA compliance, time to decision, rejection reasons"}
	cmdDigest   = manifestCommand{"digest", "A preview of today's digest, only for you"}
	cmdInsight  = manifestCommand{"insight", "insight [PERSONA] [TEXT]: saves what you learned about a buyer persona; without text, a form"}
	cmdInsights = manifestCommand{"insights", "insights [PERSONA]: the newest insights, optionally of one persona"}
	cmdPersonas = manifestCommand{"personas", "Lists the buyer personas"}
)

type manifestJSON struct {
	Schema          string                   `json:"$schema"`
	ManifestVersion string                   `json:"manifestVersion"`
	Version         string                   `json:"version"`
	ID              string                   `json:"id"`
	Developer       manifestDeveloper        `json:"developer"`
	Name            manifestText             `json:"name"`
	Description     manifestText             `json:"description"`
	Icons           manifestIcons            `json:"icons"`
	AccentColor     string                   `json:"accentColor"`
	Bots            []manifestBot            `json:"bots"`
	Extensions      []manifestComposeExt     `json:"composeExtensions"`
	Permissions     []string                 `json:"permissions"`
	ValidDomains    []string                 `json:"validDomains"`
	WebApp          manifestWebApplicationID `json:"webApplicationInfo"`
}

type manifestDeveloper struct {
	Name          string `json:"name"`
	WebsiteURL    string `json:"websiteUrl"`
	PrivacyURL    string `json:"privacyUrl"`
	TermsOfUseURL string `json:"termsOfUseUrl"`
}

type manifestText struct {
	Short string `json:"short"`
	Full  string `json:"full"`
}

type manifestIcons struct {
	Color   string `json:"color"`
	Outline string `json:"outline"`
}

type manifestBot struct {
	BotID              string                `json:"botId"`
	Scopes             []string              `json:"scopes"`
	SupportsFiles      bool                  `json:"supportsFiles"`
	IsNotificationOnly bool                  `json:"isNotificationOnly"`
	CommandLists       []manifestCommandList `json:"commandLists"`
}

type manifestCommandList struct {
	Scopes   []string          `json:"scopes"`
	Commands []manifestCommand `json:"commands"`
}

type manifestComposeExt struct {
	BotID    string                  `json:"botId"`
	Commands []manifestActionCommand `json:"commands"`
}

type manifestActionCommand struct {
	ID          string   `json:"id"`
	Type        string   `json:"type"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Context     []string `json:"context"`
	FetchTask   bool     `json:"fetchTask"`
}

type manifestWebApplicationID struct {
	ID       string `json:"id"`
	Resource string `json:"resource"`
}

var (
	manifestGUID    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	manifestSemver  = regexp.MustCompile(`^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:[-+].*)?$`)
	manifestHostRE  = regexp.MustCompile(`^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?(:[0-9]{1,5})?$`)
	manifestModTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) // the same bytes for the same options
)

// AppPackage writes the Teams app package: a zip holding manifest.json,
// color.png (192×192) and outline.png (32×32, white on transparent), ready to
// upload in Teams or its admin center. It writes nothing when an option is
// invalid.
func AppPackage(w io.Writer, m ManifestOptions) error {
	manifest, err := buildManifest(m)
	if err != nil {
		return err
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(manifest); err != nil {
		return err
	}
	var colorPNG, outlinePNG bytes.Buffer
	if err := png.Encode(&colorPNG, colorIcon()); err != nil {
		return err
	}
	if err := png.Encode(&outlinePNG, outlineIcon()); err != nil {
		return err
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{manifestFile, js.Bytes()}, {colorIconFile, colorPNG.Bytes()}, {outlineIconFile, outlinePNG.Bytes()}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: manifestModTime})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// buildManifest validates the options and fills in their defaults.
func buildManifest(m ManifestOptions) (*manifestJSON, error) {
	appID := strings.ToLower(strings.TrimSpace(m.AppID))
	if appID == "" {
		return nil, fmt.Errorf("teams manifest: the app ID is not set")
	}
	if !manifestGUID.MatchString(appID) {
		return nil, fmt.Errorf("teams manifest: app ID %q is not a GUID such as 00000000-0000-0000-0000-000000000000", m.AppID)
	}
	domain, err := manifestDomain(m.Domain)
	if err != nil {
		return nil, err
	}
	website := m.WebsiteURL
	if website == "" {
		website = manifestHome
		if domain != "" && !strings.HasPrefix(domain, "*.") {
			website = "https://" + domain
		}
	}
	website = strings.TrimSuffix(website, "/")
	privacy, terms := strings.TrimSpace(m.PrivacyURL), strings.TrimSpace(m.TermsURL)
	if privacy == "" {
		return nil, fmt.Errorf("teams manifest: the privacy URL is not set: Teams requires the https page of the privacy statement")
	}
	if terms == "" {
		return nil, fmt.Errorf("teams manifest: the terms of use URL is not set: Teams requires the https page of the terms of use")
	}
	for _, u := range []struct{ name, value string }{{"website URL", website}, {"privacy URL", privacy}, {"terms of use URL", terms}} {
		if p, err := url.Parse(u.value); err != nil || p.Scheme != "https" || p.Host == "" {
			return nil, fmt.Errorf("teams manifest: the %s %q is not an https URL", u.name, u.value)
		}
	}
	developer := m.DeveloperName
	if developer == "" {
		developer = "Armistice"
	}
	if n := len([]rune(developer)); n > 32 {
		return nil, fmt.Errorf("teams manifest: the developer name has %d characters; Teams allows 32", n)
	}
	validDomains := []string{}
	if domain != "" {
		validDomains = append(validDomains, domain)
	}

	return &manifestJSON{
		Schema:          ManifestSchema,
		ManifestVersion: ManifestVersion,
		Version:         manifestAppVersion(m.Version),
		ID:              appID,
		Developer:       manifestDeveloper{Name: developer, WebsiteURL: website, PrivacyURL: privacy, TermsOfUseURL: terms},
		Name:            manifestText{Short: "Armistice", Full: "Armistice: sales and marketing as one team"},
		Description: manifestText{
			Short: "MQL hand-off, verdicts with reasons, follow-up SLA and shared goals",
			Full: "Armistice announces every Marketing Qualified Lead in the sales channel with Accept and Reject, " +
				"records each verdict and its reason, tells marketing at once, watches the follow-up SLA, posts daily " +
				"progress against the goals both teams share, and gathers what each team learns about the buyer personas. " +
				"Mention @Armistice with a command (help lists them) in a channel, or write to it in a personal chat; " +
				"\"Save as persona insight\" on any message keeps it as an insight.",
		},
		Icons:       manifestIcons{Color: colorIconFile, Outline: outlineIconFile},
		AccentColor: BrandColor,
		Bots: []manifestBot{{
			BotID:  appID,
			Scopes: []string{"team", "personal", "groupChat"},
			CommandLists: []manifestCommandList{
				{Scopes: []string{"team", "groupChat"}, Commands: teamCommands},
				{Scopes: []string{"personal"}, Commands: personalCommands},
			},
		}},
		Extensions: []manifestComposeExt{{
			BotID: appID,
			Commands: []manifestActionCommand{{
				ID:          CommandSaveInsight,
				Type:        "action",
				Title:       "Save as persona insight",
				Description: "Save this message as an insight about a buyer persona",
				Context:     []string{"message"},
				FetchTask:   true,
			}},
		}},
		Permissions:  []string{"identity", "messageTeamMembers"},
		ValidDomains: validDomains,
		WebApp:       manifestWebApplicationID{ID: appID, Resource: "api://botid-" + appID},
	}, nil
}

// manifestDomain checks the public host name, taking the host of a URL.
func manifestDomain(d string) (string, error) {
	d = strings.ToLower(strings.TrimSpace(d))
	if d == "" {
		return "", nil
	}
	if strings.Contains(d, "://") {
		u, err := url.Parse(d)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("teams manifest: domain %q is neither a host name nor a URL", d)
		}
		d = u.Host
	}
	if !manifestHostRE.MatchString(d) {
		return "", fmt.Errorf("teams manifest: domain %q is not a host name such as armistice.example.com", d)
	}
	return d, nil
}

// manifestAppVersion is the MAJOR.MINOR.PATCH of a build version, or 1.0.0.
func manifestAppVersion(v string) string {
	parts := manifestSemver.FindStringSubmatch(strings.TrimSpace(v))
	if parts == nil {
		return "1.0.0"
	}
	return parts[1] + "." + parts[2] + "." + parts[3]
}

// The mark of both icons: two overlapping rings, the two teams, with their
// common ground filled. In units of the icon's side.
const (
	markLeftX  = 0.396
	markRightX = 0.604
	markY      = 0.5
	markRadius = 0.1875 // of the rings' centre line
	markStroke = 0.0625
)

// markCoverage is how much of the pixel (x, y) of a size×size icon the mark
// covers, from 0 to 1, sampled 4×4 times a pixel for smooth edges.
func markCoverage(x, y, size int) float64 {
	const n = 4
	hits := 0
	for i := range n {
		for j := range n {
			px := (float64(x) + (float64(i)+0.5)/n) / float64(size)
			py := (float64(y) + (float64(j)+0.5)/n) / float64(size)
			if inMark(px, py) {
				hits++
			}
		}
	}
	return float64(hits) / (n * n)
}

func inMark(x, y float64) bool {
	dl := math.Hypot(x-markLeftX, y-markY)
	dr := math.Hypot(x-markRightX, y-markY)
	inRing := func(d float64) bool { return d >= markRadius-markStroke/2 && d <= markRadius+markStroke/2 }
	inLens := dl <= markRadius && dr <= markRadius
	return inRing(dl) || inRing(dr) || inLens
}

// colorIcon is the 192×192 full-colour icon: the white mark on the brand
// colour.
func colorIcon() image.Image {
	const size = 192
	bg := color.NRGBA{R: 0x3B, G: 0x5B, B: 0xDB, A: 0xFF}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			c := markCoverage(x, y, size)
			img.SetNRGBA(x, y, color.NRGBA{
				R: iconBlend(bg.R, 0xFF, c), G: iconBlend(bg.G, 0xFF, c), B: iconBlend(bg.B, 0xFF, c), A: 0xFF,
			})
		}
	}
	return img
}

// outlineIcon is the 32×32 outline icon: the mark in white on transparent,
// its edges softened by alpha alone.
func outlineIcon() image.Image {
	const size = 32
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			if a := uint8(markCoverage(x, y, size)*255 + 0.5); a > 0 {
				img.SetNRGBA(x, y, color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: a})
			}
		}
	}
	return img
}

func iconBlend(from, to uint8, t float64) uint8 {
	return uint8(float64(from)*(1-t) + float64(to)*t + 0.5)
}
