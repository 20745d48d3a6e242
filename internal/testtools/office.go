package testtools

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Office is a LibreOffice kept running for a package's tests, so that a
// conversion costs a request rather than a start of the office suite
// (several seconds of CPU each).
//
// The instance runs headless with a profile of its own and one small
// document open, which keeps it running between requests. Convert runs
// 'soffice --convert-to' with the same profile: soffice hands the whole
// command line to the running instance (LibreOffice's single-instance
// pipe) and waits until it has converted every file, so the conversion is
// the one 'soffice --convert-to' does, filters and all. One conversion runs
// at a time.
type Office struct {
	name   string // "default" or "recalculating", for messages
	xcu    string // the profile's registrymodifications.xcu, if any
	client string // soffice, which hands conversions to the instance

	mu      sync.Mutex // one request at a time; guards the fields below
	profile string     // the instance's user profile, removed by stop
	proc    *officeProc
	out     *lockedBuffer // what the instance printed
}

// offices are the package's shared instances, by profile.
var offices struct {
	mu sync.Mutex
	m  map[string]*Office
}

// recalcXCU sets LibreOffice Calc to recalculate every formula of an
// Excel file on load ("Recalculation on file load: always").
const recalcXCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// LibreOffice returns the LibreOffice the package's tests share, with a
// fresh profile of LibreOffice's defaults, started by the first test that
// asks and stopped by Main. Like Soffice, it skips under -short or without
// LibreOffice (fails under CARECAST_REQUIRE_TOOLS).
func LibreOffice(t testing.TB) *Office {
	t.Helper()
	return sharedOffice(t, "default", "")
}

// LibreOfficeRecalculating is LibreOffice with Calc set to recalculate
// every formula of a workbook when it opens it, whatever values the file
// holds (a second instance, with its own profile).
func LibreOfficeRecalculating(t testing.TB) *Office {
	t.Helper()
	return sharedOffice(t, "recalculating", recalcXCU)
}

func sharedOffice(t testing.TB, name, xcu string) *Office {
	t.Helper()
	client := Soffice(t)
	requireMain(t, "LibreOffice")
	offices.mu.Lock()
	defer offices.mu.Unlock()
	if o := offices.m[name]; o != nil {
		return o
	}
	o := &Office{name: name, xcu: xcu, client: client}
	if offices.m == nil {
		offices.m = map[string]*Office{}
	}
	offices.m[name] = o
	atExit(o.stop)
	return o
}

// Convert has LibreOffice convert files to format (as soffice --convert-to
// takes it: "pdf", "xlsx", "txt:Text (encoded):UTF8"), writing into
// outDir, in one request, and returns the paths written, in the order of
// files. It fails t when a file was not converted, or when LibreOffice
// reported an error. It may be called from parallel tests.
func (o *Office) Convert(t testing.TB, format, outDir string, files ...string) []string {
	t.Helper()
	if len(files) == 0 {
		return nil
	}
	ext, _, _ := strings.Cut(format, ":")
	var ins, outs []string
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	outAbs, err := filepath.Abs(outDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, abs)
		out := filepath.Join(outAbs, strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))+"."+ext)
		if out != abs {
			// Nothing left from before may pass for this conversion.
			if err := os.Remove(out); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
		}
		outs = append(outs, out)
	}

	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.start(); err != nil {
		t.Fatalf("starting the tests' shared LibreOffice (%s profile): %v", o.name, err)
	}
	mark := o.out.Len()
	args := append([]string{"-env:UserInstallation=" + fileURL(o.profile), "--headless", "--norestore", "--nologo",
		"--convert-to", format, "--outdir", outAbs}, ins...)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.client, args...)
	cmd.Env = append(os.Environ(), "HOME="+o.profile)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s%s", format, err, msg, o.out.Since(mark))
	}
	// The instance prints a line for each file it converts (or fails
	// to); wait a moment for the last, to see any error.
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Count(o.out.Since(mark), "\n") >= len(ins) {
			break
		}
	}
	said := string(msg) + o.out.Since(mark)
	for i, out := range outs {
		if _, err := os.Stat(out); err != nil {
			t.Fatalf("LibreOffice did not convert %s to %s: %v\nit said:\n%s", files[i], format, err, said)
		}
	}
	// An error line ("Error: source file could not be loaded"), not a
	// file's name in a "convert a -> b" line.
	for _, line := range strings.Split(said, "\n") {
		if !strings.HasPrefix(line, "convert ") && strings.Contains(strings.ToLower(line), "error") {
			t.Errorf("LibreOffice reported an error converting to %s:\n%s", format, said)
			break
		}
	}
	return outs
}

// start starts the instance unless it is running. o.mu is held.
func (o *Office) start() error {
	if o.proc != nil {
		select {
		case <-o.proc.done:
			o.proc = nil // it stopped (a crash): start another, same profile
		default:
			return nil
		}
	}
	if o.profile == "" {
		dir, err := os.MkdirTemp("", "carecast-soffice-")
		if err != nil {
			return err
		}
		o.profile = dir
		if o.xcu != "" {
			if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(o.xcu), 0o644); err != nil {
				return err
			}
		}
		if err := os.MkdirAll(filepath.Join(dir, "keep"), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "keep", "keep.txt"), []byte("kept open\n"), 0o644); err != nil {
			return err
		}
	}
	keep := filepath.Join(o.profile, "keep", "keep.txt")
	lock := filepath.Join(o.profile, "keep", ".~lock.keep.txt#")
	os.Remove(lock)
	o.out = &lockedBuffer{}
	// soffice.bin itself, not the soffice script and its oosplash, so that
	// Pdeathsig reaches the process that would otherwise outlive us.
	exe := o.client
	if real, err := filepath.EvalSymlinks(o.client); err == nil {
		if bin := filepath.Join(filepath.Dir(real), "soffice.bin"); isFile(bin) {
			exe = bin
		}
	}
	// A fresh profile makes soffice.bin ask for a restart (exit status
	// 81) once it has set the profile up, as oosplash would do.
	for range 3 {
		cmd := exec.Command(exe, "-env:UserInstallation="+fileURL(o.profile), "--headless", "--invisible",
			"--norestore", "--nologo", "--nodefault", "--nolockcheck", keep)
		cmd.Env = append(os.Environ(), "HOME="+o.profile)
		cmd.Stdout, cmd.Stderr = o.out, o.out
		p, err := launch(cmd)
		if err != nil {
			return err
		}
		// The instance takes requests once it has the document open, as
		// its lock file shows.
		deadline := time.After(2 * time.Minute)
	wait:
		for {
			select {
			case <-p.done:
				var exit *exec.ExitError
				if errors.As(p.err, &exit) && exit.ExitCode() == 81 {
					break wait // restart
				}
				return fmt.Errorf("%s stopped (%v):\n%s", exe, p.err, o.out.Since(0))
			case <-deadline:
				p.kill()
				return fmt.Errorf("%s did not open its document in 2 minutes:\n%s", exe, o.out.Since(0))
			case <-time.After(50 * time.Millisecond):
				if isFile(lock) {
					o.proc = p
					return nil
				}
			}
		}
	}
	return fmt.Errorf("%s asked to be restarted three times:\n%s", exe, o.out.Since(0))
}

// stop stops the instance and removes its profile.
func (o *Office) stop() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.proc != nil {
		o.proc.kill()
		o.proc = nil
	}
	if o.profile != "" {
		os.RemoveAll(o.profile)
		o.profile = ""
	}
}

// officeProc is a running soffice.bin.
type officeProc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited
	err  error         // cmd.Wait's, once done is closed
}

// launch starts cmd, with Pdeathsig where the system has it, from a
// goroutine that keeps its OS thread until the process exits: Linux sends
// the signal when the thread that started the child ends, not the process
// (https://go.dev/issue/27505).
func launch(cmd *exec.Cmd) (*officeProc, error) {
	setPdeathsig(cmd)
	p := &officeProc{cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		p.err = cmd.Wait()
		close(p.done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return p, nil
}

// kill asks the process to end, then kills it, and waits for it.
func (p *officeProc) kill() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return
	case <-time.After(10 * time.Second):
	}
	p.cmd.Process.Kill()
	<-p.done
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

func fileURL(path string) string { return "file://" + filepath.ToSlash(path) }

// lockedBuffer collects a process's output, safe to read while it writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

// Since is what was written from offset on.
func (l *lockedBuffer) Since(offset int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.b.Bytes()[offset:])
}
