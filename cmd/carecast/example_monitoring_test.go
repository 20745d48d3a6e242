package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// The walk-through of examples/monitoring/README.md is kept true: each of
// its blocks that starts "$ ./bin/carecast ..." is what that command
// prints on a terminal ("..." where lines are left out), and every other
// carecast command in its blocks runs.

func TestExampleMonitoringWalkThrough(t *testing.T) {
	src := filepath.Join("..", "..", "examples", "monitoring")
	blocks := markdownBlocks(t, filepath.Join(src, "README.md"))
	// The commands run in a folder of their own holding a copy of the
	// example, so that --out writes nothing into the repository.
	dir := t.TempDir()
	dst := filepath.Join(dir, "examples", "monitoring")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(src, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CSV files in %s: %v", src, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	shown := 0
	var runs [][]string
	var lines []string
	for _, b := range blocks {
		if strings.HasPrefix(b[0], "$ ./bin/carecast ") {
			shown++
			args := readmeCommand(t, b[0])[0]
			code, stdout, stderr := runCmd(t, true, args...)
			if code != exitOK {
				t.Fatalf("%q: exit %d: %s", b[0], code, stderr)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimRight(stderr+stdout, "\n"), "\n") {
				got = append(got, strings.TrimRight(l, " "))
			}
			if diff := matchLines(b[1:], got); diff != "" {
				t.Errorf("examples/monitoring/README.md's block %q differs from the output; update the README.\n%s", b[0], diff)
			}
			continue
		}
		for _, l := range b {
			for _, args := range readmeCommand(t, l) {
				runs = append(runs, args)
				lines = append(lines, l)
			}
		}
	}
	if shown < 3 {
		t.Errorf("examples/monitoring/README.md shows %d outputs, want the three of its walk-through", shown)
	}
	for i, args := range runs {
		out := slices.Index(args, "--out")
		if out >= 0 {
			testtools.Chromium(t) // the PDF; skips under -short
		}
		if code, _, stderr := runCmd(t, false, args...); code != exitOK {
			t.Errorf("%q: exit %d: %s", lines[i], code, stderr)
		}
		if out >= 0 {
			for _, name := range []string{"monitoring.xlsx", "monitoring.docx", "monitoring.pdf"} {
				if _, err := os.Stat(filepath.Join(args[out+1], name)); err != nil {
					t.Errorf("%q wrote no %s: %v", lines[i], name, err)
				}
			}
		}
	}
}

// TestMonitorFrozenBudget: a budget frozen with 'forecast --json
// --monthly' from the plan (examples/monitoring without its Actuals rows)
// gives every line of the report as the plan does.
func TestMonitorFrozenBudget(t *testing.T) {
	src := filepath.Join("..", "..", "examples", "monitoring")
	plan := filepath.Join(t.TempDir(), "plan")
	if err := os.MkdirAll(plan, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(src, "*.csv"))
	for _, f := range files {
		if filepath.Base(f) == "actuals.csv" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(plan, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, frozen, stderr := runCmd(t, false, "forecast", plan, "--json", "--monthly")
	if code != exitOK {
		t.Fatalf("forecast --json --monthly: exit %d: %s", code, stderr)
	}
	budget := filepath.Join(t.TempDir(), "budget.json")
	if err := os.WriteFile(budget, []byte(frozen), 0o644); err != nil {
		t.Fatal(err)
	}
	_, byPlan, _ := runCmd(t, false, "monitor", src, "--json")
	code, byFile, stderr := runCmd(t, false, "monitor", src, "--json", "--baseline", budget)
	if code != exitOK {
		t.Fatalf("monitor --baseline: exit %d: %s", code, stderr)
	}
	a, b := decodeMonitor(t, byPlan), decodeMonitor(t, byFile)
	if b.BudgetSource != budget || a.BudgetSource != "plan" {
		t.Errorf("budget sources %q and %q", a.BudgetSource, b.BudgetSource)
	}
	if len(a.Lines) == 0 || !reflect.DeepEqual(a.Lines, b.Lines) || !reflect.DeepEqual(a.Explained, b.Explained) {
		t.Error("the frozen budget's report differs from the plan's")
	}
}
