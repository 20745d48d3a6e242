package workbook

import (
	"os"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// The package's LibreOffice tests share one LibreOffice of each profile
// (testtools.LibreOffice), stopped when they end.
func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }
