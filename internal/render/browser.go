// Package render draws HTML documents in headless Chromium (through the
// DevTools protocol, with chromedp): the charts page's charts as PNG images,
// and any HTML document printed to PDF. The browser runs with the network
// closed, so a page can load only files. One Browser serves many renders.
package render

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned when no Chromium is installed.
var ErrNoChromium = errors.New("drawing the charts as PNG images needs Chromium, and none was found: install the Debian package chromium (sudo apt-get install chromium), or set CARECAST_CHROMIUM to the path of a Chromium or Chrome browser")

// chromiumCandidates are where FindChromium looks, in order.
var chromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of the browser that draws the PNG images:
// $CARECAST_CHROMIUM if set, else Debian's /usr/bin/chromium, else the
// first of chromium, chromium-browser, google-chrome on the PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("CARECAST_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("CARECAST_CHROMIUM=%s cannot be run (%v); %w", p, err, ErrNoChromium)
		}
		return p, nil
	}
	for _, name := range chromiumCandidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Timeout bounds every wait on the browser: its start, opening a tab,
// loading a page, the charts drawing, each print and each script. A
// Chromium that starts but never answers fails after it with a message
// naming CARECAST_CHROMIUM, rather than hanging. Tests shorten it.
var Timeout = 60 * time.Second

// ErrNoAnswer is wrapped by the error of a wait on the browser that ran
// out of Timeout.
var ErrNoAnswer = errors.New("no answer from Chromium")

// noAnswer is the error of a wait of d on Chromium (exe) that ran out
// while doing what.
func noAnswer(exe string, d time.Duration, what string) error {
	return fmt.Errorf("%w within %s while %s: it may be hung, or not a working Chromium (%s); set CARECAST_CHROMIUM to the path of a working Chromium or Chrome: %w",
		ErrNoAnswer, d, what, exe, context.DeadlineExceeded)
}

// Browser is a headless Chromium, started once and used for any number of
// renders, one tab each (a tab kept open from an earlier render when there
// is one). Close it when done. Its methods may be called from
// several goroutines.
type Browser struct {
	ctx     context.Context // the browser's chromedp context
	cancel  context.CancelFunc
	profile string // its profile folder, removed by Close
	exe     string
	// tabs are the tabs kept open between uses (tab).
	tabs struct {
		sync.Mutex
		idle []*pooledTab
	}
}

// Start finds Chromium (FindChromium) and starts it headless, with a fresh
// profile and every network host unresolvable. It returns an error
// wrapping ErrNoChromium when there is none, and one wrapping ErrNoAnswer
// when it does not answer within Timeout. Cancelling ctx stops the browser
// too.
func Start(ctx context.Context) (*Browser, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "carecast-chromium-")
	if err != nil {
		return nil, err
	}
	bctx, cancel := Headless(ctx, exe, profile)
	// Known to StopAll from now: a signal while it starts stops it too.
	b := &Browser{ctx: bctx, cancel: cancel, profile: profile, exe: exe}
	running.Lock()
	running.browsers[b] = true
	running.Unlock()
	// The first action starts the browser and binds it to bctx, which must
	// not be a context with a deadline: the deadline is kept apart.
	if err := within(func() error { return chromedp.Do(bctx) }, cancel); err != nil {
		b.Close()
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, noAnswer(exe, Timeout, "starting")
		}
		return nil, fmt.Errorf("starting Chromium (%s): %w", exe, err)
	}
	return b, nil
}

// running are the browsers started and not yet closed, for StopAll.
var running = struct {
	sync.Mutex
	browsers map[*Browser]bool
}{browsers: map[*Browser]bool{}}

// StopAll stops every browser this process started and has not closed,
// and removes their profiles, waiting up to a few seconds for them: for a
// program interrupted by a signal, which must leave no browser and no
// profile behind.
func StopAll() {
	running.Lock()
	bs := make([]*Browser, 0, len(running.browsers))
	for b := range running.browsers {
		bs = append(bs, b)
	}
	running.Unlock()
	done := make(chan struct{})
	go func() {
		for _, b := range bs {
			b.Close()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// within runs f, giving up after Timeout: then it calls stop (which must
// make f return) and returns context.DeadlineExceeded.
func within(f func() error, stop func()) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	timer := time.NewTimer(Timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		stop()
		select { // f should end now; do not hang if it does not
		case <-done:
		case <-time.After(5 * time.Second):
		}
		return context.DeadlineExceeded
	}
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() error {
	running.Lock()
	delete(running.browsers, b)
	running.Unlock()
	b.cancel()
	return os.RemoveAll(b.profile)
}

// Context is the browser's chromedp context: chromedp.NewContext(b.Context())
// opens a new tab.
func (b *Browser) Context() context.Context { return b.ctx }

// maxIdleTabs is how many tabs a Browser keeps open between uses: a tab
// reused skips starting a renderer process, which is much of what a short
// print costs (a paper printed in a fresh tab took about twice as long as
// in one kept); two serve the two prints RenderAll runs at once.
const maxIdleTabs = 2

// pooledTab is a tab kept open for the next use.
type pooledTab struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// tabState is carried by a tab's context while in use: failed is set by
// any action on it that fails, so that a tab left in an unknown state (a
// page that did not load, a script that ran out of time) is closed rather
// than reused.
type tabState struct{ failed atomic.Bool }

type tabStateKey struct{}

// markFailed marks the tab of ctx as not to be reused.
func markFailed(ctx context.Context) {
	if st, ok := ctx.Value(tabStateKey{}).(*tabState); ok {
		st.failed.Store(true)
	}
}

// tab gives a tab, within Timeout: one kept from an earlier use, or a new
// one. It closes when ctx ends; the returned function ends its use, keeping
// it open for the next (up to maxIdleTabs) unless an action on it failed or
// ctx ended, and then closing it.
func (b *Browser) tab(ctx context.Context) (context.Context, func(), error) {
	pt := b.idleTab()
	if pt == nil {
		tctx, cancel := chromedp.NewContext(b.ctx)
		if err := within(func() error { return chromedp.Do(tctx) }, cancel); err != nil {
			cancel()
			if errors.Is(err, context.DeadlineExceeded) {
				return nil, nil, noAnswer(b.exe, Timeout, "opening a tab")
			}
			return nil, nil, fmt.Errorf("opening a tab in Chromium: %w", err)
		}
		pt = &pooledTab{ctx: tctx, cancel: cancel}
	}
	st := &tabState{}
	stop := context.AfterFunc(ctx, pt.cancel)
	done := func() {
		if !stop() || st.failed.Load() || ctx.Err() != nil || pt.ctx.Err() != nil || !b.keepTab(pt) {
			pt.cancel()
		}
	}
	return context.WithValue(pt.ctx, tabStateKey{}, st), done, nil
}

// idleTab takes a tab kept open, or returns nil.
func (b *Browser) idleTab() *pooledTab {
	b.tabs.Lock()
	defer b.tabs.Unlock()
	for len(b.tabs.idle) > 0 {
		pt := b.tabs.idle[len(b.tabs.idle)-1]
		b.tabs.idle = b.tabs.idle[:len(b.tabs.idle)-1]
		if pt.ctx.Err() == nil {
			return pt
		}
		pt.cancel()
	}
	return nil
}

// keepTab keeps pt open for the next use, unless maxIdleTabs are kept
// already.
func (b *Browser) keepTab(pt *pooledTab) bool {
	b.tabs.Lock()
	defer b.tabs.Unlock()
	if len(b.tabs.idle) >= maxIdleTabs || b.ctx.Err() != nil {
		return false
	}
	b.tabs.idle = append(b.tabs.idle, pt)
	return true
}

// run runs the action a in the tab ctx within Timeout and returns its
// value; what says what it does, for the message when it runs out of time.
func run[T any](b *Browser, ctx context.Context, what string, a chromedp.Action[T]) (T, error) {
	return runFor(b, ctx, Timeout, what, a)
}

// runFor is run with a deadline d rather than Timeout.
func runFor[T any](b *Browser, ctx context.Context, d time.Duration, what string, a chromedp.Action[T]) (T, error) {
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		markFailed(ctx)
	}
	switch {
	case err == nil:
		return v, nil
	case errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil:
		return v, noAnswer(b.exe, d, what)
	default:
		return v, fmt.Errorf("%s in Chromium: %w", what, err)
	}
}

// open navigates the tab ctx to the file at path, within Timeout.
func (b *Browser) open(ctx context.Context, path string) error {
	u, err := FileURL(path)
	if err != nil {
		return err
	}
	_, err = run(b, ctx, "opening "+path, chromedp.Steps(chromedp.EmulateViewport(1000, 900), chromedp.Navigate(u)))
	return err
}

// Headless returns a chromedp context for a new headless Chromium (exe)
// with a fresh profile in profileDir and every network host unresolvable,
// localhost and the loopback addresses included: the page can load only
// files. Cancel the context to stop the browser.
// Start is the usual way in; tests that watch a page's requests use this.
func Headless(parent context.Context, exe, profileDir string) (context.Context, context.CancelFunc) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profileDir),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-proxy-server", true),
		// Every host name, localhost among them, fails to resolve.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.WSURLReadTimeout(Timeout),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1000, 900),
		chromedp.CombinedOutput(io.Discard),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	return bctx, func() { bcancel(); acancel() }
}

// FileURL is the file:// address of path.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}
