package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

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

// yearTable is Appendix A's table by financial year for council c (c <
// 0: the consortium's), to the penny (reports.CouncilByYear, without its
// running total).
func yearTable(r *carecast.Result, c int) *Table {
	t := fromReport(reports.CouncilByYear(r, c, toPenny).Select(span(0, 7)...), []int{8, 13, 13, 13, 13, 13, 14, 13},
		"One row per financial year and a total row; amounts in pounds, negatives in brackets.")
	t.Header[0] = carecast.LabelYear
	return t
}

// span is the indices from..to.
func span(from, to int) []int {
	var out []int
	for j := from; j <= to; j++ {
		out = append(out, j)
	}
	return out
}

// rightFrom right-aligns columns from..n-1.
func rightFrom(from, n int) []bool {
	r := make([]bool, n)
	for i := from; i < n; i++ {
		r[i] = true
	}
	return r
}

// positionTable is Table B for a council (reports.PositionByYear): by
// financial year, its pledges, attributed cost and its position in the
// fund at the year's end.
func (b *builder) positionTable() *Table {
	return fromReport(reports.PositionByYear(b.res, b.council, toPenny), []int{12, 22, 22, 22, 22},
		"One row per financial year; the opening position, the closing position and the settlement follow. A positive position is money the fund owes the council.")
}

// positionsTable is Table B for the consortium (reports.Positions): each
// council's position and settlement.
func (b *builder) positionsTable() *Table {
	return fromReport(reports.Positions(b.res, toPenny), []int{20, 16, 16, 16, 16, 16},
		"One row per council and a consortium total. A positive position or settlement is money the fund pays back to the council.")
}

func (b *builder) sensitivityTable(s *carecast.Sensitivity) *Table {
	fb := b.res.FactorBasis()
	t := &Table{Title: "Sensitivity of the scheme's savings over the term, with switching values",
		Header: []string{"Risk factor", "Low", "High", "Savings at low (£)", "Savings at high (£)", "Swing (£)", "Switching value"},
		Right:  []bool{false, true, true, true, true, true, true}, Widths: []int{12, 14, 14, 13, 13, 13, 21},
		Summary: "One row per risk factor, largest swing first; values in the factor's own unit."}
	for _, f := range s.Factors {
		sw := "not within range"
		if f.Switching.Found {
			sw = fb.Value(f.Factor, f.Switching.Value, false)
		}
		t.Rows = append(t.Rows, []string{f.Factor.Label(), fb.Value(f.Factor, f.Low, false), fb.Value(f.Factor, f.High, false),
			f.AtLow.Savings.FormatAmount(), f.AtHigh.Savings.FormatAmount(), f.Swing.FormatAmount(), sw})
	}
	t.Totals = [][]string{{"As forecast", "", "", s.Central.Savings.FormatAmount(), s.Central.Savings.FormatAmount(), "", ""}}
	return t
}

func (b *builder) percentilesTable(sim *carecast.Simulation) *Table {
	t := &Table{Title: "Monte Carlo appraisal: P10, P50 and P90",
		Header: []string{"Outcome over the horizon", "P10 (£)", "P50 (£)", "P90 (£)", "Mean (£)", carecast.LabelChanceOfLoss},
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

// optionsTable is business as usual, the base case and each option, for
// the consortium over the term, to the penny (reports.OptionsCompared).
func (b *builder) optionsTable() *Table {
	r := b.res
	rate := r.Scenario.Assumptions.OptimismBias
	same := true
	for _, o := range b.in.Options {
		same = same && o.Result.Scenario.Assumptions.OptimismBias.Equal(rate)
	}
	w := []int{12, 14, 14, 14, 15, 16, 15}
	if !same {
		w = []int{14, 13, 13, 12, 12, 13, 9, 14}
	}
	pref := b.preferred()
	row := func(name string, res *carecast.Result) reports.OptionFigures {
		if pref != "" && strings.EqualFold(name, pref) {
			name += " (preferred)"
		}
		return reports.OptionFigures{Name: name, TakesPart: true, BAUCost: res.Total.SpotAvoided, Savings: res.Total.Savings, NPV: res.NPV,
			NPVAfterOptimismBias: res.NPVAfterOptimismBias, WiderPresentValue: res.WiderPresentValue, OptimismBias: res.Scenario.Assumptions.OptimismBias}
	}
	os := []reports.OptionFigures{{Name: carecast.BusinessAsUsual, BAU: true, TakesPart: true, BAUCost: r.Total.SpotAvoided}, row(carecast.BaseCaseName, r)}
	for _, o := range b.in.Options {
		os = append(os, row(o.Name, o.Result))
	}
	t := fromReport(reports.OptionsCompared("Options: the consortium over the term", os, reports.OptionColumns{AfterBias: true, Bias: !same, Wider: true}, toPenny), w,
		"One row per option, business as usual first, then the base case and the input's options.")
	if same {
		t.Summary += fmt.Sprintf(" Every option carries optimism bias of %s on the scheme's costs.", percent(rate))
	}
	return t
}

// councilOptionsTable is a council's own figures under business as usual,
// the base case and each option ("takes no part" where an option leaves it
// out), to the penny (reports.OptionsCompared).
func (b *builder) councilOptionsTable() *Table {
	var os []reports.OptionFigures
	for _, o := range b.optionsOf() {
		os = append(os, o.figures(o.name))
	}
	t := fromReport(reports.OptionsCompared("Options: "+b.cr().Council.Label()+" over the term", os, reports.OptionColumns{}, toPenny), []int{28, 18, 18, 18, 18},
		"One row per option, business as usual first, then the base case and the input's options: the council's own figures.")
	for _, row := range t.Rows {
		if row[1] == "takes no part" {
			for j := 2; j < len(row); j++ {
				row[j] = row[1]
			}
		}
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

// appendices are the figures to the penny, the consortium and the
// options in detail, the charts, and the method and provenance.
func (b *builder) appendices() {
	r := b.res
	if b.isCouncil() {
		b.startAppendix("A", possessive(b.cr().Council.Label())+" figures to the penny")
		b.table(yearTable(r, b.council))
		b.note("Attributed cost = used block cost + share of empty rooms + share of running costs less grants. Savings = spot purchasing avoided - attributed cost. Shares are by pledges (docs/methodology.md §4 and §5).")
		b.table(b.positionTable())
	} else {
		b.startAppendix("A", "The consortium's figures to the penny")
		b.table(yearTable(r, -1))
		b.note("Attributed cost = used block cost + void cost + running costs less grants = block cost + running costs - grants. Savings = spot purchasing avoided - attributed cost (docs/methodology.md §4).")
		b.table(b.positionsTable())
	}
	if s := b.sens(); s != nil {
		b.table(b.sensitivityTable(s))
	}
	if sim := b.sim(); sim != nil {
		b.table(b.percentilesTable(sim))
		b.note("%s runs of the Monte Carlo appraisal, seed %d. P10 is the value that 1 run in 10 falls below, P90 the value that 1 in 10 exceeds; percentiles as Excel's PERCENTILE.INC computes them.", carecast.GroupThousands(fmt.Sprint(sim.Runs)), sim.Seed)
	}

	b.startAppendix("B", "The consortium and the options")
	if b.isCouncil() {
		b.table(yearTable(r, -1))
	}
	b.table(b.eachCouncilTable())
	b.table(b.optionsTable())
	b.note("Cost under business as usual: what the placements each option serves would cost spot-purchased. %s Wider benefits at their present value (real terms), never added to savings.", b.obNote())
	if b.isCouncil() && len(b.in.Options) > 0 {
		b.table(b.councilOptionsTable())
	}
	if len(r.Wider) > 0 {
		b.table(b.widerTable())
	}
	b.sizingAppendix()
	b.bedTradingAppendix()

	b.startAppendix("C", "Charts")
	b.charts()

	b.startAppendix("D", "Method and provenance")
	b.methodology()
	b.provenance()
}

// eachCouncilTable is each council over the term, with the consortium
// (reports.ByCouncil).
func (b *builder) eachCouncilTable() *Table {
	rt := reports.ByCouncil(b.res, toPenny).Select(0, 1, 4, 5, 6, 7, 8)
	rt.Title = "Each council over the term"
	rt.Totals[0][0] = reports.Text(carecast.LabelConsortium)
	return fromReport(rt, []int{16, 14, 14, 14, 14, 14, 14}, "One row per council and a consortium total.")
}

// widerTable is the wider benefits, by measure, for the paper's subject
// (reports.WiderOf).
func (b *builder) widerTable() *Table {
	return fromReport(reports.WiderOf(b.res, b.council, toPenny), []int{16, 12, 13, 23, 10, 13, 13},
		"One row per wider benefit, with who bears it and the source of its value.")
}

func (b *builder) methodology() {
	a := b.res.Scenario.Assumptions
	b.text("The figures are forecast by carecast month by month and added up by UK financial year; every total is a sum of monthly pence, so councils add up to the consortium and months to years (docs/methodology.md §4 and §5).")
	b.text("Each council's share of the empty rooms and of the running costs less grants is by its pledges, shared out month by month by the largest remainder method so that the parts add up to the penny (docs/methodology.md §5). The pooled fund receives pledges and grants and pays for the rooms and running costs; each council's position is what it has paid in less the cost attributed to it, settled at the end (docs/methodology.md §6).")
	b.text("The net present value discounts the savings in real terms at %s a year (HM Treasury Green Book) after a deflator of %s; break-even occupancy is the occupancy at which savings over the term fall to nil (docs/methodology.md §7).", percent(a.DiscountRate), percent(a.Deflator))
	if b.in.Appraisal != nil {
		b.text("The sensitivity analysis moves each risk factor to the ends of its range with the others as forecast; the Monte Carlo appraisal draws every factor from its distribution and reports percentiles as Excel's PERCENTILE.INC computes them (docs/methodology.md §8).")
	}
	b.text("Sources of the default figures are listed in docs/methodology.md §14.")
}

func (b *builder) provenance() {
	pv := b.in.Provenance
	t := &Table{Title: "What made this paper", Header: []string{"Item", "Value"}, Widths: []int{30, 70},
		Summary: "The version of carecast, the input and its SHA-256, and the prepared date."}
	t.Rows = append(t.Rows, []string{"carecast version", pv.Version}, []string{"Input", pv.InputLabel()})
	for _, d := range pv.Digests {
		t.Rows = append(t.Rows, []string{"SHA-256 of " + d.Name, d.SHA256})
	}
	t.Rows = append(t.Rows, []string{"Scenario", b.res.Scenario.Assumptions.Scenario}, []string{"Prepared", pv.Prepared.Long()})
	if sim := b.sim(); sim != nil {
		t.Rows = append(t.Rows, []string{"Monte Carlo", fmt.Sprintf("%s runs, seed %d", carecast.GroupThousands(fmt.Sprint(sim.Runs)), sim.Seed)})
	}
	b.table(t)
}

// obNote says what optimism bias the options carry.
func (b *builder) obNote() string {
	rate := b.res.Scenario.Assumptions.OptimismBias
	for _, o := range b.in.Options {
		if !o.Result.Scenario.Assumptions.OptimismBias.Equal(rate) {
			return "The options' optimism bias differs, as the column shows."
		}
	}
	return fmt.Sprintf("Every option carries optimism bias of %s on the scheme's costs (HM Treasury Green Book).", percent(rate))
}
