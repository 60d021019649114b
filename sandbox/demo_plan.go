package sandbox

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/armistice/armistice"
)

// A demo plan is what happened over the last month, decided in advance and
// then played through the use cases: who handed over which lead when, who
// decided what and when, and how the accepted ones went in the CRM.

// historyDays is how far back the demo's history reaches.
const historyDays = 30

// plannedLead is one lead of the history and what became of it.
type plannedLead struct {
	Lead     armistice.Lead
	At       time.Time           // when it was handed over
	Decision *armistice.Decision // nil: still undecided (never in the history)
	Stages   []plannedStage
}

type plannedStage struct {
	Update armistice.StageUpdate
	At     time.Time
}

// historyPlan plans the leads of the last historyDays days before now, in
// the order they arrived. Each day's leads come from a random source seeded
// by the date, so planning again on the same day gives the same leads (and
// loading twice stores nothing twice). reps decide; reasons are the
// rejection reasons in force.
func historyPlan(now time.Time, loc *time.Location, bh armistice.BusinessHours, reps, reasons []string) []plannedLead {
	var out []plannedLead
	today := midnight(now.In(loc))
	for d := historyDays; d >= 1; d-- {
		day := today.AddDate(0, 0, -d)
		rng := rand.New(rand.NewPCG(0xA7157, uint64(day.Unix()/86400)))
		n := 3 + rng.IntN(5)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			n = 0
			if rng.Float64() < 0.35 {
				n = 1
			}
		}
		var times []time.Time
		for range n {
			minute := 8*60 + rng.IntN(11*60) // 08:00–19:00
			times = append(times, day.Add(time.Duration(minute)*time.Minute+time.Duration(rng.IntN(60))*time.Second))
		}
		sortTimes(times)
		for i, at := range times {
			l := demoLead(rng, fmt.Sprintf("demo-%s-%02d", day.Format("20060102"), i+1))
			p := plannedLead{Lead: l, At: at}
			planOutcome(rng, &p, now, loc, bh, reps, reasons)
			out = append(out, p)
		}
	}
	return out
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func sortTimes(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// pick returns a random element of list.
func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// demoLead invents a lead.
func demoLead(rng *rand.Rand, externalID string) armistice.Lead {
	total := 0
	for _, s := range demoSources {
		total += s.weight
	}
	w := rng.IntN(total)
	src := demoSources[0]
	for _, s := range demoSources {
		if w < s.weight {
			src = s
			break
		}
		w -= s.weight
	}
	co := pick(rng, demoCompanies)
	persona := pick(rng, demoPersonas)
	spanish := spanishCountries[co.country]
	var first, last, title, notes string
	if spanish {
		female := rng.IntN(2) == 0
		if female {
			first = pick(rng, esWomen)
		} else {
			first = pick(rng, esMen)
		}
		last = pick(rng, esSurname) + " " + pick(rng, esSurname)
		t := pick(rng, esTitles[persona])
		title = t[1]
		if female {
			title = t[0]
		}
		notes = pick(rng, src.notesES)
	} else {
		first, last = pick(rng, enFirst), pick(rng, enSurname)
		title = pick(rng, enTitles[persona])
		notes = pick(rng, src.notesEN)
	}
	if rng.Float64() < 0.25 {
		notes = ""
	}
	score := src.lo + rng.IntN(src.hi-src.lo+1)
	surname, _, _ := strings.Cut(last, " ")
	l := armistice.Lead{
		ExternalID: externalID,
		Email:      asciiSlug(first, ".") + "." + asciiSlug(surname, ".") + "@" + asciiSlug(co.name, "") + ".example",
		Name:       first + " " + last,
		Company:    co.name,
		Title:      title,
		Phone:      demoPhone(rng, co.country),
		Source:     src.name,
		Score:      &score,
		Persona:    persona,
		Segment:    co.segment,
		Region:     countryRegion[co.country],
		Country:    co.country,
		CRMURL:     fmt.Sprintf("https://crm.example.com/contacts/%d", 40000+rng.IntN(60000)),
		Notes:      notes,
		Fields:     map[string]string{"utm_campaign": src.campaign},
	}
	return l
}

func demoPhone(rng *rand.Rand, country string) string {
	f := phonePrefix[country]
	args := make([]any, strings.Count(f, "%"))
	for i := range args {
		args[i] = rng.IntN(100)
	}
	return fmt.Sprintf(f, args...)
}

// asciiSlug lowercases s, drops accents and keeps letters and digits,
// joining words with sep.
func asciiSlug(s, sep string) string {
	var words []string
	var cur strings.Builder
	for _, r := range strings.ToLower(s) {
		if plain, ok := unaccent[r]; ok {
			r = plain
		}
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(r)
		default:
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
		}
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return strings.Join(words, sep)
}

// unaccent maps the accented letters of the demo's names to plain ones.
var unaccent = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c', 'ö': 'o', 'ä': 'a', 'è': 'e', 'à': 'a'}

// planOutcome decides what became of a lead: accepted or rejected by which
// rep and when (in business time, mostly within the SLA), then for some of
// the accepted an opportunity and a won or lost deal. Nothing happens after
// now.
func planOutcome(rng *rand.Rand, p *plannedLead, now time.Time, loc *time.Location, bh armistice.BusinessHours, reps, reasons []string) {
	l := p.Lead
	src := demoSources[0]
	for _, s := range demoSources {
		if s.name == l.Source {
			src = s
		}
	}
	spanish := spanishCountries[l.Country]
	rep := reps[rng.IntN(len(reps))]
	if len(reps) > 1 {
		// Rosa speaks Spanish and takes most Spanish-speaking markets.
		if spanish == (rng.Float64() < 0.75) {
			rep = reps[0]
		} else {
			rep = reps[1]
		}
	}
	var delay time.Duration
	switch x := rng.Float64(); {
	case x < 0.7:
		delay = time.Duration(5+rng.IntN(85)) * time.Minute
	case x < 0.9:
		delay = time.Duration(90+rng.IntN(150)) * time.Minute
	default:
		delay = time.Duration(240+rng.IntN(240)) * time.Minute
	}
	at := bh.Add(p.At, delay, loc)
	if !at.Before(now.Add(-10 * time.Minute)) {
		at = p.At.Add(time.Duration(3+rng.IntN(15)) * time.Minute)
		if !at.Before(now) {
			return
		}
	}
	chance := 0.25 + float64(*l.Score-40)/60*0.6 + src.accept
	d := armistice.Decision{Verdict: armistice.StatusAccepted, By: rep, At: at}
	if rng.Float64() >= math.Max(0.1, math.Min(0.95, chance)) {
		d.Verdict = armistice.StatusRejected
		d.Reason = pick(rng, src.reasons)
		if rng.Float64() < 0.08 {
			d.Reason = armistice.ReasonOther
		}
		if !slices.Contains(reasons, d.Reason) {
			d.Reason = armistice.ReasonOther
		}
		if c, ok := rejectComments[d.Reason]; ok && (d.Reason == armistice.ReasonOther || rng.Float64() < 0.6) {
			d.Comment = c[0]
			if spanish {
				d.Comment = c[1]
			}
		}
		if d.Reason == armistice.ReasonOther && d.Comment == "" {
			d.Comment = "See the notes in the CRM."
		}
	}
	p.Decision = &d
	if d.Verdict != armistice.StatusAccepted {
		return
	}
	oppChance := 0.45
	switch l.Source {
	case "referral":
		oppChance = 0.7
	case "events":
		oppChance = 0.55
	case "paid-search":
		oppChance = 0.3
	}
	if rng.Float64() >= oppChance {
		return
	}
	oppAt := at.Add(time.Duration(20+rng.IntN(150)) * time.Hour)
	if !oppAt.Before(now.Add(-time.Hour)) {
		return
	}
	amount := dealSize(rng, l.Segment)
	p.Stages = append(p.Stages, plannedStage{Update: armistice.StageUpdate{Stage: armistice.StatusOpportunity, Amount: &amount, Currency: "EUR"}, At: oppAt})
	closeAt := oppAt.Add(time.Duration(72+rng.IntN(260)) * time.Hour)
	if !closeAt.Before(now.Add(-time.Hour)) {
		return
	}
	switch x := rng.Float64(); {
	case x < 0.45:
		won := amount
		p.Stages = append(p.Stages, plannedStage{Update: armistice.StageUpdate{Stage: armistice.StatusWon, Amount: &won, Currency: "EUR"}, At: closeAt})
	case x < 0.75:
		lost := amount
		p.Stages = append(p.Stages, plannedStage{Update: armistice.StageUpdate{Stage: armistice.StatusLost, Amount: &lost, Currency: "EUR"}, At: closeAt})
	}
}

// dealSize is a deal's value in euros for a segment, rounded to 500.
func dealSize(rng *rand.Rand, segment string) float64 {
	lo, hi := 4000, 15000
	switch segment {
	case "Mid-Market":
		lo, hi = 12000, 45000
	case "Enterprise":
		lo, hi = 40000, 120000
	}
	return float64((lo + rng.IntN(hi-lo)) / 500 * 500)
}
