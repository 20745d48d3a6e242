package paper

import (
	"fmt"

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
	f := &Figure{Name: "cumulative-savings", Basis: b.basis(false)}
	data := &Table{Title: "Cumulative savings at the end of each financial year", Right: nil}
	var series []Series
	if b.isCouncil() {
		c := b.cr()
		own := make([]carecast.Money, len(c.Years))
		for i, y := range c.Years {
			own[i] = y.Savings
		}
		ownCum := cumulative(own)
		f.Title = "Cumulative savings: " + c.Council.Label() + " and the consortium"
		last := ownCum[len(ownCum)-1]
		f.Caption = fmt.Sprintf("%s savings reach %s by %s, %s of the consortium's %s.", possessive(c.Council.Label()), millions(last), end, shareOf(last, consCum[len(consCum)-1]), millions(consCum[len(consCum)-1]))
		if k := firstPositiveFrom(ownCum); k > 0 {
			f.Caption += fmt.Sprintf(" The council's cumulative savings are positive from %s on.", cats[k])
		}
		series = []Series{{Name: c.Council.Label(), Values: ownCum, Style: SeriesStyle(0)}, {Name: "Consortium", Values: consCum, Style: Style{Colour: "#000000", Dash: "8 4", Marker: "square"}}}
		data.Header = []string{"Financial year", c.Council.Label() + " (£)", "Consortium (£)"}
		for i := range cats {
			data.Rows = append(data.Rows, []string{cats[i], ownCum[i].FormatAmount(), consCum[i].FormatAmount()})
		}
		f.Alt = fmt.Sprintf("Line chart of cumulative savings by financial year from %s to %s. %s", cats[0], cats[len(cats)-1], f.Caption)
	} else {
		f.Title = "Cumulative savings: each council"
		best, bestV := "", carecast.Money{}
		for i, c := range r.Councils {
			own := make([]carecast.Money, len(c.Years))
			for j, y := range c.Years {
				own[j] = y.Savings
			}
			oc := cumulative(own)
			series = append(series, Series{Name: c.Council.Label(), Values: oc, Style: SeriesStyle(i), Width: 2})
			if i == 0 || oc[len(oc)-1].Cmp(bestV) > 0 {
				best, bestV = c.Council.Label(), oc[len(oc)-1]
			}
		}
		f.Caption = fmt.Sprintf("The consortium's savings reach %s by %s; %s saves most, %s.", millions(consCum[len(consCum)-1]), end, best, millions(bestV))
		// One column a council: in £000, so that the table fits the page
		// at 9 pt (each cell rounded on its own; Appendix A has the pence).
		data.Title += ", £000"
		data.Header = []string{"Financial year"}
		for _, s := range series {
			data.Header = append(data.Header, s.Name)
		}
		data.Header = append(data.Header, "Consortium")
		for i := range cats {
			row := []string{cats[i]}
			for _, s := range series {
				row = append(row, fmtK(thousand(s.Values[i])))
			}
			data.Rows = append(data.Rows, append(row, fmtK(thousand(consCum[i]))))
		}
		f.Alt = fmt.Sprintf("Line chart of cumulative savings by financial year for each of the %d councils; the consortium's are in the table. %s", len(r.Councils), f.Caption)
	}
	data.Right = rightFrom(1, len(data.Header))
	f.Data = data
	f.SVG, f.Width, f.Height = lineChart(f.Title, f.Caption, f.Basis, cats, series)
	return f
}

func (b *builder) costFigure(cats []string) *Figure {
	r := b.res
	att := make([]carecast.Money, len(r.Years))
	spot := make([]carecast.Money, len(r.Years))
	who := "The consortium"
	for i, y := range r.Years {
		att[i], spot[i] = y.AttributedCost, y.SpotAvoided
		if b.isCouncil() {
			cy := b.cr().Years[i]
			att[i], spot[i] = cy.AttributedCost, cy.SpotAvoided
		}
	}
	if b.isCouncil() {
		who = b.cr().Council.Label()
	}
	f := &Figure{Name: "cost-and-spot-avoided", Basis: b.basis(false), Title: who + ": attributed cost and spot purchasing avoided"}
	saving := 0
	for i := range att {
		if spot[i].Cmp(att[i]) > 0 {
			saving++
		}
	}
	f.Caption = fmt.Sprintf("Spot purchasing avoided is more than the attributed cost in %d of %d financial years", saving, len(cats))
	sav := make([]carecast.Money, len(att))
	for i := range att {
		sav[i] = spot[i].Sub(att[i])
	}
	if k := firstPositiveFrom(sav); k >= 0 && saving > 0 {
		f.Caption += fmt.Sprintf(", every year from %s", cats[k])
	}
	f.Caption += "."
	f.Alt = fmt.Sprintf("Bar chart of %s attributed cost and spot purchasing avoided by financial year. %s", possessive(who), f.Caption)
	if !b.isCouncil() {
		f.Alt = "Bar chart of the consortium's attributed cost and spot purchasing avoided by financial year. " + f.Caption
	}
	f.Data = &Table{Title: "Attributed cost and spot purchasing avoided by financial year", Header: []string{"Financial year", "Attributed cost (£)", "Spot purchasing avoided (£)", "Savings (£)"}, Right: rightFrom(1, 4)}
	for i := range cats {
		f.Data.Rows = append(f.Data.Rows, []string{cats[i], att[i].FormatAmount(), spot[i].FormatAmount(), sav[i].FormatAmount()})
	}
	f.SVG, f.Width, f.Height = barChart(f.Title, f.Caption, f.Basis, cats, []Series{
		{Name: "Attributed cost", Values: att, Style: Style{Colour: palette[5], Hatch: true}},
		{Name: "Spot purchasing avoided", Values: spot, Style: Style{Colour: palette[0]}},
	})
	return f
}

func (b *builder) tornadoFigure(s *carecast.Sensitivity) *Figure {
	f := &Figure{Name: "tornado", Basis: b.basis(false), Title: "Sensitivity of the consortium's savings to each risk factor"}
	var rows []tornadoRow
	var losing []string
	for _, fs := range s.Factors {
		rows = append(rows, tornadoRow{label: fs.Factor.Label(), low: fs.AtLow.Savings, high: fs.AtHigh.Savings})
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
	fb := b.bases()
	for _, fs := range s.Factors {
		sw := "not within range"
		if fs.Switching.Found {
			sw = fb.value(fs.Factor, fs.Switching.Value, false)
		}
		f.Data.Rows = append(f.Data.Rows, []string{fs.Factor.Label(), fb.value(fs.Factor, fs.Low, false) + " to " + fb.value(fs.Factor, fs.High, false), fs.AtLow.Savings.FormatAmount(), fs.AtHigh.Savings.FormatAmount(), sw})
	}
	f.SVG, f.Width, f.Height = tornadoChart(f.Title, f.Caption, f.Basis, s.Central.Savings, rows)
	return f
}

func (b *builder) fanFigure(sim *carecast.Simulation) *Figure {
	r := b.res
	f := &Figure{Name: "fan", Basis: b.basis(false), Title: "The spread of the consortium's cumulative savings"}
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
	f.Data = &Table{Title: "Cumulative savings at the end of each financial year, by percentile", Header: []string{"Financial year", "P10 (£)", "P25 (£)", "P50 (£)", "P75 (£)", "P90 (£)", "Forecast (£)"}, Right: rightFrom(1, 7)}
	for i, p := range pts {
		f.Data.Rows = append(f.Data.Rows, []string{cats[i], p.P10.FormatAmount(), p.P25.FormatAmount(), p.P50.FormatAmount(), p.P75.FormatAmount(), p.P90.FormatAmount(), p.Forecast.FormatAmount()})
	}
	f.SVG, f.Width, f.Height = fanChart(f.Title, f.Caption, f.Basis, cats, pts)
	return f
}
