package testtools

import (
	"context"
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
	browser.mu.Lock()
	defer browser.mu.Unlock()
	if browser.b != nil && browser.b.Context().Err() == nil {
		return browser.b
	}
	if browser.b != nil { // it stopped (a crash): start another
		browser.b.Close()
		browser.b = nil
	}
	b, err := render.Start(context.Background())
	if err != nil {
		t.Fatalf("starting the tests' shared Chromium: %v", err)
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
	return b
}
