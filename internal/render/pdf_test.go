package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestMain closes the browser the package's tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.b != nil {
		shared.b.Close()
	}
	os.Exit(code)
}

// shared is the browser the package's tests share, started by the first
// that asks: starting one is most of what a short render costs.
var shared struct {
	sync.Mutex
	b   *Browser
	err error
}

// startBrowser returns the package's tests' browser, or skips without
// Chromium (fails where CARECAST_REQUIRE_TOOLS is set, as on CI).
func startBrowser(t *testing.T) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: Chromium is not used in the fast loop (make check)")
	}
	shared.Lock()
	defer shared.Unlock()
	if shared.b == nil && shared.err == nil {
		shared.b, shared.err = Start(context.Background())
	}
	if err := shared.err; err != nil {
		if os.Getenv("CARECAST_REQUIRE_TOOLS") != "" {
			t.Fatalf("CARECAST_REQUIRE_TOOLS is set: %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
	return shared.b
}

// poppler runs a poppler tool (pdftotext, pdfinfo) on pdf and returns its
// output, or skips without it.
func poppler(t *testing.T, tool string, pdf []byte, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: %s is not used in the fast loop (make check)", tool)
	}
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CARECAST_REQUIRE_TOOLS") != "" {
			t.Fatalf("CARECAST_REQUIRE_TOOLS is set: %s: %v (install poppler-utils)", tool, err)
		}
		t.Skipf("skipping: %s not installed (poppler-utils)", tool)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path, "-")...).Output()
	if tool == "pdfinfo" {
		out, err = exec.Command(tool, append(args, path)...).Output()
	}
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

const footer = `<div style="font-size:9pt; width:100%; text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`

// A document of two pages prints on A4 with its footer counting pages,
// tagged and with an outline; one browser prints several documents.
func TestPrintPDF(t *testing.T) {
	b := startBrowser(t)
	doc := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cabinet paper</title></head><body>
<h1>Residential care: pooled fund</h1><p>First page.</p>
<h2 style="break-before: page">Recommendation</h2><p>Second page, £1,234.56.</p></body></html>`
	for i := range 2 { // the same browser, twice
		pdf, err := b.PrintHTML(context.Background(), []byte(doc), PDF{FooterTemplate: footer})
		if err != nil {
			t.Fatalf("print %d: %v", i, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("print %d is not a PDF", i)
		}
		text := poppler(t, "pdftotext", pdf, "-layout")
		for _, want := range []string{"Residential care: pooled fund", "Page 1 of 2", "Page 2 of 2", "£1,234.56"} {
			if !strings.Contains(text, want) {
				t.Errorf("print %d: the text has no %q:\n%s", i, want, text)
			}
		}
		info := poppler(t, "pdfinfo", pdf)
		for _, re := range []string{`(?m)^Pages:\s+2$`, `(?m)^Tagged:\s+yes$`, `(?m)^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`} {
			if !regexp.MustCompile(re).MatchString(info) {
				t.Errorf("print %d: pdfinfo does not match %s:\n%s", i, re, info)
			}
		}
		// Chromium (Skia) writes the document catalogue uncompressed.
		if !bytes.Contains(pdf, []byte("/Outlines")) {
			t.Errorf("print %d has no outline", i)
		}
	}
}

// A landscape print is A4 turned.
func TestPrintPDFLandscape(t *testing.T) {
	b := startBrowser(t)
	pdf, err := b.PrintHTML(context.Background(), []byte(`<!doctype html><title>x</title><p>Wide`), PDF{Landscape: true})
	if err != nil {
		t.Fatal(err)
	}
	info := poppler(t, "pdfinfo", pdf)
	if !regexp.MustCompile(`(?m)^Page size:\s+841\.\d+ x 595\.\d+ pts`).MatchString(info) {
		t.Errorf("not landscape A4:\n%s", info)
	}
}

// A cancelled context stops a print, and the browser still serves the next.
func TestPrintPDFCancelled(t *testing.T) {
	b := startBrowser(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.PrintHTML(ctx, []byte(`<p>x`), PDF{}); err == nil {
		t.Error("a cancelled print succeeded")
	}
	if _, err := b.PrintHTML(context.Background(), []byte(`<p>x`), PDF{}); err != nil {
		t.Errorf("the browser after a cancelled print: %v", err)
	}
}
