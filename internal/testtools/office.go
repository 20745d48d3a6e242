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
	"sync/atomic"
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
// the one 'soffice --convert-to' does, filters and all. An instance
// serves one request at a time: for many files at once Convert starts a
// twin (a second instance, set up alike, with a profile of its own) and
// the two convert the files between them.
type Office struct {
	name   string // "default" or "recalculating", for messages
	xcu    string // the profile's registrymodifications.xcu, if any
	client string // soffice, which hands conversions to the instance

	mu      sync.Mutex // one request at a time; guards the fields below
	profile string     // the instance's user profile, removed by stop
	proc    *officeProc
	out     *lockedBuffer // what the instance printed
	stopped bool          // by Main: start no more

	twinMu sync.Mutex
	twin   *Office // the second instance, once Convert has wanted it

	prestarted atomic.Bool
}

// manyFiles is how many files a Convert takes for the twin to be started
// to share them: a start costs more than converting one or two files.
const manyFiles = 3

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
// outDir, and returns the paths written, in the order of files. Each file
// is a request of its own, to the instance or, when the twin is running
// or there are many files, to whichever of the two is free first. It
// fails t when a file was not converted, or when LibreOffice reported an
// error. It may be called from parallel tests.
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

	// The files are a queue: each instance takes the next until none is
	// left. An instance busy with another test's request when the queue
	// runs dry is not waited for.
	type result struct {
		said string // what soffice and the instance said of the file
		err  error  // the request failed (or the instance did not start)
	}
	results := make([]result, len(ins))
	var next atomic.Int64
	var wg sync.WaitGroup
	wg.Add(len(ins))
	work := func(inst *Office) {
		inst.mu.Lock()
		defer inst.mu.Unlock()
		if err := inst.start(); err != nil {
			if inst != o {
				return // the instance converts them alone
			}
			err = fmt.Errorf("starting the tests' shared LibreOffice (%s profile): %v", o.name, err)
			for i := int(next.Add(1)) - 1; i < len(ins); i = int(next.Add(1)) - 1 {
				results[i].err = err
				wg.Done()
			}
			return
		}
		for i := int(next.Add(1)) - 1; i < len(ins); i = int(next.Add(1)) - 1 {
			if err := inst.start(); err != nil { // it stopped (a crash) and would not start again
				results[i].err = fmt.Errorf("starting the tests' shared LibreOffice (%s profile) again: %v", inst.name, err)
			} else {
				results[i].said, results[i].err = inst.request(format, outAbs, ins[i])
			}
			wg.Done()
		}
	}
	go work(o)
	if tw := o.twinFor(len(ins)); tw != nil {
		go work(tw)
	}
	wg.Wait()

	var said strings.Builder
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("%v\n%s", r.err, r.said)
		}
		said.WriteString(r.said)
		if _, err := os.Stat(outs[i]); err != nil {
			t.Fatalf("LibreOffice did not convert %s to %s: %v\nit said:\n%s", files[i], format, err, r.said)
		}
	}
	// An error line ("Error: source file could not be loaded"), not a
	// file's name in a "convert a -> b" line.
	for _, line := range strings.Split(said.String(), "\n") {
		if !strings.HasPrefix(line, "convert ") && strings.Contains(strings.ToLower(line), "error") {
			t.Errorf("LibreOffice reported an error converting to %s:\n%s", format, said.String())
			break
		}
	}
	return outs
}

// request has the running instance convert one file (soffice
// --convert-to) and returns what soffice and the instance said of it.
// o.mu is held.
func (o *Office) request(format, outDir, in string) (string, error) {
	mark := o.out.Len()
	args := []string{"-env:UserInstallation=" + fileURL(o.profile), "--headless", "--norestore", "--nologo",
		"--convert-to", format, "--outdir", outDir, in}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.client, args...)
	cmd.Env = append(os.Environ(), "HOME="+o.profile)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return string(msg) + o.out.Since(mark), fmt.Errorf("soffice --convert-to %s %s: %v", format, in, err)
	}
	// The instance prints a line for the file it converts (or fails to);
	// wait a moment for it, to see any error.
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Count(o.out.Since(mark), "\n") >= 1 {
			break
		}
	}
	return string(msg) + o.out.Since(mark), nil
}

// twinFor is the twin to share a conversion of n files: the twin once
// it is running, or, for many files, a twin started now; nil when the
// instance converts them alone.
func (o *Office) twinFor(n int) *Office {
	o.twinMu.Lock()
	defer o.twinMu.Unlock()
	if o.twin == nil && n >= manyFiles {
		o.twin = &Office{name: o.name + ", twin", xcu: o.xcu, client: o.client}
		atExit(o.twin.stop)
	}
	return o.twin
}

// Prestart starts the instance, and with twin its twin too, in the
// background, so that a package's first conversions need not wait for
// them (the twin: for a package that will convert many files at once).
// Only the first call starts anything. Convert reports an instance that
// does not start.
func (o *Office) Prestart(twin bool) {
	if o.prestarted.Swap(true) {
		return
	}
	insts := []*Office{o}
	if twin {
		insts = append(insts, o.twinFor(manyFiles))
	}
	for _, inst := range insts {
		go func() {
			inst.mu.Lock()
			defer inst.mu.Unlock()
			inst.start() // Convert starts it again, and says why, if this failed
		}()
	}
}

// start starts the instance unless it is running. o.mu is held.
func (o *Office) start() error {
	if o.stopped {
		return errors.New("the package's tests have ended (testtools.Main stopped LibreOffice)")
	}
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
	o.stopped = true
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
