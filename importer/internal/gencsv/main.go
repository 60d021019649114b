// Command gencsv writes a realistic CSV export of MQLs, as a marketing
// automation tool would produce it, to measure `armistice import` on:
//
//	go run ./importer/internal/gencsv -rows 1000000 -o /tmp/leads.csv
//
// About one row in a thousand has a bad email and one in a thousand repeats
// an earlier row's ID, so that the summary has something to report.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

var (
	firstNames = []string{"Ana", "Bo", "Carmen", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Maya", "Noor", "Olek", "Priya"}
	lastNames  = []string{"Ruiz", "Berg", "Okafor", "Nakamura", "Schmidt", "Rossi", "Kowalski", "Haddad", "Silva", "Nguyen", "Dubois", "O'Brien", "Larsen", "Patel"}
	companies  = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay Industries", "Stark, Inc.", "Wayne Enterprises", "Soylent", "Tyrell"}
	titles     = []string{"CTO", "VP Engineering", "Head of IT", "IT Director", "CFO", "Operations Manager", "Developer", "Marketing Lead", ""}
	sources    = []string{"Spring webinar", "Google Ads", "Organic search", "LinkedIn campaign", "Trade show", "Referral", "Newsletter"}
	personas   = []string{"it-director", "cfo", "developer", "ops-manager", ""}
	industries = []string{"SaaS", "Manufacturing", "Retail", "Healthcare", "Finance", "Education"}
	regions    = []string{"Catalonia", "Bavaria", "California", "Ontario", "Lombardy", "Texas", ""}
	countries  = []string{"ES", "DE", "US", "CA", "IT", "FR", "GB"}
	stages     = []string{"marketingqualifiedlead", "lead", "subscriber"}
	notes      = []string{"", "", "Asked for a demo", "Downloaded the pricing guide; wants a call next week", "Visited the pricing page 4 times\nand the security page"}
)

func main() {
	rows := flag.Int("rows", 1_000_000, "number of data rows")
	out := flag.String("o", "leads.csv", "output file")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := write(*out, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
}

func write(path string, rows int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	rnd := rand.New(rand.NewPCG(seed, seed))
	pick := func(s []string) string { return s[rnd.IntN(len(s))] }
	_ = w.Write([]string{"Record ID", "First Name", "Last Name", "Email", "Company Name", "Job Title", "Phone Number",
		"Lead Source", "HubSpot Score", "Persona", "Industry", "State/Region", "Country/Region", "Record URL", "Notes",
		"Lifecycle Stage", "Create Date"})
	for i := range rows {
		id := 10_000_000 + i
		if i > 0 && rnd.IntN(1000) == 0 {
			id = 10_000_000 + rnd.IntN(i) // a repeat of an earlier row
		}
		first, last, company := pick(firstNames), pick(lastNames), pick(companies)
		email := strings.ToLower(fmt.Sprintf("%s.%s%d@%s.example.com", first, strings.ReplaceAll(last, "'", ""), i, strings.Fields(company)[0]))
		email = strings.NewReplacer(",", "").Replace(email)
		if rnd.IntN(1000) == 0 {
			email = "not-an-email-" + strconv.Itoa(i)
		}
		score := ""
		if rnd.IntN(5) > 0 {
			score = strconv.Itoa(rnd.IntN(101))
		}
		rec := []string{
			strconv.Itoa(id), first, last, email, company, pick(titles),
			fmt.Sprintf("+%d %03d %03d %03d", 30+rnd.IntN(60), rnd.IntN(1000), rnd.IntN(1000), rnd.IntN(1000)),
			pick(sources), score, pick(personas), pick(industries), pick(regions), pick(countries),
			fmt.Sprintf("https://app.hubspot.com/contacts/4242/record/0-1/%d", id), pick(notes), pick(stages),
			fmt.Sprintf("2026-%02d-%02d 10:%02d", 1+rnd.IntN(12), 1+rnd.IntN(28), rnd.IntN(60)),
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}
