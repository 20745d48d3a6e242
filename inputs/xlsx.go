package inputs

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook, against zip bombs: excelize's defaults allow 16 GB
// unzipped. A national scenario is a few megabytes.
const (
	// MaxWorkbookBytes bounds the workbook file and everything in it
	// unzipped.
	MaxWorkbookBytes = 256 << 20
)

// ReadXLSX reads a workbook into a Book: every sheet carecast knows, by
// its stored values (never the displayed text), with each numeric cell
// marked so that a date cell's serial number reads as a date, and the
// workbook's 1904 date system flag. Formula cells read as their cached
// values. Sheets carecast does not know are listed without content.
// A file that is not a workbook, too large, or malformed comes back as
// *Errors with one clear problem; excelize's panics are recovered here.
func ReadXLSX(path string) (b *Book, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, oneError(path, fmt.Sprintf("the workbook is malformed and cannot be read (%v); open it in Excel or LibreOffice and save it again as .xlsx", r))
		}
	}()
	data, err := readRegular(path, MaxWorkbookBytes, fmt.Sprintf("the workbook is too large: more than the %d MB carecast reads", MaxWorkbookBytes>>20))
	if err != nil {
		return nil, fileError(path, err)
	}
	if msg := prescan(data); msg != "" {
		return nil, oneError(path, msg)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxWorkbookBytes,
		// Every part stays in memory (File.Pkg), where the sheets are read
		// from: the whole package is at most MaxWorkbookBytes unzipped.
		UnzipXMLSizeLimit: MaxWorkbookBytes,
	})
	if err != nil {
		return nil, oneError(path, openErrorMessage(err))
	}
	defer f.Close()

	b = &Book{Path: path, Kind: XLSX}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.Date1904 = *props.Date1904
	}
	parts, err := workbookParts(f)
	if err != nil {
		return nil, oneError(path, openErrorMessage(err))
	}
	var sst []string // read when a known sheet needs it
	rows := 0        // table rows read so far, against MaxRows
	var probs []Problem
	for _, name := range f.GetSheetList() {
		if tableFor(name, XLSX) < 0 {
			b.Tables = append(b.Tables, Table{Name: name})
			continue
		}
		p, ok := parts[name]
		data, found := part(f, p)
		if !ok || !found {
			probs = append(probs, Problem{Loc: name, Msg: "cannot read the sheet: the workbook has no worksheet for it"})
			continue
		}
		if sst == nil {
			if sst, err = sharedStrings(f); err != nil {
				return nil, oneError(path, openErrorMessage(err))
			}
			if sst == nil {
				sst = []string{}
			}
		}
		t, err := parseSheet(name, data, sst, MaxRows-rows)
		rows += len(t.Rows)
		if err != nil {
			probs = append(probs, Problem{Loc: name, Msg: fmt.Sprintf("cannot read the sheet: %v", err)})
			continue
		}
		if visible, err := f.GetSheetVisible(name); err == nil && !visible {
			t.Hidden = true
		}
		b.Tables = append(b.Tables, t)
	}
	if len(probs) > 0 {
		return b, &Errors{Path: path, Problems: probs}
	}
	return b, nil
}

// openErrorMessage words excelize's reasons for refusing a file.
func openErrorMessage(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return "not an .xlsx workbook (it is not a valid zip archive); save it from Excel or LibreOffice as an Excel workbook (.xlsx)"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "not an .xlsx workbook: an old .xls file or a password-protected workbook; save it as an Excel workbook (.xlsx) without a password"
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return "the workbook is password protected; save a copy without a password"
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return fmt.Sprintf("the workbook is too large: unzipped it holds more than the %d MB carecast reads", MaxWorkbookBytes>>20)
	}
	return fmt.Sprintf("the workbook is malformed and cannot be read (%v); open it in Excel or LibreOffice and save it again as .xlsx", err)
}

// The cells of a sheet are read in one streaming pass over the sheet's
// XML, which excelize has unzipped (within its limits) into File.Pkg: each
// cell's stored value and its type together. excelize's own GetRows
// streams the values but drops the types, and GetCellType loads the whole
// sheet into structures first, which for a 100,000-row sheet costs
// seconds and hundreds of megabytes.

// workbookParts maps each sheet's name to its part in the package, as
// excelize does: the workbook named by _rels/.rels, its relationships, and
// each sheet's r:id.
func workbookParts(f *excelize.File) (map[string]string, error) {
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	type rels struct {
		Rels []rel `xml:"Relationship"`
	}
	read := func(name string, v any) error {
		data, ok := part(f, name)
		if !ok {
			return fmt.Errorf("it has no part %s", name)
		}
		return xml.Unmarshal(data, v)
	}
	wbPath := "xl/workbook.xml"
	var root rels
	if err := read("_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			// Strict OOXML names the relationships namespace differently.
			StrictID string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := read(wbPath, &wb); err != nil {
		return nil, err
	}
	dir := path.Dir(wbPath)
	var wbRels rels
	if err := read(strings.TrimPrefix(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), "/"), &wbRels); err != nil {
		return nil, err
	}
	parts := map[string]string{}
	for _, sh := range wb.Sheets {
		id := sh.ID
		if id == "" {
			id = sh.StrictID
		}
		for _, r := range wbRels.Rels {
			if r.ID != id {
				continue
			}
			target := strings.ReplaceAll(r.Target, "\\", "/")
			if strings.HasPrefix(target, "/") {
				parts[sh.Name] = strings.TrimPrefix(path.Clean(target), "/")
			} else {
				parts[sh.Name] = strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/")
			}
		}
	}
	return parts, nil
}

// part returns a part of the package as excelize unzipped it.
func part(f *excelize.File, name string) ([]byte, bool) {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// sharedStrings reads the workbook's shared string table: the text of each
// <si>, rich-text runs joined, phonetic hints left out.
func sharedStrings(f *excelize.File) ([]string, error) {
	data, ok := part(f, "xl/sharedStrings.xml")
	if !ok {
		return nil, nil
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	var cur strings.Builder
	inSI, inT, skip := false, false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("shared strings: %w", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI && skip == 0
			case "rPh":
				skip++
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "si":
				out = append(out, cur.String())
				inSI = false
			case "t":
				inT = false
			case "rPh":
				skip--
			}
		case xml.CharData:
			if inT {
				cur.Write(el)
			}
		}
	}
}

// maxColumns is the spreadsheet's own limit (column XFD); maxCells bounds
// the cells kept from one sheet (a national scenario needs a few hundred
// thousand), so that a sheet of sparse cells far to the right cannot
// exhaust memory.
const (
	maxColumns = 16384
	maxCells   = 5000000
)

// parseSheet reads a sheet's XML into a Table: the first non-blank row is
// the header; later rows keep the cells under it (cells to the right of the
// last header are read by no one). A cell is a number cell when it has no
// type or type n: a date cell is one, and a formula's cached number is
// one; shared and inline strings, formula strings, booleans (as TRUE or
// FALSE), errors and ISO date cells are text.
//
// At most maxRows rows are read: beyond them the sheet is an error.
func parseSheet(name string, data []byte, sst []string, maxRows int) (Table, error) {
	p := &sheetParser{t: Table{Name: name}, sst: sst, maxRows: maxRows, width: maxColumns}
	d := xml.NewDecoder(bytes.NewReader(data))
	var open []xml.Name
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Table{}, fmt.Errorf("the sheet's XML is malformed: %w", err)
		}
		// RawToken is the fast tokenizer; it leaves checking that elements
		// nest properly to us.
		switch el := tok.(type) {
		case xml.StartElement:
			open = append(open, el.Name)
			if err := p.start(el); err != nil {
				return Table{}, err
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != el.Name {
				return Table{}, fmt.Errorf("the sheet's XML is malformed: </%s> closes no open element", el.Name.Local)
			}
			open = open[:len(open)-1]
			done, err := p.end(el)
			if err != nil {
				return Table{}, err
			}
			if done {
				return p.t, nil
			}
		case xml.CharData:
			if p.inV || p.inT {
				p.val.Write(el)
			}
		}
	}
	return p.t, nil
}

// sheetParser is parseSheet's state as it reads a sheet's XML.
type sheetParser struct {
	t        Table
	sst      []string
	maxRows  int
	row      Row
	inRow    bool
	rowNum   int
	col      int    // 0-based column of the current cell
	typ      string // its t attribute
	val      strings.Builder
	inV, inT bool
	inIS     bool
	skip     int  // inside <rPh> of an inline string
	width    int  // cells kept per row: the header's width once known
	tooMany  bool // more than maxRows rows
	cells    int  // cells kept, blanks between them included
}

// endRow keeps the row read: the header, or a row of the table.
func (p *sheetParser) endRow() {
	p.inRow = false
	p.row.Number = p.rowNum
	if p.row.Blank() {
		return
	}
	if p.t.Header == nil {
		p.t.HeaderRow = p.rowNum
		p.t.Header = make([]string, len(p.row.Cells))
		for i, c := range p.row.Cells {
			p.t.Header[i] = c.Value
		}
		p.width = len(p.t.Header)
		return
	}
	if len(p.t.Rows) >= p.maxRows {
		p.tooMany = true
		return
	}
	p.t.Rows = append(p.t.Rows, p.row)
}

// start reads an element's start tag.
func (p *sheetParser) start(el xml.StartElement) error {
	switch el.Name.Local {
	case "row":
		if p.inRow {
			p.endRow()
		}
		p.inRow = true
		p.row = Row{}
		n := p.rowNum + 1
		if r := attr(el, "r"); r != "" {
			var err error
			if n, err = strconv.Atoi(r); err != nil || n < 1 || n > excelize.TotalRows {
				return fmt.Errorf("row number %q is out of range", r)
			}
		}
		p.rowNum = n
		p.col = -1
	case "c":
		p.col++
		if r := attr(el, "r"); r != "" {
			c, ok := columnOf(r)
			if !ok {
				return fmt.Errorf("cell reference %q is malformed", r)
			}
			p.col = c
		}
		p.typ = attr(el, "t")
		p.val.Reset()
	case "v":
		p.inV = true
	case "is":
		p.inIS = true
	case "t":
		p.inT = p.inIS && p.skip == 0
	case "rPh":
		p.skip++
	}
	return nil
}

// end reads an element's end tag; done says the sheet's data has ended.
func (p *sheetParser) end(el xml.EndElement) (done bool, err error) {
	switch el.Name.Local {
	case "v":
		p.inV = false
	case "is":
		p.inIS = false
	case "t":
		p.inT = false
	case "rPh":
		p.skip--
	case "c":
		return false, p.endCell()
	case "row":
		if p.inRow {
			p.endRow()
		}
		if p.tooMany {
			return false, errors.New(tooManyRows(MaxRows + 1))
		}
	case "sheetData":
		return true, nil
	}
	return false, nil
}

// endCell keeps the cell read in its column of the row.
func (p *sheetParser) endCell() error {
	if !p.inRow || p.col >= p.width {
		return nil
	}
	cell := Cell{Value: p.val.String()}
	switch p.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(cell.Value))
		if err != nil || i < 0 || i >= len(p.sst) {
			return fmt.Errorf("cell %s%d names shared string %q, which does not exist", ColumnName(p.col), p.rowNum, cell.Value)
		}
		cell.Value = p.sst[i]
	case "", "n":
		cell.Number = cell.Value != ""
	case "b":
		// A boolean cell stores 1 or 0 and shows TRUE or FALSE: read as
		// it shows, it is yes or no, and not a number (TRUE in a price
		// cell was £1).
		switch strings.TrimSpace(cell.Value) {
		case "1":
			cell.Value = "TRUE"
		case "0":
			cell.Value = "FALSE"
		}
	}
	if cell.Value == "" {
		return nil
	}
	if p.cells += max(0, p.col+1-len(p.row.Cells)); p.cells > maxCells {
		return fmt.Errorf("the sheet holds more than the %d cells carecast reads", maxCells)
	}
	for len(p.row.Cells) < p.col {
		p.row.Cells = append(p.row.Cells, Cell{})
	}
	if p.col == len(p.row.Cells) {
		p.row.Cells = append(p.row.Cells, cell)
	} else {
		p.row.Cells[p.col] = cell // a cell given twice: the last wins
	}
	return nil
}

// attr is the value of an attribute of an element, by its local name.
func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf returns the 0-based column of a cell reference such as B7.
func columnOf(ref string) (int, bool) {
	col := 0
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		default:
			if i == 0 || !allDigits(ref[i:]) {
				return 0, false
			}
			return col - 1, col <= maxColumns
		}
		if col > maxColumns {
			return 0, false
		}
	}
	return 0, false
}
