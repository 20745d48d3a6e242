// Package testtools finds the programs the tests check carecast's outputs
// in: Debian's Chromium for HTML and PDF, LibreOffice for workbooks and
// Word files, poppler-utils for PDF text and structure, hledger for
// journals. It is for tests only.
//
// A test that needs one of them calls Program or Chromium first. Under
// 'go test -short' (make check, the fast loop) such tests skip, so the loop
// needs no browser or office suite. Otherwise a missing program skips the
// test with the Debian package to install, except where
// CARECAST_REQUIRE_TOOLS is set (.ci/run sets it): there it fails.
package testtools

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/render"
)

// Required reports whether the tests must fail, rather than skip, for a
// missing program (CARECAST_REQUIRE_TOOLS is set).
func Required() bool { return os.Getenv("CARECAST_REQUIRE_TOOLS") != "" }

// skipShort skips t under -short: the fast loop uses no outside program.
func skipShort(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: %s is not used in the fast loop (make check); make test runs this", what)
	}
}

// Program finds the program name (from the Debian package pkg) and
// returns its path, or skips (fails under CARECAST_REQUIRE_TOOLS). Several
// names may be given separated by '|': the first found is used.
func Program(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	skipShort(t, names[0])
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if Required() {
		t.Fatalf("%s is required (CARECAST_REQUIRE_TOOLS is set): install the Debian package %s", names[0], pkg)
	}
	t.Skipf("%s is not installed (Debian package %s; .ci/run installs it)", names[0], pkg)
	return ""
}

// Chromium finds Chromium as carecast does (render.FindChromium, which
// honours CARECAST_CHROMIUM) and returns its path, or skips (fails under
// CARECAST_REQUIRE_TOOLS).
func Chromium(t testing.TB) string {
	t.Helper()
	skipShort(t, "Chromium")
	p, err := render.FindChromium()
	if err != nil {
		if Required() {
			t.Fatalf("Chromium is required (CARECAST_REQUIRE_TOOLS is set): %v (install the Debian package chromium)", err)
		}
		t.Skipf("skipping: %v (Debian package chromium; .ci/run installs it)", err)
	}
	return p
}

// Soffice finds LibreOffice (soffice or libreoffice), or skips.
func Soffice(t testing.TB) string {
	return Program(t, "libreoffice-calc-nogui", "soffice", "libreoffice")
}

// Run runs a program the tests check outputs in (pdftotext, pdfinfo,
// soffice, ...) and returns what it printed, or fails t with its output.
// It is stopped after five minutes, so that a hung program fails the test
// rather than the whole run.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
