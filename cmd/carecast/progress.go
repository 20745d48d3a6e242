package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/carecast/carecast"
)

// progressBar draws "Simulating [#####.....]  45%  45,000 of 100,000 runs"
// on one line of stderr, once the work has taken a second (streams'
// ProgressAfter), and only when stderr is a terminal. A nil bar draws
// nothing, so callers need not ask.
//
// Written here rather than taken from a library: it is one line redrawn
// with a carriage return, and the libraries (schollz/progressbar, cheggaaa/pb)
// bring their own terminal detection and throttling, which the command
// layer already has (streams.ErrTTY, the engine's ten-a-second callbacks).
type progressBar struct {
	w           io.Writer
	label, unit string
	total       int
	start       time.Time
	drawn       bool
	after       time.Duration // 0: a second
}

// newProgressBar returns a bar for total units of work on io's stderr, or
// nil when stderr is not a terminal or with --quiet.
func newProgressBar(io *streams, label, unit string, total int) *progressBar {
	if !io.ErrTTY || io.Quiet || total < 1 {
		return nil
	}
	return &progressBar{w: io.Err, label: label, unit: unit, total: total, start: time.Now(), after: io.ProgressAfter}
}

const barWidth = 30

// update redraws the bar with done units of work done.
func (b *progressBar) update(done int) {
	if b == nil {
		return
	}
	wait := b.after
	if wait == 0 {
		wait = time.Second
	}
	if time.Since(b.start) < wait {
		return
	}
	done = min(max(done, 0), b.total)
	filled := barWidth * done / b.total
	label := ""
	if b.label != "" {
		label = b.label + " "
	}
	fmt.Fprintf(b.w, "\r%s[%s%s] %3d%%  %s of %s %s", label, strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled),
		100*done/b.total, carecast.GroupThousands(fmt.Sprint(done)), carecast.GroupThousands(fmt.Sprint(b.total)), b.unit)
	b.drawn = true
}

// finish ends the bar's line, if it drew one.
func (b *progressBar) finish() {
	if b != nil && b.drawn {
		fmt.Fprintln(b.w)
	}
}
