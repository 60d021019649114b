package importer

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressEvery is how many rows pass between two plain progress lines.
const progressEvery = 100_000

// progress shows how far an import is: a bar over the bytes of the file on
// a terminal, a line every progressEvery rows elsewhere, nothing without a
// writer.
type progress struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	dryRun bool
}

func newProgress(w io.Writer, size int64, dryRun bool) *progress {
	p := &progress{w: w, dryRun: dryRun}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		desc := "importing"
		if dryRun {
			desc = "checking"
		}
		p.bar = progressbar.NewOptions64(size,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
		)
	}
	return p
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) addBytes(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

func (p *progress) row(n int) {
	if p.bar != nil || p.w == nil || n%progressEvery != 0 {
		return
	}
	if p.dryRun {
		fmt.Fprintf(p.w, "checked %d rows…\n", n)
	} else {
		fmt.Fprintf(p.w, "imported %d rows…\n", n)
	}
}

// finish completes the bar, or leaves it where a failed import stopped, so
// that what follows starts on a line of its own.
func (p *progress) finish(failed bool) {
	switch {
	case p.bar == nil:
	case failed:
		_ = p.bar.Exit()
	default:
		_ = p.bar.Finish()
	}
}

// abandon removes the bar of an import that did not start.
func (p *progress) abandon() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r   io.Reader
	add func(int)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.add(n)
	return n, err
}
