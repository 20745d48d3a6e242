//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carecast/carecast/inputs"
)

// runMeasured runs a command line as the carecast program in a process of
// its own (TestMain), with env added, and returns its exit status, stderr,
// peak resident memory in bytes and time by the clock.
func runMeasured(t testing.TB, env []string, args ...string) (code int, stderr string, rss int64, took time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "CARECAST_TEST_AS=carecast"), env...)
	var errb strings.Builder
	cmd.Stderr = &errb
	start := time.Now()
	err := cmd.Run()
	took = time.Since(start)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	return cmd.ProcessState.ExitCode(), errb.String(), ru.Maxrss * 1024, took // Linux: KB
}

// builtInFolder is the built-in scenario as a folder of CSV files, with
// the files of over in place of its own ("": none).
func builtInFolder(t testing.TB, over map[string]string) string {
	t.Helper()
	files, err := inputs.TemplateCSV(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range over {
		if _, ok := files[name]; !ok {
			files[name] = []byte(body)
		}
	}
	for name, body := range files {
		if v, ok := over[name]; ok {
			body = []byte(v)
		}
		if len(body) == 0 {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Issue 18, item 12, measured: an input at the caps stays within 1.5 GB.
// compare of 200 options (1,000 took 1.1 GB, with no cap); size by
// default on a 100,000-room block with --risk (70 minutes before, 200,001
// sizes); size --risk with many runs on 16 cores, where a simulation a
// core held its runs' figures each (here two sizes at once, 1.2 GB, and
// as much again not yet collected; now the sizes run at once are as many
// as 1 GiB holds, one, and the heap's soft limit keeps the garbage
// collected: 1,204 MB without it).
//
// A memory target, so a benchmark (go test -bench ComputeMemory
// ./cmd/carecast, or make bench), not a test: each case runs the command
// in a process of its own and reports its peak resident memory (peak-MB)
// and its time; a case over 1.5 GB, or one that fails, fails the
// benchmark. About 35 s of processor time a round.
func BenchmarkIssue18ComputeMemory(b *testing.B) {
	const limit = 1500 << 20
	// At the built-in's scale (8 years, 8 councils), where an option took
	// about 1 MB; its Paper rows name its own options, its Allocations
	// rows its own rooms.
	options := builtInFolder(b, map[string]string{"options.csv": optionsCSV(200), "paper.csv": ""})
	big := builtInFolder(b, map[string]string{"rooms.csv": "from,rooms\n2019-04-01,100000\n", "paper.csv": "", "allocations.csv": ""})
	small := scenarioFolder(b, nil)
	for _, c := range []struct {
		name string
		env  []string
		args []string
	}{
		{"compare-200-options", nil, []string{"compare", options, "--out", "OUT"}},
		{"size-100000-rooms-risk", nil, []string{"size", big, "--risk", "--json"}},
		// 2 years, 2 councils: 8 x (24 + 2 x 2 + 2) = 240 bytes a run,
		// 600 MB for 2,500,000 runs.
		{"size-2500000-runs-16-procs", []string{"GOMAXPROCS=16"}, []string{"size", small, "--min", "1", "--max", "2", "--risk", "--runs", "2500000", "--json"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var peak int64
			for range b.N {
				args := append([]string{}, c.args...)
				for i, a := range args {
					if a == "OUT" {
						args[i] = filepath.Join(b.TempDir(), "out")
					}
				}
				code, stderr, rss, took := runMeasured(b, c.env, args...)
				b.Logf("%s: %.1f s, %d MB peak", c.name, took.Seconds(), rss>>20)
				if code != exitOK {
					b.Fatalf("%s: exit %d: %s", c.name, code, stderr)
				}
				if rss > limit {
					b.Errorf("%s: %d MB at the peak, over 1.5 GB", c.name, rss>>20)
				}
				peak = max(peak, rss)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}
