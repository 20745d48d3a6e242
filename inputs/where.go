package inputs

import (
	"path/filepath"
	"strconv"
	"strings"
)

// The parts of a problem's location, for records (validate --json) and
// for naming a CSV file by its folder: Loc, as Book.Loc writes it, is read
// back against the tables of the Book it was written for.

// locate fills in the parts of each problem's location in ps: the file it
// is in, its sheet (a workbook's), row, column header and cell.
func (b *Book) locate(ps []Problem) {
	if b == nil {
		return
	}
	for i := range ps {
		b.locateOne(&ps[i])
	}
}

func (b *Book) locateOne(p *Problem) {
	p.File = b.Path
	if p.Loc == "" || p.Loc == b.Path {
		return
	}
	for ti := range b.Tables {
		t := &b.Tables[ti]
		var rest string
		switch b.Kind {
		case CSV:
			file := filepath.Join(b.Path, t.Name)
			switch {
			case p.Loc == t.Name:
			case p.Loc == "in "+t.Name:
				p.shown = "in " + file
			case strings.HasPrefix(p.Loc, t.Name+":"):
				rest = p.Loc[len(t.Name)+1:]
			default:
				continue
			}
			p.File = file
			if p.shown == "" {
				p.shown = file + p.Loc[len(t.Name):]
			}
			row, col, _ := strings.Cut(rest, ": column ")
			p.Row, _ = strconv.Atoi(row)
			p.Column = col
			return
		default:
			ref := sheetRef(t.Name)
			switch {
			case p.Loc == t.Name:
			case strings.HasPrefix(p.Loc, ref+"!"):
				rest = p.Loc[len(ref)+1:]
			default:
				continue
			}
			p.Sheet = t.Name
			if r, _, whole := strings.Cut(rest, ":"); whole {
				p.Row, _ = strconv.Atoi(r)
				return
			}
			letters := strings.TrimRight(rest, "0123456789")
			p.Row, _ = strconv.Atoi(rest[len(letters):])
			if col, ok := columnOf(letters + "1"); ok && rest != "" {
				p.Cell = rest
				if col < len(t.Header) {
					p.Column = strings.TrimSpace(t.Header[col])
				}
			}
			return
		}
	}
}
