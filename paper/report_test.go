package paper

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
)

// The paper's tables of figures are the report layer's, cell for cell:
// the budget table and the savings table in £000 (reports.CashByYear and
// SavingsByYear, turned: a column a year), Appendix A's table by year and
// the positions (reports.CouncilByYear, PositionByYear, Positions), each
// council over the term (reports.ByCouncil), what trading is worth
// (reports.SharingTrade); and the sentences state the engine's figures:
// the worst year for cash (Result.Cash), the recurring saving in a full
// year (SavingsLessGrants) and the wider benefits' present value
// (WiderPresentValue, here summed from the benefits by another route).
func TestPaperTablesFromReports(t *testing.T) {
	for _, in := range []Inputs{builtIn(), demandExample()} {
		r := in.Result
		ps, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			c := -1
			for i, cr := range r.Councils {
				if cr.Council.Code == p.Code {
					c = i
				}
			}
			who := p.Code
			k := reports.Options{Money: reports.Thousands, Actual: true}
			cash := findTitled(t, p, reports.CashByYear(r, c, k).Title)
			sameTurned(t, who+" budget table", cash, reports.CashByYear(r, c, k))
			sameTurned(t, who+" savings table", findTitled(t, p, "Savings against business as usual"), reports.SavingsByYear(r, c, k))
			penny := reports.Options{Actual: true}
			same(t, who+" Table A1", findTable(t, p, "Table A1"), reports.CouncilByYear(r, c, penny).Select(0, 1, 2, 3, 4, 5, 6, 7))
			if c >= 0 {
				same(t, who+" Table A2", findTable(t, p, "Table A2"), reports.PositionByYear(r, c, penny))
			} else {
				same(t, who+" Table A2", findTable(t, p, "Table A2"), reports.Positions(r, penny))
			}
			each := reports.ByCouncil(r, penny).Select(0, 1, 4, 5, 6, 7, 8)
			each.Totals[0][0] = reports.Text(carecast.LabelConsortium)
			same(t, who+" each council", findTitled(t, p, "Each council over the term"), each)
			if len(r.Sharing) > 0 {
				same(t, who+" trading", findTitled(t, p, "Each council's savings with and without trading"), reports.SharingTrade(r, penny))
				// The sentence states the engine's worth of trading:
				// the savings with trading less those without, here
				// from the runs.
				worthOf := r.Sharing[1].Savings.Sub(r.Sharing[0].Savings)
				if c >= 0 {
					worthOf = r.Sharing[1].CouncilSavings[c].Sub(r.Sharing[0].CouncilSavings[c])
				}
				if !strings.Contains(sectionText(p, 5), "trading unused rooms is worth "+sentenceMoney(worthOf)) {
					t.Errorf("%s: the Options section does not say trading is worth %s:\n%s", who, sentenceMoney(worthOf), sectionText(p, 5))
				}
			}

			// The options in £m: the report's options table of the
			// subject's figures, read here from each option's result.
			var os []reports.OptionFigures
			for _, o := range append([]Option{{Name: carecast.BusinessAsUsual}, {Name: carecast.BaseCaseName, Result: r}}, in.Options...) {
				f := reports.OptionFigures{Name: o.Name, BAU: o.Result == nil, TakesPart: true, BAUCost: r.Total.SpotAvoided}
				if c >= 0 {
					f.BAUCost = r.Councils[c].Total.SpotAvoided
				}
				if o.Result != nil {
					f.TakesPart = c < 0
					f.BAUCost, f.Savings, f.NPV, f.NPVAfterOptimismBias, f.WiderPresentValue = o.Result.Total.SpotAvoided, o.Result.Total.Savings, o.Result.NPV, o.Result.NPVAfterOptimismBias, o.Result.WiderPresentValue
					for _, cr := range o.Result.Councils {
						if c >= 0 && cr.Council.Code == p.Code {
							f.TakesPart, f.BAUCost, f.Savings, f.NPV, f.WiderPresentValue = true, cr.Total.SpotAvoided, cr.Total.Savings, cr.NPV, cr.WiderPresentValue
						}
					}
				}
				if o.Name == carecast.BaseCaseName && strings.HasSuffix(findTitled(t, p, "Options: ").Rows[1][0], "(preferred)") {
					f.Name += " (preferred)"
				}
				os = append(os, f)
			}
			ob := findTitled(t, p, "Options: ")
			want := reports.OptionsCompared(ob.Title, os, reports.OptionColumns{AfterBias: c < 0, Wider: true}, reports.Options{Money: reports.Millions})
			if !strings.HasSuffix(ob.Title, ", £m") || strings.Join(ob.Header, "|") != strings.Join(want.Heads(), "|") {
				t.Errorf("%s options: %q %q", who, ob.Title, ob.Header)
			}
			for i, row := range want.Rows {
				if a, b := strings.Join(ob.Rows[i], "|"), strings.Join(row.Strings(reports.Reader), "|"); a != b {
					t.Errorf("%s options row %d:\n  paper  %s\n  report %s", who, i, a, b)
				}
			}

			if len(r.Wider) > 0 {
				same(t, who+" wider benefits", findTitled(t, p, "Wider benefits over the term"), reports.WiderOf(r, c, penny))
			}
			// The sizing table's sizes are the sweep's rows (reports.Sizing).
			if z := in.Sizing; z != nil {
				st := findTitled(t, p, "The scheme at other sizes of the block")
				sz := reports.Sizing(z, penny)
				cols := reports.SizingColumns(sz, carecast.LabelSavings, carecast.LabelNPV, carecast.LabelOccupancy, carecast.LabelVoidCost, carecast.LabelOverflow)
				for _, row := range st.Rows {
					rooms, _, _ := strings.Cut(row[0], ",")
					found := false
					for _, want := range sz.Rows {
						if want[0].Format(reports.Program) == rooms {
							found = true
							for k, j := range cols {
								if row[k+1] != want[j].Format(reports.Reader) {
									t.Errorf("%s sizes %s: %q, the sweep's %q", who, rooms, row[k+1], want[j].Format(reports.Reader))
								}
							}
						}
					}
					if !found {
						t.Errorf("%s: no size %s in the sweep", who, rooms)
					}
				}
			}

			summary := sectionText(p, 1)
			pos := r.Cash
			if c >= 0 {
				pos = r.Councils[c].Cash
			}
			if pos.Worst >= 0 {
				y := pos.Years[pos.Worst]
				want := fmt.Sprintf("in %s, %s worst year for cash", r.Years[pos.Worst].Label(), possessivePronoun(c >= 0))
				if !strings.Contains(summary, want) || !strings.Contains(summary, pounds(y.Net)+" out of pocket") {
					t.Errorf("%s: the Summary does not say %q and %s out of pocket:\n%s", who, want, pounds(y.Net), summary)
				}
			}
			if i := r.FullYear; i >= 0 {
				rec := r.Years[i].SavingsLessGrants()
				if c >= 0 {
					rec = r.Councils[c].Years[i].SavingsLessGrants()
				}
				if !r.Years[i].Grants.IsZero() && !strings.Contains(summary, "the recurring saving is about "+millions(rec)) {
					t.Errorf("%s: the Summary does not give the recurring saving %s:\n%s", who, millions(rec), summary)
				}
			}
		}
	}
	// The options table's wider benefits: the benefits' present values
	// added up here.
	in := builtIn()
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	var pv carecast.Money
	for _, w := range in.Result.Wider {
		pv = pv.Add(w.PresentValue)
	}
	var ot *Table
	for _, tb := range p.Tables() {
		if tb.Title == "Options: the consortium over the term" {
			ot = tb
		}
	}
	if ot == nil {
		t.Fatal("no options table to the penny")
	}
	found := false
	for _, row := range ot.Rows {
		if strings.HasPrefix(row[0], carecast.BaseCaseName) {
			found = true
			if got := row[len(row)-1]; got != pv.FormatAmount() {
				t.Errorf("the base case's wider benefits %s, the benefits add to %s", got, pv.FormatAmount())
			}
		}
	}
	if !found || pv.IsZero() {
		t.Errorf("no base case row, or no wider benefits (%s)", pv)
	}
}

// same checks that a paper's table shows the report's headings (with
// their unit), rows and totals as a reader reads them.
func same(t *testing.T, what string, got *Table, want *reports.Table) {
	t.Helper()
	for j, c := range want.Columns {
		h := c.Head
		if c.Unit == reports.UnitMoney {
			h += " (£)"
		}
		if j > 0 && got.Header[j] != h {
			t.Errorf("%s: heading %d %q, the report's %q", what, j, got.Header[j], h)
		}
	}
	check := func(kind string, g [][]string, w []reports.Row) {
		if len(g) != len(w) {
			t.Fatalf("%s: %d %s, the report has %d", what, len(g), kind, len(w))
		}
		for i := range w {
			if a, b := strings.Join(g[i], "|"), strings.Join(w[i].Strings(reports.Reader), "|"); a != b {
				t.Errorf("%s %s %d:\n  paper  %s\n  report %s", what, kind, i, a, b)
			}
		}
	}
	check("rows", got.Rows, want.Rows)
	check("totals", got.Totals, want.Totals)
}

// sameTurned checks a paper's table by year in £000, a column a year and
// the total last, against the report's rows, a row a year.
func sameTurned(t *testing.T, what string, got *Table, want *reports.Table) {
	t.Helper()
	all := want.AllRows()
	if len(got.Header) != len(all)+1 || got.Header[0] != "£000" {
		t.Fatalf("%s: headings %v", what, got.Header)
	}
	lines := append(append([][]string{}, got.Rows...), got.Totals...)
	if len(lines) != len(want.Columns)-1 {
		t.Fatalf("%s: %d lines, the report has %d columns", what, len(lines), len(want.Columns))
	}
	for i, row := range all {
		if got.Header[i+1] != row.Label() {
			t.Errorf("%s: column %d headed %q, the report's row %q", what, i+1, got.Header[i+1], row.Label())
		}
		for j, line := range lines {
			if line[0] != want.Columns[j+1].Head {
				t.Errorf("%s: line %q, the report's column %q", what, line[0], want.Columns[j+1].Head)
			}
			if w := row[j+1].Format(reports.Reader); line[i+1] != w {
				t.Errorf("%s %s %s: %q, the report's %q", what, row.Label(), line[0], line[i+1], w)
			}
		}
	}
}
