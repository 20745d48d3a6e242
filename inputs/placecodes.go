package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// The PlaceCodes table (docs/methodology.md §17): each SSDA903 PLACE code
// and the category of placement it belongs to, for 'carecast demand 903'.
// The template holds the Department's codes (carecast.DefaultPlaceCodes),
// so that a council can add a code the Department introduces, or move one
// to another category; the forecast does not read it. A table with rows
// replaces the defaults; an empty one leaves them.

var placeCodesSpec = tableSpec{name: "PlaceCodes", file: "placecodes.csv", required: false,
	about: "the category of placement of each SSDA903 PLACE code, for carecast demand 903",
	columns: []colSpec{
		{name: "place", required: true, note: "An SSDA903 PLACE code: a capital letter, then a capital letter or a digit (K2). Each code once. Add a row for a code the Department introduces."},
		{name: "category", required: true, note: "The category of placement the code counts in when 'carecast demand 903' projects moves between placements: " + placeCategoryKeys() + "."},
		{name: "description", note: "What the code means, in the Department's words."},
	}}

func placeCategoryKeys() string { return strings.Join(placeCategoryList(), ", ") }

// placeCategoryList is the drop-down of the template's category column.
func placeCategoryList() []string {
	keys := make([]string, len(carecast.PlaceCategories))
	for i, c := range carecast.PlaceCategories {
		keys[i] = c.Key
	}
	return keys
}

// placeCodes reads the PlaceCodes table.
func (d *decoder) placeCodes() {
	tb, rows := d.rows(tPlaceCodes)
	if tb == nil {
		return
	}
	const cPlace, cCategory, cDescription = 0, 1, 2
	seen := map[string]int{}
	var out []carecast.PlaceCode
	ok := true
	for _, r := range rows {
		rowOK := true
		code := strings.ToUpper(strings.TrimSpace(tb.cell(r, cPlace).Value))
		switch {
		case code == "":
			d.err(d.loc(tb, r.Number, cPlace), "missing value; expected a PLACE code such as K2")
			rowOK = false
		case !carecast.ValidPlaceCode(code):
			d.err(d.loc(tb, r.Number, cPlace), fmt.Sprintf("not a PLACE code: found %s; expected a capital letter then a capital letter or digit, such as K2", quote(strings.TrimSpace(tb.cell(r, cPlace).Value))))
			rowOK = false
		case seen[code] != 0:
			d.err(d.loc(tb, r.Number, cPlace), fmt.Sprintf("PLACE code %s appears twice (first on row %d); expected it once", code, seen[code]))
			rowOK = false
		default:
			seen[code] = r.Number
		}
		cat := strings.TrimSpace(tb.cell(r, cCategory).Value)
		key, known := carecast.ParsePlaceCategory(cat)
		switch {
		case cat == "":
			d.err(d.loc(tb, r.Number, cCategory), "missing value; expected one of "+placeCategoryKeys())
			rowOK = false
		case !known:
			d.err(d.loc(tb, r.Number, cCategory), fmt.Sprintf("unknown category: found %s; expected one of %s", quote(cat), placeCategoryKeys()))
			rowOK = false
		}
		desc := strings.TrimSpace(tb.cell(r, cDescription).Value)
		rowOK = d.text(d.loc(tb, r.Number, cDescription), "the code's description", desc, false) && rowOK
		if !rowOK {
			ok = false
			continue
		}
		out = append(out, carecast.PlaceCode{Code: code, Category: key, Description: desc})
	}
	if ok {
		d.s.PlaceCodes = out
	}
}

// placeCodeRows are the template's PlaceCodes rows: the scenario's table,
// or the Department's codes.
func placeCodeRows(s *carecast.Scenario) [][]any {
	codes := s.PlaceCodes
	if len(codes) == 0 {
		codes = carecast.DefaultPlaceCodes()
	}
	rows := make([][]any, len(codes))
	for i, p := range codes {
		rows[i] = []any{p.Code, p.Category, p.Description}
	}
	return rows
}
