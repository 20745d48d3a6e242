package paper

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// Issue 21's findings, one test each, on the papers' content (the form,
// as printed, is in tools_test.go).

// k reads a £000 cell: "1,306", "(403)", "" as 0.
func k(t *testing.T, s string) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "(")
	v, err := strconv.ParseInt(strings.Trim(strings.ReplaceAll(s, ",", ""), "()"), 10, 64)
	if err != nil {
		t.Fatalf("cell %q: %v", s, err)
	}
	if neg {
		return -v
	}
	return v
}

// ownK is an amount rounded to £000 on its own, half away from zero.
func ownK(m carecast.Money) int64 {
	return m.Decimal().Shift(-3).Round(0).IntPart()
}

func bodyBlocks(p *Paper) []Block {
	for i, bl := range p.Blocks {
		if h, ok := bl.(Heading); ok && strings.HasPrefix(h.Text, "Appendix A:") {
			return p.Blocks[:i]
		}
	}
	return p.Blocks
}

func bodyTables(p *Paper) []*Table {
	var ts []*Table
	for _, bl := range bodyBlocks(p) {
		if t, ok := bl.(*Table); ok {
			ts = append(ts, t)
		}
	}
	return ts
}

// The cash position: Havering pays in £650,000 in 2019/20 and avoids
// £247,050 of spot purchasing, £402,950 out of pocket (worked by hand from
// the forecast's figures for the year), and the Summary says so; the
// settlement is named; the £000 table adds up across and down, its net
// effect over the term is the savings rounded once, and no cell is more
// than 1 from its own rounding. In the demand example Havering must pay
// £800,091.74 at settlement: the Summary says it pays £800,092.
func TestCashPosition(t *testing.T) {
	in := builtIn()
	r := in.Result
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	y := r.Councils[0].Years[0]
	if y.Pledges.String() != "650000.00" || y.SpotAvoided.String() != "247050.00" {
		t.Fatalf("Havering 2019/20: pledges %s, spot avoided %s", y.Pledges, y.SpotAvoided)
	}
	summary := sectionText(p, 1)
	for _, want := range []string{
		"in 2019/20, its worst year for cash, it pays £650,000 and avoids £247,050 of spot purchasing, £402,950 out of pocket",
		"the pooled fund pays it back £350,701",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the Summary does not say %q:\n%s", want, summary)
		}
	}
	ct := findTitled(t, p, "Havering: effect on the council's budget by financial year")
	if !strings.HasPrefix(ct.ID, "Table ") || strings.HasPrefix(ct.ID, "Table A") {
		t.Errorf("the cash table is %s, not in the body", ct.ID)
	}
	rows := append(append([][]string{}, ct.Rows...), ct.Totals...)
	line := map[string][]string{}
	for _, row := range rows {
		line[row[0]] = row[1:]
	}
	pl, sp, st, net, cum := line["Pledges paid into the pooled fund"], line["Spot purchasing avoided"], line["Settlement at the end"], line["Net effect in the year"], line["Net effect to date"]
	n := len(r.Years)
	if len(pl) != n+1 || ct.Header[n+1] != "Total" {
		t.Fatalf("the cash table's columns %v", ct.Header)
	}
	var c int64
	for i := range n {
		if got := k(t, pl[i]) + k(t, sp[i]) + k(t, st[i]); got != k(t, net[i]) {
			t.Errorf("%s: the lines add to %d, net effect %d", r.Years[i].FY, got, k(t, net[i]))
		}
		c += k(t, net[i])
		if k(t, cum[i]) != c {
			t.Errorf("%s: to date %d, running sum %d", r.Years[i].FY, k(t, cum[i]), c)
		}
		cy := r.Councils[0].Years[i]
		for _, e := range []struct {
			cell string
			m    carecast.Money
		}{{pl[i], cy.Pledges.Neg()}, {sp[i], cy.SpotAvoided}} {
			if d := k(t, e.cell) - ownK(e.m); d < -1 || d > 1 {
				t.Errorf("%s: cell %s, %s rounded on its own %d", r.Years[i].FY, e.cell, e.m, ownK(e.m))
			}
		}
	}
	for _, l := range [][]string{pl, sp, st, net} {
		var sum int64
		for _, v := range l[:n] {
			sum += k(t, v)
		}
		if sum != k(t, l[n]) {
			t.Errorf("a line adds to %d, its total says %s", sum, l[n])
		}
	}
	if got, want := k(t, net[n]), ownK(r.Councils[0].Total.Savings); got != want {
		t.Errorf("net effect over the term %d, savings rounded %d", got, want)
	}
	if got := k(t, st[n-1]); got != 351 {
		t.Errorf("settlement %d in the last year, want 351 (£350,700.56)", got)
	}

	d, err := BuildOne(demandExample(), "HAV")
	if err != nil {
		t.Fatal(err)
	}
	if set := demandExample().Result.Councils[0].Settlement; set.String() != "-800091.74" {
		t.Fatalf("the demand example's settlement for Havering is %s", set)
	}
	if s := sectionText(d, 1); !strings.Contains(s, "it must pay the pooled fund £800,092") {
		t.Errorf("the demand example's Summary does not say Havering pays £800,092 at settlement:\n%s", s)
	}
}

// The headline beside the paper's own risk analysis: the central forecast
// with the Monte Carlo median and mean, the gap explained, a prudent
// figure (the median by default, P10 when the Paper table says so).
func TestCentralBesideMonteCarlo(t *testing.T) {
	in := builtIn()
	sim := in.Appraisal.Simulation
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	summary := sectionText(p, 1)
	for _, want := range []string{
		millions(in.Result.Total.Savings) + " against business as usual in the central forecast",
		"the median is " + millions(sim.Savings.P50) + " and the mean " + millions(sim.Savings.Mean),
		millions(in.Result.Total.Savings.Sub(sim.Savings.P50)) + " below the central forecast, because the risks lean to lower savings (occupancy",
		"For budgeting this report takes " + millions(sim.Savings.P50) + ", P50, the median of the runs",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the Summary does not say %q:\n%s", want, summary)
		}
	}
	st := findTitled(t, p, "Savings over the term: the central forecast and the spread of the runs")
	want := []string{"The consortium", fmtM(in.Result.Total.Savings), fmtM(sim.Savings.P10), fmtM(sim.Savings.P50), fmtM(sim.Savings.Mean), fmtM(sim.Savings.P90), carecast.RunsPercent(sim.Losses, sim.Runs)}
	if !slices.Equal(st.Rows[len(st.Rows)-1], want) {
		t.Errorf("spread row %v, want %v", st.Rows[len(st.Rows)-1], want)
	}
	// P10 when the Paper table asks for it.
	s := *in.Result.Scenario
	s.Paper = append(append([]carecast.PaperRow{}, s.Paper...), carecast.PaperRow{Council: carecast.PaperEvery, Field: carecast.PaperPrudentFigure, Value: "P10"})
	res := *in.Result
	res.Scenario = &s
	in2 := in
	in2.Result = &res
	p10, err := BuildOne(in2, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	want10 := "For budgeting this report takes " + millions(sim.Councils[0].Savings.P10) + ", P10, the savings exceeded in 9 runs out of 10"
	if !strings.Contains(sectionText(p10, 1), want10) {
		t.Errorf("with prudent_figure P10 the Summary does not say %q:\n%s", want10, sectionText(p10, 1))
	}
}

// The assumptions are stated, and switching values are in the
// assumption's own unit: the spot price's switching multiple times the
// councils' average first spot price (£3,562.50), to the nearest £10:
// 3,562.50 x 0.7740 = 2,757.38, "about £2,760 a week".
func TestAssumptionsAndSwitchingValues(t *testing.T) {
	in := builtIn()
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	at := findTitled(t, p, "The assumptions of the forecast")
	text := fmt.Sprint(at.Rows)
	for _, want := range []string{"£2,850.00 a room a week from 1 April 2019, rising 2.00% a year", "£3,500.00 to £3,700.00 a week, each council its own (Havering: £3,500.00), rising 5.00% a year",
		"90.00% of the rooms available", "none given: the forecast carries no contract-management or commissioning cost", "12 rooms from 1 April 2019, 24 from 1 April 2020 and 35 from 1 April 2021",
		"£782,750, one-off", "3.50% a year real", "41.00% on the scheme's costs"} {
		if !strings.Contains(text, want) {
			t.Errorf("the assumptions table does not say %q:\n%s", want, text)
		}
	}
	var sw decimal.Decimal
	for _, f := range in.Appraisal.Sensitivity.Factors {
		if f.Factor == carecast.FactorSpotPrice {
			sw = f.Switching.Value
		}
	}
	price := decimal.RequireFromString("3562.50").Mul(sw).Div(decimal.NewFromInt(10)).Round(0).Mul(decimal.NewFromInt(10))
	want := "about £" + carecast.GroupThousands(price.String()) + " a week"
	if want != "about £2,760 a week" {
		t.Fatalf("the spot price's switching value is %s a multiple: %s", sw, want)
	}
	sv := findTitled(t, p, "Switching values")
	if sv.Rows[0][0] != "Spot price" || sv.Rows[0][3] != want {
		t.Errorf("switching row %v, want %q", sv.Rows[0], want)
	}
	if !strings.Contains(sectionText(p, 1), "The scheme saves money while spot placements cost more than about £2,760 a week") {
		t.Errorf("the Summary does not give the switching spot price:\n%s", sectionText(p, 1))
	}
	for _, tb := range p.Tables() {
		for _, row := range tb.Rows {
			for _, c := range row {
				if regexp.MustCompile(`^x\d`).MatchString(c) {
					t.Errorf("%s holds a bare multiple %q", tb.ID, c)
				}
			}
		}
	}
}

// The full-year saving quoted leaves out the time-limited grant: the
// consortium saves £1,300,710.97 in 2021/22, of which £260,916.00 is the
// DfE grant: about £1.04m recurring. Havering's share of that grant is an
// eighth (equal pledges): £32,614.50, so £148,441.50 less it, £115,827.00,
// about £0.12m.
func TestRecurringSavingWithoutGrants(t *testing.T) {
	in := builtIn()
	y := in.Result.Years[2]
	if y.FY.String() != "2021/22" || y.Savings.String() != "1300710.97" || y.Grants.String() != "260916.00" {
		t.Fatalf("2021/22: savings %s, grants %s", y.Savings, y.Grants)
	}
	cons, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	if want := "saves £1.30m in a full year, but £0.26m of it is the councils' share of a one-off grant: the recurring saving is about £1.04m a year"; !strings.Contains(sectionText(cons, 1), want) {
		t.Errorf("the consortium's Summary does not say %q:\n%s", want, sectionText(cons, 1))
	}
	hav, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Havering saves £0.15m in a full year, but £0.03m of it is its share of a one-off grant: the recurring saving is about £0.12m a year"; !strings.Contains(sectionText(hav, 1), want) {
		t.Errorf("Havering's Summary does not say %q:\n%s", want, sectionText(hav, 1))
	}
	gt := findTitled(t, hav, "Savings against business as usual: one-off grants apart")
	g := gt.Rows[1]
	if g[0] != "of which one-off grants" || k(t, g[len(g)-1]) != 98 { // £97,843.75
		t.Errorf("grants line %v, want a total of 98", g)
	}
	sav, rec := gt.Rows[0], gt.Totals[0]
	for i := 1; i < len(sav); i++ {
		if k(t, sav[i])-k(t, g[i]) != k(t, rec[i]) {
			t.Errorf("column %s: %s - %s != %s", gt.Header[i], sav[i], g[i], rec[i])
		}
	}
}

// The structure of an English cabinet report, in order; the decision
// block first; what the Paper table gives is used, what it does not stays
// a prompt; with no Paper rows, every author's section is a prompt.
func TestCabinetReportStructure(t *testing.T) {
	in := builtIn()
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, bl := range p.Blocks {
		if h, ok := bl.(Heading); ok && h.Level == 1 {
			heads = append(heads, h.Text)
		}
	}
	want := []string{"Summary", "Recommendations", "Reasons for the recommendations", "Background", "Options considered", "Financial implications",
		"Legal implications", "Risks", "Equalities implications", "Consultation", "Background papers",
		"Appendix A: Havering's figures to the penny", "Appendix B: The consortium and the options", "Appendix C: Charts", "Appendix D: Method and provenance"}
	if !slices.Equal(heads, want) {
		t.Errorf("headings %q\nwant %q", heads, want)
	}
	first, ok := p.Blocks[0].(*Table)
	if !ok || first.Title != "Report details" {
		t.Fatalf("the paper does not open with its decision block: %#v", p.Blocks[0])
	}
	details := map[string]string{}
	for _, row := range first.Rows {
		details[row[0]] = row[1]
	}
	for item, want := range map[string]string{
		"Meeting and date": "Cabinet, [Author to complete: the date of the meeting]", "Portfolio holder": "Cabinet Member for Children's Services",
		"Wards affected": "All wards", "Preferred option": "Base case: the scheme as proposed",
		"Key decision": "Yes: spending of more than £500,000 a year for eight years, for children in care from every ward",
		"Lead officer": "[Author to complete: the officer responsible]", "Budget line": "[Author to complete: the budget the pledges are paid from]",
		"Medium-term financial plan reference": "[Author to complete: the saving's reference in the medium-term financial plan, or none]",
	} {
		if details[item] != want {
			t.Errorf("%s: %q, want %q", item, details[item], want)
		}
	}
	rec := sectionText(p, 2)
	if !strings.HasPrefix(rec, "Agree that the council joins") || strings.Count(rec, "\n") != 3 {
		t.Errorf("recommendations:\n%s", rec)
	}
	opts := sectionText(p, 5)
	if !strings.HasPrefix(opts, "Option 1, Business as usual. Do nothing") || !strings.Contains(opts, "Option 2, Base case.") || !strings.Contains(opts, "Recommended: the preferred option.") ||
		!strings.Contains(opts, "Rejected: the same rooms at a higher price save about half as much.") {
		t.Errorf("options considered:\n%s", opts)
	}
	// Without Paper rows: the author's sections are prompts, the decision
	// block's items too.
	s := *in.Result.Scenario
	s.Paper, s.RiskRegister = nil, nil
	res := *in.Result
	res.Scenario = &s
	bare := in
	bare.Result = &res
	q, err := BuildOne(bare, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	var prompts []string
	for _, bl := range q.Blocks {
		if pa, ok := bl.(Para); ok && pa.Prompt {
			prompts = append(prompts, pa.Text)
		}
	}
	for _, want := range []string{"the recommendations to cabinet", "the reasons for the recommendations", "the legal implications", "the equalities implications",
		"who was consulted", "the published documents relied on", "the risk register", "the lead council", "the provider"} {
		if !slices.ContainsFunc(prompts, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("no prompt for %q among %q", want, prompts)
		}
	}
	if d := q.Blocks[0].(*Table).Rows[7]; d[0] != "Preferred option" || !strings.HasPrefix(d[1], "[Author to complete:") {
		t.Errorf("without a preferred option: %v", d)
	}
	if !strings.Contains(sectionText(q, 5), "Rejected: [Author to complete: why") {
		t.Errorf("without Paper rows the options do not prompt for why each is rejected:\n%s", sectionText(q, 5))
	}
}

// The risk register comes from the RiskRegister table, the template's
// four risks in the built-in scenario; the model's factors read in plain
// words.
func TestRiskRegisterAndPlainWords(t *testing.T) {
	in := builtIn()
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	rt := findTitled(t, p, "Risk register")
	if len(rt.Rows) != 4 || !slices.Equal(rt.Header, []string{"Risk", "Likelihood", "Impact", "Mitigation", "Owner"}) {
		t.Fatalf("risk register %v %v", rt.Header, rt.Rows)
	}
	for i, want := range []string{"Provider failure", "Ofsted", "Matching", "A partner leaves"} {
		if !strings.Contains(rt.Rows[i][0], want) {
			t.Errorf("risk %d: %q, want %q", i, rt.Rows[i][0], want)
		}
	}
	risks := sectionText(p, 8)
	for _, want := range []string{"with spot prices 10% lower than assumed (£3,206 a week), £6.32m", "with spot prices rising 3 points a year faster than assumed (8.00% a year), £17.64m"} {
		if !strings.Contains(risks, want) {
			t.Errorf("the Risks section does not say %q:\n%s", want, risks)
		}
	}
}

// Options compare like with like: every option carries the base case's
// optimism bias (41% in the built-in scenario; one option had 41% and the
// rest none); none repeats the base case; wider benefits at their
// present value; business as usual's cost in its own column; the
// preferred option marked.
func TestOptionsLikeWithLike(t *testing.T) {
	in := builtIn()
	for _, o := range in.Options {
		if !o.Result.Scenario.Assumptions.OptimismBias.Equal(in.Result.Scenario.Assumptions.OptimismBias) || o.Result.NPVAfterOptimismBias.Cmp(o.Result.NPV) >= 0 {
			t.Errorf("%s: optimism bias %s, NPV %s, after it %s", o.Name, o.Result.Scenario.Assumptions.OptimismBias, o.Result.NPV, o.Result.NPVAfterOptimismBias)
		}
		if o.Result.Total.Savings.Equal(in.Result.Total.Savings) && o.Result.NPV.Equal(in.Result.NPV) {
			t.Errorf("%s repeats the base case", o.Name)
		}
	}
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	ot := findExact(t, p, "Options: the consortium over the term")
	if ot.Header[1] != "Cost under business as usual (£)" || ot.Header[2] != "Cost under the option (£)" || ot.Header[len(ot.Header)-1] != "Wider benefits, present value (£)" {
		t.Errorf("options header %q", ot.Header)
	}
	base := ot.Rows[1]
	if base[0] != "Base case (preferred)" {
		t.Errorf("the preferred option is not marked: %v", base)
	}
	var pv carecast.Money
	for _, w := range in.Result.Wider {
		pv = pv.Add(w.PresentValue)
	}
	if base[len(base)-1] != pv.FormatAmount() || pv.Equal(in.Result.Wider[0].Value) {
		t.Errorf("wider benefits %s, present value %s (value %s)", base[len(base)-1], pv, in.Result.Wider[0].Value)
	}
	for _, row := range ot.Rows {
		if cell(t, row[1]).Sub(cell(t, row[2])).String() != cell(t, row[3]).String() {
			t.Errorf("%s: business as usual %s less the option %s is not its savings %s", row[0], row[1], row[2], row[3])
		}
	}
	// The body's table in £m: each row adds across as rounded.
	body := findExact(t, p, "Options: the consortium over the term, £m")
	for _, row := range body.Rows {
		bau, cost, sav := cell(t, row[1]), cell(t, row[2]), cell(t, row[3])
		if !bau.Sub(cost).Equal(sav) {
			t.Errorf("body options %v do not add across", row)
		}
	}
	if !strings.Contains(sectionText(p, 5), "Every option carries the same optimism bias, 41.00% on the scheme's costs.") {
		t.Errorf("the options do not say they carry the same optimism bias:\n%s", sectionText(p, 5))
	}
	// The built-in shortlist as the template writes it: no option is the
	// base case again.
	for _, o := range inputs.BuiltInScenario().Options {
		if o.Name == "35 rooms as given" {
			t.Errorf("the built-in shortlist still repeats the base case")
		}
	}
}

// Money in the body is in £000 or £m: no body table holds pence, and the
// provenance (hashes) is in an appendix.
func TestBodyMoneyAndProvenance(t *testing.T) {
	pence := regexp.MustCompile(`\d\.\d\d$`)
	for _, in := range []Inputs{builtIn(), demandExample()} {
		for _, code := range []string{"HAV", Consortium} {
			p, err := BuildOne(in, code)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range bodyTables(p) {
				for _, row := range append(append([][]string{}, tb.Rows...), tb.Totals...) {
					for _, c := range row[1:] {
						if strings.Contains(c, ",") && pence.MatchString(c) {
							t.Errorf("%s %s: %q is to the penny in the body", code, tb.ID, c)
						}
					}
				}
				if strings.Contains(tb.Title, "What made this paper") {
					t.Errorf("%s: the provenance is in the body", code)
				}
			}
			for _, bl := range bodyBlocks(p) {
				if pa, ok := bl.(Para); ok && strings.Contains(pa.Text, "SHA-256") {
					t.Errorf("%s: a hash in the body: %s", code, pa.Text)
				}
			}
		}
	}
}

// The sizing reason reconciles the central forecast's best size (41 rooms
// on the demand example) with the best when the risks are drawn (40, as
// 'carecast size --risk' finds), in the expected NPVs.
func TestSizingReconciledWithRisk(t *testing.T) {
	in := demandExample()
	if in.Sizing.Recommended != 41 || in.SizingRisk.Recommended != 40 {
		t.Fatalf("central %d, with risk %d", in.Sizing.Recommended, in.SizingRisk.Recommended)
	}
	var at40, at41 carecast.Money
	for _, p := range in.SizingRisk.Sizes {
		switch p.Rooms {
		case 40:
			at40 = p.MeanNPV
		case 41:
			at41 = p.MeanNPV
		}
	}
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("the expected NPV is highest at 40 rooms, %s, against %s at 41 rooms: in the runs where demand falls short of the forecast the last rooms are the first to stand empty", millions(at40), millions(at41))
	if !strings.Contains(sectionText(p, 5), want) {
		t.Errorf("the Options section does not say %q:\n%s", want, sectionText(p, 5))
	}
	// No row at no rooms that saves a grant: the sizing table's 0 row
	// saves nothing.
	st := findTitled(t, p, "The scheme at other sizes of the block")
	if st.Rows[0][0] != "0" || st.Rows[0][1] != "0.00" || st.Rows[0][2] != "0.00" {
		t.Errorf("the 0-room row %v", st.Rows[0])
	}
}

// The consortium's chart of each council's savings is followed by its
// figures in £000 that add up as shown: each row to its total, each
// column to the consortium's row; each council's total is its savings
// rounded once.
func TestAnnualSavingsDataAddsUp(t *testing.T) {
	in := builtIn()
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	f := p.Figures()[0]
	if f.Chart != ChartAnnual {
		t.Fatalf("the consortium's first figure is %s", f.Chart)
	}
	d := f.Data
	n := len(d.Header) - 2
	cols := make([]int64, n+1)
	for ci, row := range d.Rows {
		var sum int64
		for i := 1; i <= n; i++ {
			sum += k(t, row[i])
			cols[i-1] += k(t, row[i])
		}
		cols[n] += k(t, row[n+1])
		if sum != k(t, row[n+1]) || k(t, row[n+1]) != ownK(in.Result.Councils[ci].Total.Savings) {
			t.Errorf("%s: the years add to %d, total %s, savings rounded %d", row[0], sum, row[n+1], ownK(in.Result.Councils[ci].Total.Savings))
		}
	}
	for i := range cols {
		if got := k(t, d.Totals[0][i+1]); got != cols[i] {
			t.Errorf("%s: the councils add to %d, the consortium's row says %d", d.Header[i+1], cols[i], got)
		}
	}
}

// The sizing reason is true (issue 21's sizing bullet: rooms up to 40
// "are occupied 90.0%; those beyond it would be occupied 90.0%"): on the
// demand example the rooms kept are occupied above the break-even ratio
// (block price over spot price) and a room beyond the best size below it,
// at two different rates, each the sweep's own figure; and the table's
// row at no rooms saves nothing (without a block there is no grant).
func TestSizingReasonTrue(t *testing.T) {
	in := demandExample()
	p, err := BuildOne(in, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	text := sectionText(p, 5)
	pct := func(re string) float64 {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("the Options section does not match %q:\n%s", re, text)
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ratio := pct(`exceeds block price over spot price, ([0-9.]+)% here`)
	kept := pct(`The rooms from \d+ to \d+ would be occupied ([0-9.]+)% of the time, above the ratio`)
	beyond := pct(`a room beyond \d+ would be occupied ([0-9.]+)%, below the ratio`)
	if !(kept > ratio && beyond < ratio && kept != beyond) {
		t.Errorf("rooms kept occupied %g%%, a room beyond %g%%, against a ratio of %g%%", kept, beyond, ratio)
	}
	z := in.Sizing
	best := slices.IndexFunc(z.Sizes, func(s carecast.SizePoint) bool { return s.Rooms == z.Recommended })
	if best < 0 || best+1 >= len(z.Sizes) {
		t.Fatalf("the sweep has no size beyond its best, %d rooms", z.Recommended)
	}
	u, ok := carecast.MarginalUse(z.Sizes[best], z.Sizes[best+1])
	if !ok {
		t.Fatalf("no marginal use beyond %d rooms", z.Recommended)
	}
	if want := percent(u); !strings.Contains(text, fmt.Sprintf("a room beyond %d would be occupied %s", z.Recommended, want)) {
		t.Errorf("the room beyond the best size is not said to be occupied %s:\n%s", want, text)
	}
	tb := findTitled(t, p, "The scheme at other sizes of the block")
	if row := tb.Rows[0]; row[0] != "0" || row[1] != "0.00" || row[2] != "0.00" {
		t.Errorf("the row at no rooms is %q, want savings and NPV of 0.00", row)
	}
}
