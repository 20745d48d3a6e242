package paper

import (
	"os"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// The package's tests share one Chromium and one LibreOffice
// (testtools.Browser, testtools.LibreOffice), stopped when they end.
func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }
