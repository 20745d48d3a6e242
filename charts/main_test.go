package charts

import (
	"os"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// The package's browser tests share one Chromium (testtools.Browser),
// stopped when they end.
func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }
