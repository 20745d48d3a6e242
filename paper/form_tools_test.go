package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Issue 21's findings on the printed form, in the programs people use:
// our PDF (Chromium), Writer's print of the Word file (LibreOffice), read
// back with poppler-utils; the Word file read as XML.

// pageOf is the first page of a PDF whose text holds s, or 0.
func pageOf(t *testing.T, path, s string, pages int) int {
	t.Helper()
	texts := pdfPageTexts(t, path, "")
	if len(texts) != pages {
		t.Fatalf("%s: %d pages, not %d", path, len(texts), pages)
	}
	for i, text := range texts {
		if strings.Contains(text, s) {
			return i + 1
		}
	}
	return 0
}

// smallText is the text on pages 1..last set below 9 pt (pdftohtml at
// zoom 1 gives font sizes in points), the page footer aside.
func smallText(t *testing.T, path string, last int) []string {
	t.Helper()
	out := poppler(t, path, "pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", "-f", "1", "-l", fmt.Sprint(last), path)
	var doc struct {
		Pages []struct {
			Fonts []struct {
				ID   string `xml:"id,attr"`
				Size string `xml:"size,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Font string `xml:"font,attr"`
				Text string `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("pdftohtml -xml: %v", err)
	}
	size := map[string]float64{}
	var small []string
	for _, p := range doc.Pages {
		for _, f := range p.Fonts {
			v, _ := strconv.ParseFloat(f.Size, 64)
			size[f.ID] = v
		}
		for _, tx := range p.Texts {
			text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(tx.Text, "")
			if size[tx.Font] < 9 && !regexp.MustCompile(`^Page \d+ of \d+$`).MatchString(strings.TrimSpace(text)) {
				small = append(small, fmt.Sprintf("%q at %gpt", text, size[tx.Font]))
			}
		}
	}
	return small
}

// outlineTitles are the titles of a PDF's outline (bookmarks).
func outlineTitles(pdf []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`/Title \(((?:[^()\\]|\\.)*)\)\n/Dest`).FindAllSubmatch(pdf, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// docxPart is a part of a Word file.
func docxPart(t *testing.T, d []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(d), int64(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no %s in the Word file", name)
	return ""
}

// Two councils' papers and the consortium's (the built-in scenario), and
// the demand example's Havering: the body before the appendices is at
// most six A4 pages, in our PDF and in Writer's print of the Word file;
// nothing in the body is set below 9 pt but the page footer; Writer
// prints the Word file as the same number of pages as the PDF, Appendix
// A starting on the same page, its appendices unnumbered; its
// tables are set at 9 pt; the PDF's outline reads as the headings do.
func TestPaperForm(t *testing.T) {
	requireTool(t, "pdftohtml", "poppler-utils")
	sr := renders(t)
	shared := []*sharedPaper{sr.builtInPaper(t, "HAV"), sr.builtInPaper(t, "TOW"), sr.builtInPaper(t, Consortium), sr.demandPaper(t, "HAV")}
	ours, ourApp := map[string]int{}, map[string]int{}
	for _, sp := range shared {
		r, base, pp := sp.Rendered, sp.Base, sp.PDF
		pages, _ := pdfPages(t, pp)
		ours[base] = pages
		app := pageOf(t, pp, "Appendix A:", pages)
		ourApp[base] = app
		if app == 0 || app-1 > 6 {
			t.Errorf("our PDF of %s: the body runs to page %d, more than six", base, app-1)
		}
		if small := smallText(t, pp, app-1); len(small) > 0 {
			t.Errorf("our PDF of %s: text below 9 pt in the body: %s", base, strings.Join(small[:min(5, len(small))], "; "))
		}
		titles := outlineTitles(r.PDF)
		want := map[string]bool{r.Paper.Title: false}
		for _, bl := range r.Paper.Blocks {
			if h, ok := bl.(Heading); ok && h.Level == 1 {
				want[strings.TrimSpace(h.Num+" "+h.Text)] = false
			}
		}
		for _, ti := range titles {
			ti = strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(ti)
			if _, ok := want[ti]; ok {
				want[ti] = true
			}
		}
		for h, found := range want {
			if !found {
				t.Errorf("our PDF of %s: no outline entry reads %q; outline %q", base, h, titles)
			}
		}
		if bytes.Contains(r.PDF, []byte("residentialcare")) {
			t.Errorf("our PDF of %s reads \"residentialcare\"", base)
		}
		// The Word file: its tables at 9 pt, only numbered headings numbered.
		styles := docxPart(t, r.Docx, "word/styles.xml")
		if m := regexp.MustCompile(`w:styleId="TableText">.*?<w:sz w:val="(\d+)"/>`).FindStringSubmatch(styles); m == nil || m[1] < "18" || len(m[1]) != 2 {
			t.Errorf("the Word file's table text is %v half-points, want 18 (9 pt) or more", m)
		}
		if num := docxPart(t, r.Docx, "word/numbering.xml"); strings.Contains(num, `<w:pStyle w:val="Heading1"/>`) {
			t.Errorf("the Word file's numbering numbers every Heading 1 (the appendices too)")
		}
	}
	for _, sp := range shared {
		base, pp := sp.Base, sp.WriterPDF
		pages, text := pdfPages(t, pp)
		if pages != ours[base] {
			t.Errorf("Writer prints %s as %d pages, our PDF has %d", base, pages, ours[base])
		}
		app := pageOf(t, pp, "Appendix A:", pages)
		if app != ourApp[base] {
			t.Errorf("Writer starts Appendix A of %s on page %d, our PDF on page %d", base, app, ourApp[base])
		}
		if app == 0 || app-1 > 6 {
			t.Errorf("Writer's print of %s: the body runs to page %d, more than six", base, app-1)
		}
		if m := regexp.MustCompile(`\d+[ \t]+Appendix [A-D]:`).FindString(text); m != "" {
			t.Errorf("Writer numbers an appendix of %s: %q", base, m)
		}
		if small := smallText(t, pp, app-1); len(small) > 0 {
			t.Errorf("Writer's print of %s: text below 9 pt in the body: %s", base, strings.Join(small[:min(5, len(small))], "; "))
		}
	}
}

// pageLines are the lines of text of a PDF's page, the footer aside (our
// "Page i of n", Writer's the paper's title).
func pageLines(t *testing.T, path string, page int, title string) []string {
	t.Helper()
	texts := pdfPageTexts(t, path, "")
	if page < 1 || page > len(texts) {
		t.Fatalf("%s has %d pages, no page %d", path, len(texts), page)
	}
	var lines []string
	for _, l := range strings.Split(texts[page-1], "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !regexp.MustCompile(`^Page \d+ of \d+$`).MatchString(l) {
			lines = append(lines, l)
		}
	}
	if n := len(lines); n > 1 && lines[n-1] == title {
		lines = lines[:n-1]
	}
	return lines
}

// No page of the built-in papers' bodies is stranded: each holds ten
// lines of text or more (not a heading and a line or two carried alone,
// as '11 Background papers' was); and Chromium and Writer break the body at the same
// places: each page starts with the same paragraph, heading or table in
// our PDF and in Writer's print (a paragraph keeps its lines together in
// both, so neither carries a paragraph's last line alone to the next
// page, as 'Appendix A.' was).
func TestBodyPagesFullAndBrokenAlike(t *testing.T) {
	t.Parallel()
	requireTool(t, "pdftotext", "poppler-utils")
	sr := renders(t)
	for _, sp := range []*sharedPaper{sr.builtInPaper(t, "HAV"), sr.builtInPaper(t, "TOW"), sr.builtInPaper(t, Consortium), sr.demandPaper(t, "HAV")} {
		pages, _ := pdfPages(t, sp.PDF)
		app := pageOf(t, sp.PDF, "Appendix A:", pages)
		if app < 2 {
			t.Fatalf("%s: Appendix A on page %d", sp.Base, app)
		}
		for i := 1; i < app; i++ {
			ours, writer := pageLines(t, sp.PDF, i, sp.Paper.Title), pageLines(t, sp.WriterPDF, i, sp.Paper.Title)
			// The demand example's test input has no appraisal (its risk
			// section is a paragraph), which 'carecast paper' always
			// runs: its last body page may be short.
			for _, c := range []struct {
				who   string
				lines []string
			}{{"our PDF", ours}, {"Writer's print", writer}} {
				if strings.HasPrefix(sp.Base, "builtin-") && len(c.lines) < 10 {
					t.Errorf("%s of %s: page %d holds only %d lines: %q", c.who, sp.Base, i, len(c.lines), c.lines)
				}
			}
			if len(ours) == 0 || len(writer) == 0 {
				continue
			}
			if a, b := strings.Fields(ours[0])[0], strings.Fields(writer[0])[0]; a != b {
				t.Errorf("%s: page %d starts with %q in our PDF, %q in Writer's print", sp.Base, i, ours[0], writer[0])
			}
		}
	}
}
