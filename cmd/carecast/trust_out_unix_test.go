//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writers are the command lines that write into the folder OUT, each
// without Chromium.
func writers(out string) [][]string {
	return [][]string{
		{"forecast", "--out", out},
		{"charts", "--out", out},
		{"size", "--max", "3", "--out", out},
		{"compare", "--out", out},
		{"init", "--csv", out, "--force"},
	}
}

// Issue 18, item 1: OUT/.carecast.lock planted as a link to a file outside
// the folder (or to a name not yet taken there, or as a hard link): every
// command that writes refuses it, exit 3 with a message naming it, the
// file outside untouched (not created), nothing written in OUT.
func TestIssue18LockIsALink(t *testing.T) {
	for _, plant := range []string{"symlink to a file", "symlink to nothing", "hard link"} {
		for _, args := range writers("OUT") {
			t.Run(plant+"/"+args[0], func(t *testing.T) {
				root := t.TempDir()
				out, outside := filepath.Join(root, "out"), filepath.Join(root, "bashrc")
				if err := os.Mkdir(out, 0o755); err != nil {
					t.Fatal(err)
				}
				lock := filepath.Join(out, ".carecast.lock")
				var err error
				switch plant {
				case "symlink to a file":
					os.WriteFile(outside, []byte("export PATH\n"), 0o644)
					err = os.Symlink(outside, lock)
				case "symlink to nothing":
					err = os.Symlink(outside, lock)
				case "hard link":
					os.WriteFile(outside, []byte("export PATH\n"), 0o644)
					err = os.Link(outside, lock)
				}
				if err != nil {
					t.Skip("cannot make the link:", err)
				}
				args := append([]string{}, args...)
				for i := range args {
					if args[i] == "OUT" {
						args[i] = out
					}
				}
				code, _, stderr := runCmd(t, false, args...)
				if code != exitInternal || !strings.Contains(stderr, lock+" is a ") || !strings.Contains(stderr, "not a lock carecast made") {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 3 refusing %s", code, stderr, lock)
				}
				b, err := os.ReadFile(outside)
				switch {
				case plant == "symlink to nothing" && !os.IsNotExist(err):
					t.Errorf("%s was created through the link (%q, %v)", outside, b, err)
				case plant != "symlink to nothing" && string(b) != "export PATH\n":
					t.Errorf("%s holds %q (%v), want it untouched", outside, b, err)
				}
				if got := strings.Join(dirNames(t, out), " "); got != ".carecast.lock" {
					t.Errorf("OUT holds %s; want the planted link alone", got)
				}
			})
		}
	}
}

// Issue 18, item 2: a run removes only the temporaries carecast made, of
// a run no longer running: a user's .bashrc.bak-2024 and .notes.tmp-1 in
// --out stay, and so does a temporary of a carecast still running.
func TestIssue18StaleTemporaries(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	if err := syscall.Kill(dead, 0); err != syscall.ESRCH {
		t.Skipf("process %d runs again", dead)
	}
	for _, args := range writers("OUT") {
		t.Run(args[0], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			user := []string{".bashrc.bak-2024", ".notes.tmp-1", ".forecast.xlsx.tmp-4242",
				fmt.Sprintf(".carecast-tmp-%d-77", os.Getppid())}
			stale := []string{fmt.Sprintf(".carecast-tmp-%d-123", dead), fmt.Sprintf(".carecast-bak-%d-9", dead)}
			for _, n := range append(append([]string{}, user...), stale...) {
				if err := os.WriteFile(filepath.Join(out, n), []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{}, args...)
			for i := range args {
				if args[i] == "OUT" {
					args[i] = out
				}
			}
			if code, _, stderr := runCmd(t, false, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, n := range user {
				if b, err := os.ReadFile(filepath.Join(out, n)); string(b) != "mine" {
					t.Errorf("%s: %q, %v; want it kept", n, b, err)
				}
			}
			for _, n := range stale {
				if _, err := os.Lstat(filepath.Join(out, n)); !os.IsNotExist(err) {
					t.Errorf("%s was left (%v); want the dead run's temporary gone", n, err)
				}
			}
		})
	}
}
