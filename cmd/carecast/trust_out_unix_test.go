//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
)

// writers are the command lines that write into the folder OUT, each
// without Chromium.
func writers(t *testing.T, out string) [][]string {
	_, returns := exampleReturns(t)
	return [][]string{
		{"forecast", "--out", out},
		{"charts", "--out", out},
		{"size", "--max", "3", "--out", out},
		{"compare", "--out", out},
		{"init", "--csv", out, "--force"},
		{"journal", "--out", out + "/journal.csv"},
		{"demand", "903", returns[0], "--runs", "20", "--out", out},
	}
}

// Issue 18, item 1: OUT/.carecast.lock planted as a link to a file outside
// the folder (or to a name not yet taken there, or as a hard link): every
// command that writes refuses it, exit 3 with a message naming it, the
// file outside untouched (not created), nothing written in OUT.
func TestIssue18LockIsALink(t *testing.T) {
	for _, plant := range []string{"symlink to a file", "symlink to nothing", "hard link"} {
		for _, args := range writers(t, "OUT") {
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
					args[i] = strings.Replace(args[i], "OUT", out, 1)
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
	for _, args := range writers(t, "OUT") {
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
				args[i] = strings.Replace(args[i], "OUT", out, 1)
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

// fakeChromiumEnv makes the test binary the Chromium carecast runs, one
// that starts and never answers (TestMain).
func fakeChromiumEnv(t *testing.T) {
	t.Setenv("CARECAST_CHROMIUM", os.Args[0])
	t.Setenv("CARECAST_TEST_CHROMIUM", "silent")
}

// Issue 18, item 10: a Chromium that starts but never answers hung paper
// and charts --png for ever. Every wait on it has a deadline
// (render.Timeout, 60 s; 2 s here): exit 3 with a message naming
// CARECAST_CHROMIUM, nothing written, no browser left running.
func TestIssue18HungChromium(t *testing.T) {
	saved := render.Timeout
	render.Timeout = 2 * time.Second
	defer func() { render.Timeout = saved }()
	for _, args := range [][]string{
		{"paper", "--runs", "20", "--no-size", "--out", "OUT"},
		{"charts", "--png", "OUT"},
	} {
		{
			t.Run(args[0], func(t *testing.T) {
				fakeChromiumEnv(t)
				out := filepath.Join(t.TempDir(), "out")
				args := append([]string{}, args...)
				args[len(args)-1] = out
				start := time.Now()
				code, _, stderr := runWithin(t, 60*time.Second, args...)
				if code != exitInternal {
					t.Errorf("exit %d, want 3", code)
				}
				if want := "carecast: no answer from Chromium within 2s while starting: it may be hung, or not a working Chromium (" + os.Args[0] + "); set CARECAST_CHROMIUM to the path of a working Chromium or Chrome"; !strings.Contains(stderr, want) {
					t.Errorf("stderr:\n%s\nwant %q", stderr, want)
				}
				if took := time.Since(start); took > 30*time.Second {
					t.Errorf("took %s", took)
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("--out was made (%v)", err)
				}
				if pids := processesMentioning(os.Args[0], "--remote-debugging-pipe"); len(pids) > 0 {
					t.Errorf("the browser still runs: %v", pids)
				}
			})
		}
	}
}

// processesMentioning lists the processes (other than this one) whose
// command line holds every one of words.
func processesMentioning(words ...string) []int {
	es, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range es {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		all := true
		for _, w := range words {
			all = all && strings.Contains(string(b), w)
		}
		if all {
			pids = append(pids, pid)
		}
	}
	return pids
}

// Issue 18, item 4: a run interrupted (SIGINT, SIGTERM) while the browser
// works left /tmp/carecast-chromium-N and /tmp/carecast-charts-N (the
// scenario's figures). Now a run keeps its temporaries in one private
// folder (0700) that goes on exit and on a signal, with the browser; the
// exit status is 128 and the signal's number; nothing is written.
func TestIssue18InterruptedRun(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("no /proc to watch the browser in")
	}
	// A browser that never answers, then (without -short) Debian's
	// Chromium at work.
	browsers := map[string][]string{"hung": {"CARECAST_CHROMIUM=" + os.Args[0], "CARECAST_TEST_CHROMIUM=silent"}}
	if !testing.Short() {
		browsers["chromium"] = []string{"CARECAST_CHROMIUM=" + testtools.Chromium(t)}
	}
	for name, env := range browsers {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			for _, args := range [][]string{
				{"charts", "--png", "OUT"},
				{"paper", "--runs", "20", "--no-size", "--out", "OUT"},
			} {
				interruptRun(t, name+"/"+sig.String()+"/"+args[0], sig, env, args)
			}
		}
	}
}

// interruptRun runs carecast in a process of its own with args (OUT
// standing for the output folder) and the environment env, signals it
// once the browser runs, and checks that it stops leaving nothing behind.
func interruptRun(t *testing.T, name string, sig syscall.Signal, env, args []string) {
	t.Run(name, func(t *testing.T) {
		tmp, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
		args := append([]string{}, args...)
		args[len(args)-1] = out
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(append(os.Environ(), "CARECAST_TEST_AS=carecast", "TMPDIR="+tmp), env...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the browser: the run's folder and the profile in it.
		var runDir string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(tmp, "carecast-*", "carecast-chromium-*")); len(m) > 0 && len(processesMentioning(m[0])) > 0 {
				runDir = filepath.Dir(m[0])
				break
			}
		}
		if runDir == "" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the browser never started; stderr:\n%s", stderr.String())
		}
		// Signal at once: Debian's Chromium can finish charts --png within
		// a second, and a run already ended has no temporaries to clean.
		if fi, err := os.Stat(runDir); err != nil {
			t.Errorf("the run's folder %s: %v", runDir, err)
		} else if fi.Mode().Perm() != 0o700 {
			t.Errorf("the run's folder %s has mode %v; want 0700", runDir, fi.Mode().Perm())
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the run did not stop within 20 s of the signal")
		}
		if got, want := cmd.ProcessState.ExitCode(), 128+int(sig); got != want {
			t.Errorf("exit %d, want %d", got, want)
		}
		if want := fmt.Sprintf("carecast: stopped by %s; no output was left half-written\n", sig); !strings.HasSuffix(stderr.String(), want) {
			t.Errorf("stderr:\n%s\nwant it to end %q", stderr.String(), want)
		}
		if es, _ := os.ReadDir(tmp); len(es) > 0 {
			t.Errorf("TMPDIR holds %s after the run", es[0].Name())
		}
		if pids := processesMentioning(runDir); len(pids) > 0 {
			t.Errorf("the browser still runs: %v", pids)
		}
		if es, _ := os.ReadDir(out); len(es) > 0 {
			t.Errorf("--out holds %s", es[0].Name())
		}
	})
}
