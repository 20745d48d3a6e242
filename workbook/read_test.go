package workbook

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// A small reader of xlsx packages for the tests, written against the file
// format rather than with excelize, so that what the tests see is what
// another program sees: each sheet's cells with their type, cached value
// and formula, and the charts' titles and ranges.

type xcell struct {
	ref     string
	col     int // 1-based
	row     int
	t       string // "", "n", "s", "str", "b", "e", "inlineStr"
	s       int    // style index
	v       string // the value (shared strings resolved)
	f       string // the formula, without '='
	hasF    bool
	rawHasV bool
}

func (c *xcell) num() (float64, bool) {
	if c.t != "" && c.t != "n" {
		return 0, false
	}
	x, err := strconv.ParseFloat(c.v, 64)
	return x, err == nil
}

type xsheet struct {
	name  string
	cells []*xcell
	at    map[string]*xcell
	links []string // hyperlinks: "C30 -> Sensitivity!A1"
}

type xbook struct {
	sheets []*xsheet
	byName map[string]*xsheet
	charts []string // a text dump of each chart
	files  map[string][]byte
	names  []string // parts, in archive order
	// xfFormat is the number format code of each cell style.
	xfFormat []string
}

// format is the number format code of a cell ("" for General).
func (b *xbook) format(c *xcell) string {
	if c.s >= 0 && c.s < len(b.xfFormat) {
		return b.xfFormat[c.s]
	}
	return ""
}

func (b *xbook) readStyles() error {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	data := b.files["xl/styles.xml"]
	if data == nil {
		return nil
	}
	if err := xml.Unmarshal(data, &st); err != nil {
		return err
	}
	codes := map[int]string{}
	for _, f := range st.NumFmts {
		codes[f.ID] = f.Code
	}
	for _, x := range st.Xfs {
		b.xfFormat = append(b.xfFormat, codes[x.NumFmtID])
	}
	return nil
}

func (b *xbook) sheet(name string) *xsheet { return b.byName[name] }

func (s *xsheet) cell(ref string) *xcell { return s.at[ref] }

// readXLSX reads the package at p.
func readXLSX(data []byte) (*xbook, error) {
	zr, err := zip.NewReader(strings.NewReader(string(data)), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &xbook{byName: map[string]*xsheet{}, files: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		b.files[f.Name] = body
		b.names = append(b.names, f.Name)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b.files["xl/workbook.xml"], &wb); err != nil {
		return nil, fmt.Errorf("workbook.xml: %w", err)
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b.files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, fmt.Errorf("workbook.xml.rels: %w", err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	if err := b.readStyles(); err != nil {
		return nil, fmt.Errorf("styles.xml: %w", err)
	}
	sst, err := sharedStrings(b.files["xl/sharedStrings.xml"])
	if err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		sh, err := readSheet(s.Name, b.files[target[s.RID]], sst)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		b.sheets = append(b.sheets, sh)
		b.byName[s.Name] = sh
	}
	var chartNames []string
	for name := range b.files {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			chartNames = append(chartNames, name)
		}
	}
	sort.Slice(chartNames, func(i, j int) bool {
		ni, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(chartNames[i], "xl/charts/chart"), ".xml"))
		nj, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(chartNames[j], "xl/charts/chart"), ".xml"))
		return ni < nj
	})
	for _, name := range chartNames {
		b.charts = append(b.charts, chartDump(b.files[name]))
	}
	return b, nil
}

func sharedStrings(data []byte) ([]string, error) {
	if data == nil {
		return nil, nil
	}
	var sst []string
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var cur strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				sst = append(sst, cur.String())
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

func readSheet(name string, data []byte, sst []string) (*xsheet, error) {
	s := &xsheet{name: name, at: map[string]*xcell{}}
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var c *xcell
	var in string // the element whose text we collect: v, f or t
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				c = &xcell{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						c.ref = a.Value
					case "t":
						c.t = a.Value
					case "s":
						c.s, _ = strconv.Atoi(a.Value)
					}
				}
				c.col, c.row = splitRef(c.ref)
			case "hyperlink":
				var ref, loc string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "ref":
						ref = a.Value
					case "location":
						loc = a.Value
					}
				}
				s.links = append(s.links, ref+" -> "+loc)
			case "v", "f", "t":
				if c != nil {
					in = t.Name.Local
					text.Reset()
					if in == "f" {
						c.hasF = true
					}
				}
			}
		case xml.CharData:
			if in != "" {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				if c != nil {
					c.v, c.rawHasV = text.String(), true
				}
				in = ""
			case "f":
				if c != nil {
					c.f = text.String()
				}
				in = ""
			case "t":
				if c != nil && c.t == "inlineStr" {
					c.v = text.String()
				}
				in = ""
			case "c":
				if c.t == "s" {
					i, err := strconv.Atoi(c.v)
					if err != nil || i < 0 || i >= len(sst) {
						return nil, fmt.Errorf("%s: bad shared string %q", c.ref, c.v)
					}
					c.v = sst[i]
				}
				s.cells = append(s.cells, c)
				s.at[c.ref] = c
				c = nil
			}
		}
	}
}

// splitRef splits "AB12" into column 28, row 12.
func splitRef(ref string) (col, row int) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, _ = strconv.Atoi(ref[i:])
	return col, row
}

// chartDump is a chart's type, title and series ranges, one a line.
func chartDump(data []byte) string {
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var out []string
	var in string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "lineChart", "barChart", "areaChart", "pieChart", "scatterChart":
				out = append(out, "type "+t.Name.Local)
			case "f", "t":
				in = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if in != "" {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "f":
				out = append(out, "range "+text.String())
				in = ""
			case "t":
				out = append(out, "text "+text.String())
				in = ""
			}
		}
	}
	return strings.Join(out, "\n")
}

// dump writes the cells of the sheets keep accepts, one a line: the
// reference, the type if not a number, the value and the formula.
func (b *xbook) dump(keep func(sheet string, c *xcell) bool) string {
	var sb strings.Builder
	for _, s := range b.sheets {
		fmt.Fprintf(&sb, "== %s\n", s.name)
		for _, c := range s.cells {
			if keep != nil && !keep(s.name, c) {
				continue
			}
			sb.WriteString(c.ref)
			sb.WriteByte('\t')
			if c.t != "" && c.t != "n" {
				sb.WriteString(c.t + ":")
			}
			sb.WriteString(c.v)
			if c.hasF {
				sb.WriteString("\t=" + c.f)
			}
			sb.WriteByte('\n')
		}
		for _, l := range s.links {
			sb.WriteString("link " + l + "\n")
		}
	}
	for i, ch := range b.charts {
		fmt.Fprintf(&sb, "== chart %d\n%s\n", i+1, ch)
	}
	return sb.String()
}
