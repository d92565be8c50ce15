package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress reports work in items done out of a total. On a terminal it
// draws a one-line bar with the rate and the time left, once the work has
// lasted a second; on a pipe it writes one summary line at the end, so that
// a log shows how much was done and how fast without a bar's redraws.
type progress struct {
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

func newProgress(w io.Writer, tty bool, label string) *progress {
	return &progress{w: w, tty: tty, label: label, now: time.Now, start: time.Now()}
}

func (p *progress) update(done, total int64) {
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

// finish ends the report: the bar is cleared on a terminal, and a pipe gets
// the summary line when any work was counted.
func (p *progress) finish() {
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
