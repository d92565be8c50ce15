// Package progress reports long work (a load, an unload) on standard
// error: a bar with the rate and the time left on a terminal, one summary
// line on a pipe.
package progress

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Bar reports work in items done out of a total. On a terminal it
// draws a one-line bar with the rate and the time left, once the work has
// lasted a second; on a pipe it writes one summary line at the end, so that
// a log shows how much was done and how fast without a bar's redraws.
type Bar struct {
	w     io.Writer
	tty   bool
	label string
	now   func() time.Time
	start time.Time
	// done and total are the last counts reported.
	done, total int64
	drawn       bool
	stopped     bool
}

// New is a bar for work named label, drawn on w when tty says w is a terminal.
func New(w io.Writer, tty bool, label string) *Bar {
	return &Bar{w: w, tty: tty, label: label, now: time.Now, start: time.Now()}
}

// Update reports done items out of total.
func (p *Bar) Update(done, total int64) {
	if p.stopped {
		return
	}
	p.done, p.total = done, total
	elapsed := p.now().Sub(p.start)
	if !p.tty || total == 0 || elapsed < time.Second {
		return
	}
	const width = 30
	n := int(min(done, total) * width / total)
	line := fmt.Sprintf("%s [%s%s] %d/%d %s", p.label, strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total, rate(done, elapsed))
	if done > 0 && done < total {
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		line += ", ETA " + left.Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r%s\033[K", line)
	p.drawn = true
}

// rate is items per second, as people read it.
func rate(done int64, elapsed time.Duration) string {
	if elapsed <= 0 {
		return ""
	}
	return fmt.Sprintf("%.0f/s", float64(done)/elapsed.Seconds())
}

// Finish ends the report: the bar is cleared on a terminal, and a pipe gets
// the summary line when any work was counted.
func (p *Bar) Finish() {
	if p.stopped {
		return
	}
	p.stopped = true
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
	if !p.tty && p.total > 0 {
		elapsed := p.now().Sub(p.start)
		fmt.Fprintf(p.w, "%s: %d/%d in %s (%s)\n", p.label, p.done, p.total, elapsed.Round(time.Millisecond), rate(p.done, elapsed))
	}
}
