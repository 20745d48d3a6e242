package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/atomicfile"
)

// snapshot is every file in dir (names and bytes), hidden ones included.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range es {
		if e.IsDir() {
			out[e.Name()] = "(folder)"
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is gone", name)
		} else if g != w {
			t.Errorf("%s changed", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s was left behind", name)
		}
	}
}

// earlierRun forecasts the built-in scenario into a new folder: the
// previous outputs a failed run must leave as they are.
func earlierRun(t *testing.T) (dir string, before map[string]string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCmd(t, false, "forecast", "--out", dir); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	return dir, snapshot(t, dir)
}

// Failure 7 of issue 10, a full disk: writing charts.html fails part way;
// the run exits 3 naming it and the previous pair stays as it was, with no
// temporaries.
func TestOutputsAllOrNothingDiskFull(t *testing.T) {
	dir, before := earlierRun(t)
	outputHook = func(path string, w io.Writer) io.Writer {
		if filepath.Base(path) == chartsFile {
			return &fullDisk{w: w, left: 1000}
		}
		return w
	}
	defer func() { outputHook = nil }()
	code, _, stderr := runCmd(t, false, "forecast", writeCSVScenario(t, ""), "--out", dir)
	if code != 3 || !strings.Contains(stderr, filepath.Join(dir, chartsFile)) || !strings.Contains(stderr, "no space left") {
		t.Errorf("exit %d, stderr %q; want 3 and a message naming %s and the full disk", code, stderr, chartsFile)
	}
	sameFiles(t, snapshot(t, dir), before)
}

// fullDisk takes left bytes, then fails as a full disk does.
type fullDisk struct {
	w    io.Writer
	left int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.w.Write(p[:f.left])
		f.left = 0
		return n, syscall.ENOSPC
	}
	f.left -= len(p)
	return f.w.Write(p)
}

// Failure 7, a folder named charts.html in --out: exit 3 naming it, and
// forecast.xlsx is not replaced.
func TestOutputsAllOrNothingFolderInTheWay(t *testing.T) {
	dir, _ := earlierRun(t)
	if err := os.Remove(filepath.Join(dir, chartsFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, chartsFile), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	code, _, stderr := runCmd(t, false, "forecast", writeCSVScenario(t, ""), "--out", dir)
	if code != 3 || !strings.Contains(stderr, filepath.Join(dir, chartsFile)) || !strings.Contains(stderr, "folder") {
		t.Errorf("exit %d, stderr %q; want 3 and a message naming the folder %s", code, stderr, chartsFile)
	}
	sameFiles(t, snapshot(t, dir), before)
}

// Failure 7, two runs into one folder: the second waits for the first,
// then says which process holds the folder; nothing is written.
func TestOutputsLockedFolder(t *testing.T) {
	dir, before := earlierRun(t)
	holder := &atomicfile.Tx{}
	if err := holder.Stage(filepath.Join(dir, "other.txt"), func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	lockWait = 200 * time.Millisecond
	defer func() { lockWait = atomicfile.DefaultWait }()
	start := time.Now()
	code, _, stderr := runCmd(t, false, "forecast", "--out", dir)
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("gave up after %s; want a wait first", waited)
	}
	if want := fmt.Sprintf("is being written by process %d (", os.Getpid()); code != 3 || !strings.Contains(stderr, want) || !strings.Contains(stderr, dir) {
		t.Errorf("exit %d, stderr %q; want 3 and %q", code, stderr, want)
	}
	holder.Abort()
	sameFiles(t, snapshot(t, dir), before)
}

// Failure 7, runs at once into one folder (the issue saw the pair mixed
// in 2 of 20 tries): each run's pair is whole, so the folder always holds
// the pair of one run or of the other, byte for byte.
func TestOutputsConcurrentRunsDoNotMix(t *testing.T) {
	csv := writeCSVScenario(t, "")
	refA, _ := earlierRun(t)
	refB := filepath.Join(t.TempDir(), "b")
	if code, _, stderr := runCmd(t, false, "forecast", csv, "--out", refB); code != 0 {
		t.Fatal(stderr)
	}
	a, b := snapshot(t, refA), snapshot(t, refB)
	lockWait = time.Minute
	defer func() { lockWait = atomicfile.DefaultWait }()
	dir := filepath.Join(t.TempDir(), "shared")
	for try := range 8 {
		var wg sync.WaitGroup
		codes, stderrs := make([]int, 2), make([]string, 2)
		for i, args := range [][]string{{"forecast", "--out", dir}, {"forecast", csv, "--out", dir}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var out, errb bytes.Buffer
				codes[i] = run(args, &streams{Out: &out, Err: &errb})
				stderrs[i] = errb.String()
			}()
		}
		wg.Wait()
		if codes[0] != 0 || codes[1] != 0 {
			t.Fatalf("try %d: exits %v; stderr:\n%s\n%s", try, codes, stderrs[0], stderrs[1])
		}
		got := snapshot(t, dir)
		if fmt.Sprint(got) != fmt.Sprint(a) && fmt.Sprint(got) != fmt.Sprint(b) {
			t.Fatalf("try %d: the folder holds a mixed pair (or leftovers): %d files", try, len(got))
		}
	}
}

// Temporaries left by a run killed part way go with the next run.
func TestOutputsRemoveStaleTemporaries(t *testing.T) {
	dir, before := earlierRun(t)
	for _, n := range []string{fmt.Sprintf(".carecast-tmp-%d-4242", os.Getpid()), fmt.Sprintf(".carecast-bak-%d-17", os.Getpid())} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCmd(t, false, "forecast", "--out", dir); code != 0 {
		t.Fatal(stderr)
	}
	sameFiles(t, snapshot(t, dir), before)
}
