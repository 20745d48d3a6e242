package paper

import (
	"os"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// The package's tests share one Chromium and one LibreOffice
// (testtools.Browser, testtools.LibreOffice), stopped when they end, and
// one set of rendered papers (renders), removed when they end.
func TestMain(m *testing.M) {
	code := testtools.Main(m)
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}
