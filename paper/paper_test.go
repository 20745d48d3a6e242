package paper

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/golden"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// builtIn is the built-in scenario's forecast with a small appraisal,
// computed once.
var builtIn = sync.OnceValue(func() Inputs {
	s := inputs.BuiltInScenario()
	res, err := forecast.Run(s)
	if err != nil {
		panic(err)
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		panic(err)
	}
	sens, err := forecast.Sensitivity(s, res, risks)
	if err != nil {
		panic(err)
	}
	sim, err := forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 400, Seed: 7})
	if err != nil {
		panic(err)
	}
	in := Inputs{Result: res, Appraisal: &carecast.Appraisal{Sensitivity: sens, Simulation: sim},
		Provenance: Provenance{Version: "v0.0.0-test", Input: "the built-in scenario (no input file)", Prepared: carecast.NewDate(2025, 11, 29)}}
	cases := forecast.Cases(s, "", carecast.BaseCaseName)[1:]
	if err := forecast.RunCases(cases, 0); err != nil {
		panic(err)
	}
	for _, c := range cases {
		in.Options = append(in.Options, Option{Name: c.Option, Description: c.Description, Result: c.Result})
	}
	return in
})

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{millions(carecast.MustMoney("11330132.65")), "£11.33m"},
		{millions(carecast.MustMoney("-1234567")), "£(1.23)m"},
		{millions(carecast.MustMoney("1235000")), "£1.24m"}, // half away from zero
		{millions(carecast.MustMoney("4999")), "£0.00m"},
		{percent(decimal.RequireFromString("0.696612")), "69.66%"},
		{carecast.RunsPercent(285, 10000), "2.9%"},
		{carecast.RunsPercent(1, 10000), "0.01%"},
		{carecast.RunsPercent(9999, 10000), "99.99%"},
		{carecast.RunsPercent(0, 10000), "0%"},
		{plural(1, "run", "runs"), "1 run"},
		{plural(10000, "run", "runs"), "10,000 runs"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// Every series has a style of its own at any count: the ninth council is
// not drawn as the first.

// summaryJSON is the forecast's --json summary read back as plain JSON:
// the figures the paper's tables must agree with.
type summaryJSON struct {
	Totals struct {
		Pledges, VoidCost, OtherCosts, Grants, SpotAvoided, AttributedCost, Savings, BlockCost string
	}
	Councils []struct {
		Code                                                                 string
		Pledges, UsedBlock, SharedCost, AttributedCost, SpotAvoided, Savings string
		Settlement                                                           string
	}
}

func readSummary(t *testing.T, r *carecast.Result) summaryJSON {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	// Map the JSON keys onto the struct's fields.
	var raw struct {
		Totals   map[string]any   `json:"totals"`
		Councils []map[string]any `json:"councils"`
	}
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var s summaryJSON
	tt := map[string]string{}
	for k, v := range raw.Totals {
		tt[k], _ = v.(string)
	}
	s.Totals.Pledges, s.Totals.VoidCost, s.Totals.OtherCosts, s.Totals.Grants = tt["pledges"], tt["void_cost"], tt["other_costs"], tt["grants"]
	s.Totals.SpotAvoided, s.Totals.AttributedCost, s.Totals.Savings, s.Totals.BlockCost = tt["spot_avoided"], tt["attributed_cost"], tt["savings"], tt["block_cost"]
	for _, c := range raw.Councils {
		str := func(k string) string { v, _ := c[k].(string); return v }
		s.Councils = append(s.Councils, struct {
			Code                                                                 string
			Pledges, UsedBlock, SharedCost, AttributedCost, SpotAvoided, Savings string
			Settlement                                                           string
		}{str("code"), str("pledges"), str("used_block"), str("shared_cost"), str("attributed_cost"), str("spot_avoided"), str("savings"), str("settlement")})
	}
	return s
}

// cell reads a table amount back: "(1,234.50)" is -1234.50.
func cell(t *testing.T, s string) carecast.Money {
	t.Helper()
	neg := strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")
	s = strings.Trim(strings.ReplaceAll(s, ",", ""), "()")
	m, err := carecast.ParseMoney(s)
	if err != nil {
		t.Fatalf("cell %q: %v", s, err)
	}
	if neg {
		return m.Neg()
	}
	return m
}

// findExact is the paper's table with exactly this title.
func findExact(t *testing.T, p *Paper, title string) *Table {
	t.Helper()
	for _, tb := range p.Tables() {
		if tb.Title == title {
			return tb
		}
	}
	t.Fatalf("%s: no table titled %q", p.Code, title)
	return nil
}

func findTable(t *testing.T, p *Paper, id string) *Table {
	t.Helper()
	for _, tb := range p.Tables() {
		if tb.ID == id {
			return tb
		}
	}
	t.Fatalf("%s: no %s", p.Code, id)
	return nil
}

// Each council's Table A totals are its --json figures; its share of the
// empty rooms and of running costs less grants add up to its shared cost;
// every row adds across (attributed = used + shares; savings = spot -
// attributed; cumulative is the running sum), the rows add down to the
// total, and the councils' columns add up to the consortium's Table A.
func TestTableATotalsEqualJSON(t *testing.T) {
	in := builtIn()
	sum := readSummary(t, in.Result)
	papers, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(papers) != len(in.Result.Councils)+1 {
		t.Fatalf("%d papers for %d councils", len(papers), len(in.Result.Councils))
	}
	cons := findTable(t, papers[len(papers)-1], "Table A1")
	colSums := make([][]carecast.Money, len(cons.Rows)+1)
	for i := range colSums {
		colSums[i] = make([]carecast.Money, 8)
	}
	for ci, p := range papers[:len(papers)-1] {
		js := sum.Councils[ci]
		if p.Code != js.Code {
			t.Fatalf("paper %d is %s, summary council %s", ci, p.Code, js.Code)
		}
		ta := findTable(t, p, "Table A1")
		if len(ta.Totals) != 1 {
			t.Fatalf("%s: Table A has %d total rows", p.Code, len(ta.Totals))
		}
		tot := ta.Totals[0]
		for _, c := range []struct {
			col  int
			want string
		}{{1, js.Pledges}, {2, js.UsedBlock}, {5, js.AttributedCost}, {6, js.SpotAvoided}, {7, js.Savings}} {
			if got := cell(t, tot[c.col]).String(); got != c.want {
				t.Errorf("%s Table A total %q = %s, --json says %s", p.Code, ta.Header[c.col], got, c.want)
			}
		}
		if got := cell(t, tot[3]).Add(cell(t, tot[4])).String(); got != js.SharedCost {
			t.Errorf("%s: share of empty rooms + share of running costs less grants = %s, --json shared_cost %s", p.Code, got, js.SharedCost)
		}
		down := make([]carecast.Money, 8)
		for ri, row := range append(append([][]string{}, ta.Rows...), tot) {
			v := make([]carecast.Money, 8)
			for k := 1; k < 8; k++ {
				v[k] = cell(t, row[k])
				colSums[ri][k] = colSums[ri][k].Add(v[k])
			}
			if !v[2].Add(v[3]).Add(v[4]).Equal(v[5]) || !v[6].Sub(v[5]).Equal(v[7]) {
				t.Errorf("%s %s: the row does not add across: %v", p.Code, row[0], row)
			}
			if ri < len(ta.Rows) {
				for k := 1; k < 8; k++ {
					down[k] = down[k].Add(v[k])
				}
			} else {
				for k := 1; k < 8; k++ {
					if !down[k].Equal(v[k]) {
						t.Errorf("%s: column %q adds to %s, total row says %s", p.Code, ta.Header[k], down[k], v[k])
					}
				}
			}
		}
	}
	// The councils add up to the consortium, cell by cell.
	for ri, row := range append(append([][]string{}, cons.Rows...), cons.Totals[0]) {
		for k := 1; k < 8; k++ {
			if got := cell(t, row[k]); !got.Equal(colSums[ri][k]) {
				t.Errorf("consortium %s %q = %s, councils add to %s", row[0], cons.Header[k], got, colSums[ri][k])
			}
		}
	}
	tot := cons.Totals[0]
	if got := cell(t, tot[3]).String(); got != sum.Totals.VoidCost {
		t.Errorf("consortium void cost %s, --json %s", got, sum.Totals.VoidCost)
	}
	if got := cell(t, tot[7]).String(); got != sum.Totals.Savings {
		t.Errorf("consortium savings %s, --json %s", got, sum.Totals.Savings)
	}
}

// Table B: a council's position at each year's end is its opening
// position plus what it has paid in less the cost attributed to it, and
// the settlement is its --json settlement.
func TestTableBPositions(t *testing.T) {
	in := builtIn()
	sum := readSummary(t, in.Result)
	for ci, c := range in.Result.Councils {
		p, err := BuildOne(in, strings.ToLower(c.Council.Code))
		if err != nil {
			t.Fatal(err)
		}
		tb := findTable(t, p, "Table A2")
		pos := cell(t, tb.Rows[0][4])
		for _, row := range tb.Rows[1:] {
			pos = pos.Add(cell(t, row[1])).Sub(cell(t, row[2]))
			if got := cell(t, row[4]); !got.Equal(pos) {
				t.Errorf("%s %s: position %s, opening plus pledges less attributed cost %s", c.Council.Code, row[0], got, pos)
			}
		}
		if got := cell(t, tb.Totals[1][4]).String(); got != sum.Councils[ci].Settlement {
			t.Errorf("%s: settlement %s, --json %s", c.Council.Code, got, sum.Councils[ci].Settlement)
		}
	}
}

// The council's break-even occupancy, put back into the forecast as the
// occupancy rate, leaves it saving nothing (to within a pound: the
// forecast rounds each month to the penny).
func TestBreakEvenByForecast(t *testing.T) {
	in := builtIn()
	for _, ci := range []int{0, 3, 7} {
		occ, ok := in.Result.Councils[ci].BreakEvenOccupancy, in.Result.Councils[ci].BreakEvenDefined
		if !ok {
			t.Fatalf("council %d: no break-even", ci)
		}
		s := inputs.BuiltInScenario()
		if len(s.Occupancy) > 0 {
			t.Skip("the built-in scenario has Occupancy rows; this test scales the occupancy rate")
		}
		s.Assumptions.OccupancyRate = occ
		res, err := forecast.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Councils[ci].Total.Savings
		if got.Decimal().Abs().GreaterThan(decimal.NewFromInt(1)) {
			t.Errorf("council %d at its break-even occupancy %s saves %s, not nil", ci, percent(occ), got)
		}
		// and a point of occupancy either side saves and loses
		for _, d := range []string{"-0.01", "0.01"} {
			s.Assumptions.OccupancyRate = occ.Add(decimal.RequireFromString(d))
			res, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			if sg := res.Councils[ci].Total.Savings.Sign(); (d[0] == '-') != (sg < 0) {
				t.Errorf("council %d at %s: savings %s", ci, percent(s.Assumptions.OccupancyRate), res.Councils[ci].Total.Savings)
			}
		}
	}
}

func TestUnknownCouncil(t *testing.T) {
	_, err := BuildOne(builtIn(), "XYZ")
	if err == nil || !strings.Contains(err.Error(), `no council "XYZ"`) || !strings.Contains(err.Error(), "HAV") {
		t.Fatalf("err = %v", err)
	}
}

func TestFileName(t *testing.T) {
	for code, want := range map[string]string{"HAV": "paper-HAV.pdf", "../x": "paper----x.pdf", "a b/c": "paper-a-b-c.pdf"} {
		if got := (&Paper{Code: code}).FileName(".pdf"); got != want {
			t.Errorf("FileName(%q) = %q, want %q", code, got, want)
		}
	}
}

// fakeBrowser draws every SVG as a small grey PNG: enough for the Word
// file's structure, without Chromium.
type fakeBrowser struct{}

func (fakeBrowser) RasterizeSVGs(ctx context.Context, svgs []string, scale float64) ([][]byte, error) {
	out := make([][]byte, len(svgs))
	for i := range svgs {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 80, 50))); err != nil {
			return nil, err
		}
		out[i] = b.Bytes()
	}
	return out, nil
}

func docxOf(t *testing.T, in Inputs, code string) []byte {
	t.Helper()
	p, err := BuildOne(in, code)
	if err != nil {
		t.Fatal(err)
	}
	if err := Rasterize(context.Background(), fakeBrowser{}, p); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.WriteDocx(&b, in.Provenance); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The Word document's structure, dumped from its XML: headings with their
// list numbers, paragraphs, tables with their repeating header rows, and
// images with their alternative text.
func TestDocxGolden(t *testing.T) {
	in := builtIn()
	for _, code := range []string{"HAV", Consortium} {
		t.Run(code, func(t *testing.T) {
			got := dumpDocx(t, docxOf(t, in, code))
			golden.Check(t, filepath.Join("testdata", "paper-"+code+".docx.txt"), []byte(got))
		})
	}
	// examples/demand: the Options section with the sizing result and bed
	// trading.
	t.Run("demand-HAV", func(t *testing.T) {
		got := dumpDocx(t, docxOf(t, demandExample(), "HAV"))
		golden.Check(t, filepath.Join("testdata", "paper-demand-HAV.docx.txt"), []byte(got))
	})
}

// Same inputs, same bytes; and no placeholder where a number belongs.
func TestDocxDeterministic(t *testing.T) {
	in := builtIn()
	a, b := docxOf(t, in, "RED"), docxOf(t, in, "RED")
	if !bytes.Equal(a, b) {
		t.Fatal("two Word documents from the same inputs differ")
	}
	text := dumpDocx(t, a)
	for _, bad := range []string{"%!", "<nil>", "NaN", "{{", "TODO", "XXX"} {
		if strings.Contains(text, bad) {
			t.Errorf("the document holds %q", bad)
		}
	}
	if !strings.Contains(text, "created 2025-11-29") {
		t.Errorf("the document's created date is not the prepared date:\n%s", text[:200])
	}
}

func TestStampPDFDates(t *testing.T) {
	in := []byte("<<\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261129043629+00'00')\n/ModDate (D:20261129043629+01'00')>>\n")
	got := stampPDFDates(in, carecast.NewDate(2025, 3, 9))
	want := "<<\n/Producer (Skia/PDF m156)\n/CreationDate (D:20250309120000+00'00')\n/ModDate (D:20250309120000+00'00')>>\n"
	if string(got) != want || len(got) != len(in) {
		t.Errorf("got %q", got)
	}
}

// Every figure names its chart (charts.html's definition, drawn by
// ECharts) and carries its title, a caption that states the finding, the
// basis line, alternative text with the caption, and its data table; the
// chart names are the charts package's.
func TestFiguresCarryTitleCaptionBasis(t *testing.T) {
	for _, code := range []string{"WAL", Consortium} {
		p, err := BuildOne(builtIn(), code)
		if err != nil {
			t.Fatal(err)
		}
		figs := p.Figures()
		if len(figs) != 4 {
			t.Fatalf("%d figures, want 4", len(figs))
		}
		for _, f := range figs {
			if f.Title == "" || f.Caption == "" || f.Basis != "Cash terms, £. Illustrative scenario. Prepared 29 November 2025 by carecast." {
				t.Errorf("%s: title %q, caption %q, basis %q", f.ID, f.Title, f.Caption, f.Basis)
			}
			if !strings.Contains(f.Alt, f.Caption) || f.Data == nil || len(f.Data.Rows) == 0 {
				t.Errorf("%s: alt text %q or data table missing", f.ID, f.Alt)
			}
			wantCouncil := -1
			if code == "WAL" && (f.Chart == ChartCumulative || f.Chart == ChartCostSpot) {
				wantCouncil = 7
			}
			if f.Council != wantCouncil {
				t.Errorf("%s %s: council %d, want %d", code, f.Chart, f.Council, wantCouncil)
			}
		}
	}
	for ours, theirs := range map[string]string{ChartCumulative: charts.PrintCumulative, ChartAnnual: charts.PrintAnnual, ChartCostSpot: charts.PrintCostSpot,
		ChartTornado: charts.PrintTornado, ChartFan: charts.PrintFan, ChartSizing: charts.PrintSizing} {
		if ours != theirs {
			t.Errorf("the paper's chart %q is the charts package's %q", ours, theirs)
		}
	}
}

func TestRenumberPDFNodes(t *testing.T) {
	in := "/ID (node00000055)>> /Headers [(node00000054) (node00000055)] /ID (node00000054)"
	want := "/ID (node00000001)>> /Headers [(node00000002) (node00000001)] /ID (node00000002)"
	if got := string(renumberPDFNodes([]byte(in))); got != want {
		t.Errorf("got %q", got)
	}
}
