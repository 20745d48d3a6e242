// Package docx writes Word documents (WordprocessingML, ISO/IEC 29500
// transitional) from a small document model: headings on Word's built-in
// Heading 1 to 3, paragraphs on Normal with optional list numbering, real
// tables on a named table style with header rows that repeat across pages,
// and PNG images with alternative text. It uses only the standard library.
//
// The same Document gives the same bytes: parts are written in a fixed
// order with fixed zip timestamps (the document's Created time), and nothing
// else varies.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"strings"
	"time"
)

// Document is a Word document.
type Document struct {
	// Core properties (docProps/core.xml).
	Title, Subject, Creator, Description, Keywords string
	// Created is both the created and modified date of the document, and
	// the timestamp of every part in the zip.
	Created time.Time
	// Footer, when not empty, is printed at the foot of every page
	// followed by "Page N of M".
	Footer string
	Body   []Block
}

// Block is a paragraph-level item of the body.
type Block interface{ block() }

// Heading is a heading on Word's built-in Heading 1, 2 or 3 style.
// Numbered headings of level 1 take the first level of the document's
// list numbering ("1", "2", ...).
type Heading struct {
	Level    int
	Text     string
	Numbered bool
}

// Paragraph is body text on the Normal style (or Style, a style id this
// package defines: "Caption", "Note", "Prompt", "Small"). Numbered paragraphs take
// the second level of the list numbering ("1.1", "1.2", ...) under the
// last numbered Heading 1.
type Paragraph struct {
	Runs     []Run
	Style    string
	Numbered bool
	// KeepNext keeps the paragraph on the same page as the next (a caption
	// with its table).
	KeepNext bool
}

// Run is a stretch of text with one formatting.
type Run struct {
	Text         string
	Bold, Italic bool
}

// Text is a paragraph of plain runs.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s}}} }

// Align is a table column's alignment.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
)

// Table is a real Word table: header rows that repeat on every page, body
// rows, and optional total rows in bold. Widths are in twentieths of a
// point (twips) and should sum to the text width.
type Table struct {
	Caption     string // w:tblCaption (the table's title for assistive technology)
	Description string // w:tblDescription
	Header      [][]string
	Rows        [][]string
	Totals      [][]string
	Align       []Align // per column; missing: Left
	Widths      []int   // per column, twips
	// KeepTogether keeps the table on one page (every row kept with the
	// next), for a short table; a long one breaks between rows, its
	// header rows repeated.
	KeepTogether bool
}

// Image is an inline PNG, scaled to Width twips wide (its height follows
// the picture's shape), with alternative text.
type Image struct {
	PNG   []byte
	Name  string // the picture's name (wp:docPr name)
	Alt   string // alternative text (wp:docPr descr)
	Width int    // twips
}

// PageBreak starts a new page: the next heading or paragraph's "page
// break before" (Word's and Writer's break-before, never an empty page
// when the page before is full), or a paragraph holding a page break
// before a table or an image.
type PageBreak struct{}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Table) block()     {}
func (Image) block()     {}
func (PageBreak) block() {}

// TextWidth is the text width of the A4 portrait page this package lays
// out (21 cm less two 2 cm margins), in twips.
const TextWidth = 9638

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// Write writes the document as a .docx file.
func Write(w io.Writer, d *Document) error {
	parts, err := d.parts()
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	mod := d.Created.UTC()
	if mod.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
			method = zip.Store
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: mod})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Bytes is Write to a byte slice.
func Bytes(d *Document) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// media is an image part and its relationship.
type media struct {
	rid, target string
	data        []byte
}

func (d *Document) parts() ([]part, error) {
	var images []media
	var body strings.Builder
	// A page break before a heading or a paragraph is that paragraph's
	// "page break before", as CSS's break-before: a paragraph of its own
	// holding the break would, at the foot of a full page, move to the
	// next page and break again, leaving that page empty.
	breakBefore := false
	for i, b := range d.Body {
		if breakBefore {
			switch b.(type) {
			case Heading, Paragraph:
			default:
				body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
				breakBefore = false
			}
		}
		switch b := b.(type) {
		case Heading:
			writeHeading(&body, b, breakBefore)
			breakBefore = false
		case Paragraph:
			writeParagraph(&body, b, breakBefore)
			breakBefore = false
		case Table:
			if err := writeTable(&body, b); err != nil {
				return nil, fmt.Errorf("docx: block %d: %w", i, err)
			}
		case Image:
			n := len(images) + 1
			m := media{rid: fmt.Sprintf("rIdImage%d", n), target: fmt.Sprintf("media/image%d.png", n), data: b.PNG}
			if err := writeImage(&body, b, n, m.rid); err != nil {
				return nil, fmt.Errorf("docx: block %d: %w", i, err)
			}
			images = append(images, m)
		case PageBreak:
			breakBefore = true
		default:
			return nil, fmt.Errorf("docx: block %d: unknown block %T", i, b)
		}
	}
	if breakBefore {
		body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	}
	hasFooter := d.Footer != ""
	var rels strings.Builder
	rels.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rels.WriteString(`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	rels.WriteString(`<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`)
	rels.WriteString(`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	if hasFooter {
		rels.WriteString(`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`)
	}
	for _, m := range images {
		fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, m.rid, m.target)
	}
	rels.WriteString(`</Relationships>`)

	var doc strings.Builder
	doc.WriteString(xmlHeader + `<w:document ` + wordNS + `><w:body>`)
	doc.WriteString(body.String())
	doc.WriteString(`<w:sectPr>`)
	if hasFooter {
		doc.WriteString(`<w:footerReference w:type="default" r:id="rIdFooter"/>`)
	}
	// A4 portrait, 2 cm margins; the footer 1.25 cm from the edge.
	doc.WriteString(`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`)

	ps := []part{
		{"[Content_Types].xml", []byte(contentTypes(hasFooter, len(images) > 0))},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", []byte(d.coreXML())},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", []byte(doc.String())},
		{"word/_rels/document.xml.rels", []byte(rels.String())},
		{"word/styles.xml", []byte(stylesXML)},
		{"word/numbering.xml", []byte(numberingXML)},
		{"word/settings.xml", []byte(settingsXML)},
	}
	if hasFooter {
		ps = append(ps, part{"word/footer1.xml", []byte(footerXML(d.Footer))})
	}
	for _, m := range images {
		ps = append(ps, part{"word/" + m.target, m.data})
	}
	return ps, nil
}

func writeHeading(b *strings.Builder, h Heading, pageBreakBefore bool) {
	lvl := min(max(h.Level, 1), 3)
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="Heading%d"/>`, lvl)
	if pageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	if h.Numbered && lvl == 1 {
		b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`)
	}
	b.WriteString(`</w:pPr>`)
	writeRun(b, Run{Text: h.Text})
	b.WriteString(`</w:p>`)
}

func writeParagraph(b *strings.Builder, p Paragraph, pageBreakBefore bool) {
	b.WriteString(`<w:p>`)
	if p.Style != "" || p.Numbered || p.KeepNext || pageBreakBefore {
		b.WriteString(`<w:pPr>`)
		if p.Style != "" {
			fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, esc(p.Style))
		}
		if p.KeepNext {
			b.WriteString(`<w:keepNext/>`)
		}
		if pageBreakBefore {
			b.WriteString(`<w:pageBreakBefore/>`)
		}
		if p.Numbered {
			b.WriteString(`<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	for _, r := range p.Runs {
		writeRun(b, r)
	}
	b.WriteString(`</w:p>`)
}

func writeRun(b *strings.Builder, r Run) {
	b.WriteString(`<w:r>`)
	if r.Bold || r.Italic {
		b.WriteString(`<w:rPr>`)
		if r.Bold {
			b.WriteString(`<w:b/>`)
		}
		if r.Italic {
			b.WriteString(`<w:i/>`)
		}
		b.WriteString(`</w:rPr>`)
	}
	lines := strings.Split(r.Text, "\n")
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t>`, esc(l))
	}
	b.WriteString(`</w:r>`)
}

func writeTable(b *strings.Builder, t Table) error {
	cols := 0
	for _, rs := range [][][]string{t.Header, t.Rows, t.Totals} {
		for _, r := range rs {
			cols = max(cols, len(r))
		}
	}
	if cols == 0 {
		return fmt.Errorf("table %q has no columns", t.Caption)
	}
	widths := t.Widths
	if len(widths) != cols {
		widths = make([]int, cols)
		for i := range widths {
			widths[i] = TextWidth / cols
		}
	}
	total := 0
	for _, w := range widths {
		total += w
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, total)
	b.WriteString(`<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="28" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>`)
	if t.Caption != "" {
		fmt.Fprintf(b, `<w:tblCaption w:val="%s"/>`, esc(t.Caption))
	}
	if t.Description != "" {
		fmt.Fprintf(b, `<w:tblDescription w:val="%s"/>`, esc(t.Description))
	}
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	nrows := len(t.Header) + len(t.Rows) + len(t.Totals)
	written := 0
	row := func(cells []string, header, bold bool) {
		written++
		keep := header || (t.KeepTogether && written < nrows)
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i := 0; i < cols; i++ {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`, widths[i])
			if keep {
				b.WriteString(`<w:keepNext/>`)
			}
			if i < len(t.Align) && t.Align[i] == Right {
				b.WriteString(`<w:jc w:val="right"/>`)
			}
			b.WriteString(`</w:pPr>`)
			writeRun(b, Run{Text: text, Bold: header || bold})
			b.WriteString(`</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	for _, r := range t.Header {
		row(r, true, true)
	}
	for _, r := range t.Rows {
		row(r, false, false)
	}
	for _, r := range t.Totals {
		row(r, false, true)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between two tables and after the last.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Small"/></w:pPr></w:p>`)
	return nil
}

// emuPerTwip converts twips to English Metric Units.
const emuPerTwip = 635

func writeImage(b *strings.Builder, im Image, n int, rid string) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(im.PNG))
	if err != nil {
		return fmt.Errorf("image %q: %w", im.Name, err)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return fmt.Errorf("image %q is empty", im.Name)
	}
	w := im.Width
	if w <= 0 || w > TextWidth {
		w = TextWidth
	}
	cx := int64(w) * emuPerTwip
	cy := cx * int64(cfg.Height) / int64(cfg.Width)
	name := esc(im.Name)
	alt := esc(im.Alt)
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="Figure"/><w:keepNext/></w:pPr><w:r><w:drawing>`+
		`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="%s" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%d" name="%s" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, n, name, alt, n, name, alt, rid, cx, cy)
	return nil
}

// esc escapes text for XML character data and attribute values, dropping
// characters XML 1.0 cannot carry.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(' ')
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r < 0xE000:
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (d *Document) coreXML() string {
	date := d.Created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title><dc:subject>%s</dc:subject><dc:creator>%s</dc:creator><cp:keywords>%s</cp:keywords><dc:description>%s</dc:description><dc:language>en-GB</dc:language>`,
		esc(d.Title), esc(d.Subject), esc(d.Creator), esc(d.Keywords), esc(d.Description))
	fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, date, date)
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

func footerXML(text string) string {
	field := func(instr string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	return xmlHeader + `<w:ftr ` + wordNS + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">` + esc(text) + `    Page </w:t></w:r>` + field("PAGE") +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES") + `</w:p></w:ftr>`
}

func contentTypes(footer, png bool) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`)
	if png {
		b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`)
	b.WriteString(`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`)
	b.WriteString(`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`)
	b.WriteString(`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`)
	if footer {
		b.WriteString(`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	b.WriteString(`</Types>`)
	return b.String()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>carecast</Application></Properties>`

const settingsXML = xmlHeader + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// numberingXML is one list: level 0 numbers Heading 1 ("1"), level 1 the
// numbered paragraphs under it ("1.1").
const numberingXML = xmlHeader + `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>` +
	`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`

// stylesXML defines the built-in styles a council template restyles
// (Normal, Heading 1-3, Caption, Footer, Table Grid) and three of this
// package's own (Table Text, Figure, Prompt, Small).
const stylesXML = xmlHeader + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:keepLines/><w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="right"/><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:after="60"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="60" w:after="160"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Prompt"><w:name w:val="Author Prompt"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="24" w:space="6" w:color="C00000"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/><w:ind w:left="170"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="28" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
	`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr></w:style>` +
	`</w:styles>`
