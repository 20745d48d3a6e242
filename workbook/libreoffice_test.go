package workbook

import (
	"archive/zip"
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

// TestWorkbookLibreOfficeRecalculates has LibreOffice recompute every
// formula of the workbook from scratch and compares each result with the
// value carecast wrote beside the formula.
//
// The route: strip the cached value (<v>) from every formula cell, so a
// program that did not calculate would show nothing; have LibreOffice
// open that copy with "recalculate on load: always" and save it as xlsx;
// read what it saved. Every formula cell must have a value equal to
// carecast's to the penny (and to 1e-9 relative for rates and factors),
// and no cell may be an error.
func TestWorkbookLibreOfficeRecalculates(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	for _, tc := range wbCases[1:] { // the joiners scenarios and the built-in one
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			_, _, data := buildCase(t, tc, dir)
			orig := readBook(t, data)
			stripped, n := stripCachedValues(t, data)
			if n == 0 {
				t.Fatal("no formula values to strip")
			}
			in := filepath.Join(dir, "stripped.xlsx")
			if err := os.WriteFile(in, stripped, 0o644); err != nil {
				t.Fatal(err)
			}
			out := recalcWithLibreOffice(t, soffice, in, filepath.Join(dir, "lo"))
			lo := readBook(t, out)
			compareRecalculated(t, orig, lo)
		})
	}
}

// inParallel has a LibreOffice test run in parallel with the package's
// others that call it, once the tests that need no LibreOffice have run:
// while one test waits for a conversion, another converts with the other
// LibreOffice (the default one, or the recalculating one's twin) or reads
// what it wrote. The first call starts both LibreOffices, and the
// recalculating one's twin (its conversions are most of these tests'
// time), in the background while the tests before it run.
func inParallel(t *testing.T) {
	t.Helper()
	testtools.LibreOfficeRecalculating(t).Prestart(true)
	testtools.LibreOffice(t).Prestart(false)
	t.Parallel()
}

func findSoffice(t *testing.T) string {
	t.Helper()
	return testtools.Soffice(t)
}

var cachedValueRE = regexp.MustCompile(`(</f>|<f>[^<]*</f>)<v>[^<]*</v>`)

// stripCachedValues returns a copy of the package with no cached value on
// any formula cell, and how many it removed.
func stripCachedValues(t *testing.T, data []byte) ([]byte, int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	removed := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		if _, err := body.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		b := body.Bytes()
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			removed += len(cachedValueRE.FindAll(b, -1))
			b = cachedValueRE.ReplaceAll(b, []byte("$1"))
			if bytes.Contains(b, []byte("</f><v>")) {
				t.Fatalf("%s: a cached value survived", f.Name)
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), removed
}

// recalcWithLibreOffice converts in to xlsx in outDir with a fresh user
// profile set to recalculate every formula on load.
func recalcWithLibreOffice(t *testing.T, soffice, in, outDir string) []byte {
	t.Helper()
	return recalcManyWithLibreOffice(t, soffice, []string{in}, outDir)[0]
}

func compareRecalculated(t *testing.T, orig, lo *xbook) {
	t.Helper()
	checked, failures := 0, 0
	fail := func(format string, args ...any) {
		failures++
		if failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	for _, s := range orig.sheets {
		ls := lo.sheet(s.name)
		if ls == nil {
			t.Fatalf("LibreOffice lost the sheet %s", s.name)
		}
		for _, c := range ls.cells {
			if c.t == "e" || strings.HasPrefix(c.v, "#") || strings.HasPrefix(c.v, "Err:") {
				fail("%s!%s: error %q (=%s)", s.name, c.ref, c.v, c.f)
			}
		}
		for _, c := range s.cells {
			if !c.hasF {
				continue
			}
			checked++
			l := ls.cell(c.ref)
			if l == nil || !l.rawHasV {
				fail("%s!%s: LibreOffice gave no value for =%s", s.name, c.ref, c.f)
				continue
			}
			switch c.t {
			case "b":
				if l.t != "b" || l.v != c.v {
					fail("%s!%s: =%s is %s:%s in LibreOffice, carecast wrote %s", s.name, c.ref, c.f, l.t, l.v, c.v)
				}
			case "str":
				if l.t != "str" || l.v != c.v {
					fail("%s!%s: =%s is %s:%q in LibreOffice, carecast wrote %q", s.name, c.ref, c.f, l.t, l.v, c.v)
				}
			default:
				want, ok1 := c.num()
				got, ok2 := l.num()
				if !ok1 || !ok2 {
					fail("%s!%s: =%s: LibreOffice %s:%q, carecast %s:%q", s.name, c.ref, c.f, l.t, l.v, c.t, c.v)
					continue
				}
				// Money to the penny; other figures (rates, factors,
				// rooms, room-days) to 1e-9 of their size.
				tol := 1e-9 * math.Max(1, math.Abs(want))
				if strings.Contains(orig.format(c), "£") {
					tol = 0.005
				}
				if d := math.Abs(got - want); d > tol {
					fail("%s!%s: =%s is %v in LibreOffice, carecast wrote %v (difference %g)", s.name, c.ref, c.f, got, want, d)
				}
			}
		}
	}
	if failures > 20 {
		t.Errorf("... and %d more", failures-20)
	}
	if checked == 0 {
		t.Fatal("no formulas compared")
	}
	if failures > 0 {
		return
	}
	t.Logf("%d formulas recalculated by LibreOffice agree with carecast", checked)
}
