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

// Browser is a headless Chromium, started once and used for any number of
// renders, one tab each. Close it when done. Its methods may be called from
// several goroutines.
type Browser struct {
	ctx     context.Context // the browser's chromedp context
	cancel  context.CancelFunc
	profile string // its profile folder, removed by Close
}

// Start finds Chromium (FindChromium) and starts it headless, with a fresh
// profile and every network host unresolvable. It returns an error
// wrapping ErrNoChromium when there is none. Cancelling ctx stops the
// browser too.
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
	if err := chromedp.Do(bctx); err != nil { // start it, with no timeout
		cancel()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return &Browser{ctx: bctx, cancel: cancel, profile: profile}, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() error {
	b.cancel()
	return os.RemoveAll(b.profile)
}

// Context is the browser's chromedp context: chromedp.NewContext(b.Context())
// opens a new tab.
func (b *Browser) Context() context.Context { return b.ctx }

// tab opens a new tab that closes when ctx ends or the returned function is
// called.
func (b *Browser) tab(ctx context.Context) (context.Context, context.CancelFunc, error) {
	tctx, cancel := chromedp.NewContext(b.ctx)
	stop := context.AfterFunc(ctx, cancel)
	done := func() { stop(); cancel() }
	if err := chromedp.Do(tctx); err != nil {
		done()
		return nil, nil, fmt.Errorf("opening a tab in Chromium: %w", err)
	}
	return tctx, done, nil
}

// open navigates the tab ctx to the file at path, within timeout.
func open(ctx context.Context, path string, timeout time.Duration) error {
	u, err := FileURL(path)
	if err != nil {
		return err
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1000, 900), chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("opening %s in Chromium: %w", path, err)
	}
	return nil
}

// Headless returns a chromedp context for a new headless Chromium (exe)
// with a fresh profile in profileDir and every network host unresolvable:
// the page can load only files. Cancel the context to stop the browser.
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
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost"),
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
