package workbook

import (
	"strings"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// role is what a cell is, in the FAST sense: its style says so.
type role int

const (
	roleText    role = iota // labels and notes
	roleTitle               // a sheet's title
	roleSection             // a block's heading
	roleHeading             // column headings
	roleInput               // an input: what the forecast read
	roleImport              // a figure carecast computed, written as a value
	roleCalc                // a formula
	roleCheck               // a check: zero, or TRUE, when all is well
	roleAxis                // the time axis
	roleWarn                // the master check on the Summary
	roleLink                // a link to another sheet
	roleLabel               // a line item's label: wraps rather than being cut
	roleMark                // a mark on a row that stands out (the recommended size): bold, shaded, wrapping
)

// numFmt is a cell's number format.
type numFmt int

const (
	fmtGeneral     numFmt = iota
	fmtMoney              // £, pence, negatives in brackets
	fmtRoomDays           // room-days, two places
	fmtRooms              // rooms (averages), two places
	fmtPrice              // £ per week, two places
	fmtRate               // a rate, as a percentage
	fmtShare              // a share, as a percentage to six places
	fmtFactor             // a discount factor
	fmtDate               // dd/mm/yyyy
	fmtInt                // a whole number
	fmtMultiple           // a risk factor's multiple: 0.90x
	fmtPoints             // points added to a rate, as a signed percentage
	fmtYesNo              // a switch: 1 shows Yes, 0 No
	fmtRateChange         // the difference of two rates, in points, two places: +6.38%
	fmtHigherLower        // a direction: 1 shows higher, -1 lower
)

// ratePercent is a rate's number format: a percentage to
// carecast.RatePlaces places, as the terminal shows it.
var ratePercent = "0." + strings.Repeat("0", carecast.RatePlaces) + "%"

var numFmtCodes = map[numFmt]string{
	fmtMoney:       `"£"#,##0.00;("£"#,##0.00);"-"`,
	fmtRoomDays:    `#,##0.00;(#,##0.00);"-"`,
	fmtRooms:       `#,##0.00;(#,##0.00);"-"`,
	fmtPrice:       `"£"#,##0.00;("£"#,##0.00);"-"`,
	fmtRate:        ratePercent,
	fmtShare:       `0.000000%`,
	fmtFactor:      `0.000000000`,
	fmtDate:        `dd/mm/yyyy`,
	fmtInt:         `0`,
	fmtMultiple:    `0.00####"x"`,
	fmtPoints:      `+0.00##%;-0.00##%;0.00%`,
	fmtYesNo:       `"Yes";"Yes";"No"`,
	fmtRateChange:  `+0.00%;-0.00%;0.00%`,
	fmtHigherLower: `"higher";"lower";"-"`,
}

// styles makes each (role, format) style once, in the order first asked
// for, so the same workbook gets the same style numbers.
type styles struct {
	f   *excelize.File
	ids map[[2]int]int
	// keys are the (role, format) of each style made; shadedIDs the
	// style of an actual month's cell made from each (see shaded).
	keys      map[int][2]int
	shadedIDs map[int]int
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, ids: map[[2]int]int{}, keys: map[int][2]int{}, shadedIDs: map[int]int{}}
}

// Colours, after the FAST Standard's conventions: inputs on pale yellow,
// imported figures on pale blue, checks on pale red.
const (
	colourInput  = "FFF2CC"
	colourImport = "DDEBF7"
	colourCheck  = "FCE4D6"
	colourAxis   = "EDEDED"
	colourActual = "D9D9D9" // an actual month's column
	colourInk    = "1F3864"
	colourInputF = "0000FF"
)

func (s *styles) id(r role, nf numFmt) int {
	key := [2]int{int(r), int(nf)}
	if id, ok := s.ids[key]; ok {
		return id
	}
	id, err := s.f.NewStyle(s.style(r, nf))
	if err != nil {
		panic(err) // the styles are fixed and valid
	}
	s.ids[key] = id
	s.keys[id] = key
	return id
}

// shaded is style id as it stands in an actual month's column of the
// Timeline and the Pooled fund: the same, on grey. A style not made by
// id is returned as it is.
func (s *styles) shaded(id int) int {
	if sh, ok := s.shadedIDs[id]; ok {
		return sh
	}
	key, ok := s.keys[id]
	if !ok {
		return id
	}
	st := s.style(role(key[0]), numFmt(key[1]))
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourActual}}
	sh, err := s.f.NewStyle(st)
	if err != nil {
		panic(err) // the styles are fixed and valid
	}
	s.shadedIDs[id] = sh
	return sh
}

// style is the style of role r and format nf.
func (s *styles) style(r role, nf numFmt) *excelize.Style {
	st := &excelize.Style{}
	if code, ok := numFmtCodes[nf]; ok {
		c := code
		st.CustomNumFmt = &c
	}
	fill := func(colour string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
	}
	thin := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	switch r {
	case roleTitle:
		st.Font = &excelize.Font{Bold: true, Size: 14, Color: colourInk}
	case roleSection:
		st.Font = &excelize.Font{Bold: true, Color: colourInk}
		st.Border = []excelize.Border{{Type: "bottom", Color: colourInk, Style: 1}}
	case roleHeading:
		st.Font = &excelize.Font{Bold: true}
		st.Border = []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
	case roleInput:
		st.Fill = fill(colourInput)
		st.Font = &excelize.Font{Color: colourInputF}
		st.Border = thin
	case roleImport:
		st.Fill = fill(colourImport)
	case roleCheck:
		st.Fill = fill(colourCheck)
	case roleAxis:
		st.Fill = fill(colourAxis)
		st.Font = &excelize.Font{Bold: true}
	case roleLink:
		st.Font = &excelize.Font{Color: "0563C1", Underline: "single"}
	case roleLabel:
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
	case roleMark:
		st.Fill = fill(colourAxis)
		st.Font = &excelize.Font{Bold: true, Family: "Calibri", Size: 11}
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
	case roleWarn:
		st.Font = &excelize.Font{Bold: true, Size: 12}
		st.Fill = fill(colourCheck)
		st.Border = thin
	}
	return st
}
