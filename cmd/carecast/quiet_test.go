package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 18, item 14: --out - made a folder named "-". A command that
// writes several files refuses it as a usage error (exit 2) naming ./-
// for a folder of that name, and makes nothing; journal and charts, whose
// output is one file, write it to standard output.
func TestIssue18OutDash(t *testing.T) {
	example, err := filepath.Abs(demandExample)
	if err != nil {
		t.Fatal(err)
	}
	returns, _ := exampleReturns(t)
	scenario := filepath.Join(t.TempDir(), "scenario")
	if code, _, stderr := runCmd(t, false, "init", "--csv", scenario); code != exitOK {
		t.Fatal(stderr)
	}
	cwd := t.TempDir()
	t.Chdir(cwd)
	for _, args := range [][]string{
		{"forecast", "--out", "-"},
		{"forecast", "-o", "-"},
		{"paper", "--out", "-"},
		{"compare", "--out", "-"},
		{"size", example, "--min", "30", "--max", "31", "--out", "-"},
		{"charts", "--png", "-"},
		{"demand", "903", filepath.Join(returns, "HAV"), "--out", "-"},
		{"demand", "example", "-"},
		{"monitor", scenario, "--as-at", "2020-11-30", "--out", "-"},
		{"init", "-"},
		{"init", "--csv", "-"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, false, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, "not to standard output") || !strings.Contains(stderr, "./- for a folder named -") && !strings.Contains(stderr, "give a file name ending .xlsx") {
				t.Errorf("stderr does not say why:\n%s", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			if got := dirNames(t, cwd); len(got) != 0 {
				t.Errorf("the working folder holds %v", got)
			}
		})
	}

	// ./- still names a folder called -.
	if code, _, stderr := runCmd(t, false, "forecast", "--out", "./-"); code != exitOK {
		t.Fatalf("forecast --out ./-: exit %d: %s", code, stderr)
	}
	if got := strings.Join(dirNames(t, filepath.Join(cwd, "-")), " "); got != "charts.html forecast.xlsx" {
		t.Errorf("./- holds %s", got)
	}
	if err := os.RemoveAll(filepath.Join(cwd, "-")); err != nil {
		t.Fatal(err)
	}

	// One output: standard output, the same bytes as the file, nothing
	// written here.
	for _, c := range []struct {
		name      string
		dash, out []string
		file      string
	}{
		{"journal", []string{"journal", "--out", "-"}, []string{"journal", "--out", filepath.Join(t.TempDir(), "j.csv")}, "j.csv"},
		{"charts", []string{"charts", "--out", "-"}, []string{"charts", "--out", "c"}, "charts.html"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := append([]string{}, c.out...)
			out[len(out)-1] = filepath.Join(dir, filepath.Base(out[len(out)-1]))
			if code, _, stderr := runCmd(t, false, out...); code != exitOK {
				t.Fatalf("%v: exit %d: %s", out, code, stderr)
			}
			path := out[len(out)-1]
			if c.name == "charts" {
				path = filepath.Join(path, c.file)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCmd(t, false, c.dash...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != string(want) {
				t.Errorf("stdout (%d bytes) is not the file (%d bytes)", len(stdout), len(want))
			}
			if strings.Contains(stderr, "wrote") {
				t.Errorf("stderr: %s", stderr)
			}
			if got := dirNames(t, cwd); len(got) != 0 {
				t.Errorf("the working folder holds %v", got)
			}
		})
	}
}

// Issue 18, item 16: --quiet, on every command that writes, drops the
// lines saying what was written and the progress bar; a warning stays.
func TestIssue18Quiet(t *testing.T) {
	example, err := filepath.Abs(demandExample)
	if err != nil {
		t.Fatal(err)
	}
	_, dirs := exampleReturns(t)
	tmp := t.TempDir()
	scenario := filepath.Join(tmp, "scenario")
	if code, _, stderr := runCmd(t, false, "init", "--csv", scenario); code != exitOK {
		t.Fatal(stderr)
	}
	for i, args := range [][]string{
		{"forecast", "--out", "OUT"},
		{"charts", "--out", "OUT"},
		{"size", example, "--min", "30", "--max", "31", "--out", "OUT"},
		{"compare", "--out", "OUT", "--risk", "--runs", "50"},
		{"journal", "--out", "OUT/j.csv"},
		{"init", "OUT/t.xlsx"},
		{"init", "--csv", "OUT"},
		{"demand", "example", "OUT"},
		{"demand", "903", dirs[0], "--runs", "50", "--out", "OUT"},
		{"monitor", scenario, "--as-at", "2020-11-30", "--out", "OUT"},
		{"simulate", "--runs", "200"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			for _, quiet := range []bool{false, true} {
				line := make([]string, len(args))
				for k, a := range args {
					line[k] = strings.Replace(a, "OUT", filepath.Join(tmp, strings.Repeat("q", b2i(quiet))+"out"+string(rune('a'+i))), 1)
				}
				if strings.HasPrefix(args[len(args)-1], "OUT/") {
					if err := os.MkdirAll(filepath.Dir(line[len(line)-1]), 0o755); err != nil {
						t.Fatal(err)
					}
				}
				if quiet {
					line = append(line, "--quiet")
				}
				var out, errb bytes.Buffer
				code := run(line, &streams{Out: &out, Err: &errb, ErrTTY: true, ProgressAfter: time.Nanosecond})
				if code != exitOK {
					t.Fatalf("%v: exit %d: %s", line, code, errb.String())
				}
				stderr := errb.String()
				said := strings.Contains(stderr, "wrote") || strings.Contains(stderr, "\r")
				if args[0] == "simulate" {
					said = strings.Contains(stderr, "\r") // its bar only
				}
				if quiet && said {
					t.Errorf("--quiet: stderr:\n%q", stderr)
				}
				if !quiet && !said {
					t.Errorf("without --quiet stderr says nothing written or in progress:\n%q", stderr)
				}
			}
		})
	}

	// A warning still shows with --quiet.
	dir := scenarioFolder(t, map[string]string{"extra.csv": "x\n1\n"})
	code, _, stderr := runCmd(t, false, "forecast", dir, "--no-files", "--quiet")
	if code != exitOK || !strings.Contains(stderr, "warning:") {
		t.Errorf("exit %d, stderr %q; want a warning", code, stderr)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
