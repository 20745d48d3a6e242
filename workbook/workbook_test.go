package workbook

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/golden"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// --- scenarios ------------------------------------------------------------------

// handWorkedScenario is small enough to work out on paper: one council,
// one year from 1 April 2021 (365 days), one block room at £700 a week
// (£100 a day) always occupied, whose spot price is £1,400 a week (£200 a
// day), pledging £40,000 a year.
func handWorkedScenario() *carecast.Scenario {
	a := carecast.DefaultAssumptions()
	a.Scenario = "Hand-worked: one council, one room, one year"
	a.StartDate = carecast.Date{Year: 2021, Month: time.April, Day: 1}
	a.Years = 1
	a.BlockWeeklyPrice = decimal.NewFromInt(700)
	return &carecast.Scenario{
		Assumptions: a,
		Councils:    []carecast.Council{{Code: "SOLO", Name: "Soloshire"}},
		Pledges:     []carecast.Pledge{{Council: 0, From: a.StartDate, To: a.End(), AnnualAmount: carecast.Pounds(40000)}},
		Rooms:       []carecast.RoomsRow{{From: a.StartDate, Rooms: 1}},
		Occupancy:   []carecast.OccupancyRow{{Council: 0, From: a.StartDate, RoomsOccupied: decimal.NewFromInt(1)}},
		SpotCosts:   []carecast.SpotCost{{Council: 0, From: a.StartDate, WeeklyCost: decimal.NewFromInt(1400)}},
	}
}

// joinersScenario has councils joining and leaving, grants, overlapping
// running costs, an opening balance and a horizon that starts mid
// financial year (1 October 2020, two years: 2020/21 and 2022/23 are half
// years). ALD is there throughout; CRN leaves after September 2021 (its
// pledge ends and it occupies nothing from October); BRT joins in April
// 2021. The rooms rise mid-month, and CRN's spot price was quoted on 29
// February. Without settlement the councils also carry explicit share
// weights (2, 1, 1), which override pledge-based shares.
func joinersScenario(settle bool) *carecast.Scenario {
	d := func(y int, m time.Month, day int) carecast.Date { return carecast.Date{Year: y, Month: m, Day: day} }
	dec := decimal.RequireFromString
	a := carecast.DefaultAssumptions()
	a.Scenario = "Joiners and leavers"
	a.StartDate = d(2020, time.October, 1)
	a.Years = 2
	a.BlockWeeklyPrice = dec("2900")
	a.BlockUplift = dec("0.025")
	a.OpeningFund = carecast.MustMoney("100000.01")
	a.SettleAtEnd = settle
	end := a.End()
	councils := []carecast.Council{
		{Code: "ALD", Name: "Aldwick"}, {Code: "BRT", Name: "Bretton"}, {Code: "CRN", Name: "Cranmore"},
	}
	if !settle {
		for i, w := range []int64{2, 1, 1} {
			councils[i].Share, councils[i].HasShare = decimal.NewFromInt(w), true
		}
	}
	return &carecast.Scenario{
		Assumptions: a,
		Councils:    councils,
		Pledges: []carecast.Pledge{
			{Council: 0, From: a.StartDate, To: end, AnnualAmount: carecast.Pounds(500000)},
			{Council: 1, From: d(2021, time.April, 1), To: end, AnnualAmount: carecast.MustMoney("300000.50")},
			{Council: 2, From: a.StartDate, To: d(2021, time.September, 30), AnnualAmount: carecast.Pounds(250000)},
		},
		Rooms: []carecast.RoomsRow{{From: a.StartDate, Rooms: 4}, {From: d(2021, time.April, 15), Rooms: 6}},
		Occupancy: []carecast.OccupancyRow{
			{Council: 0, From: a.StartDate, RoomsOccupied: dec("2.5")},
			{Council: 2, From: a.StartDate, RoomsOccupied: dec("1")},
			{Council: 2, From: d(2021, time.October, 1), RoomsOccupied: dec("0")},
			{Council: 1, From: d(2021, time.April, 15), RoomsOccupied: dec("2")},
		},
		SpotCosts: []carecast.SpotCost{
			{Council: 0, From: d(2020, time.June, 1), WeeklyCost: dec("3800"), AnnualInflation: dec("0.05")},
			{Council: 1, From: d(2021, time.April, 1), WeeklyCost: dec("4100"), AnnualInflation: dec("0.04")},
			{Council: 2, From: d(2020, time.February, 29), WeeklyCost: dec("3600"), AnnualInflation: dec("0.06")},
		},
		Grants: []carecast.Grant{
			{Date: d(2020, time.November, 20), Amount: carecast.Pounds(150000), Description: `DfE grant <year 1> & "partners"  `},
			{Date: d(2022, time.January, 10), Amount: carecast.MustMoney("75000.55"), Description: "Innovation fund"},
		},
		Costs: []carecast.Cost{
			{Description: "Commissioning team", From: a.StartDate, To: end, AnnualAmount: carecast.Pounds(60000)},
			{Description: "Evaluation", From: d(2021, time.June, 1), To: d(2021, time.November, 30), AnnualAmount: carecast.Pounds(12000)},
		},
	}
}

type wbCase struct {
	name string
	s    func() *carecast.Scenario
	// keep limits the golden dump of a big workbook; nil keeps every cell.
	keep func(sheet string, c *xcell) bool
	// ap, when not nil, gives the appraisal under uncertainty to write.
	ap func(testing.TB) *carecast.Appraisal
}

// keepSome keeps the Summary, Checks, Inputs and Charts whole, the
// timeline sheets' labels, totals and years with their first two and last
// months, and the ledger's first 40 postings.
func keepSome(sheet string, c *xcell) bool {
	switch sheet {
	case sheetTimeline, sheetFund:
		// Columns A..N are labels, E and the years of an 8-year horizon;
		// P, Q are the first months; DG the last.
		return c.col <= 17 || c.ref[:2] == "DG"
	case sheetLedger:
		return c.row <= ledgerHeaderRow+40
	}
	return true
}

var wbCases = []wbCase{
	{"handworked", handWorkedScenario, nil, nil},
	{"joiners", func() *carecast.Scenario { return joinersScenario(true) }, nil, nil},
	{"joiners-shares-nosettle", func() *carecast.Scenario { return joinersScenario(false) }, nil, nil},
	{"builtin", inputs.BuiltInScenario, keepSome, nil},
	{"builtin-appraisal", inputs.BuiltInScenario, keepAppraisal, builtinAppraisal},
	{"demand", demandScenario, keepSome, nil},
}

// buildWorkbook forecasts s and writes its workbook into dir.
func buildWorkbook(t testing.TB, s *carecast.Scenario, dir string) (*carecast.Result, string, []byte) {
	t.Helper()
	return buildWorkbookAp(t, s, nil, dir)
}

// buildCase writes the workbook of a case, with its appraisal if any.
func buildCase(t testing.TB, tc wbCase, dir string) (*carecast.Result, string, []byte) {
	t.Helper()
	var ap *carecast.Appraisal
	if tc.ap != nil {
		ap = tc.ap(t)
	}
	return buildWorkbookAp(t, tc.s(), ap, dir)
}

// buildWorkbookAp forecasts s and writes its workbook, with the appraisal
// ap, into dir.
func buildWorkbookAp(t testing.TB, s *carecast.Scenario, ap *carecast.Appraisal, dir string) (*carecast.Result, string, []byte) {
	t.Helper()
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	if err := Write(path, nil, Contents{Result: res, Postings: ledger.Build(res).Postings, Appraisal: ap, Provenance: testProvenance}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return res, path, data
}

// testProvenance is the provenance the tests' workbooks record.
var testProvenance = carecast.Provenance{
	Version:  "carecast v1.2.3, revision 0123456789abcdef",
	Input:    "inputs.xlsx",
	Digests:  []carecast.Digest{{Name: "inputs.xlsx", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}},
	Prepared: carecast.Date{Year: 2026, Month: 11, Day: 29},
}

func readBook(t testing.TB, data []byte) *xbook {
	t.Helper()
	b, err := readXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// --- golden dumps -------------------------------------------------------------------

func TestWorkbookGolden(t *testing.T) {
	for _, tc := range wbCases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, data := buildCase(t, tc, t.TempDir())
			got := readBook(t, data).dump(tc.keep)
			golden.Check(t, filepath.Join("testdata", "workbook", tc.name+".txt"), []byte(got))
		})
	}
}

// --- figures worked out by hand ---------------------------------------------------

// summaryValue finds a headline figure on the Summary by its label.
func summaryValue(t *testing.T, b *xbook, label string) *xcell {
	t.Helper()
	s := b.sheet(sheetSummary)
	for _, c := range s.cells {
		if c.col == 1 && c.v == label {
			if v := s.cell("C" + strconv.Itoa(c.row)); v != nil {
				return v
			}
		}
	}
	t.Fatalf("Summary has no figure %q", label)
	return nil
}

func num(t *testing.T, c *xcell) float64 {
	t.Helper()
	x, ok := c.num()
	if !ok {
		t.Fatalf("%s: %s:%q is not a number", c.ref, c.t, c.v)
	}
	return x
}

func TestWorkbookHandWorked(t *testing.T) {
	_, _, data := buildWorkbook(t, handWorkedScenario(), t.TempDir())
	b := readBook(t, data)
	// 365 days at £100 a day of block room, £200 a day of spot placement.
	for _, tc := range []struct {
		label string
		want  float64
	}{
		{"Pledges", 40000},
		{"Grants", 0},
		{"Running costs", 0},
		{"Block cost", 36500},
		{"Void cost (empty rooms)", 0},
		{"Spot purchasing avoided", 73000},
		{"Attributed cost", 36500},
		{"Savings", 36500},
		{"NPV", 36500}, // model year 0: undiscounted
		{"Closing fund balance", 3500},
		{"Fund after settlement", 0},
		{"Capacity (room-days)", 365},
		{"Occupied (room-days)", 365},
		{"Occupancy", 1},
		// Costs over avoided, 36,500/73,000, times the occupancy rate 1.
		{"Break-even occupancy", 0.5},
	} {
		t.Run(tc.label, func(t *testing.T) {
			if got := num(t, summaryValue(t, b, tc.label)); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// April 2021: 30 days. The pool takes the first instalment,
	// round(40,000/12) = £3,333.33, and pays 30 x £100 for the room.
	fund := b.sheet(sheetFund)
	tl := b.sheet(sheetTimeline)
	// Columns: A-D labels and constant, E whole horizon, F spacer, G the
	// one financial year, H spacer, I April.
	april := "I"
	rowOf := func(s *xsheet, label string) int {
		for _, c := range s.cells {
			if c.col == 1 && c.v == label {
				return c.row
			}
		}
		t.Fatalf("%s has no row %q", s.name, label)
		return 0
	}
	for _, tc := range []struct {
		s     *xsheet
		label string
		want  float64
	}{
		{fund, "Pledges, consortium", 3333.33},
		{fund, "Less: block cost", 3000},
		{fund, "Closing fund balance", 333.33},
		{tl, "Capacity (room-days)", 30},
		{tl, "Savings, consortium", 3000},
		{tl, "Spot purchasing avoided, consortium", 6000},
	} {
		c := tc.s.cell(april + strconv.Itoa(rowOf(tc.s, tc.label)))
		if c == nil {
			t.Fatalf("%s: no April figure for %q", tc.s.name, tc.label)
		}
		if got := num(t, c); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s April %q: got %v, want %v", tc.s.name, tc.label, got, tc.want)
		}
	}
	// The settlement pays the £3,500 left back to the council.
	if c := fund.cell("E" + strconv.Itoa(rowOf(fund, "Settlement"))); c == nil || num(t, c) != 3500 {
		t.Errorf("settlement: got %v, want 3500", c)
	}
}

func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// --- the Summary against the JSON summary -------------------------------------------

func TestWorkbookSummaryMatchesJSON(t *testing.T) {
	for _, tc := range wbCases {
		t.Run(tc.name, func(t *testing.T) {
			res, _, data := buildCase(t, tc, t.TempDir())
			var buf bytes.Buffer
			if err := reports.WriteJSON(&buf, res); err != nil {
				t.Fatal(err)
			}
			var js map[string]any
			if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
				t.Fatal(err)
			}
			checkSummaryAgainstJSON(t, readBook(t, data), js)
		})
	}
}

// sameFigure compares a cell with a JSON figure: money to the penny (a
// JSON string with two decimals), other numbers to 1e-6 (JSON rates have
// six places).
func sameFigure(t *testing.T, where string, c *xcell, want any) {
	t.Helper()
	if c == nil {
		t.Errorf("%s: no cell", where)
		return
	}
	switch w := want.(type) {
	case string: // money
		got, ok := c.num()
		if !ok {
			t.Errorf("%s: %s:%q is not a number", where, c.t, c.v)
			return
		}
		if g := decimal.NewFromFloat(got).Round(2).StringFixed(2); g != w {
			t.Errorf("%s: got %s (cell %s), want %s", where, g, c.v, w)
		}
	case float64:
		got, ok := c.num()
		if !ok || math.Abs(got-w) > 1e-6*math.Max(1, math.Abs(w)) {
			t.Errorf("%s: got %s:%q, want %v", where, c.t, c.v, w)
		}
	case nil:
		if c.t != "str" || c.v != "not defined" {
			t.Errorf("%s: got %s:%q, want \"not defined\"", where, c.t, c.v)
		}
	default:
		t.Fatalf("%s: unexpected JSON %T", where, want)
	}
}

func checkSummaryAgainstJSON(t *testing.T, b *xbook, js map[string]any) {
	s := b.sheet(sheetSummary)
	totals := js["totals"].(map[string]any)
	for label, key := range map[string]string{
		"Pledges": "pledges", "Grants": "grants", "Running costs": "other_costs",
		"Block cost": "block_cost", "Void cost (empty rooms)": "void_cost",
		"Spot purchasing avoided": "spot_avoided", "Attributed cost": "attributed_cost",
		"Savings": "savings", "NPV": "npv", "Closing fund balance": "closing_fund_balance",
		"Capacity (room-days)": "capacity_room_days", "Occupied (room-days)": "occupied_room_days",
		"Occupancy": "occupancy_rate", "Break-even occupancy": "break_even_occupancy",
	} {
		sameFigure(t, "headline "+label, summaryValue(t, b, label), jsonFigure(totals[key]))
	}

	// The table by financial year: figures down, years across.
	top := rowAfter(t, s, "By financial year", 1) + 1
	heads := map[string]string{}
	for _, c := range s.cells {
		if c.row == top && c.col >= 4 {
			heads[c.v] = colName(c.col)
		}
	}
	yearRows := map[string]string{
		"pledges": "Pledges", "grants": "Grants", "other_costs": "Running costs", "block_cost": "Block cost",
		"void_cost": "Void cost (empty rooms)", "spot_avoided": "Spot purchasing avoided", "attributed_cost": "Attributed cost",
		"savings": "Savings", "closing_fund_balance": "Closing fund balance",
		"capacity_room_days": "Capacity (room-days)", "occupied_room_days": "Occupied (room-days)", "occupancy_rate": "Occupancy",
	}
	fys := js["financial_years"].([]any)
	if len(heads) != len(fys) {
		t.Errorf("financial years: the Summary has %d, the JSON %d", len(heads), len(fys))
	}
	for _, fy := range fys {
		y := fy.(map[string]any)
		col, ok := heads[y["fy"].(string)]
		if !ok {
			t.Errorf("no column for %s", y["fy"])
			continue
		}
		for key, label := range yearRows {
			r := rowAfter(t, s, label, top)
			sameFigure(t, y["fy"].(string)+" "+key, s.cell(col+strconv.Itoa(r)), jsonFigure(y[key]))
		}
	}

	// The table by council, and savings by council and year.
	ctop := rowAfter(t, s, "By council, whole horizon", 1) + 1
	ytop := rowAfter(t, s, "Savings by council and financial year (£)", 1) + 1
	yheads := map[string]string{}
	for _, c := range s.cells {
		if c.row == ytop && c.col >= 4 {
			yheads[c.v] = colName(c.col)
		}
	}
	councilCols := map[string]string{
		"pledges": "C", "used_block": "D", "shared_cost": "E", "attributed_cost": "F", "spot_avoided": "G",
		"savings": "H", "npv": "I", "settlement": "J", "occupied_room_days": "K",
	}
	for i, cj := range js["councils"].([]any) {
		c := cj.(map[string]any)
		r := strconv.Itoa(ctop + 1 + i)
		if got := s.cell("A" + r); got == nil || got.v != c["code"] {
			t.Fatalf("council %d: row %s is %v, want %v", i, r, got, c["code"])
		}
		for key, col := range councilCols {
			sameFigure(t, c["code"].(string)+" "+key, s.cell(col+r), jsonFigure(c[key]))
		}
		yr := strconv.Itoa(ytop + 1 + i)
		sameFigure(t, c["code"].(string)+" savings", s.cell("C"+yr), jsonFigure(c["savings"]))
		for _, fy := range c["financial_years"].([]any) {
			y := fy.(map[string]any)
			sameFigure(t, c["code"].(string)+" "+y["fy"].(string)+" savings", s.cell(yheads[y["fy"].(string)]+yr), jsonFigure(y["savings"]))
		}
	}
	// The council-year figures the Summary does not show are on the
	// timeline sheets, in the financial-year columns.
	checkCouncilYears(t, b, js)

	// The master check holds, on the Checks sheet and the Summary.
	if m := b.sheet(sheetChecks).cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.t != "b" || m.v != "1" {
		t.Errorf("master check: got %v, want TRUE", m)
	}
	if m := s.cell("B3"); m == nil || m.v != "OK: every check holds" {
		t.Errorf("Summary master check: got %v", m)
	}
}

func jsonFigure(v any) any {
	if n, ok := v.(float64); ok {
		return n
	}
	return v
}

// rowAfter is the row of the first cell in column A at or after row from
// that reads label.
func rowAfter(t *testing.T, s *xsheet, label string, from int) int {
	t.Helper()
	for _, c := range s.cells {
		if c.col == 1 && c.row >= from && c.v == label {
			return c.row
		}
	}
	t.Fatalf("%s: no row %q after row %d", s.name, label, from)
	return 0
}

func checkCouncilYears(t *testing.T, b *xbook, js map[string]any) {
	rows := map[[3]string]int{} // sheet, label, council -> row
	for _, name := range []string{sheetTimeline, sheetFund} {
		s := b.sheet(name)
		for _, c := range s.cells {
			if c.col == 2 && c.row >= rowFirstData {
				if a := s.cell("A" + strconv.Itoa(c.row)); a != nil {
					rows[[3]string{name, a.v, c.v}] = c.row
				}
			}
		}
	}
	fyCol := map[string]string{}
	for _, c := range b.sheet(sheetTimeline).cells {
		if c.row == rowFY && c.col >= 7 {
			if _, seen := fyCol[c.v]; !seen {
				fyCol[c.v] = colName(c.col) // the first column with the label is the year's
			}
		}
	}
	where := map[string][2]string{
		"pledges":         {sheetFund, "Pledges"},
		"attributed_cost": {sheetTimeline, "Attributed cost"},
		"spot_avoided":    {sheetTimeline, "Spot purchasing avoided"},
		"savings":         {sheetTimeline, "Savings"},
	}
	for _, cj := range js["councils"].([]any) {
		c := cj.(map[string]any)
		for _, fy := range c["financial_years"].([]any) {
			y := fy.(map[string]any)
			for key, w := range where {
				r, ok := rows[[3]string{w[0], w[1], c["code"].(string)}]
				if !ok {
					t.Fatalf("%s has no row %q for %s", w[0], w[1], c["code"])
				}
				sameFigure(t, c["code"].(string)+" "+y["fy"].(string)+" "+key,
					b.sheet(w[0]).cell(fyCol[y["fy"].(string)]+strconv.Itoa(r)), jsonFigure(y[key]))
			}
		}
	}
}

// --- the FAST rules, mechanically ---------------------------------------------------

var (
	refRE    = regexp.MustCompile(`(\$?)([A-Z]{1,3})(\$?)([0-9]+)`)
	stringRE = regexp.MustCompile(`"[^"]*"`)
	sheetRE  = regexp.MustCompile(`'[^']*'!|[A-Za-z]+!`)
	numberRE = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)
)

// r1c1 rewrites a formula in cell (col, row) with relative references as
// offsets, so formulas that do the same thing read the same.
func r1c1(f string, col, row int) string {
	return refRE.ReplaceAllStringFunc(f, func(ref string) string {
		m := refRE.FindStringSubmatch(ref)
		c, r := splitRef(m[2] + m[4])
		var sb strings.Builder
		if m[3] == "$" {
			sb.WriteString("R" + strconv.Itoa(r))
		} else {
			sb.WriteString("R[" + strconv.Itoa(r-row) + "]")
		}
		if m[1] == "$" {
			sb.WriteString("C" + strconv.Itoa(c))
		} else {
			sb.WriteString("C[" + strconv.Itoa(c-col) + "]")
		}
		return sb.String()
	})
}

func TestWorkbookFormulaRules(t *testing.T) {
	for _, tc := range wbCases {
		t.Run(tc.name, func(t *testing.T) {
			res, _, data := buildCase(t, tc, t.TempDir())
			b := readBook(t, data)
			nY := len(res.Years)
			fy0, m0 := 7, 7+nY+1
			formulas := 0
			for _, s := range b.sheets {
				// On a timeline sheet, each row has one formula over its
				// months and one over its years.
				type key struct {
					row   int
					group string
				}
				seen := map[key]string{}
				for _, c := range s.cells {
					if !c.hasF {
						continue
					}
					formulas++
					bare := stringRE.ReplaceAllString(c.f, `""`)
					bare = sheetRE.ReplaceAllString(bare, "")
					bare = refRE.ReplaceAllString(bare, "")
					for _, n := range numberRE.FindAllString(bare, -1) {
						if n != "12" && n != "100" {
							t.Errorf("%s!%s: constant %s in =%s", s.name, c.ref, n, c.f)
						}
					}
					if ifs := regexp.MustCompile(`(^|[^A-Z])IF\(`).FindAllString(c.f, -1); len(ifs) > 1 {
						t.Errorf("%s!%s: nested IFs in =%s", s.name, c.ref, c.f)
					}
					if len(c.f) > 130 {
						t.Errorf("%s!%s: a long formula (%d characters): =%s", s.name, c.ref, len(c.f), c.f)
					}
					if s.name != sheetTimeline && s.name != sheetFund || c.row < rowFirstData {
						continue
					}
					var group string
					switch {
					case c.col >= m0:
						group = "months"
					case c.col >= fy0:
						group = "years"
					default:
						continue
					}
					k := key{c.row, group}
					rc := r1c1(c.f, c.col, c.row)
					if prev, ok := seen[k]; ok && prev != rc {
						t.Errorf("%s!%s: =%s is not the row's formula (%s)", s.name, c.ref, c.f, prev)
					}
					seen[k] = rc
				}
			}
			if formulas == 0 {
				t.Fatal("no formulas")
			}
		})
	}
}

// --- numbers, determinism, atomic writes ----------------------------------------------

func TestWorkbookNumbersAreNumbers(t *testing.T) {
	_, _, data := buildWorkbook(t, joinersScenario(true), t.TempDir())
	_, _, withAppraisal := buildWorkbookAp(t, handWorkedScenario(), handAppraisal(), t.TempDir())
	b, ap := readBook(t, data), readBook(t, withAppraisal)
	for _, s := range append(b.sheets, ap.sheet(sheetSensitivity), ap.sheet(sheetRisk), ap.sheet(sheetSummary)) {
		for _, c := range s.cells {
			if c.t == "inlineStr" || c.t == "s" || c.t == "str" {
				if _, err := strconv.ParseFloat(strings.TrimSpace(c.v), 64); err == nil {
					t.Errorf("%s!%s: the number %q is stored as text", s.name, c.ref, c.v)
				}
			}
			if c.t == "e" {
				t.Errorf("%s!%s: error %q", s.name, c.ref, c.v)
			}
		}
	}
}

func TestWorkbookDeterministic(t *testing.T) {
	for _, tc := range wbCases[1:] {
		t.Run(tc.name, func(t *testing.T) {
			_, _, first := buildCase(t, tc, t.TempDir())
			_, _, second := buildCase(t, tc, t.TempDir())
			if !bytes.Equal(first, second) {
				t.Fatalf("two runs differ: %d and %d bytes", len(first), len(second))
			}
			core := string(readBook(t, first).files["docProps/core.xml"])
			prepared := "2026-11-29T00:00:00Z" // testProvenance.Prepared
			for _, tag := range []string{"dcterms:created", "dcterms:modified"} {
				if !strings.Contains(core, ">"+prepared+"</"+tag+">") {
					t.Errorf("%s is not the prepared date %s: %s", tag, prepared, core)
				}
			}
			for _, want := range []string{testProvenance.Version, testProvenance.Digests[0].SHA256} {
				if !strings.Contains(core, want) {
					t.Errorf("the document properties lack %q: %s", want, core)
				}
			}
			wb := string(readBook(t, first).files["xl/workbook.xml"])
			if !regexp.MustCompile(`fullCalcOnLoad="(1|true)"`).MatchString(wb) {
				t.Errorf("the workbook does not ask to be recalculated on open: %s", wb)
			}
		})
	}
}

func TestWorkbookRefusesInput(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "inputs.xlsx")
	if err := os.WriteFile(input, []byte("the user's input"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(handWorkedScenario())
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(input, []string{input}, Contents{Result: res}); err == nil {
		t.Fatal("wrote over the input")
	}
	got, _ := os.ReadFile(input)
	if string(got) != "the user's input" {
		t.Fatalf("the input changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left files behind: %v", entries)
	}
}

func TestWorkbookEmptyLedger(t *testing.T) {
	// Without postings the workbook still opens: no Ledger table and no
	// ledger checks.
	res, err := forecast.Run(handWorkedScenario())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	if err := Write(path, nil, Contents{Result: res}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	b := readBook(t, data)
	if m := b.sheet(sheetChecks).cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "1" {
		t.Errorf("master check: got %v, want TRUE", m)
	}
}

func TestDecFloatIsInexactFloat64(t *testing.T) {
	cases := []string{"0", "1", "-1", "0.1", "0.3", "2850", "3562.5", "41.85", "0.1234567891", "-0.0000000001",
		"999999999999999", "99999999999999.9", "1e-22", "123456789012345e-22", "1234567890123456", "1e30", "-7.77e5"}
	for k := 0; k < 2000; k++ {
		// Pseudo-random coefficients and exponents, deterministic.
		c := int64(k*7919*104729) % 1_000_000_000_000_000
		cases = append(cases, decimal.New(c-int64(k%3)*c, -int32(k%24)).String())
	}
	for _, s := range cases {
		d := decimal.RequireFromString(s)
		if got, want := decFloat(d), d.InexactFloat64(); got != want {
			t.Errorf("decFloat(%s) = %v, want %v", s, got, want)
		}
	}
}

// Excel wants a sheet's <col> elements in ascending order, not overlapping.
func TestWorkbookColumnsInOrder(t *testing.T) {
	_, _, data := buildWorkbook(t, joinersScenario(true), t.TempDir())
	b := readBook(t, data)
	colRE := regexp.MustCompile(`<col min="([0-9]+)" max="([0-9]+)"`)
	sheets := 0
	for name, body := range b.files {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		last := 0
		for _, m := range colRE.FindAllStringSubmatch(string(body), -1) {
			lo, _ := strconv.Atoi(m[1])
			hi, _ := strconv.Atoi(m[2])
			if lo <= last || hi < lo {
				t.Errorf("%s: <col min=%d max=%d> after column %d", name, lo, hi, last)
			}
			last = hi
		}
	}
	if sheets != 9 {
		t.Errorf("%d sheets, want 9", sheets)
	}
}
