package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"path"
	"slices"
	"strings"
	"testing"
	"time"
)

// Namespaces of the parts.
const (
	nsW     = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP    = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
	relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// prepared is the sample's Created time: 29 November 2025, noon.
var prepared = time.Date(2025, 11, 29, 12, 0, 0, 0, time.UTC)

// testPNG is a w by h picture, half blue.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w / 2 {
		for y := range h {
			img.Set(x, y, color.RGBA{0, 0, 255, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sample is a document with one of every block, a footer and two images.
func sample(t testing.TB) *Document {
	t.Helper()
	return &Document{
		Title: "Joint commissioning", Subject: "Cabinet paper", Creator: "carecast",
		Description: "A test", Keywords: "care; test",
		Created: prepared,
		Footer:  "Havering: report",
		Body: []Block{
			Heading{Level: 1, Text: "Summary", Numbered: true},
			Paragraph{Runs: []Run{{Text: "The council "}, {Text: "saves", Bold: true}, {Text: " money", Italic: true}}, Numbered: true},
			Paragraph{Runs: []Run{{Text: "Table 1: Costs"}}, Style: "Caption", KeepNext: true},
			Table{
				Caption: "Table 1", Description: "Costs by year",
				Header:       [][]string{{"Year", "Cost", "Saving"}},
				Rows:         [][]string{{"2025/26", "£1,000", "£10"}, {"2026/27", "£2,000", "£20"}},
				Totals:       [][]string{{"Total", "£3,000", "£30"}},
				Align:        []Align{Left, Right, Right},
				Widths:       []int{4638, 2500, 2500},
				KeepTogether: true,
			},
			Image{PNG: testPNG(t, 200, 100), Name: "chart one", Alt: "The first chart", Width: 4819},
			PageBreak{},
			Heading{Level: 2, Text: "Notes"},
			Text("Second page."),
			Image{PNG: testPNG(t, 30, 40), Name: "chart two", Alt: "The second chart"},
		},
	}
}

// element is an XML element: its name and attributes (by namespace and
// local name).
type element struct {
	name  xml.Name
	attrs map[xml.Name]string
}

func (e element) attr(space, local string) string {
	return e.attrs[xml.Name{Space: space, Local: local}]
}

// parseXML reads a part with encoding/xml's strict parser, returning its
// elements in document order and the text of each w:t, failing when it is
// not well-formed.
func parseXML(t testing.TB, name string, data []byte) (els []element, texts []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return els, texts
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{name: tok.Name, attrs: map[xml.Name]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name] = a.Value
			}
			els = append(els, e)
			if tok.Name == (xml.Name{Space: nsW, Local: "t"}) {
				inT = true
				texts = append(texts, "")
			}
		case xml.EndElement:
			if tok.Name == (xml.Name{Space: nsW, Local: "t"}) {
				inT = false
			}
		case xml.CharData:
			if inT {
				texts[len(texts)-1] += string(tok)
			}
		}
	}
}

// pkg is a .docx read back: its parts in zip order.
type pkg struct {
	names []string
	files map[string]*zip.File
	data  map[string][]byte
}

func readPkg(t testing.TB, b []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := &pkg{files: map[string]*zip.File{}, data: map[string][]byte{}}
	for _, f := range zr.File {
		if _, dup := p.files[f.Name]; dup {
			t.Errorf("part %s twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.names = append(p.names, f.Name)
		p.files[f.Name] = f
		p.data[f.Name] = data
	}
	return p
}

func write(t testing.TB, d *Document) []byte {
	t.Helper()
	b, err := Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rels reads a relationships part: Id to (Type, Target).
func rels(t testing.TB, p *pkg, name string) map[string][2]string {
	t.Helper()
	els, _ := parseXML(t, name, p.data[name])
	if len(els) == 0 || els[0].name != (xml.Name{Space: nsRels, Local: "Relationships"}) {
		t.Fatalf("%s is not a Relationships part", name)
	}
	out := map[string][2]string{}
	for _, e := range els[1:] {
		if e.name != (xml.Name{Space: nsRels, Local: "Relationship"}) {
			t.Errorf("%s: unexpected element %v", name, e.name)
			continue
		}
		id := e.attr("", "Id")
		if _, dup := out[id]; dup {
			t.Errorf("%s: relationship id %s twice", name, id)
		}
		out[id] = [2]string{e.attr("", "Type"), e.attr("", "Target")}
	}
	return out
}

// The package holds the parts a Word file needs, each with its content
// type, each relationship pointing at a part that is there, and every
// style, numbering and relationship the body uses defined.
func TestStructure(t *testing.T) {
	p := readPkg(t, write(t, sample(t)))
	wantParts := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
		"word/settings.xml", "word/footer1.xml", "word/media/image1.png", "word/media/image2.png",
	}
	if !slices.Equal(p.names, wantParts) {
		t.Fatalf("parts\n%q\nwant\n%q", p.names, wantParts)
	}
	for _, name := range p.names {
		f := p.files[name]
		if !f.Modified.Equal(prepared) {
			t.Errorf("%s is dated %v, want the document's %v", name, f.Modified, prepared)
		}
		if want := map[bool]uint16{true: zip.Store, false: zip.Deflate}[strings.HasSuffix(name, ".png")]; f.Method != want {
			t.Errorf("%s: zip method %d, want %d", name, f.Method, want)
		}
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if !bytes.HasPrefix(p.data[name], []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)) {
				t.Errorf("%s has no XML declaration", name)
			}
			parseXML(t, name, p.data[name])
		}
	}

	// [Content_Types].xml gives every part a type.
	els, _ := parseXML(t, "[Content_Types].xml", p.data["[Content_Types].xml"])
	defaults, overrides := map[string]string{}, map[string]string{}
	for _, e := range els {
		switch e.name {
		case xml.Name{Space: nsTypes, Local: "Default"}:
			defaults[e.attr("", "Extension")] = e.attr("", "ContentType")
		case xml.Name{Space: nsTypes, Local: "Override"}:
			overrides[e.attr("", "PartName")] = e.attr("", "ContentType")
		}
	}
	const ooxml = "application/vnd.openxmlformats-officedocument."
	wantTypes := map[string]string{
		"_rels/.rels":                  "application/vnd.openxmlformats-package.relationships+xml",
		"docProps/core.xml":            "application/vnd.openxmlformats-package.core-properties+xml",
		"docProps/app.xml":             ooxml + "extended-properties+xml",
		"word/document.xml":            ooxml + "wordprocessingml.document.main+xml",
		"word/_rels/document.xml.rels": "application/vnd.openxmlformats-package.relationships+xml",
		"word/styles.xml":              ooxml + "wordprocessingml.styles+xml",
		"word/numbering.xml":           ooxml + "wordprocessingml.numbering+xml",
		"word/settings.xml":            ooxml + "wordprocessingml.settings+xml",
		"word/footer1.xml":             ooxml + "wordprocessingml.footer+xml",
		"word/media/image1.png":        "image/png",
		"word/media/image2.png":        "image/png",
	}
	for name, want := range wantTypes {
		got, ok := overrides["/"+name]
		if !ok {
			got = defaults[strings.TrimPrefix(path.Ext(name), ".")]
		}
		if got != want {
			t.Errorf("%s has content type %q, want %q", name, got, want)
		}
	}
	for part := range overrides {
		if _, ok := p.data[strings.TrimPrefix(part, "/")]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the package", part)
		}
	}

	// The package's relationships: the document and its properties.
	pr := rels(t, p, "_rels/.rels")
	for typ, target := range map[string]string{
		relBase + "officeDocument": "word/document.xml",
		"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties": "docProps/core.xml",
		relBase + "extended-properties": "docProps/app.xml",
	} {
		found := false
		for _, r := range pr {
			if r[0] == typ {
				found = true
				if r[1] != target {
					t.Errorf("_rels/.rels: %s points at %s, want %s", typ, r[1], target)
				}
			}
		}
		if !found {
			t.Errorf("_rels/.rels has no %s relationship", typ)
		}
	}

	// The document's relationships point at parts that are there.
	dr := rels(t, p, "word/_rels/document.xml.rels")
	wantRels := map[string][2]string{
		"rIdStyles":    {relBase + "styles", "styles.xml"},
		"rIdNumbering": {relBase + "numbering", "numbering.xml"},
		"rIdSettings":  {relBase + "settings", "settings.xml"},
		"rIdFooter":    {relBase + "footer", "footer1.xml"},
		"rIdImage1":    {relBase + "image", "media/image1.png"},
		"rIdImage2":    {relBase + "image", "media/image2.png"},
	}
	if len(dr) != len(wantRels) {
		t.Errorf("document.xml.rels has %d relationships, want %d: %v", len(dr), len(wantRels), dr)
	}
	for id, want := range wantRels {
		if dr[id] != want {
			t.Errorf("document.xml.rels %s is %v, want %v", id, dr[id], want)
		}
		if _, ok := p.data[path.Join("word", want[1])]; !ok {
			t.Errorf("relationship %s points at word/%s, which is not in the package", id, want[1])
		}
	}

	// The images are the pictures given, byte for byte.
	d := sample(t)
	if !bytes.Equal(p.data["word/media/image1.png"], d.Body[4].(Image).PNG) || !bytes.Equal(p.data["word/media/image2.png"], d.Body[8].(Image).PNG) {
		t.Error("the images in the package are not the pictures given")
	}

	// Every style, list and relationship the body and footer use is defined.
	styles := map[string]string{}
	sEls, _ := parseXML(t, "word/styles.xml", p.data["word/styles.xml"])
	for _, e := range sEls {
		if e.name == (xml.Name{Space: nsW, Local: "style"}) {
			styles[e.attr(nsW, "styleId")] = e.attr(nsW, "type")
		}
	}
	nums := map[string]bool{}
	nEls, _ := parseXML(t, "word/numbering.xml", p.data["word/numbering.xml"])
	for _, e := range nEls {
		if e.name == (xml.Name{Space: nsW, Local: "num"}) {
			nums[e.attr(nsW, "numId")] = true
		}
	}
	for _, part := range []string{"word/document.xml", "word/footer1.xml"} {
		els, _ := parseXML(t, part, p.data[part])
		for _, e := range els {
			switch e.name {
			case xml.Name{Space: nsW, Local: "pStyle"}:
				if v := e.attr(nsW, "val"); styles[v] != "paragraph" {
					t.Errorf("%s uses paragraph style %q, which styles.xml does not define", part, v)
				}
			case xml.Name{Space: nsW, Local: "tblStyle"}:
				if v := e.attr(nsW, "val"); styles[v] != "table" {
					t.Errorf("%s uses table style %q, which styles.xml does not define", part, v)
				}
			case xml.Name{Space: nsW, Local: "numId"}:
				if v := e.attr(nsW, "val"); !nums[v] {
					t.Errorf("%s uses list %q, which numbering.xml does not define", part, v)
				}
			}
			for _, a := range []string{"id", "embed"} {
				if v := e.attr(nsR, a); v != "" {
					if _, ok := dr[v]; !ok {
						t.Errorf("%s: %s r:%s=%q has no relationship", part, e.name.Local, a, v)
					}
				}
			}
		}
	}
}

// The body as laid out: headings on Heading 1-3 (numbered only at level
// 1), the table's grid, header, totals and alignment, the images' size
// from their shape, the A4 page and the footer's page fields.
func TestBody(t *testing.T) {
	p := readPkg(t, write(t, sample(t)))
	els, texts := parseXML(t, "word/document.xml", p.data["word/document.xml"])
	w := func(local string) xml.Name { return xml.Name{Space: nsW, Local: local} }
	count := func(local string) int {
		n := 0
		for _, e := range els {
			if e.name == w(local) {
				n++
			}
		}
		return n
	}
	vals := func(local, attr string) []string {
		var out []string
		for _, e := range els {
			if e.name == w(local) {
				out = append(out, e.attr(nsW, attr))
			}
		}
		return out
	}
	wantTexts := []string{"Summary", "The council ", "saves", " money", "Table 1: Costs",
		"Year", "Cost", "Saving", "2025/26", "£1,000", "£10", "2026/27", "£2,000", "£20", "Total", "£3,000", "£30",
		"Notes", "Second page."}
	if !slices.Equal(texts, wantTexts) {
		t.Errorf("the body's text\n%q\nwant\n%q", texts, wantTexts)
	}
	// Styles in order: Heading1, Caption, 12 table cells, the paragraph
	// after the table, two figures, Heading2.
	wantStyles := []string{"Heading1", "Caption"}
	for range 12 {
		wantStyles = append(wantStyles, "TableText")
	}
	wantStyles = append(wantStyles, "Small", "Figure", "Heading2", "Figure")
	if got := vals("pStyle", "val"); !slices.Equal(got, wantStyles) {
		t.Errorf("paragraph styles %q, want %q", got, wantStyles)
	}
	// The numbered heading at level 0, the numbered paragraph at level 1.
	if got := vals("ilvl", "val"); !slices.Equal(got, []string{"0", "1"}) {
		t.Errorf("list levels %q, want 0 then 1", got)
	}
	if got := vals("gridCol", "w"); !slices.Equal(got, []string{"4638", "2500", "2500"}) {
		t.Errorf("table grid %q", got)
	}
	if got := vals("tblW", "w"); !slices.Equal(got, []string{"9638"}) {
		t.Errorf("table width %q, want the sum of the columns, 9638", got)
	}
	if got := vals("tblCaption", "val"); !slices.Equal(got, []string{"Table 1"}) {
		t.Errorf("table caption %q", got)
	}
	if got := vals("tblDescription", "val"); !slices.Equal(got, []string{"Costs by year"}) {
		t.Errorf("table description %q", got)
	}
	if n := count("tr"); n != 4 {
		t.Errorf("%d table rows, want 4", n)
	}
	if n := count("tblHeader"); n != 1 {
		t.Errorf("%d header rows, want 1", n)
	}
	if n := count("cantSplit"); n != 4 {
		t.Errorf("%d rows kept whole, want 4", n)
	}
	// Kept together: every cell but the last row's keeps with the next
	// (9 cells), the caption too (1).
	if n := count("keepNext"); n != 9+1+2 {
		t.Errorf("%d keepNext, want 12 (9 cells, the caption, two figures)", n)
	}
	// Right alignment: columns 2 and 3 of 4 rows.
	if got := vals("jc", "val"); len(got) != 8 || slices.ContainsFunc(got, func(v string) bool { return v != "right" }) {
		t.Errorf("alignments %q, want 8 right", got)
	}
	// Bold: the run "saves", 3 header cells, 3 total cells.
	if n := count("b"); n != 7 {
		t.Errorf("%d bold runs, want 7", n)
	}
	if n := count("i"); n != 1 {
		t.Errorf("%d italic runs, want 1", n)
	}
	// The images: 4819 twips wide is 4819 × 635 = 3,060,065 EMU, and
	// 200 × 100 pixels makes it half as high, 1,530,032 EMU; the second
	// takes the text width, 9638 × 635 = 6,120,130 EMU, and 40/30 of it
	// high, 8,160,173 EMU.
	var extents [][2]string
	var docPr []string
	for _, e := range els {
		switch e.name {
		case xml.Name{Space: nsWP, Local: "extent"}:
			extents = append(extents, [2]string{e.attr("", "cx"), e.attr("", "cy")})
		case xml.Name{Space: nsWP, Local: "docPr"}:
			docPr = append(docPr, e.attr("", "id")+" "+e.attr("", "name")+" / "+e.attr("", "descr"))
		}
	}
	if want := [][2]string{{"3060065", "1530032"}, {"6120130", "8160173"}}; !slices.Equal(extents, want) {
		t.Errorf("image extents %v, want %v", extents, want)
	}
	if want := []string{"1 chart one / The first chart", "2 chart two / The second chart"}; !slices.Equal(docPr, want) {
		t.Errorf("images %q, want %q", docPr, want)
	}
	// The page break is the next heading's page break before, not a
	// paragraph of its own (which a full page would push onto an empty one).
	if got := vals("br", "type"); len(got) != 0 {
		t.Errorf("breaks %q, want none (the heading breaks the page)", got)
	}
	for i, e := range els {
		if e.name == (xml.Name{Space: nsW, Local: "pageBreakBefore"}) {
			if i < 1 || els[i-1].name.Local != "pStyle" || els[i-1].attr(nsW, "val") != "Heading2" {
				t.Errorf("a page break before follows %v, want the Notes heading's style", els[max(i-1, 0)])
			}
		}
	}
	if got := len(slices.DeleteFunc(slices.Clone(els), func(e element) bool { return e.name.Local != "pageBreakBefore" })); got != 1 {
		t.Errorf("%d page breaks before, want 1", got)
	}
	// A4 portrait: 210 × 297 mm is 11906 × 16838 twips.
	if w, h := vals("pgSz", "w"), vals("pgSz", "h"); !slices.Equal(w, []string{"11906"}) || !slices.Equal(h, []string{"16838"}) {
		t.Errorf("page size %v × %v", w, h)
	}
	if got := vals("footerReference", "type"); !slices.Equal(got, []string{"default"}) {
		t.Errorf("footer references %q", got)
	}

	fEls, fTexts := parseXML(t, "word/footer1.xml", p.data["word/footer1.xml"])
	if want := []string{"Havering: report    Page ", "1", " of ", "1"}; !slices.Equal(fTexts, want) {
		t.Errorf("footer text %q, want %q", fTexts, want)
	}
	var instr []string
	for _, e := range fEls {
		if e.name == w("instrText") {
			instr = append(instr, "")
		}
	}
	if fd := string(p.data["word/footer1.xml"]); len(instr) != 2 || !strings.Contains(fd, "> PAGE <") || !strings.Contains(fd, "> NUMPAGES <") {
		t.Errorf("the footer lacks its PAGE and NUMPAGES fields:\n%s", fd)
	}

	core := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(p.data["docProps/core.xml"]))
	var cur string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			cur = tok.Name.Local
		case xml.CharData:
			core[cur] += string(tok)
		}
	}
	for k, v := range map[string]string{"title": "Joint commissioning", "subject": "Cabinet paper", "creator": "carecast",
		"description": "A test", "keywords": "care; test", "language": "en-GB",
		"created": "2025-11-29T12:00:00Z", "modified": "2025-11-29T12:00:00Z"} {
		if core[k] != v {
			t.Errorf("core property %s is %q, want %q", k, core[k], v)
		}
	}
}

// Without a footer or an image, the package has no footer part, no PNG
// type and no relationship to either.
func TestPlainDocument(t *testing.T) {
	p := readPkg(t, write(t, &Document{Created: prepared, Body: []Block{Text("Only text.")}}))
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
	}
	if !slices.Equal(p.names, want) {
		t.Fatalf("parts %q, want %q", p.names, want)
	}
	for _, no := range []string{"footer1", "footerReference", "png"} {
		for _, part := range []string{"[Content_Types].xml", "word/_rels/document.xml.rels", "word/document.xml"} {
			if bytes.Contains(p.data[part], []byte(no)) {
				t.Errorf("%s mentions %s:\n%s", part, no, p.data[part])
			}
		}
	}
	if got := len(rels(t, p, "word/_rels/document.xml.rels")); got != 3 {
		t.Errorf("%d relationships, want 3 (styles, numbering, settings)", got)
	}
}

// Heading levels outside 1 to 3 take the nearest; only level 1 is numbered.
func TestHeadingLevels(t *testing.T) {
	p := readPkg(t, write(t, &Document{Created: prepared, Body: []Block{
		Heading{Level: 0, Text: "a", Numbered: true}, Heading{Level: 2, Text: "b", Numbered: true}, Heading{Level: 7, Text: "c"},
	}}))
	els, _ := parseXML(t, "word/document.xml", p.data["word/document.xml"])
	var styles []string
	numbered := 0
	for _, e := range els {
		switch e.name.Local {
		case "pStyle":
			styles = append(styles, e.attr(nsW, "val"))
		case "numPr":
			numbered++
		}
	}
	if want := []string{"Heading1", "Heading2", "Heading3"}; !slices.Equal(styles, want) {
		t.Errorf("styles %q, want %q", styles, want)
	}
	if numbered != 1 {
		t.Errorf("%d numbered headings, want 1 (the level-1 one)", numbered)
	}
}

// hostile holds XML's special characters, characters XML 1.0 cannot
// carry, line breaks and right-to-left text; want is what each becomes in
// the document's text (as a parser reads it back).
var hostile = []struct{ name, in, want string }{
	{"markup", `<w:p>a & b</w:p> "q" 'a' ]]> &amp;`, `<w:p>a & b</w:p> "q" 'a' ]]> &amp;`},
	{"controls", "bell\x07tab\tcr\rnul\x00 vt\x0b esc\x1b end", "belltab cr nul vt esc end"},
	{"non-characters", "a\uFFFEb\uFFFFc", "abc"},
	{"invalid UTF-8", "bad\xffbyte", "bad\uFFFDbyte"},
	// Right-to-left text is kept as written; the bidirectional controls
	// are legal XML and kept too (inputs refuses them in names, so they
	// reach no output: inputs/text.go).
	{"right to left", "مجلس هافرينغ and עירייה", "مجلس هافرينغ and עירייה"},
	{"bidi controls", "a\u202eb\u202c \u2067c\u2069 d\u200f", "a\u202eb\u202c \u2067c\u2069 d\u200f"},
	{"beyond the BMP", "emoji 🏠 and 𝔸", "emoji 🏠 and 𝔸"},
}

// Text with XML's special characters, control characters and
// right-to-left script comes back as written, in character data and in
// attributes alike, and the parts stay well-formed; characters XML 1.0
// cannot carry are dropped, tab and carriage return become spaces, a line
// feed a line break.
func TestEscaping(t *testing.T) {
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			d := &Document{
				Title: h.in, Subject: h.in, Creator: h.in, Description: h.in, Keywords: h.in,
				Created: prepared, Footer: h.in,
				Body: []Block{
					Heading{Level: 1, Text: h.in},
					Paragraph{Runs: []Run{{Text: h.in, Bold: true}}},
					Table{Caption: h.in, Description: h.in, Header: [][]string{{h.in}}, Rows: [][]string{{h.in}}},
					Image{PNG: testPNG(t, 4, 4), Name: h.in, Alt: h.in},
				},
			}
			p := readPkg(t, write(t, d))
			els, texts := parseXML(t, "word/document.xml", p.data["word/document.xml"])
			if want := []string{h.want, h.want, h.want, h.want}; !slices.Equal(texts, want) {
				t.Errorf("the body's text %q, want %q", texts, want)
			}
			for _, e := range els {
				var got []string
				switch e.name.Local {
				case "tblCaption", "tblDescription":
					got = []string{e.attr(nsW, "val")}
				case "docPr", "cNvPr":
					got = []string{e.attr("", "name"), e.attr("", "descr")}
				}
				for _, g := range got {
					if g != h.want {
						t.Errorf("%s holds %q, want %q", e.name.Local, g, h.want)
					}
				}
			}
			_, ft := parseXML(t, "word/footer1.xml", p.data["word/footer1.xml"])
			if len(ft) == 0 || ft[0] != h.want+"    Page " {
				t.Errorf("the footer reads %q, want %q", ft, h.want+"    Page ")
			}
			dec := xml.NewDecoder(bytes.NewReader(p.data["docProps/core.xml"]))
			props := map[string]string{}
			var cur string
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("core.xml: %v", err)
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					cur = tok.Name.Local
				case xml.CharData:
					props[cur] += string(tok)
				}
			}
			for _, k := range []string{"title", "subject", "creator", "description", "keywords"} {
				if props[k] != h.want {
					t.Errorf("core property %s is %q, want %q", k, props[k], h.want)
				}
			}
		})
	}
}

// A line feed in a run is a line break within the paragraph, in the body
// and in table cells.
func TestLineBreaks(t *testing.T) {
	p := readPkg(t, write(t, &Document{Created: prepared, Body: []Block{
		Text("line one\nline two"),
		Table{Rows: [][]string{{"cell\nsecond"}}},
	}}))
	els, texts := parseXML(t, "word/document.xml", p.data["word/document.xml"])
	if want := []string{"line one", "line two", "cell", "second"}; !slices.Equal(texts, want) {
		t.Errorf("text %q, want %q", texts, want)
	}
	brs := 0
	for _, e := range els {
		if e.name == (xml.Name{Space: nsW, Local: "br"}) && e.attr(nsW, "type") == "" {
			brs++
		}
	}
	if brs != 2 {
		t.Errorf("%d line breaks, want 2", brs)
	}
}

// The same document gives the same bytes, however often it is written,
// from a copy, or with its time given in another zone; the zip's dates
// are the document's (1980 at the earliest, the zip format's first date).
func TestDeterminism(t *testing.T) {
	first := write(t, sample(t))
	for i := range 5 {
		if b := write(t, sample(t)); !bytes.Equal(b, first) {
			t.Fatalf("write %d differs from the first", i+2)
		}
	}
	london := sample(t)
	zone := time.FixedZone("BST", 3600)
	london.Created = prepared.In(zone)
	if !bytes.Equal(write(t, london), first) {
		t.Error("the same instant in another zone gives other bytes")
	}
	later := sample(t)
	later.Created = prepared.Add(time.Second)
	if bytes.Equal(write(t, later), first) {
		t.Error("a document prepared a second later has the same bytes: its date is not in the package")
	}

	old := sample(t)
	old.Created = time.Date(1975, 6, 1, 0, 0, 0, 0, time.UTC)
	p := readPkg(t, write(t, old))
	for _, name := range p.names {
		if want := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); !p.files[name].Modified.Equal(want) {
			t.Errorf("%s dated %v, want %v", name, p.files[name].Modified, want)
		}
	}
	if !bytes.Contains(p.data["docProps/core.xml"], []byte("1975-06-01T00:00:00Z")) {
		t.Error("core.xml does not keep the document's own date, 1975-06-01")
	}

	// Write to a writer is Bytes.
	var buf bytes.Buffer
	if err := Write(&buf, sample(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), first) {
		t.Error("Write and Bytes differ")
	}
}

type oddBlock struct{}

func (oddBlock) block() {}

// What cannot be written is an error naming the block, and nothing else.
func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		body []Block
		want string
	}{
		{"empty table", []Block{Text("x"), Table{Caption: "Table 9"}}, `docx: block 1: table "Table 9" has no columns`},
		{"not a PNG", []Block{Image{PNG: []byte("GIF89a, a picture of another kind"), Name: "logo"}}, `docx: block 0: image "logo": png: invalid format: not a PNG file`},
		{"unknown block", []Block{Text("x"), Text("y"), oddBlock{}}, `docx: block 2: unknown block docx.oddBlock`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, &Document{Created: prepared, Body: c.body})
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %s", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
			if b, err := Bytes(&Document{Created: prepared, Body: c.body}); err == nil || b != nil {
				t.Errorf("Bytes gave %d bytes and %v", len(b), err)
			}
		})
	}
}
