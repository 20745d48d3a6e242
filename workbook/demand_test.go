package workbook

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// demandScenario is examples/demand: occupancy from demand, allocations,
// and trading after allocation in force.
func demandScenario() *carecast.Scenario {
	s, problems, err := inputs.Load("../examples/demand")
	if err != nil {
		panic(err)
	}
	if len(problems) > 0 {
		panic(fmt.Sprint("examples/demand: ", problems))
	}
	return s
}

// The Overflow sheet holds each council's overflow by financial year, in
// room-days and spot cost, as the forecast's months add up to them (summed
// here month by month, not read from the forecast's year totals); the
// councils summed equal the consortium; and carecast's consortium row is
// the months' total too.
func TestWorkbookOverflow(t *testing.T) {
	res, _, data := buildWorkbook(t, demandScenario(), t.TempDir())
	b := readBook(t, data)
	s := b.sheet(sheetOverflow)
	if s == nil {
		t.Fatal("no Overflow sheet")
	}
	nY := len(res.Years)
	fyIndex := map[carecast.FinancialYear]int{}
	for y, yr := range res.Years {
		fyIndex[yr.FY] = y
	}
	// Each council's and the consortium's room-days and pence by year,
	// from the months.
	nC := len(res.Councils)
	days := make([][]decimal.Decimal, nC+1)
	pence := make([][]int64, nC+1)
	for c := range days {
		days[c] = make([]decimal.Decimal, nY+1) // [nY]: the whole horizon
		pence[c] = make([]int64, nY+1)
	}
	for _, m := range res.Months {
		y := fyIndex[m.FY]
		for c, cm := range m.Councils {
			for _, k := range []int{y, nY} {
				days[c][k] = days[c][k].Add(cm.OverflowRoomDays)
				pence[c][k] += cm.OverflowCost.PenceInt()
				days[nC][k] = days[nC][k].Add(cm.OverflowRoomDays)
				pence[nC][k] += cm.OverflowCost.PenceInt()
			}
		}
	}
	if days[nC][nY].Sign() <= 0 || pence[nC][nY] <= 0 {
		t.Fatal("examples/demand has no overflow: the test would prove nothing")
	}
	if !days[nC][nY].Equal(res.Total.OverflowRoomDays) || pence[nC][nY] != res.Total.OverflowCost.PenceInt() {
		t.Errorf("the months' overflow %s room-days, %d pence is not the forecast's total %s, %s",
			days[nC][nY], pence[nC][nY], res.Total.OverflowRoomDays, res.Total.OverflowCost)
	}
	for i, title := range []string{carecast.LabelOverflow + " by council and financial year", "Spot cost of the overflow (£) by council and financial year"} {
		top := rowOfLabel(t, s, title) + 1 // the column headings
		if got := at(s, 3, top); got == nil || got.v != "Whole horizon" {
			t.Fatalf("%s: C%d is %v, want Whole horizon", title, top, got)
		}
		for y, yr := range res.Years {
			sameText(t, title+" heading", at(s, ovColFY+y, top), yr.FY.String())
		}
		for c := 0; c <= nC+1; c++ {
			r := top + 1 + c
			k := min(c, nC) // the councils summed, then carecast's consortium
			who := "consortium"
			if c < nC {
				who = res.Councils[c].Council.Code
				sameText(t, title+" code", at(s, 1, r), who)
			} else if c == nC {
				sameText(t, title+" sum", at(s, 2, r), "Councils, summed")
			}
			for y := 0; y <= nY; y++ {
				col := ovColFY + y
				if y == nY {
					col = 3
				}
				where := title + " " + who + " " + colName(col) + strconv.Itoa(r)
				if i == 0 {
					sameNumber(t, where, at(s, col, r), days[k][y].InexactFloat64())
				} else {
					sameMoney(t, where, at(s, col, r), carecast.MustMoney(penceText(pence[k][y])))
				}
			}
		}
	}
	// The Summary's headline lines are the consortium's, from the months.
	sum := b.sheet(sheetSummary)
	sameNumber(t, "Summary overflow", at(sum, 3, rowOfLabel(t, sum, carecast.LabelOverflow+", not in the savings")), days[nC][nY].InexactFloat64())
	sameMoney(t, "Summary overflow cost", at(sum, 3, rowOfLabel(t, sum, "Spot cost of the overflow, not in the savings")), carecast.MustMoney(penceText(pence[nC][nY])))
	// The Checks sheet ties the councils to the consortium and holds.
	checks := b.sheet(sheetChecks)
	for _, label := range []string{
		"Overflow: councils sum to the consortium, whole horizon and each year: room-days",
		"Overflow: councils sum to the consortium, whole horizon and each year: spot cost",
	} {
		r := rowOfLabel(t, checks, label)
		if h := at(checks, 4, r); h == nil || h.t != "b" || h.v != "1" {
			t.Errorf("%s: holds = %v, want TRUE", label, h)
		}
	}
}

// penceText writes whole pence as money text ("-12.05").
func penceText(p int64) string { return decimal.New(p, -2).StringFixed(2) }

// The Bed trading sheet holds Result.Sharing; the column of the rule in
// force is the forecast itself, and each other rule's column is what a
// forecast run with that rule gives (run here, not read from Sharing);
// what trading and pooling add are the differences.
func TestWorkbookBedTrading(t *testing.T) {
	sc := demandScenario()
	res, _, data := buildWorkbook(t, sc, t.TempDir())
	if len(res.Sharing) != 3 {
		t.Fatalf("%d sharing runs, want 3", len(res.Sharing))
	}
	b := readBook(t, data)
	s := b.sheet(sheetTrading)
	if s == nil {
		t.Fatal("no Bed trading sheet")
	}
	inForce := sc.Assumptions.SharingRule()
	if inForce != carecast.SharingAllocatedTrade {
		t.Fatalf("examples/demand trades after allocation; the rule in force is %s", inForce)
	}
	// One forecast per rule, independently of Result.Sharing.
	byRule := map[string]*carecast.Result{}
	for _, rule := range []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled} {
		t2 := *sc
		t2.Assumptions.Sharing = rule
		r, err := forecast.Run(&t2)
		if err != nil {
			t.Fatal(err)
		}
		byRule[rule] = r
	}
	if !byRule[inForce].Total.Savings.Equal(res.Total.Savings) {
		t.Fatalf("the rule in force forecasts savings %s, the forecast %s", byRule[inForce].Total.Savings, res.Total.Savings)
	}
	head := rowOfLabel(t, s, "Figure")
	cols := map[string]int{}
	for i := range 5 {
		c := at(s, trColRule+i, head+1)
		if c == nil {
			t.Fatalf("no rule under the heading in column %s", colName(trColRule+i))
		}
		cols[c.v] = trColRule + i
	}
	for rule, want := range map[string]string{
		carecast.SharingAllocated: "allocated", carecast.SharingAllocatedTrade: "allocated_trade: in force",
		carecast.SharingPooled: "pooled",
	} {
		if _, ok := cols[want]; !ok {
			t.Errorf("no column headed %q for %s: %v", want, rule, cols)
		}
		cols[rule] = cols[want]
	}
	tradeCol, poolCol := cols["traded less allocated"], cols["pooled less allocated"]
	if tradeCol == 0 || poolCol == 0 {
		t.Fatalf("no difference columns: %v", cols)
	}
	row := func(label string) int { return rowOfLabel(t, s, label) }
	for rule, r := range byRule {
		col := cols[rule]
		sameMoney(t, rule+" savings", at(s, col, row(carecast.LabelSavings)), r.Total.Savings)
		sameMoney(t, rule+" NPV", at(s, col, row(carecast.LabelNPV)), r.NPV)
		sameNumber(t, rule+" occupancy", at(s, col, row(carecast.LabelOccupancy)), r.Total.OccupancyRate().InexactFloat64())
		sameMoney(t, rule+" void cost", at(s, col, row(carecast.LabelVoidCost)), r.Total.VoidCost)
		sameNumber(t, rule+" overflow", at(s, col, row(carecast.LabelOverflow)), r.Total.OverflowRoomDays.InexactFloat64())
		for _, cr := range r.Councils {
			sameMoney(t, rule+" "+cr.Council.Code, at(s, col, row(cr.Council.Label())), cr.Total.Savings)
		}
	}
	alloc, trade, pool := byRule[carecast.SharingAllocated], byRule[carecast.SharingAllocatedTrade], byRule[carecast.SharingPooled]
	sameMoney(t, "trading adds savings", at(s, tradeCol, row(carecast.LabelSavings)), trade.Total.Savings.Sub(alloc.Total.Savings))
	sameMoney(t, "pooling adds savings", at(s, poolCol, row(carecast.LabelSavings)), pool.Total.Savings.Sub(alloc.Total.Savings))
	sameMoney(t, "trading's void cost", at(s, tradeCol, row(carecast.LabelVoidCost)), trade.Total.VoidCost.Sub(alloc.Total.VoidCost))
	var sumTrade carecast.Money
	for c, cr := range trade.Councils {
		d := cr.Total.Savings.Sub(alloc.Councils[c].Total.Savings)
		sumTrade = sumTrade.Add(cr.Total.Savings)
		sameMoney(t, "trading adds for "+cr.Council.Code, at(s, tradeCol, row(cr.Council.Label())), d)
		if d.Sign() < 0 {
			t.Errorf("%s: trading after allocation saves %s less than allocation alone", cr.Council.Code, d.Neg())
		}
	}
	sameMoney(t, "councils summed under trading", at(s, cols[carecast.SharingAllocatedTrade], row("Councils, summed")), sumTrade)
	if !sumTrade.Equal(trade.Total.Savings) {
		t.Errorf("the councils' savings under trading sum to %s, the scenario's are %s", sumTrade, trade.Total.Savings)
	}
	// The sheet says which rule is in force, and its checks hold.
	if c := s.cell("A2"); c == nil || c.v != "This forecast uses the sharing rule "+ruleName(inForce)+": every other sheet shows that rule." {
		t.Errorf("A2 = %v, want the rule in force", c)
	}
	checks := b.sheet(sheetChecks)
	for _, label := range []string{
		"Bed trading: under each rule the councils' savings sum to its savings",
		"Bed trading: the rule in force gives the Summary's savings and NPV",
	} {
		r := rowOfLabel(t, checks, label)
		if h := at(checks, 4, r); h == nil || h.t != "b" || h.v != "1" {
			t.Errorf("%s: holds = %v, want TRUE", label, h)
		}
	}
}

// Without Demand rows there is neither sheet nor check; with Demand rows
// but no Allocations, the Overflow sheet and no Bed trading.
func TestWorkbookDemandSheetsOnlyWithDemand(t *testing.T) {
	has := func(s *carecast.Scenario) (overflow, trading bool) {
		_, _, data := buildWorkbook(t, s, t.TempDir())
		b := readBook(t, data)
		return b.sheet(sheetOverflow) != nil, b.sheet(sheetTrading) != nil
	}
	if o, tr := has(inputs.BuiltInScenario()); o || tr {
		t.Errorf("the built-in scenario (Occupancy rows): Overflow %v, Bed trading %v; want neither", o, tr)
	}
	pooled := demandScenario()
	pooled.Allocations = nil
	pooled.Assumptions.Sharing = carecast.SharingPooled
	if o, tr := has(pooled); !o || tr {
		t.Errorf("demand without allocations: Overflow %v, Bed trading %v; want Overflow only", o, tr)
	}
}

// The Checks sheet catches an Overflow or Bed trading figure that does not
// add up: a council's overflow a room-day and a penny too high in one
// year, and a council's savings under allocation 5p too high.
func TestWorkbookDemandChecksCatchAMismatch(t *testing.T) {
	res, err := forecast.Run(demandScenario())
	if err != nil {
		t.Fatal(err)
	}
	cy := &res.Councils[1].Years[2]
	cy.OverflowRoomDays = cy.OverflowRoomDays.Add(decimal.NewFromInt(1))
	cy.OverflowCost = cy.OverflowCost.Add(carecast.MustMoney("0.01"))
	res.Sharing[0].CouncilSavings[3] = res.Sharing[0].CouncilSavings[3].Add(carecast.MustMoney("0.05"))
	var buf bytes.Buffer
	if err := Encode(&buf, Contents{Result: res, Provenance: testProvenance}); err != nil {
		t.Fatal(err)
	}
	b := readBook(t, buf.Bytes())
	checks := b.sheet(sheetChecks)
	for label, diff := range map[string]float64{
		// The year's and the whole horizon's sums are each off by one.
		"Overflow: councils sum to the consortium, whole horizon and each year: room-days": 2,
		"Overflow: councils sum to the consortium, whole horizon and each year: spot cost": 0.02,
		"Bed trading: under each rule the councils' savings sum to its savings":            0.05,
		"Bed trading: the rule in force gives the Summary's savings and NPV":               0,
	} {
		r := rowOfLabel(t, checks, label)
		sameNumber(t, label, checks.cell("C"+strconv.Itoa(r)), diff)
		holds := "1"
		if diff > tolerance {
			holds = "0"
		}
		if c := checks.cell("D" + strconv.Itoa(r)); c == nil || c.v != holds {
			t.Errorf("%s holds: got %v, want %s", label, c, holds)
		}
	}
	if c := b.sheet(sheetSummary).cell("B3"); c == nil || c.v != "CHECK FAILED: see the Checks sheet" {
		t.Errorf("Summary master check: got %v", c)
	}
}
