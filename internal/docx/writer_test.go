package docx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"
)

func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }

// LibreOffice Writer opens the sample and the hostile text: it reads every
// paragraph and table cell as written, lays the sample out on two A4
// pages (the page break) and fills the footer's page fields.
func TestWriterOpens(t *testing.T) {
	pdftotext := testtools.Program(t, "poppler-utils", "pdftotext")
	pdfinfo := testtools.Program(t, "poppler-utils", "pdfinfo")
	office := testtools.LibreOffice(t)
	dir := t.TempDir()
	d := sample(t)
	var body []Block
	for _, h := range hostile {
		body = append(body, Text(h.in), Table{Rows: [][]string{{h.name, h.in}}})
	}
	hostileDoc := &Document{Created: prepared, Title: hostile[0].in, Body: body}
	var files []string
	for i, doc := range []*Document{d, hostileDoc} {
		p := filepath.Join(dir, []string{"sample", "hostile"}[i]+".docx")
		if err := os.WriteFile(p, write(t, doc), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	txts := office.Convert(t, "txt:Text (encoded):UTF8", filepath.Join(dir, "txt"), files...)
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(bytes.TrimPrefix(b, []byte("\ufeff")))
	}
	for i, f := range files {
		text := read(txts[i])
		var want []string
		if i == 0 {
			want = []string{"Summary", "The council saves money", "Table 1: Costs", "Year", "£1,000", "£3,000", "£30", "Notes", "Second page."}
		} else {
			for _, h := range hostile {
				want = append(want, h.want)
			}
		}
		lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
		for _, w := range want {
			found := false
			for _, l := range lines {
				if strings.TrimSpace(l) == w || strings.Contains(l, w) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("Writer's text of %s has no line holding %q:\n%s", filepath.Base(f), w, text)
			}
		}
	}

	pdf := office.Convert(t, "pdf", filepath.Join(dir, "pdf"), files[0])[0]
	info, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+2$`).Match(info) || !regexp.MustCompile(`(?m)^Page size:.*\(A4\)`).Match(info) {
		t.Errorf("Writer's print of the sample is not two A4 pages:\n%s", info)
	}
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	for i, want := range []string{"Havering: report Page 1 of 2", "Havering: report Page 2 of 2"} {
		if i >= len(pages) || !strings.Contains(strings.Join(strings.Fields(pages[i]), " "), want) {
			t.Errorf("page %d of Writer's print has no footer %q", i+1, want)
		}
	}
}
