package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

func (b *builder) addFigure(f *Figure) {
	b.figure++
	f.ID = fmt.Sprintf("Figure %d", b.figure)
	f.Data.ID = "Data for " + f.ID
	b.add(f)
}

func (b *builder) charts() {
	r := b.res
	b.text("Each chart is followed by the table of the figures it draws.")
	cats := make([]string, len(r.Years))
	for i, y := range r.Years {
		cats[i] = y.FY.String()
	}
	b.addFigure(b.cumulativeFigure(cats))
	b.addFigure(b.costFigure(cats))
	if s := b.sens(); s != nil {
		b.addFigure(b.tornadoFigure(s))
	}
	if sim := b.sim(); sim != nil {
		b.addFigure(b.fanFigure(sim))
	}
	if b.hasSizing() {
		b.addFigure(b.sizeFigure())
	}
}

// cumulative are the cumulative savings at the end of each financial year.
func cumulative(xs []carecast.Money) []carecast.Money {
	out := make([]carecast.Money, len(xs))
	var c carecast.Money
	for i, x := range xs {
		c = c.Add(x)
		out[i] = c
	}
	return out
}

// firstPositiveFrom is the first index from which every value is
// positive, or -1.
func firstPositiveFrom(xs []carecast.Money) int {
	k := -1
	for i := len(xs) - 1; i >= 0; i-- {
		if xs[i].Sign() <= 0 {
			break
		}
		k = i
	}
	return k
}

func (b *builder) cumulativeFigure(cats []string) *Figure {
	r := b.res
	cons := make([]carecast.Money, len(r.Years))
	for i, y := range r.Years {
		cons[i] = y.Savings
	}
	consCum := cumulative(cons)
	end := r.End.Long()
	if !b.isCouncil() {
		return b.annualFigure(cats)
	}
	c := b.cr()
	f := &Figure{Name: "cumulative-savings", Basis: b.basis(false), Chart: ChartCumulative, Council: b.council}
	own := make([]carecast.Money, len(c.Years))
	for i, y := range c.Years {
		own[i] = y.Savings
	}
	ownCum := cumulative(own)
	f.Title = carecast.LabelCumulativeSaving + ": " + c.Council.Label() + " against the other councils"
	last := ownCum[len(ownCum)-1]
	f.Caption = fmt.Sprintf("%s savings reach %s by %s, %s of the consortium's %s.", possessive(c.Council.Label()), millions(last), end, shareOf(last, consCum[len(consCum)-1]), millions(consCum[len(consCum)-1]))
	if k := firstPositiveFrom(ownCum); k > 0 {
		f.Caption += fmt.Sprintf(" The council's cumulative savings are positive from %s on.", cats[k])
	}
	data := &Table{Title: "Cumulative savings at the end of each financial year", Header: []string{carecast.LabelFinancialYear, c.Council.Label() + " (£)", carecast.LabelConsortium + " (£)"}}
	for i := range cats {
		data.Rows = append(data.Rows, []string{cats[i], ownCum[i].FormatAmount(), consCum[i].FormatAmount()})
	}
	data.Right = rightFrom(1, len(data.Header))
	f.Data = data
	f.Alt = fmt.Sprintf("Line charts of cumulative savings month by month from %s to %s: the consortium above; below, %s in colour against the other councils in grey. %s", cats[0], cats[len(cats)-1], c.Council.Label(), f.Caption)
	return f
}

// annualFigure is the consortium's: each council's savings by financial
// year, stacked, as charts.html draws them.
func (b *builder) annualFigure(cats []string) *Figure {
	r := b.res
	f := &Figure{Name: "annual-savings", Basis: b.basis(false), Chart: ChartAnnual, Council: -1, Title: "Savings by council and financial year"}
	best, bestV := "", carecast.Money{}
	for i, c := range r.Councils {
		if i == 0 || c.Total.Savings.Cmp(bestV) > 0 {
			best, bestV = c.Council.Label(), c.Total.Savings
		}
	}
	f.Caption = fmt.Sprintf("The consortium's savings reach %s a year by %s; over the term %s saves most, %s.", millions(r.Years[len(r.Years)-1].Savings), cats[len(cats)-1], best, millions(bestV))
	// One row a council, one column a financial year and the total, in
	// £000: each council's years rounded together to its total rounded
	// once (thousandsOf), the consortium's row their sum, so that rows and
	// columns add up as shown; Appendix A has the pence.
	data := &Table{Title: "Savings by council and financial year, £000", Header: append(append([]string{carecast.LabelCouncil}, cats...), carecast.LabelTotal)}
	colSum := make([]int64, len(cats))
	var all int64
	for _, c := range r.Councils {
		ys := make([]carecast.Money, len(cats))
		for i := range cats {
			ys[i] = c.Years[i].Savings
		}
		k := thousandsOf(ys)
		row := []string{c.Council.Label()}
		for i, v := range k {
			row = append(row, fmtK(v))
			colSum[i] += v
		}
		all += sumK(k)
		data.Rows = append(data.Rows, append(row, fmtK(sumK(k))))
	}
	tot := []string{carecast.LabelConsortium}
	for _, v := range colSum {
		tot = append(tot, fmtK(v))
	}
	data.Totals = [][]string{append(tot, fmtK(all))}
	data.Right = rightFrom(1, len(data.Header))
	if len(cats) <= 10 {
		data.Widths = []int{100 - 9*(len(cats)+1)}
		for range len(cats) + 1 {
			data.Widths = append(data.Widths, 9)
		}
	}
	f.Data = data
	f.Alt = fmt.Sprintf("Stacked bar chart of each of the %d councils' savings in each financial year from %s to %s. %s", len(r.Councils), cats[0], cats[len(cats)-1], f.Caption)
	return f
}

func (b *builder) costFigure(cats []string) *Figure {
	r := b.res
	cost := make([]carecast.Money, len(r.Years))
	spot := make([]carecast.Money, len(r.Years))
	who, what := "The consortium", carecast.LabelBlockCost
	for i, y := range r.Years {
		cost[i], spot[i] = y.BlockCost, y.SpotAvoided
		if b.isCouncil() {
			cy := b.cr().Years[i]
			cost[i], spot[i] = cy.AttributedCost, cy.SpotAvoided
		}
	}
	if b.isCouncil() {
		who, what = b.cr().Council.Label(), carecast.LabelAttributedCost
	}
	f := &Figure{Name: "cost-and-spot-avoided", Basis: b.basis(false), Title: who + ": " + strings.ToLower(what) + " and spot purchasing avoided", Chart: ChartCostSpot, Council: b.council}
	saving := 0
	for i := range cost {
		if spot[i].Cmp(cost[i]) > 0 {
			saving++
		}
	}
	f.Caption = fmt.Sprintf("Spot purchasing avoided is more than the %s in %d of %d financial years", strings.ToLower(what), saving, len(cats))
	diff := make([]carecast.Money, len(cost))
	for i := range cost {
		diff[i] = spot[i].Sub(cost[i])
	}
	if k := firstPositiveFrom(diff); k >= 0 && saving > 0 {
		f.Caption += fmt.Sprintf(", every year from %s", cats[k])
	}
	f.Caption += "."
	f.Alt = fmt.Sprintf("Bar chart of %s %s and spot purchasing avoided by financial year. %s", possessive(strings.ToLower(who[:1])+who[1:]), strings.ToLower(what), f.Caption)
	if b.isCouncil() {
		f.Alt = fmt.Sprintf("Bar chart of %s %s and spot purchasing avoided by financial year. %s", possessive(who), strings.ToLower(what), f.Caption)
	}
	f.Data = &Table{Title: what + " and spot purchasing avoided by financial year", Header: []string{carecast.LabelFinancialYear, what + " (£)", carecast.LabelSpotAvoided + " (£)", "Difference (£)"}, Right: rightFrom(1, 4)}
	for i := range cats {
		f.Data.Rows = append(f.Data.Rows, []string{cats[i], cost[i].FormatAmount(), spot[i].FormatAmount(), diff[i].FormatAmount()})
	}
	return f
}

func (b *builder) tornadoFigure(s *carecast.Sensitivity) *Figure {
	f := &Figure{Name: "tornado", Basis: b.basis(false), Title: "Sensitivity of the consortium's savings to each risk factor", Chart: ChartTornado, Council: -1}
	var losing []string
	for _, fs := range s.Factors {
		if fs.AtLow.Savings.Sign() < 0 || fs.AtHigh.Savings.Sign() < 0 {
			losing = append(losing, fs.Factor.Label())
		}
	}
	if len(s.Factors) > 0 {
		top := s.Factors[0]
		f.Caption = fmt.Sprintf("%s moves the consortium's savings most, from %s to %s over its range (as forecast %s).",
			top.Factor.Label(), millions(top.AtLow.Savings), millions(top.AtHigh.Savings), millions(s.Central.Savings))
	}
	if len(losing) == 0 {
		f.Caption += " No factor alone turns the savings into a loss within its range."
	} else {
		f.Caption += fmt.Sprintf(" %s alone can turn the savings into a loss within its range.", joinAnd(losing))
	}
	f.Alt = "Tornado chart: horizontal bars of the consortium's savings over the horizon with each risk factor at the low and high ends of its range. " + f.Caption
	f.Data = &Table{Title: "Savings over the horizon at each end of each factor's range", Header: []string{"Risk factor", "Range", "Savings at low (£)", "Savings at high (£)", "Switching value"}, Right: []bool{false, false, true, true, true}}
	fb := b.res.FactorBasis()
	for _, fs := range s.Factors {
		sw := "not within range"
		if fs.Switching.Found {
			sw = fb.Value(fs.Factor, fs.Switching.Value, false)
		}
		f.Data.Rows = append(f.Data.Rows, []string{fs.Factor.Label(), fb.Range(fs.Factor, fs.Low, fs.High), fs.AtLow.Savings.FormatAmount(), fs.AtHigh.Savings.FormatAmount(), sw})
	}
	return f
}

func (b *builder) fanFigure(sim *carecast.Simulation) *Figure {
	r := b.res
	f := &Figure{Name: "fan", Basis: b.basis(false), Title: "The spread of the consortium's cumulative savings", Chart: ChartFan, Council: -1}
	var cats []string
	var pts []carecast.FanPoint
	for _, y := range r.Years {
		if y.Last < len(sim.Fan) {
			cats = append(cats, y.FY.String())
			pts = append(pts, sim.Fan[y.Last])
		}
	}
	if len(pts) > 0 {
		last := pts[len(pts)-1]
		f.Caption = fmt.Sprintf("In 8 runs out of 10 the consortium's savings by %s lie between %s and %s; the forecast is %s.",
			last.End.Long(), millions(last.P10), millions(last.P90), millions(last.Forecast))
	}
	f.Alt = fmt.Sprintf("Fan chart of the consortium's cumulative savings at the end of each financial year over %s runs of the Monte Carlo appraisal. %s", carecast.GroupThousands(fmt.Sprint(sim.Runs)), f.Caption)
	f.Data = &Table{Title: "Cumulative savings at the end of each financial year (the chart draws every month), by percentile", Header: []string{carecast.LabelFinancialYear, "P10 (£)", "P25 (£)", "P50 (£)", "P75 (£)", "P90 (£)", "Forecast (£)"}, Right: rightFrom(1, 7)}
	for i, p := range pts {
		f.Data.Rows = append(f.Data.Rows, []string{cats[i], p.P10.FormatAmount(), p.P25.FormatAmount(), p.P50.FormatAmount(), p.P75.FormatAmount(), p.P90.FormatAmount(), p.Forecast.FormatAmount()})
	}
	return f
}
