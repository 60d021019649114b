package armistice

import "testing"

// FuzzParseBusinessHours: any spec that parses prints as a spec that parses
// to the same hours.
func FuzzParseBusinessHours(f *testing.F) {
	for _, s := range []string{"Mon-Fri 09:00-18:00", "Sat-Sun 00:00-24:00", "Mon,Wed 08:30-12:00", "Fri-Mon 10:00-11:00", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		bh, err := ParseBusinessHours(spec)
		if err != nil {
			return
		}
		again, err := ParseBusinessHours(bh.String())
		if err != nil || again != bh {
			t.Fatalf("%q printed as %q, which reads back as %+v (%v)", spec, bh.String(), again, err)
		}
	})
}
