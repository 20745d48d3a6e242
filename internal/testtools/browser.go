package testtools

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"

	"github.com/carecast/carecast/internal/render"
)

// browser is the package's shared Chromium.
var browser struct {
	mu      sync.Mutex
	b       *render.Browser
	stopped bool // Main's stop is registered
}

// tmpdir is TMPDIR as the test binary started with it: the shared
// Chromium's profile goes there even when the test that first asks for
// the browser has set TMPDIR to a folder of its own, which goes when that
// test ends while the browser runs on.
var tmpdir, tmpdirSet = os.LookupEnv("TMPDIR")

// Browser returns the headless Chromium the package's tests share
// (render.Start: a fresh profile, the network closed), started by the
// first test that asks and stopped by Main. Each use opens its own tab
// (chromedp.NewContext(b.Context()), or the render methods), so tests may
// use it at once. A test must not Close it. Like Chromium, it skips under
// -short or without Chromium (fails under CARECAST_REQUIRE_TOOLS).
//
// chromedp starts the browser with Pdeathsig from a thread kept for it, so
// the kernel kills it if the test binary dies without Main's stop.
func Browser(t testing.TB) *render.Browser {
	t.Helper()
	Chromium(t)
	requireMain(t, "Browser")
	b, err := SharedBrowser()
	if err != nil {
		t.Fatalf("starting the tests' shared Chromium: %v", err)
	}
	return b
}

// SharedBrowser is Browser for code that has no test at hand, such as a
// hook standing in for a command's own start of Chromium: it neither
// skips nor fails, but returns an error, and the caller has checked
// Chromium(t) first. The package's TestMain must call Main.
func SharedBrowser() (*render.Browser, error) {
	if !mainRan.Load() {
		return nil, errors.New("testtools.SharedBrowser is stopped by testtools.Main: the package needs func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }")
	}
	browser.mu.Lock()
	defer browser.mu.Unlock()
	if browser.b != nil && browser.b.Context().Err() == nil {
		return browser.b, nil
	}
	if browser.b != nil { // it stopped (a crash): start another
		browser.b.Close()
		browser.b = nil
	}
	if now, set := os.LookupEnv("TMPDIR"); now != tmpdir || set != tmpdirSet {
		// Tests that set TMPDIR (t.Setenv) run alone, so it may be put
		// back for the moment of the start.
		restore(tmpdir, tmpdirSet)
		defer restore(now, set)
	}
	b, err := render.Start(context.Background())
	if err != nil {
		return nil, err
	}
	if !browser.stopped {
		browser.stopped = true
		atExit(func() {
			browser.mu.Lock()
			defer browser.mu.Unlock()
			if browser.b != nil {
				browser.b.Close()
				browser.b = nil
			}
		})
	}
	browser.b = b
	return b, nil
}

func restore(tmpdir string, set bool) {
	if set {
		os.Setenv("TMPDIR", tmpdir)
	} else {
		os.Unsetenv("TMPDIR")
	}
}
