package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Build returns the papers of a forecast: one per council, in the order of
// the Councils sheet, and the consortium's last.
func Build(in Inputs) ([]*Paper, error) {
	var ps []*Paper
	for c := range in.Result.Councils {
		p, err := BuildOne(in, in.Result.Councils[c].Council.Code)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	p, err := BuildOne(in, Consortium)
	if err != nil {
		return nil, err
	}
	return append(ps, p), nil
}

// BuildOne returns the paper of the council with the given code (matched
// ignoring case), or the consortium's for Consortium.
func BuildOne(in Inputs, code string) (*Paper, error) {
	if in.Result == nil {
		return nil, fmt.Errorf("paper: no forecast")
	}
	b := &builder{in: in, res: in.Result, council: -1}
	if !strings.EqualFold(code, Consortium) {
		for i, c := range in.Result.Councils {
			if strings.EqualFold(c.Council.Code, code) {
				b.council = i
			}
		}
		if b.council < 0 {
			codes := make([]string, len(in.Result.Councils))
			for i, c := range in.Result.Councils {
				codes[i] = c.Council.Code
			}
			return nil, fmt.Errorf("no council %q in the input (councils: %s)", code, strings.Join(codes, ", "))
		}
	}
	b.build()
	return b.p, nil
}

// builder accumulates one paper, numbering its sections and paragraphs.
type builder struct {
	in      Inputs
	res     *carecast.Result
	council int // index, or -1 for the consortium's paper
	p       *Paper
	section int
	para    int
	figure  int
	eTables int // the Options section's tables so far (optionsTableID)
}

func (b *builder) isCouncil() bool { return b.council >= 0 }

func (b *builder) cr() *carecast.CouncilResult { return &b.res.Councils[b.council] }

// name is the subject of the paper: the council's name or "the consortium".
func (b *builder) name() string {
	if b.isCouncil() {
		return b.cr().Council.Label()
	}
	return "the consortium"
}

func (b *builder) add(bl Block) { b.p.Blocks = append(b.p.Blocks, bl) }

func (b *builder) h1(text string) {
	b.section++
	b.para = 0
	b.add(Heading{Level: 1, Text: text, Num: fmt.Sprint(b.section)})
}

// np adds a numbered paragraph.
func (b *builder) np(format string, args ...any) {
	b.para++
	b.add(Para{Num: fmt.Sprintf("%d.%d", b.section, b.para), Text: fmt.Sprintf(format, args...)})
}

// text adds an unnumbered paragraph.
func (b *builder) text(format string, args ...any) {
	b.add(Para{Text: fmt.Sprintf(format, args...)})
}

func (b *builder) note(format string, args ...any) {
	b.add(Para{Text: fmt.Sprintf(format, args...), Note: true})
}

// prompt adds a marked prompt for the author.
func (b *builder) prompt(format string, args ...any) {
	b.add(Para{Text: "[Author to complete: " + fmt.Sprintf(format, args...) + "]", Prompt: true})
}

func (b *builder) build() {
	r := b.res
	a := r.Scenario.Assumptions
	b.p = &Paper{Code: Consortium}
	if b.isCouncil() {
		b.p.Code = b.cr().Council.Code
		b.p.Title = "Joint commissioning of children's residential care: financial implications for " + b.cr().Council.Label()
	} else {
		b.p.Title = "Joint commissioning of children's residential care: financial implications for the consortium"
	}
	b.p.Subtitle = fmt.Sprintf("%s, %s to %s. Prepared %s.", a.Scenario, r.Start.Long(), r.End.Long(), b.in.Provenance.Prepared.Long())
	b.text("This paper sets out the financial implications for %s of %s, forecast month by month from %s to %s. "+
		"Amounts are in pounds in cash terms unless stated (the net present value is in real terms): tables to the penny, sentences in millions to two decimals, negatives in brackets.",
		b.name(), a.Scenario, r.Start.Long(), r.End.Long())
	if illustrative(b.in) {
		if b.isCouncil() {
			b.text("The scenario is illustrative: replace its figures with the council's own before the paper goes to cabinet.")
		} else {
			b.text("The scenario is illustrative: replace its figures with the partner councils' own before the paper goes to the partners' cabinets.")
		}
	}
	b.prompt("the recommendations to cabinet, and the reasons for them")

	b.summary()
	b.financial()
	b.options()
	b.wider()
	b.risks()
	b.charts()
	b.implications()
	b.methodology()
	b.provenance()
	b.appendix()
}

// illustrative reports whether the figures are illustrative: the built-in
// scenario, or a scenario whose name says so.
func illustrative(in Inputs) bool {
	return len(in.Provenance.Digests) == 0 || strings.Contains(strings.ToLower(in.Result.Scenario.Assumptions.Scenario), "illustrative")
}

// basis is the line every chart carries.
func (b *builder) basis(real bool) string {
	terms := "Cash terms"
	if real {
		terms = "Real terms"
	}
	ill := "Not illustrative: from the input given"
	if illustrative(b.in) {
		ill = "Illustrative scenario"
	}
	return fmt.Sprintf("%s, £. %s. Prepared %s by carecast.", terms, ill, b.in.Provenance.Prepared.Long())
}

// fullRooms finds the first financial year, wholly within the horizon,
// in which every day has the most rooms the scheme ever has. ok is false
// when there is none.
func fullRooms(r *carecast.Result) (year int, rooms int, ok bool) {
	for _, m := range r.Months {
		for _, s := range m.Stretches {
			rooms = max(rooms, s.Rooms)
		}
	}
	if rooms == 0 {
		return 0, 0, false
	}
	for i, y := range r.Years {
		if y.Last-y.First != 11 {
			continue
		}
		all := true
		for _, m := range r.Months[y.First : y.Last+1] {
			for _, s := range m.Stretches {
				if s.Rooms != rooms {
					all = false
				}
			}
		}
		if all {
			return i, rooms, true
		}
	}
	return 0, rooms, false
}

// commitment describes a council's pledges: the annual amounts, the first
// and last months paid and the number of financial years with a pledge.
type commitment struct {
	low, high   carecast.Money // annual amounts
	first, last carecast.Date  // first day of the first month paid, last day of the last
	years       int
	total       carecast.Money
}

func councilCommitment(r *carecast.Result, c int) (commitment, bool) {
	var k commitment
	found := false
	for _, p := range r.Scenario.Pledges {
		if p.Council != c || p.AnnualAmount.IsZero() {
			continue
		}
		if !found || p.AnnualAmount.Cmp(k.low) < 0 {
			k.low = p.AnnualAmount
		}
		if !found || p.AnnualAmount.Cmp(k.high) > 0 {
			k.high = p.AnnualAmount
		}
		found = true
	}
	k.total = r.Councils[c].Total.Pledges
	firstM, lastM := -1, -1
	for _, m := range r.Months {
		if !m.Councils[c].Pledges.IsZero() {
			if firstM < 0 {
				firstM = m.Index
			}
			lastM = m.Index
		}
	}
	if firstM >= 0 {
		k.first, k.last = r.Months[firstM].Start, r.Months[lastM].End
	}
	for _, y := range r.Councils[c].Years {
		if !y.Pledges.IsZero() {
			k.years++
		}
	}
	return k, found && firstM >= 0
}

// breakEven is the occupancy of the rooms, every council's use scaled
// alike, at which a council's savings over the horizon come to zero. Its
// spot purchasing avoided and used block cost scale with occupancy; the
// block cost does not, so its share of the empty rooms falls as occupancy
// rises: savings(λ) = λ·A − F, with A = Σ (spot avoided − used block +
// share × the consortium's used block) and F = Σ share × (block cost +
// running costs − grants), month by month. ok is false when savings do not
// rise with occupancy.
func breakEven(r *carecast.Result, c int) (occ decimal.Decimal, ok bool) {
	var a, f decimal.Decimal
	for _, m := range r.Months {
		cm := m.Councils[c]
		a = a.Add(cm.SpotAvoided.Decimal()).Sub(cm.UsedBlock.Decimal()).Add(cm.Share.Mul(m.UsedBlock.Decimal()))
		f = f.Add(cm.Share.Mul(m.BlockCost.Add(m.OtherCosts).Sub(m.Grants).Decimal()))
	}
	t := r.Total
	if a.Sign() <= 0 || t.CapacityRoomDays.Sign() <= 0 {
		return decimal.Zero, false
	}
	return carecast.DivRound(f.Mul(t.OccupiedRoomDays), a.Mul(t.CapacityRoomDays), 10), true
}

func (b *builder) summary() {
	r := b.res
	a := r.Scenario.Assumptions
	t := r.Total
	b.h1("Summary")
	years := plural(a.Years, "year", "years")
	if b.isCouncil() {
		c := b.cr()
		if k, ok := councilCommitment(r, b.council); ok {
			rate := k.high.Format() + " a year"
			if !k.low.Equal(k.high) {
				rate = "between " + k.low.Format() + " and " + k.high.Format() + " a year"
			}
			b.np("Joining commits %s to pledges into the pooled fund of %s from %s to %s, %s over %s. The pledges are revenue spending, from the children's placements budget.",
				c.Council.Label(), rate, k.first.Long(), k.last.Long(), millions(k.total), plural(k.years, "financial year", "financial years"))
		} else {
			b.np("%s makes no pledge into the pooled fund over the horizon.", c.Council.Label())
		}
		b.np("Over the %s to %s the council's savings are forecast at %s: spot purchasing avoided of %s less an attributed cost of %s. Their net present value is %s (real terms, at the HM Treasury Green Book discount rate of %s).",
			years, r.End.Long(), millions(c.Total.Savings), millions(c.Total.SpotAvoided), millions(c.Total.AttributedCost), millions(c.NPV), percent(a.DiscountRate))
		if i, rooms, ok := fullRooms(r); ok {
			b.np("Once all %d rooms are in use (from %s), the council saves %s in a full year (%s).",
				rooms, r.Years[i].FY.Start().Long(), millions(c.Years[i].Savings), r.Years[i].FY)
		}
		if occ, ok := breakEven(r, b.council); ok {
			if occ.GreaterThan(decimal.NewFromInt(1)) {
				b.np("The council would not break even at any occupancy: it would need %s of the rooms occupied, more than there are. The forecast assumes %s.", percent(occ), percent(t.OccupancyRate()))
			} else {
				b.np("The council breaks even while at least %s of the rooms are occupied (every council's use scaled alike); the forecast assumes %s. The scheme as a whole breaks even at %s.",
					percent(occ), percent(t.OccupancyRate()), percent(r.BreakEvenOccupancy))
			}
		}
	} else {
		b.np("The %d councils pledge %s into the pooled fund over %s, from revenue; grants add %s.", len(r.Councils), millions(t.Pledges), years, millions(t.Grants))
		b.np("Over the %s to %s the consortium's savings are forecast at %s: spot purchasing avoided of %s less an attributed cost of %s. Their net present value is %s (real terms, at the HM Treasury Green Book discount rate of %s)%s.",
			years, r.End.Long(), millions(t.Savings), millions(t.SpotAvoided), millions(t.AttributedCost), millions(r.NPV), percent(a.DiscountRate), b.optimismBias())
		if i, rooms, ok := fullRooms(r); ok {
			b.np("Once all %d rooms are in use (from %s), the consortium saves %s in a full year (%s).",
				rooms, r.Years[i].FY.Start().Long(), millions(r.Years[i].Savings), r.Years[i].FY)
		}
		if r.BreakEvenDefined {
			b.np("The scheme breaks even while at least %s of the rooms are occupied; the forecast assumes %s.", percent(r.BreakEvenOccupancy), percent(t.OccupancyRate()))
		}
	}
	if sim := b.sim(); sim != nil {
		if b.isCouncil() {
			cs := sim.Councils[b.council]
			b.np("In %s runs of the Monte Carlo appraisal the council made a loss over the horizon in %s (%s). In 8 runs out of 10 its savings lie between %s and %s (P10 and P90; P50 %s).",
				carecast.GroupThousands(fmt.Sprint(sim.Runs)), plural(cs.Losses, "run", "runs"), carecast.RunsPercent(cs.Losses, sim.Runs), millions(cs.Savings.P10), millions(cs.Savings.P90), millions(cs.Savings.P50))
		} else {
			b.np("In %s runs of the Monte Carlo appraisal the consortium made a loss over the horizon in %s (%s). In 8 runs out of 10 its savings lie between %s and %s (P10 and P90; P50 %s).",
				carecast.GroupThousands(fmt.Sprint(sim.Runs)), plural(sim.Losses, "run", "runs"), carecast.RunsPercent(sim.Losses, sim.Runs), millions(sim.Savings.P10), millions(sim.Savings.P90), millions(sim.Savings.P50))
		}
	} else {
		b.np("No appraisal under uncertainty was run, so the paper gives no chance of a loss.")
	}
	b.widerSummary()
	if b.isCouncil() {
		b.np("Across its %d councils the consortium pledges %s, avoids %s of spot purchasing and saves %s over the horizon (NPV %s%s); %s share of those savings is %s.",
			len(r.Councils), millions(t.Pledges), millions(t.SpotAvoided), millions(t.Savings), millions(r.NPV), b.optimismBias(), possessive(b.cr().Council.Label()), shareOf(b.cr().Total.Savings, t.Savings))
	}
}

// optimismBias is ", £x after optimism bias of y%" when the input sets
// optimism bias, else "".
func (b *builder) optimismBias() string {
	ob := b.res.Scenario.Assumptions.OptimismBias
	if ob.IsZero() {
		return ""
	}
	return fmt.Sprintf("; %s after optimism bias of %s on costs (HM Treasury Green Book)", millions(b.res.NPVAfterOptimismBias), percent(ob))
}

// shareOf is part of whole as a percentage, or "not defined" when the
// whole is not positive.
func shareOf(part, whole carecast.Money) string {
	if whole.Sign() <= 0 {
		return "not defined (the consortium saves nothing)"
	}
	return percent(carecast.DivRound(part.Decimal(), whole.Decimal(), 6))
}

func (b *builder) sens() *carecast.Sensitivity {
	if b.in.Appraisal == nil {
		return nil
	}
	return b.in.Appraisal.Sensitivity
}

func (b *builder) sim() *carecast.Simulation {
	if b.in.Appraisal == nil {
		return nil
	}
	return b.in.Appraisal.Simulation
}

// yearRow is one financial year of Table A: the columns of tableAHeader.
type yearRow struct {
	fy                                                                            string
	pledges, used, voidShare, runningShare, attributed, spot, savings, cumulative carecast.Money
}

var tableAHeader = []string{"Financial year", "Pledges", "Used block cost", "Share of empty rooms", "Share of running costs less grants",
	"Attributed cost", "Spot purchasing avoided", "Savings", "Cumulative savings"}

// councilYears are Table A's rows for council c: its share of the empty
// rooms is the month's void cost shared out by the month's shares (largest
// remainder), and its share of running costs less grants the rest of its
// shared cost, so the two add up to its shared cost month by month and the
// councils add up to the consortium.
func councilYears(r *carecast.Result, c int) (rows []yearRow, total yearRow) {
	var cum carecast.Money
	for i, y := range r.Years {
		row := yearRow{fy: y.FY.String()}
		for _, m := range r.Months[y.First : y.Last+1] {
			cm := m.Councils[c]
			v := m.VoidShares()[c]
			row.voidShare = row.voidShare.Add(v)
			row.runningShare = row.runningShare.Add(cm.SharedCost.Sub(v))
		}
		cy := r.Councils[c].Years[i]
		row.pledges, row.used, row.attributed, row.spot, row.savings = cy.Pledges, cy.UsedBlock, cy.AttributedCost, cy.SpotAvoided, cy.Savings
		cum = cum.Add(cy.Savings)
		row.cumulative = cum
		rows = append(rows, row)
	}
	return rows, sumRows(rows)
}

// consortiumYears are Table A's rows for the consortium: void cost, and
// running costs less grants.
func consortiumYears(r *carecast.Result) (rows []yearRow, total yearRow) {
	var cum carecast.Money
	for _, y := range r.Years {
		cum = cum.Add(y.Savings)
		rows = append(rows, yearRow{fy: y.FY.String(), pledges: y.Pledges, used: y.UsedBlock, voidShare: y.VoidCost,
			runningShare: y.OtherCosts.Sub(y.Grants), attributed: y.AttributedCost, spot: y.SpotAvoided, savings: y.Savings, cumulative: cum})
	}
	return rows, sumRows(rows)
}

func sumRows(rows []yearRow) yearRow {
	t := yearRow{fy: "Total"}
	for _, r := range rows {
		t.pledges = t.pledges.Add(r.pledges)
		t.used = t.used.Add(r.used)
		t.voidShare = t.voidShare.Add(r.voidShare)
		t.runningShare = t.runningShare.Add(r.runningShare)
		t.attributed = t.attributed.Add(r.attributed)
		t.spot = t.spot.Add(r.spot)
		t.savings = t.savings.Add(r.savings)
		t.cumulative = r.cumulative
	}
	return t
}

func (y yearRow) cells() []string {
	return []string{y.fy, y.pledges.FormatAmount(), y.used.FormatAmount(), y.voidShare.FormatAmount(), y.runningShare.FormatAmount(),
		y.attributed.FormatAmount(), y.spot.FormatAmount(), y.savings.FormatAmount(), y.cumulative.FormatAmount()}
}

func yearTable(id, title string, rows []yearRow, total yearRow, consortium bool) *Table {
	h := append([]string(nil), tableAHeader...)
	if consortium {
		h[3], h[4] = "Void cost (empty rooms)", "Running costs less grants"
	}
	for i := 1; i < len(h); i++ {
		h[i] += " (£)"
	}
	t := &Table{ID: id, Title: title, Header: h, Right: rightFrom(1, len(h)), Widths: []int{8, 11, 11, 11, 11, 11, 11, 11, 11},
		Summary: "One row per financial year and a total row; amounts in pounds, negatives in brackets."}
	for _, r := range rows {
		t.Rows = append(t.Rows, r.cells())
	}
	t.Totals = [][]string{total.cells()}
	return t
}

// rightFrom right-aligns columns from..n-1.
func rightFrom(from, n int) []bool {
	r := make([]bool, n)
	for i := from; i < n; i++ {
		r[i] = true
	}
	return r
}

func (b *builder) financial() {
	r := b.res
	b.h1("Financial implications")
	if b.isCouncil() {
		rows, total := councilYears(r, b.council)
		b.np("Table A sets out the council's figures by financial year. Its attributed cost is the block cost of the rooms its children use, its share of the empty rooms, and its share of the running costs less grants; its savings are the spot purchasing that its use of the rooms avoids, less that cost.")
		b.add(yearTable("Table A", b.cr().Council.Label()+" by financial year", rows, total, false))
		b.note("Attributed cost = used block cost + share of empty rooms + share of running costs less grants. Savings = spot purchasing avoided - attributed cost. Shares are by pledges (docs/methodology.md §4 and §5).")
		b.np("Table B sets out the council's position in the pooled fund: what it has paid in less the cost attributed to it, and the settlement at the end.")
		b.add(b.positionTable())
	} else {
		rows, total := consortiumYears(r)
		b.np("Table A sets out the consortium's figures by financial year.")
		b.add(yearTable("Table A", "The consortium by financial year", rows, total, true))
		b.note("Attributed cost = used block cost + void cost + running costs less grants = block cost + running costs - grants. Savings = spot purchasing avoided - attributed cost (docs/methodology.md §4).")
		b.np("Table B sets out each council's position in the pooled fund and its settlement at the end.")
		b.add(b.positionsTable())
	}
	if s := b.sens(); s != nil {
		b.np("Table C tests the consortium's savings over the horizon against each risk factor at the low and high ends of its range, the others as forecast. The switching value is the value of the factor at which the savings would fall to nil.")
		b.add(sensitivityTable(s))
	}
	if sim := b.sim(); sim != nil {
		b.np("Table D gives the spread of outcomes over %s runs of the Monte Carlo appraisal (seed %d): P10 is the value that 1 run in 10 falls below, P90 the value that 1 in 10 exceeds.",
			carecast.GroupThousands(fmt.Sprint(sim.Runs)), sim.Seed)
		b.add(b.percentilesTable(sim))
	}
	if b.isCouncil() {
		b.np("The consortium's figures by financial year are in Appendix A.")
	}
}

// positionTable is Table B for a council: by financial year, its pledges,
// attributed cost and its position in the fund at the year's end.
func (b *builder) positionTable() *Table {
	r := b.res
	c := b.cr()
	t := &Table{ID: "Table B", Title: c.Council.Label() + ": position in the pooled fund",
		Header: []string{"Financial year", "Pledges (£)", "Attributed cost (£)", "Pledges less attributed cost (£)", "Position in the fund at the year's end (£)"},
		Right:  rightFrom(1, 5), Widths: []int{12, 22, 22, 22, 22},
		Summary: "One row per financial year; the opening position, the closing position and the settlement follow. A positive position is money the fund owes the council."}
	t.Rows = append(t.Rows, []string{"Opening", "", "", "", c.OpeningPosition.FormatAmount()})
	var p, a carecast.Money
	for i, y := range r.Years {
		cy := c.Years[i]
		p, a = p.Add(cy.Pledges), a.Add(cy.AttributedCost)
		t.Rows = append(t.Rows, []string{y.FY.String(), cy.Pledges.FormatAmount(), cy.AttributedCost.FormatAmount(), cy.Pledges.Sub(cy.AttributedCost).FormatAmount(),
			r.Months[y.Last].Councils[b.council].Position.FormatAmount()})
	}
	t.Totals = [][]string{{"Total", p.FormatAmount(), a.FormatAmount(), p.Sub(a).FormatAmount(), c.ClosingPosition.FormatAmount()}}
	if r.Scenario.Assumptions.SettleAtEnd {
		t.Totals = append(t.Totals, []string{"Settlement at the end", "", "", "", c.Settlement.FormatAmount()})
	} else {
		t.Totals = append(t.Totals, []string{"Settlement at the end", "", "", "", "none: the fund is not settled"})
	}
	return t
}

// positionsTable is Table B for the consortium: each council's position
// and settlement.
func (b *builder) positionsTable() *Table {
	r := b.res
	t := &Table{ID: "Table B", Title: "Positions in the pooled fund and settlements",
		Header: []string{"Council", "Opening position (£)", "Pledges (£)", "Attributed cost (£)", "Closing position (£)", "Settlement (£)"},
		Right:  rightFrom(1, 6), Widths: []int{20, 16, 16, 16, 16, 16},
		Summary: "One row per council and a consortium total. A positive position or settlement is money the fund pays back to the council."}
	var o, p, a, cl, s carecast.Money
	for _, c := range r.Councils {
		t.Rows = append(t.Rows, []string{c.Council.Label(), c.OpeningPosition.FormatAmount(), c.Total.Pledges.FormatAmount(), c.Total.AttributedCost.FormatAmount(), c.ClosingPosition.FormatAmount(), c.Settlement.FormatAmount()})
		o, p, a, cl, s = o.Add(c.OpeningPosition), p.Add(c.Total.Pledges), a.Add(c.Total.AttributedCost), cl.Add(c.ClosingPosition), s.Add(c.Settlement)
	}
	t.Totals = [][]string{{"Consortium", o.FormatAmount(), p.FormatAmount(), a.FormatAmount(), cl.FormatAmount(), s.FormatAmount()}}
	return t
}

func sensitivityTable(s *carecast.Sensitivity) *Table {
	t := &Table{ID: "Table C", Title: "Sensitivity of the consortium's savings over the horizon, with switching values",
		Header: []string{"Risk factor", "Low", "High", "Savings at low (£)", "Savings at high (£)", "Swing (£)", "Switching value"},
		Right:  []bool{false, true, true, true, true, true, true}, Widths: []int{16, 10, 10, 16, 16, 16, 16},
		Summary: "One row per risk factor, largest swing first."}
	for _, f := range s.Factors {
		t.Rows = append(t.Rows, []string{f.Factor.Label(), f.Factor.FormatValue(f.Low), f.Factor.FormatValue(f.High),
			f.AtLow.Savings.FormatAmount(), f.AtHigh.Savings.FormatAmount(), f.Swing.FormatAmount(), f.SwitchingText()})
	}
	t.Totals = [][]string{{"As forecast", "", "", s.Central.Savings.FormatAmount(), s.Central.Savings.FormatAmount(), "", ""}}
	return t
}

func (b *builder) percentilesTable(sim *carecast.Simulation) *Table {
	t := &Table{ID: "Table D", Title: "Monte Carlo appraisal: P10, P50 and P90",
		Header: []string{"Outcome over the horizon", "P10 (£)", "P50 (£)", "P90 (£)", "Mean (£)", "Chance of a loss"},
		Right:  rightFrom(1, 6), Widths: []int{24, 16, 16, 16, 16, 12},
		Summary: "Savings and NPV over the horizon at the 10th, 50th and 90th percentiles of the runs."}
	row := func(label string, p carecast.Percentiles, loss string) []string {
		return []string{label, p.P10.FormatAmount(), p.P50.FormatAmount(), p.P90.FormatAmount(), p.Mean.FormatAmount(), loss}
	}
	if b.isCouncil() {
		cs := sim.Councils[b.council]
		t.Rows = append(t.Rows, row(b.cr().Council.Label()+": savings", cs.Savings, carecast.RunsPercent(cs.Losses, sim.Runs)),
			row(b.cr().Council.Label()+": NPV", cs.NPV, ""))
	}
	t.Rows = append(t.Rows, row("Consortium: savings", sim.Savings, carecast.RunsPercent(sim.Losses, sim.Runs)), row("Consortium: NPV", sim.NPV, ""))
	return t
}

func (b *builder) options() {
	b.h1("Options considered")
	if len(b.in.Options) == 0 {
		b.np("No options were given in the input: this paper appraises the scheme as given against business as usual (spot purchasing every placement). HM Treasury's Green Book asks for at least business as usual, a do-minimum, the preferred option and one more viable alternative; give them in the input's Options sheet to compare them here.")
	} else {
		te := b.optionsTable()
		b.np("%s compares the scheme as given in the input (the base case, on which every other figure in this paper rests) with each option of the input's Options sheet and with business as usual, spot purchasing every placement. An option's savings are its savings against business as usual; business as usual saves nothing by definition, and its cost is the spot purchasing the base case's placements would need.", te.ID)
		b.add(te)
		if b.isCouncil() {
			tc := b.councilOptionsTable()
			b.np("%s gives %s own figures under each option.", tc.ID, possessive(b.cr().Council.Label()))
			b.add(tc)
		}
		for _, o := range b.in.Options {
			if o.Description != "" {
				b.np("%s: %s", o.Name, o.Description)
			}
		}
		b.np("The input marks no option as preferred: the base case is the scheme proposed.")
	}
	b.sizing()
	b.bedTrading()
	if len(b.in.Options) == 0 {
		b.prompt("the options considered and the reasons for rejecting each option not preferred")
	} else {
		b.prompt("which option is preferred, and the reasons for rejecting each of the others")
	}
}

// optionsTable is Table E: business as usual, the base case and each
// option, for the consortium over the horizon.
func (b *builder) optionsTable() *Table {
	r := b.res
	h := []string{"Option", "Attributed cost (£)", "Spot purchasing avoided (£)", "Savings (£)", "NPV (£)", "NPV after optimism bias (£)", "Break-even occupancy", "Wider benefits (£, not in savings)"}
	title := "Options against business as usual, over the horizon"
	if b.isCouncil() {
		title = "Options against business as usual: the consortium over the horizon"
	}
	t := &Table{ID: b.optionsTableID(), Title: title, Header: h, Right: rightFrom(1, len(h)), Widths: []int{16, 12, 13, 12, 12, 13, 9, 13},
		Summary: "One row per option, business as usual first, then the base case and the input's options."}
	zero := carecast.Money{}.FormatAmount()
	t.Rows = append(t.Rows, []string{carecast.BusinessAsUsual, r.Total.SpotAvoided.FormatAmount(), zero, zero, zero, zero, "", zero})
	row := func(name string, res *carecast.Result) []string {
		be := "not defined"
		if res.BreakEvenDefined {
			be = percent(res.BreakEvenOccupancy)
		}
		var wider carecast.Money
		for _, wr := range res.Wider {
			wider = wider.Add(wr.Value)
		}
		return []string{name, res.Total.AttributedCost.FormatAmount(), res.Total.SpotAvoided.FormatAmount(), res.Total.Savings.FormatAmount(), res.NPV.FormatAmount(), res.NPVAfterOptimismBias.FormatAmount(), be, wider.FormatAmount()}
	}
	t.Rows = append(t.Rows, row(carecast.BaseCaseName+" (as proposed)", r))
	for _, o := range b.in.Options {
		t.Rows = append(t.Rows, row(o.Name, o.Result))
	}
	return t
}

// councilOptionsTable is a council's own figures under business as usual,
// the base case and each option ("takes no part" where an option leaves it
// out).
func (b *builder) councilOptionsTable() *Table {
	c := b.cr()
	code := c.Council.Code
	t := &Table{ID: b.optionsTableID(), Title: "Options against business as usual: " + c.Council.Label() + " over the horizon",
		Header: []string{"Option", "Attributed cost (£)", "Spot purchasing avoided (£)", "Savings (£)", "NPV (£)"},
		Right:  rightFrom(1, 5), Widths: []int{28, 18, 18, 18, 18},
		Summary: "One row per option, business as usual first, then the base case and the input's options: the council's own figures."}
	zero := carecast.Money{}.FormatAmount()
	t.Rows = append(t.Rows, []string{carecast.BusinessAsUsual, c.Total.SpotAvoided.FormatAmount(), zero, zero, zero})
	row := func(name string, res *carecast.Result) []string {
		for _, rc := range res.Councils {
			if rc.Council.Code == code {
				return []string{name, rc.Total.AttributedCost.FormatAmount(), rc.Total.SpotAvoided.FormatAmount(), rc.Total.Savings.FormatAmount(), rc.NPV.FormatAmount()}
			}
		}
		return []string{name, "takes no part", "takes no part", "takes no part", "takes no part"}
	}
	t.Rows = append(t.Rows, row(carecast.BaseCaseName+" (as proposed)", b.res))
	for _, o := range b.in.Options {
		t.Rows = append(t.Rows, row(o.Name, o.Result))
	}
	return t
}

// quantity is a number of units to two places with thousands separators.
func quantity(d decimal.Decimal) string { return carecast.GroupThousands(d.StringFixed(2)) }

// widerFor is a wider benefit's quantity, value and present value for the
// paper's subject.
func (b *builder) widerFor(w carecast.WiderResult) (q decimal.Decimal, v, pv carecast.Money) {
	if b.isCouncil() && b.council < len(w.Councils) {
		c := w.Councils[b.council]
		return c.Quantity, c.Value, c.PresentValue
	}
	return w.Quantity, w.Value, w.PresentValue
}

func (b *builder) widerSummary() {
	ws := b.res.Wider
	if len(ws) == 0 {
		b.np("No wider benefits were given in the input: the savings above are cashable savings only.")
		return
	}
	var parts []string
	for _, w := range ws {
		q, v, _ := b.widerFor(w)
		parts = append(parts, fmt.Sprintf("%s, %s %s worth %s to %s", w.Benefit.Measure, quantity(q), w.Benefit.Unit, millions(v), w.Benefit.Bearer))
	}
	b.np("Apart from the cashable savings, and never added to them, the scheme's wider benefits for %s over the horizon are: %s (Table F).", b.name(), strings.Join(parts, "; "))
}

func (b *builder) wider() {
	b.h1("Wider benefits")
	ws := b.res.Wider
	if len(ws) == 0 {
		b.np("No wider benefits were given in the input. Benefits such as fewer missing-person episodes for children placed nearer home (a missing-person investigation costs £1,325 to £2,415, University of Portsmouth 2012) are kept apart from the cashable savings and never added to them; give them in the input's WiderBenefits sheet, with their bearer and source.")
		b.prompt("the non-cashable benefits to children and families, and who bears them")
		return
	}
	b.np("Table F sets out the wider benefits given in the input, for %s, by measure: each occupied block room-year brings the stated quantity, valued at its unit value in real terms. They are reported apart from the cashable savings and are never added to savings, NPV or any cash figure (docs/methodology.md §10).", b.name())
	t := &Table{ID: "Table F", Title: "Wider benefits over the horizon, apart from the cashable savings",
		Header: []string{"Measure", "Unit", "Bearer", "Source", "Quantity", "Value (£)", "Present value (£)"},
		Right:  []bool{false, false, false, false, true, true, true}, Widths: []int{18, 10, 14, 22, 10, 13, 13},
		Summary: "One row per wider benefit, with who bears it and the source of its value."}
	for _, w := range ws {
		q, v, pv := b.widerFor(w)
		t.Rows = append(t.Rows, []string{w.Benefit.Measure, w.Benefit.Unit, w.Benefit.Bearer, w.Benefit.Source, quantity(q), v.FormatAmount(), pv.FormatAmount()})
	}
	b.add(t)
	b.prompt("the non-cashable benefits to children and families that are not measured here, and who bears them")
}

func (b *builder) risks() {
	b.h1("Risks")
	s := b.sens()
	if s == nil {
		b.np("No sensitivity analysis was run, so no risk is tied to a switching value.")
		b.prompt("the risks and their mitigation")
		return
	}
	b.np("Each risk below is a factor of the appraisal, tested over its range with the others as forecast; the switching value is where the consortium's savings over the horizon would fall to nil.")
	for _, f := range s.Factors {
		sv := "does not remove the savings within the range searched (" + f.Factor.FormatValue(f.Switching.SearchLow) + " to " + f.Factor.FormatValue(f.Switching.SearchHigh) + ")"
		if f.Switching.Found {
			sv = "would remove the savings at a switching value of " + f.SwitchingText()
			if f.Switching.Value.GreaterThanOrEqual(f.Low) && f.Switching.Value.LessThanOrEqual(f.High) {
				sv += ", within the range tested: a material risk"
			}
		}
		b.np("%s (%s to %s): the consortium's savings range from %s to %s; the factor %s.",
			f.Factor.Label(), f.Factor.FormatValue(f.Low), f.Factor.FormatValue(f.High), millions(f.AtLow.Savings), millions(f.AtHigh.Savings), sv)
	}
	b.prompt("how each material risk is mitigated, and who owns it")
}

func (b *builder) implications() {
	b.h1("Legal, equalities and other implications")
	b.prompt("legal implications (the partnership agreement and the pooled fund under section 75 of the National Health Service Act 2006 or section 10 of the Children Act 2004, as the council's lawyers advise)")
	b.prompt("equalities implications and the public sector equality duty (Equality Act 2010, section 149)")
	b.prompt("other implications: safeguarding, corporate parenting, staffing, procurement")
}

func (b *builder) methodology() {
	a := b.res.Scenario.Assumptions
	b.h1("Methodology and sources")
	b.np("The figures are forecast by carecast month by month and added up by UK financial year; every total is a sum of monthly pence, so councils add up to the consortium and months to years (docs/methodology.md §4 and §5).")
	b.np("Each council's share of the empty rooms and of the running costs less grants is by its pledges, shared out month by month by the largest remainder method so that the parts add up to the penny (docs/methodology.md §5). The pooled fund receives pledges and grants and pays for the rooms and running costs; each council's position is what it has paid in less the cost attributed to it, settled at the end (docs/methodology.md §6).")
	b.np("The net present value discounts the savings in real terms at %s a year (HM Treasury Green Book) after a deflator of %s; break-even occupancy is the occupancy at which savings over the horizon fall to nil (docs/methodology.md §7).", percent(a.DiscountRate), percent(a.Deflator))
	if b.in.Appraisal != nil {
		b.np("The sensitivity analysis moves each risk factor to the ends of its range with the others as forecast; the Monte Carlo appraisal draws every factor from its distribution and reports percentiles as Excel's PERCENTILE.INC computes them (docs/methodology.md §8).")
	}
	b.np("Sources of the default figures are listed in docs/methodology.md §14.")
}

func (b *builder) provenance() {
	pv := b.in.Provenance
	b.h1("Provenance")
	t := &Table{ID: "Table G", Title: "What made this paper", Header: []string{"Item", "Value"}, Widths: []int{30, 70},
		Summary: "The version of carecast, the input and its SHA-256, and the prepared date."}
	t.Rows = append(t.Rows, []string{"carecast version", pv.Version}, []string{"Input", pv.InputLabel()})
	for _, d := range pv.Digests {
		t.Rows = append(t.Rows, []string{"SHA-256 of " + d.Name, d.SHA256})
	}
	t.Rows = append(t.Rows, []string{"Scenario", b.res.Scenario.Assumptions.Scenario}, []string{"Prepared", pv.Prepared.Long()})
	if sim := b.sim(); sim != nil {
		t.Rows = append(t.Rows, []string{"Monte Carlo", fmt.Sprintf("%s runs, seed %d", carecast.GroupThousands(fmt.Sprint(sim.Runs)), sim.Seed)})
	}
	b.add(t)
}

func (b *builder) appendix() {
	r := b.res
	b.add(PageBreak{})
	b.add(Heading{Level: 1, Text: "Appendix A: the consortium"})
	if b.isCouncil() {
		rows, total := consortiumYears(r)
		b.add(yearTable("Table A1", "The consortium by financial year", rows, total, true))
	}
	t := &Table{ID: "Table A2", Title: "Each council over the horizon",
		Header: []string{"Council", "Pledges (£)", "Attributed cost (£)", "Spot purchasing avoided (£)", "Savings (£)", "NPV (£)", "Settlement (£)"},
		Right:  rightFrom(1, 7), Widths: []int{16, 14, 14, 14, 14, 14, 14},
		Summary: "One row per council and a consortium total."}
	for _, c := range r.Councils {
		t.Rows = append(t.Rows, []string{c.Council.Label(), c.Total.Pledges.FormatAmount(), c.Total.AttributedCost.FormatAmount(), c.Total.SpotAvoided.FormatAmount(), c.Total.Savings.FormatAmount(), c.NPV.FormatAmount(), c.Settlement.FormatAmount()})
	}
	var set carecast.Money
	for _, c := range r.Councils {
		set = set.Add(c.Settlement)
	}
	tt := r.Total
	t.Totals = [][]string{{"Consortium", tt.Pledges.FormatAmount(), tt.AttributedCost.FormatAmount(), tt.SpotAvoided.FormatAmount(), tt.Savings.FormatAmount(), r.NPV.FormatAmount(), set.FormatAmount()}}
	b.add(t)
}
