package testtools

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// The package's tests get one browser, which draws.
func TestBrowserIsShared(t *testing.T) {
	b := Browser(t)
	if b2 := Browser(t); b2 != b {
		t.Fatal("a second call started another browser")
	}
	ctx, cancel := chromedp.NewContext(b.Context())
	defer cancel()
	sum, err := chromedp.Run(ctx, chromedp.Evaluate[int](`6 * 7`))
	if err != nil {
		t.Fatal(err)
	}
	if sum != 42 {
		t.Errorf("6 * 7 = %d in the shared browser", sum)
	}
}

// One LibreOffice converts several files (three: with its twin), and
// again in a second request without starting again; what it writes is
// what the files hold, in the order of the files.
func TestLibreOfficeConverts(t *testing.T) {
	o := LibreOffice(t)
	dir := t.TempDir()
	texts := map[string]string{"first": "Fish & chips <£4.50>", "second": "Second file, «quoted»", "third": "Third, café"}
	var ins []string
	for _, name := range []string{"first", "second", "third"} {
		p := filepath.Join(dir, name+".html")
		html := "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><p>" +
			strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(texts[name]) + "</p></body></html>"
		if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, p)
	}
	outs := o.Convert(t, "txt:Text (encoded):UTF8", filepath.Join(dir, "txt"), ins...)
	if len(outs) != 3 {
		t.Fatalf("%d outputs, want 3", len(outs))
	}
	if o.twinFor(1) == nil {
		t.Error("three files started no twin")
	}
	for i, name := range []string{"first", "second", "third"} {
		if want := filepath.Join(dir, "txt", name+".txt"); outs[i] != want {
			t.Errorf("output %d is %s, want %s", i, outs[i], want)
		}
		b, err := os.ReadFile(outs[i])
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.TrimPrefix(b, []byte("\ufeff"))
		if got := strings.TrimSpace(string(b)); got != texts[name] {
			t.Errorf("%s.txt holds %q, want %q", name, got, texts[name])
		}
	}
	o.mu.Lock()
	pid := o.proc.cmd.Process.Pid
	o.mu.Unlock()
	pdfs := o.Convert(t, "pdf", filepath.Join(dir, "pdf"), ins[0])
	b, err := os.ReadFile(pdfs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF", pdfs[0])
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.proc.cmd.Process.Pid != pid {
		t.Error("the second conversion started another LibreOffice")
	}
	if LibreOffice(t) != o {
		t.Error("a second call gave another LibreOffice")
	}
}

// A file LibreOffice cannot load fails the test, saying what LibreOffice
// said; the instance goes on serving the next request.
func TestLibreOfficeSaysWhatFailed(t *testing.T) {
	o := LibreOffice(t)
	dir := t.TempDir()
	ft := &fatalRecorder{TB: t}
	func() {
		defer func() { recover() }()
		o.Convert(ft, "pdf", dir, filepath.Join(dir, "missing.docx"))
	}()
	if !strings.Contains(ft.msg, "did not convert") || !strings.Contains(ft.msg, "missing.docx") || !strings.Contains(ft.msg, "Error") {
		t.Errorf("the failure says %q, want what was not converted and LibreOffice's error", ft.msg)
	}
	in := filepath.Join(dir, "ok.html")
	if err := os.WriteFile(in, []byte("<p>fine</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Convert(t, "pdf", filepath.Join(dir, "pdf"), in)
}

// A test binary that dies (killed, so no Main stops anything) leaves no
// Chromium and no LibreOffice behind.
func TestNoneOutlivesTheTests(t *testing.T) {
	if os.Getenv("TESTTOOLS_DIE") != "" {
		Browser(t)
		o := LibreOffice(t)
		o.mu.Lock()
		err := o.start()
		o.mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("started")
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	Chromium(t)
	Soffice(t)
	// A child process of its own, so it runs beside the package's other
	// tests; most of its time is the child's programs starting and dying.
	t.Parallel()
	tmp := t.TempDir() // the programs' profiles go here, so theirs are known
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoneOutlivesTheTests$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TESTTOOLS_DIE=1", "TMPDIR="+tmp)
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "started") {
		t.Fatalf("the child did not start both programs:\n%s", out)
	}
	var left []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if left = processesUsing(tmp); len(left) == 0 {
			return
		}
	}
	t.Errorf("still running after the test binary died:\n%s", strings.Join(left, "\n"))
	for _, l := range left {
		var pid int
		if _, err := fmt.Sscan(l, &pid); err == nil {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// processesUsing lists the processes whose command line mentions dir.
func processesUsing(dir string) []string {
	entries, _ := os.ReadDir("/proc")
	var out []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(b, []byte(dir)) {
			continue
		}
		out = append(out, e.Name()+" "+string(bytes.ReplaceAll(b, []byte{0}, []byte{' '})))
	}
	return out
}

// Without Main the shared programs would never be stopped: asking for one
// says what the package is missing.
func TestRequireMainSaysWhatToAdd(t *testing.T) {
	mainRan.Store(false)
	defer mainRan.Store(true)
	ft := &fatalRecorder{TB: t}
	func() {
		defer func() { recover() }()
		requireMain(ft, "Browser")
	}()
	if !strings.Contains(ft.msg, "func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }") {
		t.Errorf("the message %q does not say what to add", ft.msg)
	}
}

// fatalRecorder records Fatalf's message and stops the caller by panic.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}
func (f *fatalRecorder) Errorf(format string, args ...any) {
	f.msg += fmt.Sprintf(format, args...)
}
func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic("fatal")
}
