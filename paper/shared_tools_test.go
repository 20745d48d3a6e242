package paper

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/testtools"
)

// The tests that open the papers in Chromium and Writer share one set of
// renders: every built-in paper and the demand example's Havering and
// consortium papers, rendered once in the package's Chromium, written to
// a folder, and every Word file printed by Writer in one conversion. Each
// test checks what it checks on these files rather than render and
// convert the same papers again.

// sharedPaper is one rendered paper: its files, ours and Writer's print.
type sharedPaper struct {
	Rendered
	Base      string // "builtin-HAV", "demand-consortium"
	PDF, Docx string // paths of our PDF and the Word file
	WriterPDF string // Writer's print of the Word file
}

// sharedRenders are the package's shared renders.
type sharedRenders struct {
	dir     string
	printed time.Time      // when Chromium had printed the built-in papers
	builtIn []*sharedPaper // every built-in paper, in Build's order
	demand  []*sharedPaper // the demand example's HAV and consortium
}

var shared struct {
	once sync.Once
	r    *sharedRenders
	err  string
}

// sharedDir is the shared renders' folder, removed by TestMain.
var sharedDir string

// renders returns the shared renders, made by the first test that asks
// (under -short, or without the programs, it skips as they do).
func renders(t *testing.T) *sharedRenders {
	t.Helper()
	requireTool(t, "pdfinfo", "poppler-utils")
	requireTool(t, "soffice", "libreoffice-writer-nogui")
	b := newBrowser(t)
	office := testtools.LibreOffice(t)
	shared.once.Do(func() {
		shared.err = "the shared renders failed in an earlier test"
		// Writer's LibreOffice (and its twin: there are many Word files)
		// starts while Chromium renders.
		office.Prestart(true)
		dir, err := os.MkdirTemp("", "carecast-paper-tests-")
		if err != nil {
			shared.err = err.Error()
			return
		}
		sharedDir = dir
		r := &sharedRenders{dir: dir}
		save := func(in Inputs, prefix string, papers []*Paper) ([]*sharedPaper, error) {
			rendered, err := RenderAll(context.Background(), b, drawer(b, in), printer(b), in.Provenance, papers...)
			if err != nil {
				return nil, err
			}
			var out []*sharedPaper
			for _, rd := range rendered {
				sp := &sharedPaper{Rendered: rd, Base: prefix + "-" + rd.Paper.Code}
				sp.PDF, sp.Docx = filepath.Join(dir, sp.Base+".pdf"), filepath.Join(dir, sp.Base+".docx")
				sp.WriterPDF = filepath.Join(dir, "writer", sp.Base+".pdf")
				if err := os.WriteFile(sp.PDF, rd.PDF, 0o644); err != nil {
					return nil, err
				}
				if err := os.WriteFile(sp.Docx, rd.Docx, 0o644); err != nil {
					return nil, err
				}
				out = append(out, sp)
			}
			return out, nil
		}
		papers, err := Build(builtIn())
		if err != nil {
			shared.err = err.Error()
			return
		}
		if r.builtIn, err = save(builtIn(), "builtin", papers); err != nil {
			shared.err = err.Error()
			return
		}
		r.printed = time.Now()
		var dps []*Paper
		for _, code := range []string{"HAV", Consortium} {
			p, err := BuildOne(demandExample(), code)
			if err != nil {
				shared.err = err.Error()
				return
			}
			dps = append(dps, p)
		}
		if r.demand, err = save(demandExample(), "demand", dps); err != nil {
			shared.err = err.Error()
			return
		}
		var docxs []string
		for _, sp := range append(append([]*sharedPaper{}, r.builtIn...), r.demand...) {
			docxs = append(docxs, sp.Docx)
		}
		// Writer prints every Word file (and fails the test if it reports
		// an error).
		office.Convert(t, "pdf", filepath.Join(dir, "writer"), docxs...)
		for _, d := range docxs {
			pp := filepath.Join(dir, "writer", strings.TrimSuffix(filepath.Base(d), ".docx")+".pdf")
			if _, err := os.Stat(pp); err != nil {
				shared.err = fmt.Sprintf("Writer did not convert %s: %v", d, err)
				return
			}
		}
		shared.r, shared.err = r, ""
	})
	if shared.r == nil {
		t.Fatal(shared.err)
	}
	return shared.r
}

// builtInPaper is the shared render of the built-in paper of code.
func (r *sharedRenders) builtInPaper(t *testing.T, code string) *sharedPaper {
	t.Helper()
	return paperOf(t, r.builtIn, "built-in", code)
}

// demandPaper is the shared render of the demand example's paper of code.
func (r *sharedRenders) demandPaper(t *testing.T, code string) *sharedPaper {
	t.Helper()
	return paperOf(t, r.demand, "demand", code)
}

// paperOf is the paper of code among renders (of the input named what).
func paperOf(t *testing.T, renders []*sharedPaper, what, code string) *sharedPaper {
	t.Helper()
	for _, sp := range renders {
		if sp.Paper.Code == code {
			return sp
		}
	}
	t.Fatalf("no %s paper %s", what, code)
	return nil
}
