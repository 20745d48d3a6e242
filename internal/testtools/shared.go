package testtools

import (
	"sync"
	"sync/atomic"
	"testing"
)

// A package's tests share one Chromium (Browser) and one LibreOffice
// (LibreOffice) rather than start their own: starting them is most of
// what a short test costs. The package's TestMain calls Main, which runs
// the tests and then stops what they started:
//
//	func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }
//
// Both are also started so that the kernel kills them if the test binary
// dies without stopping them (Pdeathsig), so none outlives a test run that
// panicked or timed out.

// mainRan is set by Main: the shared programs are stopped at the end only
// when it runs, so Browser and LibreOffice refuse to start without it.
var mainRan atomic.Bool

// shared holds what stops the shared programs, in the order started.
var shared struct {
	mu    sync.Mutex
	stops []func()
}

// Main runs the package's tests (m.Run) and then stops the Chromium and
// LibreOffice they shared; it returns m.Run's exit code. Call it from the
// package's TestMain.
func Main(m *testing.M) int {
	mainRan.Store(true)
	code := m.Run()
	stopShared()
	return code
}

// atExit registers stop to run when Main ends.
func atExit(stop func()) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.stops = append(shared.stops, stop)
}

func stopShared() {
	shared.mu.Lock()
	stops := shared.stops
	shared.stops = nil
	shared.mu.Unlock()
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
}

// requireMain fails t when the package's TestMain does not call Main.
func requireMain(t testing.TB, what string) {
	t.Helper()
	if !mainRan.Load() {
		t.Fatalf("testtools.%s is shared by the package's tests and stopped by testtools.Main: the package needs func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }", what)
	}
}
