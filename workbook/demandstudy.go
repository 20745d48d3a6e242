package workbook

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// The demand study's workbook (demand.xlsx, 'carecast demand 903 --out';
// docs/methodology.md §17), meant for a paper: each council's children at
// once in the chosen placement types by financial year (Demand) and month
// (Demand by month), history and projection; the counts the rates were
// set from (Rates); the PLACE codes; and the provenance (About). A number
// of children below carecast.SmallCount is written "fewer than 5", never
// as a number, and so is any rate worked out from such a count.

// DemandStudyFileName is the file name of the demand study's workbook.
const DemandStudyFileName = "demand.xlsx"

const (
	sheetDemandYears  = "Demand"
	sheetDemandMonths = "Demand by month"
	sheetDemandRates  = "Rates"
	sheetDemandCodes  = "PLACE codes"
)

// demandSheet writes one sheet of rows, each cell a value and its
// style, keeping the first error.
type demandSheet struct {
	f     *excelize.File
	st    *styles
	name  string
	row   int
	width int
	err   error
}

func (d *demandSheet) cell(col int, v any, style int) {
	if d.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(col, d.row)
	if d.err = d.f.SetCellValue(d.name, ref, v); d.err == nil && style != 0 {
		d.err = d.f.SetCellStyle(d.name, ref, ref, style)
	}
	d.width = max(d.width, col)
}

// children writes a number of children: itself, or "fewer than 5".
func (d *demandSheet) children(col int, x float64, ok bool) {
	switch {
	case !ok:
		d.cell(col, "-", d.st.id(roleText, fmtGeneral))
	case carecast.Suppressed(x):
		d.cell(col, carecast.FewerThanSmall, d.st.id(roleImport, fmtGeneral))
	default:
		d.cell(col, carecast.Round6(x), d.st.id(roleImport, fmtRooms))
	}
}

// count writes a count of children or events: itself, or "fewer than 5".
func (d *demandSheet) count(col int, n int) {
	if carecast.Suppressed(float64(n)) {
		d.cell(col, carecast.FewerThanSmall, d.st.id(roleImport, fmtGeneral))
		return
	}
	d.cell(col, n, d.st.id(roleImport, fmtInt))
}

func (d *demandSheet) heads(heads ...string) {
	for i, h := range heads {
		d.cell(i+1, h, d.st.id(roleHeading, fmtGeneral))
	}
	if d.err == nil {
		d.err = d.f.SetRowHeight(d.name, d.row, 45)
	}
	d.row++
}

func (d *demandSheet) text(col int, s string, r role) { d.cell(col, s, d.st.id(r, fmtGeneral)) }

// finish sets the sheet's columns, frozen headings and print names.
func (d *demandSheet) finish(widths []float64, headRow int, scenario string, prov carecast.Provenance) error {
	if d.err != nil {
		return d.err
	}
	for i, w := range widths {
		c := colLetter(i + 1)
		if err := d.f.SetColWidth(d.name, c, c, w); err != nil {
			return err
		}
	}
	plan := printPlan{fitWide: true}
	if headRow > 0 {
		plan.titleRow = [2]int{headRow, headRow}
		if err := d.f.SetPanes(d.name, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + itoa(headRow+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if err := setupPage(d.f, d.name, plan, carecast.Printable(scenario), prov); err != nil {
		return err
	}
	return setPrintNames(d.f, d.name, plan, max(d.width, len(widths)), d.row-1)
}

// RenderDemandStudy writes the demand study's workbook to w; scenario is
// the name of the scenario whose horizon it covers, or "".
func RenderDemandStudy(w io.Writer, s *carecast.DemandStudy, scenario string, prov carecast.Provenance) error {
	if s == nil || len(s.Councils) == 0 {
		return fmt.Errorf("workbook: no demand to write")
	}
	title := strings.TrimSpace(scenario)
	if title == "" {
		title = "Demand from the SSDA903 returns"
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetDemandYears); err != nil {
		return err
	}
	for _, name := range []string{sheetDemandMonths, sheetDemandRates, sheetDemandCodes, sheetAbout} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	sb := &studyBook{f: f, st: newStyles(f), s: s, title: title, prov: prov, places: strings.Join(s.Places, ", "),
		small: fmt.Sprintf("Fewer than %d children (or events) are written \"%s\", never as a number.", carecast.SmallCount, carecast.FewerThanSmall)}
	for _, sheet := range []func() error{sb.years, sb.months, sb.rates, sb.codes, sb.about} {
		if err := sheet(); err != nil {
			return err
		}
	}
	if !prov.Prepared.IsZero() {
		if err := f.SetDocProps(docPropsFor("Demand: "+title, "Joint commissioning of children's residential care: demand from the SSDA903 returns", prov, prov.Prepared)); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	f.SetZipWriter(newSortedZip(w, "", nil))
	_, err := f.WriteToBuffer()
	return err
}

// studyBook is the demand study's workbook as it is written, a method a
// sheet.
type studyBook struct {
	f      *excelize.File
	st     *styles
	s      *carecast.DemandStudy
	title  string
	prov   carecast.Provenance
	places string // the PLACE codes counted, "K2, R5"
	small  string // the note on small numbers
}

// sheet starts writing a sheet at its first row.
func (sb *studyBook) sheet(name string) *demandSheet {
	return &demandSheet{f: sb.f, st: sb.st, name: name, row: 1}
}

// intro writes a sheet's title and lines of text, each wrapped across
// the width of the table under it (widths, in characters).
func (sb *studyBook) intro(d *demandSheet, widths []float64, heading string, lines ...string) {
	d.text(1, heading, roleTitle)
	d.row++
	span := 0.0
	for _, w := range widths {
		span += w
	}
	last := colLetter(len(widths))
	for _, l := range append([]string{"Scenario: " + sb.title}, lines...) {
		d.text(1, l, roleLabel)
		if d.err == nil {
			d.err = d.f.MergeCell(d.name, "A"+itoa(d.row), last+itoa(d.row))
		}
		if d.err == nil { // characters a line: the span, less a tenth to spare
			n := (len([]rune(l)) + int(span*0.9) - 1) / int(span*0.9)
			d.err = d.f.SetRowHeight(d.name, d.row, float64(max(n, 1))*defaultRowPt)
		}
		d.row++
	}
	d.row++
}

// years writes the Demand sheet: by council and financial year.
func (sb *studyBook) years() error {
	s, places := sb.s, sb.places
	widths := []float64{24, 12, 13, 13, 13, 13, 14, 14, 13, 13}
	d := sb.sheet(sheetDemandYears)
	sb.intro(d, widths, "Children at once in "+places+" placements, by council and financial year",
		fmt.Sprintf("The average number of each council's children at once in %s placements: from its SSDA903 returns, then projected to %s (the expected number, and the P10 and P90 of %d runs). Each financial year is the average of its months (docs/methodology.md §17).", places, s.End.Long(), s.Runs),
		"Stays begun and ended count the children who came into, and left, these placements in the year (from care or another placement, or out of care).", sb.small)
	headRow := d.row
	d.heads(carecast.LabelCouncil, carecast.LabelFinancialYear, "From the returns", "Projected, expected", "P10", "P90", "Outside the council's area", "Over 20 miles from home", "Stays begun", "Stays ended")
	for i := range s.Councils {
		writeDemandYears(d, &s.Councils[i])
	}
	writeConsortiumYears(d, s)
	return d.finish(widths, headRow, sb.title, sb.prov)
}

// months writes the Demand by month sheet: the returns' months, then
// the projection's.
func (sb *studyBook) months() error {
	st := sb.st
	widths := []float64{24, 12, 8, 13, 13, 13, 13, 14, 14}
	d := sb.sheet(sheetDemandMonths)
	sb.intro(d, widths, "Children at once in "+sb.places+" placements, by council and month", "Each month's average of its days (the days the returns cover, in a month they cover in part).", sb.small)
	headRow := d.row
	d.heads(carecast.LabelCouncil, carecast.LabelMonth, "Days", "From the returns", "Projected, expected", "P10", "P90", "Outside the council's area", "Over 20 miles from home")
	month := "mmm yyyy"
	monthStyle, err := sb.f.NewStyle(&excelize.Style{CustomNumFmt: &month, Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	dash := func(cols ...int) {
		for _, c := range cols {
			d.cell(c, "-", st.id(roleText, fmtGeneral))
		}
	}
	for _, c := range sb.s.Councils {
		for _, h := range c.History {
			d.text(1, c.Name, roleText)
			d.cell(2, h.Month.Time(), monthStyle)
			d.cell(3, h.Days, st.id(roleText, fmtInt))
			d.children(4, h.Children, true)
			dash(5, 6, 7)
			d.children(8, h.OutOfArea, h.LocationUnknown == 0)
			d.children(9, h.Over20Miles, h.DistanceUnknown == 0)
			d.row++
		}
		for _, p := range c.Projection {
			d.text(1, c.Name, roleText)
			d.cell(2, p.Month.Time(), monthStyle)
			dash(3, 4)
			d.children(5, p.Expected, true)
			d.children(6, p.P10, true)
			d.children(7, p.P90, true)
			dash(8, 9)
			d.row++
		}
	}
	return d.finish(widths, headRow, sb.title, sb.prov)
}

// rates writes the Rates sheet: the counts of the reference period.
func (sb *studyBook) rates() error {
	s, st := sb.s, sb.st
	widths := []float64{24, 24, 12, 13, 13, 13, 13, 13, 13, 13, 13}
	d := sb.sheet(sheetDemandRates)
	sb.intro(d, widths, "What the projection's rates were set from",
		"For each council, over its reference period, by age band: the days its children spent in "+sb.places+" placements, the children who came into care straight into them, who moved into them from another placement, who moved out of them to another, and who left care from them. A rate is the count over the days: entries a year over the period's days, the others a year per child in the placements.",
		sb.small)
	headRow := d.row
	d.heads(carecast.LabelCouncil, "Reference period", "Age band", "Child-days", "Entered care into them", "Moved in", "Moved out", "Left care", "Entries a year", "Moves out a child-year", "Leaving a child-year")
	rate := func(col, n, days int) {
		switch {
		case days == 0:
			d.cell(col, "-", st.id(roleText, fmtGeneral))
		case carecast.Suppressed(float64(n)):
			d.cell(col, carecast.FewerThanSmall, st.id(roleImport, fmtGeneral))
		default:
			d.cell(col, carecast.Round6(float64(n)*365.25/float64(days)), st.id(roleImport, fmtRooms))
		}
	}
	for _, c := range s.Councils {
		f := c.Flows
		for a, band := range s.Bands {
			d.text(1, c.Name, roleText)
			d.text(2, c.ReferenceFrom.UK()+" to "+c.ReferenceTo.UK(), roleText)
			d.text(3, band, roleText)
			movedIn, movedOut := 0, 0
			for t := range s.States {
				if t != 0 {
					movedIn += f.Moves[a][t][0]
					movedOut += f.Moves[a][0][t]
				}
			}
			d.count(4, f.ChildDays[a][0])
			d.count(5, f.Entries[a][0])
			d.count(6, movedIn)
			d.count(7, movedOut)
			d.count(8, f.Exits[a][0])
			rate(9, f.Entries[a][0], f.Days)
			rate(10, movedOut, f.ChildDays[a][0])
			rate(11, f.Exits[a][0], f.ChildDays[a][0])
			d.row++
		}
	}
	return d.finish(widths, headRow, sb.title, sb.prov)
}

// codes writes the PLACE codes sheet.
func (sb *studyBook) codes() error {
	widths := []float64{8, 40, 10, 80}
	d := sb.sheet(sheetDemandCodes)
	sb.intro(d, widths, "SSDA903 PLACE codes and their categories", "Counted: the placements whose children the study counts; the others are grouped by category for the moves between placements.")
	headRow := d.row
	d.heads("PLACE", "Category", "Counted", "Description")
	counted := map[string]bool{}
	for _, p := range sb.s.Places {
		counted[p] = true
	}
	for _, p := range sb.s.PlaceCodes {
		d.text(1, p.Code, roleText)
		d.text(2, carecast.PlaceCategoryLabel(p.Category), roleText)
		yes := ""
		if counted[p.Code] {
			yes = "yes"
		}
		d.text(3, yes, roleText)
		d.text(4, carecast.Printable(p.Description), roleLabel)
		d.row++
	}
	return d.finish(widths, headRow, sb.title, sb.prov)
}

// about writes the About sheet: the provenance and what the workbook is.
func (sb *studyBook) about() error {
	s := sb.s
	d := sb.sheet(sheetAbout)
	d.text(1, "About this workbook", roleTitle)
	d.row++
	for _, l := range provenanceLines(sb.title, sb.prov) {
		d.text(1, l[0], roleText)
		d.text(2, l[1], roleText)
		d.row++
	}
	d.row++
	for _, l := range [][2]string{
		{"What it is", "carecast demand 903: each council's children at once in " + sb.places + " placements, from its SSDA903 returns and projected."},
		{"Method", "docs/methodology.md §17 in carecast's repository: how the returns' years are combined (as the published demand model of Data to Insight and Social Finance combines them), the daily stock, the rates by age band and the projection."},
		{"Horizon", s.Start.Long() + " to " + s.End.Long()},
		{"Simulation", fmt.Sprintf("%d runs, seed %d: the same returns and seed give the same figures.", s.Runs, s.Seed)},
		{"Demand risks set", demandRiskWords(s)},
		{"Personal data", "The returns are personal data. This workbook holds aggregates only, and no number of children below " + fmt.Sprint(carecast.SmallCount) + "."},
	} {
		d.text(1, l[0], roleText)
		d.text(2, l[1], roleLabel)
		d.row++
	}
	return d.finish([]float64{40, 120}, 0, sb.title, sb.prov)
}

func demandRiskWords(s *carecast.DemandStudy) string {
	if s.Spread.Months == 0 {
		return "none: the horizon holds no month projected"
	}
	return fmt.Sprintf("demand normal %s / %s / %s, demand_council normal %s / %s / %s (low and high the 5th and 95th percentiles), from the spread of the horizon's average demand over the runs",
		s.Demand.Low, s.Demand.Mode, s.Demand.High, s.DemandCouncil.Low, s.DemandCouncil.Mode, s.DemandCouncil.High)
}

// yearAcc adds up a financial year's months.
type yearAcc struct {
	fy                           carecast.FinancialYear
	n, np, no, nf                int
	hist, exp, p10, p90, out, fa float64
	starts, ends                 int
}

func writeYears(d *demandSheet, name string, years []*yearAcc) {
	for _, y := range years {
		d.text(1, name, roleText)
		d.text(2, y.fy.String(), roleText)
		avg := func(col int, sum float64, n int) { d.children(col, sum/float64(max(n, 1)), n > 0) }
		avg(3, y.hist, y.n)
		avg(4, y.exp, y.np)
		avg(5, y.p10, y.np)
		avg(6, y.p90, y.np)
		avg(7, y.out, y.no)
		avg(8, y.fa, y.nf)
		if y.n > 0 {
			d.count(9, y.starts)
			d.count(10, y.ends)
		} else {
			d.cell(9, "-", d.st.id(roleText, fmtGeneral))
			d.cell(10, "-", d.st.id(roleText, fmtGeneral))
		}
		d.row++
	}
}

func writeDemandYears(d *demandSheet, c *carecast.CouncilDemand) {
	var years []*yearAcc
	at := func(m carecast.Date) *yearAcc {
		fy := m.FinancialYear()
		if n := len(years); n == 0 || years[n-1].fy != fy {
			years = append(years, &yearAcc{fy: fy})
		}
		return years[len(years)-1]
	}
	for _, h := range c.History {
		y := at(h.Month)
		y.n++
		y.hist += h.Children
		y.starts += h.Starts
		y.ends += h.Ends
		if h.LocationUnknown == 0 {
			y.no++
			y.out += h.OutOfArea
		}
		if h.DistanceUnknown == 0 {
			y.nf++
			y.fa += h.Over20Miles
		}
	}
	for _, p := range c.Projection {
		y := at(p.Month)
		y.np++
		y.exp += p.Expected
		y.p10 += p.P10
		y.p90 += p.P90
	}
	writeYears(d, c.Name, years)
}

// writeConsortiumYears writes the councils added together, by financial
// year of the horizon and the history before it.
func writeConsortiumYears(d *demandSheet, s *carecast.DemandStudy) {
	var years []*yearAcc
	for _, m := range s.Consortium {
		fy := m.Month.FinancialYear()
		if n := len(years); n == 0 || years[n-1].fy != fy {
			years = append(years, &yearAcc{fy: fy})
		}
		y := years[len(years)-1]
		if m.Projected {
			y.np++
			y.exp += m.Value
			y.p10 += m.P10
			y.p90 += m.P90
		} else {
			y.n++
			y.hist += m.Value
		}
	}
	for _, y := range years {
		d.text(1, carecast.LabelAllCouncils, roleMark)
		d.text(2, y.fy.String(), roleMark)
		avg := func(col int, sum float64, n int) { d.children(col, sum/float64(max(n, 1)), n > 0) }
		avg(3, y.hist, y.n)
		avg(4, y.exp, y.np)
		avg(5, y.p10, y.np)
		avg(6, y.p90, y.np)
		d.row++
	}
}
