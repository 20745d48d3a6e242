package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// dumpDocx reads a .docx back through encoding/xml and writes its
// structure as text, one line a paragraph: H1/H2/H3 headings and numbered
// paragraphs with the numbers Word's list numbering gives them, styled
// paragraphs with their style, every table with its caption, column count
// and which rows repeat as header rows, and every image with its name and
// alternative text. It also checks that every XML part is well formed and
// every image's relationship resolves to a part.
func dumpDocx(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
	}
	var out strings.Builder
	var core struct {
		Title   string `xml:"title"`
		Created string `xml:"created"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "title %q, created %s\n", core.Title, strings.Replace(core.Created, "T", " ", 1))
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(parts["word/_rels/document.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		targets[r.ID] = r.Target
	}
	if f := parts["word/footer1.xml"]; !bytes.Contains(f, []byte("PAGE")) || !bytes.Contains(f, []byte("NUMPAGES")) {
		t.Errorf("the footer has no Page N of M fields")
	}

	d := xml.NewDecoder(bytes.NewReader(parts["word/document.xml"]))
	var (
		inTable, header       bool
		style, text, caption  string
		ilvl                  = -1
		n0, n1                int
		rows                  [][]string
		headerRows, cols      int
		row                   []string
		cell                  strings.Builder
		inCell, inText        bool
		imgName, imgAlt, blip string
	)
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				if !inTable {
					style, text, ilvl, imgName = "", "", -1, ""
				}
			case "pStyle":
				if !inTable {
					style = attr(e, "val")
				}
			case "ilvl":
				ilvl = 0
				fmt.Sscan(attr(e, "val"), &ilvl)
			case "t":
				inText = true
			case "br":
				if attr(e, "type") == "page" {
					out.WriteString("PAGE BREAK\n")
				}
			case "pageBreakBefore":
				out.WriteString("PAGE BREAK\n")
			case "docPr":
				imgName, imgAlt = attr(e, "name"), attr(e, "descr")
			case "blip":
				blip = attr(e, "embed")
			case "tbl":
				inTable, rows, headerRows, cols, caption = true, nil, 0, 0, ""
			case "tblCaption":
				caption = attr(e, "val")
			case "gridCol":
				cols++
			case "tr":
				row, header = nil, false
			case "tblHeader":
				header = true
			case "tc":
				inCell = true
				cell.Reset()
			}
		case xml.CharData:
			if inText {
				if inCell {
					cell.Write(e)
				} else {
					text += string(e)
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "tc":
				row = append(row, cell.String())
				inCell = false
			case "tr":
				if header {
					if len(rows) != headerRows {
						t.Errorf("table %q: a header row after a body row", caption)
					}
					headerRows++
				}
				rows = append(rows, row)
			case "tbl":
				inTable = false
				fmt.Fprintf(&out, "TABLE %q: %d columns, %d header row(s) repeating on each page, %d body rows\n", caption, cols, headerRows, len(rows)-headerRows)
				for i, r := range rows {
					mark := "  "
					if i < headerRows {
						mark = "H "
					}
					fmt.Fprintf(&out, "  %s| %s |\n", mark, strings.Join(r, " | "))
				}
			case "p":
				if inTable {
					continue
				}
				num := ""
				switch ilvl {
				case 0:
					n0++
					n1 = 0
					num = fmt.Sprint(n0) + " "
				case 1:
					n1++
					num = fmt.Sprintf("%d.%d ", n0, n1)
				}
				switch {
				case imgName != "":
					target, ok := targets[blip]
					if _, there := parts["word/"+target]; !ok || !there {
						t.Errorf("image %q: relationship %q does not resolve to a part", imgName, blip)
					}
					fmt.Fprintf(&out, "IMAGE %q alt=%q\n", imgName, imgAlt)
				case strings.HasPrefix(style, "Heading"):
					fmt.Fprintf(&out, "%s %s%s\n", strings.Replace(style, "Heading", "H", 1), num, text)
				case style == "" || style == "Normal":
					if text != "" {
						fmt.Fprintf(&out, "P %s%s\n", num, text)
					}
				case style == "Small":
				default:
					fmt.Fprintf(&out, "%s: %s%s\n", style, num, text)
				}
			}
		}
	}
	return out.String()
}

func TestDumpDocxSmall(t *testing.T) {
	// A hand-made document: the dump numbers headings and paragraphs as
	// Word would, marks header rows and keeps the alt text.
	p := &Paper{Code: "X", Title: "T", Blocks: []Block{
		Heading{Level: 1, Text: "One", Num: "1"},
		Para{Num: "1.1", Text: "a"},
		Para{Num: "1.2", Text: "b"},
		Heading{Level: 1, Text: "Two", Num: "2"},
		Para{Num: "2.1", Text: "c"},
		Para{Text: "d", Prompt: true},
		&Table{ID: "Table A", Title: "t", Header: []string{"h1", "h2"}, Rows: [][]string{{"x", "1.00"}}, Totals: [][]string{{"Total", "1.00"}}, Right: []bool{false, true}},
	}}
	var b bytes.Buffer
	if err := p.WriteDocx(&b, Provenance{Version: "v", Prepared: builtIn().Provenance.Prepared}); err != nil {
		t.Fatal(err)
	}
	got := dumpDocx(t, b.Bytes())
	want := `title "T", created 2025-11-29 12:00:00Z
Title: T
H1 1 One
P 1.1 a
P 1.2 b
H1 2 Two
P 2.1 c
Prompt: d
Caption: Table A: t
TABLE "Table A: t": 2 columns, 1 header row(s) repeating on each page, 2 body rows
  H | h1 | h2 |
    | x | 1.00 |
    | Total | 1.00 |
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
