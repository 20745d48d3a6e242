package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// failAfter is a writer on a full disk: it takes n bytes, then fails.
func failAfter(n int, s string) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, s[:n]); err != nil {
			return err
		}
		return syscall.ENOSPC
	}
}

// names lists dir's entries.
func names(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return strings.Join(out, " ")
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// previous writes the outputs of an earlier run.
func previous(t *testing.T) (dir, a, b string) {
	t.Helper()
	dir = t.TempDir()
	a, b = filepath.Join(dir, "forecast.xlsx"), filepath.Join(dir, "charts.html")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("old "+filepath.Base(p)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, a, b
}

func TestTxCommitsAll(t *testing.T) {
	dir, a, b := previous(t)
	tx := &Tx{}
	if err := tx.Stage(a, writeString("new a")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Stage(b, writeString("new b")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, a); got != "old forecast.xlsx" {
		t.Errorf("before Commit %s holds %q", a, got)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "new a" || read(t, b) != "new b" {
		t.Errorf("after Commit: %q, %q", read(t, a), read(t, b))
	}
	if got := names(t, dir); got != "charts.html forecast.xlsx" {
		t.Errorf("folder holds %s; want the two outputs alone (no temporaries, no lock)", got)
	}
	tx.Abort() // after Commit: nothing
	if read(t, a) != "new a" {
		t.Error("Abort after Commit changed the output")
	}
}

// A write that fails part way (a full disk): nothing changes.
func TestTxWriteFails(t *testing.T) {
	dir, a, b := previous(t)
	tx := &Tx{}
	if err := tx.Stage(a, writeString("new a")); err != nil {
		t.Fatal(err)
	}
	err := tx.Stage(b, failAfter(3, "new b"))
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), b) {
		t.Errorf("Stage: %v; want the path and ENOSPC", err)
	}
	tx.Abort()
	if read(t, a) != "old forecast.xlsx" || read(t, b) != "old charts.html" {
		t.Errorf("previous outputs changed: %q, %q", read(t, a), read(t, b))
	}
	if got := names(t, dir); got != "charts.html forecast.xlsx" {
		t.Errorf("folder holds %s; want the previous outputs alone", got)
	}
}

// A folder named as an output: Commit renames nothing.
func TestTxFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "forecast.xlsx"), filepath.Join(dir, "charts.html")
	if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	tx := &Tx{}
	for _, p := range []string{a, b} {
		if err := tx.Stage(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
	}
	err := tx.Commit()
	if err == nil || !strings.Contains(err.Error(), b) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("Commit: %v; want an error naming the folder %s", err, b)
	}
	if read(t, a) != "old" {
		t.Errorf("%s changed: %q", a, read(t, a))
	}
	if got := names(t, dir); got != "charts.html forecast.xlsx" {
		t.Errorf("folder holds %s", got)
	}
}

// A rename that fails after others succeeded puts them back.
func TestTxRollsBack(t *testing.T) {
	dir, a, b := previous(t)
	c := filepath.Join(dir, "new.png") // not there before
	tx := &Tx{}
	for _, p := range []string{c, a, b} {
		if err := tx.Stage(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
	}
	// The last temporary disappears before Commit: its rename fails.
	os.Remove(tx.TempPath(b))
	if err := tx.Commit(); err == nil {
		t.Fatal("Commit succeeded without a file to rename")
	}
	if read(t, a) != "old forecast.xlsx" || read(t, b) != "old charts.html" {
		t.Errorf("not put back: %q, %q", read(t, a), read(t, b))
	}
	if got := names(t, dir); got != "charts.html forecast.xlsx" {
		t.Errorf("folder holds %s; want the previous outputs alone", got)
	}
}

// A second run waits for the folder, then says who holds it; once the
// first is done it goes ahead.
func TestTxLock(t *testing.T) {
	dir, a, _ := previous(t)
	first := &Tx{}
	if err := first.Stage(a, writeString("first")); err != nil {
		t.Fatal(err)
	}
	second := &Tx{Wait: 100 * time.Millisecond}
	start := time.Now()
	err := second.Stage(a, writeString("second"))
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("Stage while locked: %v", err)
	}
	if waited := time.Since(start); waited < 100*time.Millisecond {
		t.Errorf("gave up after %s; want a wait of 100ms", waited)
	}
	if want := fmt.Sprintf("process %d (", os.Getpid()); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name the folder and %q", err, want)
	}
	second.Abort()
	// The second waits while the first finishes.
	go func() {
		time.Sleep(50 * time.Millisecond)
		first.Commit()
	}()
	third := &Tx{Wait: 5 * time.Second}
	if err := third.Stage(a, writeString("third")); err != nil {
		t.Fatal(err)
	}
	if err := third.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, a); got != "third" {
		t.Errorf("%s holds %q, want the third run's", a, got)
	}
}

// Temporaries left by a killed run go when the next run takes the folder:
// carecast's own (named .carecast-tmp- or .carecast-bak- with the process
// id), of this process and not in use, or of a process no longer running.
// A user's files named like temporaries stay, and so do the temporaries of
// a run still running.
func TestTxRemovesStaleTemporaries(t *testing.T) {
	dir, a, _ := previous(t)
	dead := deadPID(t)
	stale := []string{
		fmt.Sprintf(".carecast-tmp-%d-123", dead),
		fmt.Sprintf(".carecast-bak-%d-77", dead),
		fmt.Sprintf(".carecast-tmp-%d-9", os.Getpid()),
	}
	kept := []string{
		".bashrc.bak-2024", ".forecast.xlsx.tmp-123", ".charts.html.bak-77", // a user's, or older carecasts'
		fmt.Sprintf(".carecast-tmp-%d-5", os.Getppid()), // a run still running
		fmt.Sprintf(".carecast-tmp-%d-x", dead),         // not a name carecast makes
		fmt.Sprintf("carecast-tmp-%d-5", dead),
	}
	for _, n := range append(append([]string{}, stale...), kept...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A temporary this process is writing right now, outside the Tx.
	busy, err := Create(filepath.Join(dir, "other.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Abort()
	tx := &Tx{}
	if err := tx.Stage(a, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if _, err := os.Lstat(filepath.Join(dir, n)); !os.IsNotExist(err) {
			t.Errorf("%s was not removed (%v)", n, err)
		}
	}
	for _, n := range kept {
		if got := read(t, filepath.Join(dir, n)); got != "keep me" {
			t.Errorf("%s holds %q, want it untouched", n, got)
		}
	}
	if _, err := os.Stat(busy.tmp.Name()); err != nil {
		t.Errorf("the temporary in use was removed: %v", err)
	}
	if err := busy.Commit(); err != nil {
		t.Fatal(err)
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if !exited(pid) {
		t.Skipf("process %d still runs (its id was taken again)", pid)
	}
	return pid
}

// An input is never written over.
func TestTxRefusesInput(t *testing.T) {
	_, a, _ := previous(t)
	tx := &Tx{Protect: []string{a}}
	if err := tx.Stage(a, writeString("x")); err == nil || !strings.Contains(err.Error(), "input") {
		t.Errorf("Stage over an input: %v", err)
	}
	tx.Abort()
}
