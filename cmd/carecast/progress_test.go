package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The bar draws on a terminal once its wait has passed, never within it.
func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	b := newProgressBar(&streams{Err: &buf, ErrTTY: true, ProgressAfter: time.Nanosecond}, "Simulating", "runs", 200)
	time.Sleep(time.Millisecond)
	b.update(50)
	b.update(200)
	b.finish()
	want := "\rSimulating [#######.......................]  25%  50 of 200 runs" +
		"\rSimulating [##############################] 100%  200 of 200 runs\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	b = newProgressBar(&streams{Err: &buf, ErrTTY: true}, "Simulating", "runs", 200)
	b.update(100) // within the first second
	b.finish()
	if buf.Len() != 0 {
		t.Errorf("drew %q within the first second", buf.String())
	}
	if b := newProgressBar(&streams{Err: &buf}, "Simulating", "runs", 200); b != nil {
		t.Error("a bar for a stderr that is not a terminal")
	}
}

// At the command layer: sensitivity, simulate and forecast with the
// appraisal draw their bars on a terminal's stderr (a fake one here) and
// nothing on a stderr that is not a terminal.
func TestProgressBarsAtTheCommandLayer(t *testing.T) {
	for _, c := range []struct {
		args []string
		bars []string // the last state of each bar
	}{
		{[]string{"sensitivity"}, []string{"Sensitivity [##############################] 100%  7 of 7 factors\n"}},
		{[]string{"simulate", "--runs", "3000"}, []string{"Simulating [##############################] 100%  3,000 of 3,000 runs\n"}},
		{[]string{"forecast", "--risk", "--runs", "3000", "--out", "OUT"}, []string{
			"Sensitivity [##############################] 100%  7 of 7 factors\n",
			"Simulating [##############################] 100%  3,000 of 3,000 runs\n"}},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			args := append([]string(nil), c.args...)
			for i, a := range args {
				if a == "OUT" {
					args[i] = t.TempDir()
				}
			}
			var out, errb bytes.Buffer
			code := run(args, &streams{Out: &out, Err: &errb, ErrTTY: true, ProgressAfter: time.Nanosecond})
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			for _, bar := range c.bars {
				if !strings.Contains(errb.String(), "\r"+bar) {
					t.Errorf("stderr lacks the finished bar %q:\n%q", bar, errb.String())
				}
			}
			out.Reset()
			errb.Reset()
			code = run(args, &streams{Out: &out, Err: &errb, ProgressAfter: time.Nanosecond})
			if code != 0 || strings.ContainsAny(errb.String(), "\r#") {
				t.Errorf("not a terminal: exit %d, stderr %q; want no bar", code, errb.String())
			}
		})
	}
}
