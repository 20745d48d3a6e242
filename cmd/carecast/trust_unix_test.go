//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs a command line, failing the test rather than hanging
// past the deadline.
func runWithin(t *testing.T, d time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		c := run(args, &streams{Out: &out, Err: &errb})
		done <- result{c, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(d):
		t.Fatalf("%v did not finish within %s", args, d)
		return 0, "", ""
	}
}

// Failure 4, the input side: a device or a FIFO in place of a CSV file, or
// given as the input, is a clear error, not a hang; millions of errors
// are listed up to a hundred and counted.
func TestIssue10HostileFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	t.Run("councils.csv links to /dev/zero", func(t *testing.T) {
		dir := scenarioFolder(t, nil)
		p := filepath.Join(dir, "councils.csv")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/zero", p); err != nil {
			t.Skip("cannot make a symbolic link:", err)
		}
		code, _, stderr := runWithin(t, 20*time.Second, "validate", dir)
		if want := "councils.csv: a device, not a regular file; carecast reads only regular files\n"; code != exitInput || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	})
	t.Run("councils.csv is a FIFO", func(t *testing.T) {
		dir := scenarioFolder(t, nil)
		p := filepath.Join(dir, "councils.csv")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("cannot make a FIFO:", err)
		}
		code, _, stderr := runWithin(t, 20*time.Second, "forecast", dir, "--no-files")
		if want := "councils.csv: a FIFO (named pipe), not a regular file; carecast reads only regular files\n"; code != exitInput || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	})
	t.Run("the input is /dev/zero", func(t *testing.T) {
		code, _, stderr := runWithin(t, 20*time.Second, "validate", "/dev/zero")
		if want := "/dev/zero: a device, not a regular file; carecast reads only regular files; give an .xlsx workbook or a folder of CSV files\n"; code != exitInput || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	})
	t.Run("20,000 duplicate rows", func(t *testing.T) {
		// Rows 3 to 20,001 each repeat the date of the row before: 19,999
		// errors, of which the first 100 are listed.
		rooms := "from,rooms\n" + strings.Repeat("2019-04-01,2\n", 20000)
		dir := scenarioFolder(t, map[string]string{"rooms.csv": rooms})
		code, stdout, stderr := runCmd(t, false, "validate", dir)
		stderr = inFolder(stderr, dir)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitInput || stdout != "" || len(lines) != 102 {
			t.Fatalf("exit %d, %d lines of stderr, stdout %q; want exit 1 and 102 lines", code, len(lines), stdout)
		}
		if want := "rooms.csv:3: column from: row 2 has the same from date, 2019-04-01; expected one number of rooms per date"; lines[0] != want {
			t.Errorf("first line %q, want %q", lines[0], want)
		}
		if lines[100] != "... and 19,899 more" || lines[101] != "carecast: "+dir+": 19,999 errors" {
			t.Errorf("last lines:\n%s\n%s", lines[100], lines[101])
		}
	})
}
