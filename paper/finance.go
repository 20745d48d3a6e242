package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The Summary and the Financial implications: what the council pays and
// when, what it avoids, its cash position year by year and the settlement
// at the end, the recurring saving apart from one-off grants, the
// assumptions and the switching values in the assumptions' own units.

// cash is the subject's cash position by financial year: the engine's
// (carecast.CashPosition), the council's or the councils' together.
func (b *builder) cash() *carecast.CashPosition {
	if b.isCouncil() {
		return &b.cr().Cash
	}
	return &b.res.Cash
}

// settlement is what the fund pays the subject at the end (negative: what
// it pays in), and whether the fund is settled.
func (b *builder) settlement() (carecast.Money, bool) {
	if !b.res.Scenario.Assumptions.SettleAtEnd {
		return carecast.Money{}, false
	}
	if b.isCouncil() {
		return b.cr().Settlement, true
	}
	return b.res.Settlement, true
}

// yearSavings are the subject's savings in financial year i, the part of
// them that is its share of one-off grants, and the rest: the recurring
// saving (the engine's).
func (b *builder) yearSavings(i int) (savings, grant, recurring carecast.Money) {
	if b.isCouncil() {
		y := b.cr().Years[i]
		return y.Savings, y.GrantShare, y.SavingsLessGrants()
	}
	y := b.res.Years[i]
	return y.Savings, y.Grants, y.SavingsLessGrants()
}

// prudent is the percentile of the savings the paper budgets on (the
// Paper table's prudent_figure: P50, the median, unless it says P10), its
// label and what it means.
func (b *builder) prudent(p carecast.Percentiles) (carecast.Money, string) {
	if b.field(carecast.PaperPrudentFigure) == "P10" {
		return p.P10, "P10, the savings exceeded in 9 runs out of 10"
	}
	return p.P50, "P50, the median of the runs"
}

// savingsPercentiles are the subject's Monte Carlo savings.
func (b *builder) savingsPercentiles() (carecast.Percentiles, int, bool) {
	sim := b.sim()
	if sim == nil {
		return carecast.Percentiles{}, 0, false
	}
	if b.isCouncil() {
		return sim.Councils[b.council].Savings, sim.Councils[b.council].Losses, true
	}
	return sim.Savings, sim.Losses, true
}

func (b *builder) summary() {
	r := b.res
	a := r.Scenario.Assumptions
	b.h1("Summary")
	others := len(r.Councils) - 1
	if b.isCouncil() {
		c := b.cr()
		b.np("This report asks %s to agree that %s joins %s in commissioning together a block of up to %d rooms in children's homes, for %s from %s.",
			b.meeting(), c.Council.Label(), plural(others, "other council", "other councils"), largestRooms(r.Scenario.Rooms), plural(a.Years, "year", "years"), r.Start.Long())
		if k := c.Commitment; k.Defined {
			rate := pounds(k.High) + " a year"
			if !k.Low.Equal(k.High) {
				rate = "between " + pounds(k.Low) + " and " + pounds(k.High) + " a year"
			}
			b.np("%s would pay %s into the pooled fund from %s to %s: %s over %s, revenue spending from %s.",
				c.Council.Label(), rate, k.First.Long(), k.Last.Long(), millions(c.Total.Pledges), plural(k.Years, "financial year", "financial years"), b.budgetLine())
		} else {
			b.np("%s makes no pledge into the pooled fund over the term.", c.Council.Label())
		}
	} else {
		b.np("This report sets out for the partners' cabinets the joint commissioning by %d councils of a block of up to %d rooms in children's homes, for %s from %s. The councils pledge %s into a pooled fund over the term.",
			len(r.Councils), largestRooms(r.Scenario.Rooms), plural(a.Years, "year", "years"), r.Start.Long(), millions(r.Total.Pledges))
	}
	b.cashSummary()
	b.savingsSummary()
	if i, rooms := r.FullYear, r.MostRooms; i >= 0 {
		fy := r.Years[i].Label()
		sav, grant, rec := b.yearSavings(i)
		if grant.IsZero() {
			b.np("Once all %d rooms are in use (%s), %s saves %s in a full year, a recurring saving.", rooms, fy, b.name(), millions(sav))
		} else {
			b.np("Once all %d rooms are in use (%s), %s saves %s in a full year, but %s of it is %s share of a one-off grant: the recurring saving is about %s a year (Table %s).",
				rooms, fy, b.name(), millions(sav), millions(grant), b.its(), millions(rec), b.savingsTableRef())
		}
	}
	b.breakEvenSummary()
	if b.isCouncil() {
		t := r.Total
		b.np("Across its %d councils the scheme saves %s over the term (NPV %s); %s share is %s.",
			len(r.Councils), millions(t.Savings), millions(r.NPV), possessive(b.cr().Council.Label()), shareOf(b.cr().Total.Savings, t.Savings))
	}
}

// its is "its" or "the consortium's": whose share of a grant.
func (b *builder) its() string {
	if b.isCouncil() {
		return "its"
	}
	return "the councils'"
}

// budgetLine is the budget the pledges come from.
func (b *builder) budgetLine() string {
	if v := b.field(carecast.PaperBudgetLine); v != "" {
		return strings.TrimSuffix(v, ".")
	}
	return "the children's placements budget"
}

// cashSummary says what the subject pays before it gains: its worst year
// for cash, how long it is out of pocket, and the settlement at the end.
func (b *builder) cashSummary() {
	p := b.cash()
	ys := b.res.Years
	who := b.name()
	if !b.isCouncil() {
		who = "The councils together"
	}
	var sb strings.Builder
	if p.Worst >= 0 {
		y := p.Years[p.Worst]
		fmt.Fprintf(&sb, "%s %s before %s gain%s: in %s, %s worst year for cash, %s %s %s and avoid%s %s of spot purchasing, %s out of pocket.",
			who, pay(b.isCouncil()), pronoun(b.isCouncil()), sEnd(b.isCouncil()), ys[p.Worst].Label(), possessivePronoun(b.isCouncil()), pronoun(b.isCouncil()), pay(b.isCouncil()),
			pounds(y.Pledges), sEnd(b.isCouncil()), pounds(y.SpotAvoided), pounds(y.Net))
		if p.Deepest >= 0 {
			fmt.Fprintf(&sb, " Counting every year so far, %s %s most out of pocket at the end of %s, by %s", pronoun(b.isCouncil()), beVerb(b.isCouncil()), ys[p.Deepest].Label(), pounds(p.DeepestAmount))
			if p.BackFrom >= 0 {
				fmt.Fprintf(&sb, ", and back above nil in %s.", ys[p.BackFrom].Label())
			} else {
				sb.WriteString(", and not back above nil before the settlement.")
			}
		}
	} else {
		fmt.Fprintf(&sb, "In every year the spot purchasing %s avoid%s is more than %s pay%s in.", pronoun(b.isCouncil()), sEnd(b.isCouncil()), pronoun(b.isCouncil()), sEnd(b.isCouncil()))
	}
	set, settled := b.settlement()
	end := b.res.End.Long()
	switch {
	case !settled:
		pos := b.res.Total.ClosingFund
		if b.isCouncil() {
			pos = b.cr().ClosingPosition
		}
		fmt.Fprintf(&sb, " The fund is not settled at the end: %s position of %s stays in it.", possessivePronoun(b.isCouncil()), millions(pos))
	case set.Sign() > 0:
		fmt.Fprintf(&sb, " At the end, on %s, the pooled fund pays %s back %s, what %s paid in beyond %s cost.", end, objPronoun(b.isCouncil()), pounds(set), pronoun(b.isCouncil()), possessivePronoun(b.isCouncil()))
	case set.Sign() < 0:
		fmt.Fprintf(&sb, " At the end, on %s, %s must pay the pooled fund %s, %s cost beyond what %s paid in: a payment to budget for.", end, pronoun(b.isCouncil()), pounds(set), possessivePronoun(b.isCouncil()), pronoun(b.isCouncil()))
	default:
		fmt.Fprintf(&sb, " At the end, on %s, nothing is left to settle.", end)
	}
	b.np("%s", sb.String())
}

func pay(council bool) string {
	if council {
		return "pays"
	}
	return "pay"
}
func sEnd(council bool) string {
	if council {
		return "s"
	}
	return ""
}
func sEnd2(council bool) string {
	if council {
		return "s"
	}
	return ""
}
func pronoun(council bool) string {
	if council {
		return "it"
	}
	return "they"
}
func objPronoun(council bool) string {
	if council {
		return "it"
	}
	return "them"
}
func possessivePronoun(council bool) string {
	if council {
		return "its"
	}
	return "their"
}
func beVerb(council bool) string {
	if council {
		return "is"
	}
	return "are"
}

// savingsSummary gives the savings: the central forecast beside the Monte
// Carlo median and mean, why they differ, and the prudent figure.
func (b *builder) savingsSummary() {
	r := b.res
	a := r.Scenario.Assumptions
	sav, npv := r.Total.Savings, r.NPV
	if b.isCouncil() {
		sav, npv = b.cr().Total.Savings, b.cr().NPV
	}
	s := fmt.Sprintf("Over the %s to %s %s %s %s against business as usual in the central forecast, every input at its most likely value (net present value %s in real terms).",
		plural(a.Years, "year", "years"), r.End.Long(), b.name(), saveVerb(b.isCouncil()), millions(sav), millions(npv))
	if p, losses, ok := b.savingsPercentiles(); ok {
		pru, what := b.prudent(p)
		sim := b.sim()
		s += fmt.Sprintf(" Over %s runs of the Monte Carlo appraisal the median is %s and the mean %s: %s For budgeting this report takes %s, %s. %s lose%s money in %s (%s).",
			carecast.GroupThousands(fmt.Sprint(sim.Runs)), millions(p.P50), millions(p.Mean), b.gapReason(sav, p.P50), millions(pru), what,
			upperFirst(pronoun(b.isCouncil())), sEnd2(b.isCouncil()), plural(losses, "run", "runs"), carecast.RunsPercent(losses, sim.Runs))
	}
	b.np("%s", s)
}

func saveVerb(council bool) string {
	if council {
		return "saves"
	}
	return "save"
}

// gapReason says in a sentence why the Monte Carlo median differs from the
// central forecast: the ranges of the risks lean one way.
func (b *builder) gapReason(central, median carecast.Money) string {
	s := b.sens()
	var down, up []string
	if s != nil {
		for _, f := range s.Factors {
			switch s.Lean(f) {
			case -1:
				down = append(down, strings.ToLower(f.Factor.Label()))
			case 1:
				up = append(up, strings.ToLower(f.Factor.Label()))
			}
		}
	}
	gap := central.Sub(median)
	switch {
	case gap.Sign() > 0 && len(down) > 0:
		return fmt.Sprintf("%s below the central forecast, because the risks lean to lower savings (%s can take away more than they can add), so more runs fall below it than above.", millions(gap), joinAnd(down))
	case gap.Sign() < 0 && len(up) > 0:
		return fmt.Sprintf("%s above the central forecast, because the risks lean to higher savings (%s can add more than they can take away).", millions(gap.Neg()), joinAnd(up))
	case gap.Sign() > 0:
		return fmt.Sprintf("%s below the central forecast, because the risks taken together lean to lower savings.", millions(gap))
	case gap.Sign() < 0:
		return fmt.Sprintf("%s above the central forecast, because the risks taken together lean to higher savings.", millions(gap.Neg()))
	}
	return "the same as the central forecast."
}

// breakEvenSummary says when the savings would fall to nil: the
// occupancy, and the spot price in pounds a week.
func (b *builder) breakEvenSummary() {
	r := b.res
	t := r.Total
	var s string
	if b.isCouncil() {
		if c := b.cr(); c.BreakEvenDefined {
			occ := c.BreakEvenOccupancy
			if occ.GreaterThan(decimal.NewFromInt(1)) {
				s = fmt.Sprintf("The council would not break even at any occupancy: it would need %s of the rooms occupied, more than there are (the forecast assumes %s).", percent(occ), percent(t.OccupancyRate()))
			} else {
				s = fmt.Sprintf("The council's savings fall to nil if fewer than %s of the rooms are occupied (every council's use scaled alike; the forecast assumes %s).", percent(occ), percent(t.OccupancyRate()))
			}
		}
	} else if r.BreakEvenDefined {
		s = fmt.Sprintf("The scheme's savings fall to nil if fewer than %s of the rooms are occupied (the forecast assumes %s).", percent(r.BreakEvenOccupancy), percent(t.OccupancyRate()))
	}
	if sv := b.switchingOf(carecast.FactorSpotPrice); sv != "" {
		s += " " + fmt.Sprintf("The scheme saves money while spot placements cost more than %s (Table %s).", sv, b.switchingTableRef())
	}
	if s != "" {
		b.np("%s", strings.TrimSpace(s))
	}
}

// switchingOf is a factor's switching value in its own unit ("about
// £2,760 a week"), "" when the sensitivity did not find one.
func (b *builder) switchingOf(f carecast.Factor) string {
	s := b.sens()
	if s == nil {
		return ""
	}
	base := b.res.FactorBasis()
	for _, fs := range s.Factors {
		if fs.Factor == f && fs.Switching.Found {
			return base.Switching(fs)
		}
	}
	return ""
}

// savingsTableRef and switchingTableRef are the IDs of the Financial
// implications' savings and switching-value tables: the section's tables
// come in a fixed order after the body's earlier ones (see financial).
func (b *builder) savingsTableRef() string { return fmt.Sprint(b.financeTableBase() + 2) }

func (b *builder) switchingTableRef() string { return fmt.Sprint(b.financeTableBase() + 4) }

// financeTableBase is the number of body tables before the Financial
// implications' first: the report details and the options.
func (b *builder) financeTableBase() int { return 2 }

func (b *builder) financial() {
	r := b.res
	a := r.Scenario.Assumptions
	b.h1("Financial implications")
	if want := b.financeTableBase() + 1; b.tables+1 != want {
		panic(fmt.Sprintf("paper: the financial implications' first table is %d, the summary says %d", b.tables+1, want))
	}
	mtfp := b.field(carecast.PaperMTFPReference)
	if b.isCouncil() {
		s := fmt.Sprintf("The council's pledges are revenue spending from %s; the scheme needs no capital.", b.budgetLine())
		if mtfp != "" {
			s += " Its saving is in the medium-term financial plan as " + strings.TrimSuffix(mtfp, ".") + "."
		}
		b.np("%s", s)
		if mtfp == "" {
			b.prompt("how the saving is reflected in the medium-term financial plan, and its reference")
		}
	} else {
		b.np("Each partner's pledges are revenue spending from its children's placements budget; the scheme needs no capital.")
	}
	b.np("%s sets out the effect on %s budget year by year in £000: the pledges paid, the spot purchasing %s would otherwise have spent, the net effect in the year and to date, and the settlement at the end.",
		b.nextTable(), b.budgetOwner(), pronoun(b.isCouncil()))
	b.table(b.cashTable())
	if r.ActualMonths() > 0 {
		b.note("%s", actualsNote(r))
	}
	b.note("Rounded to £000 so that every line adds up to its total, each year's net effect is its lines' sum and the net effect over the term is the savings of the next table; a cell may differ by 1 from its own rounding. The figures to the penny are in Appendix A.")
	b.np("%s separates the one-off grants from the recurring saving: the savings in each year (spot purchasing avoided less the cost attributed to %s, as in Appendix A), the share of grants in them, and the rest.", b.nextTable(), b.name())
	b.table(b.savingsTable())
	b.np("The forecast rests on the assumptions of %s. After optimism bias of %s on the scheme's costs (HM Treasury Green Book; applied at the outset and reduced as evidence firms up) the scheme's net present value is %s, against %s without it.",
		b.nextTable(), percent(a.OptimismBias), millions(r.NPVAfterOptimismBias), millions(r.NPV))
	b.table(b.assumptionsTable())
	if s := b.sens(); s != nil {
		b.np("%s gives, for each assumption tested, the value at which the scheme's savings over the term would fall to nil (its switching value), in the assumption's own unit, with the others as forecast.", b.nextTable())
		b.table(b.switchingTable(s))
	}
}

// budgetOwner is whose budget: "the council's", "the partners'".
func (b *builder) budgetOwner() string {
	if b.isCouncil() {
		return "the council's"
	}
	return "the partners'"
}

// inThousands are the options of the body's tables: money in £000,
// rounded by the report layer so that every line adds up as shown; years
// whose months are actual say so.
var inThousands = reports.Options{Money: reports.Thousands, Actual: true}

// toPenny are the options of the appendices' tables: money to the penny.
var toPenny = reports.Options{Actual: true}

// cashTable is the subject's cash by financial year in £000
// (reports.CashByYear), one column a year and a total (one row a year
// when there are more than ten years).
func (b *builder) cashTable() *Table {
	rt := reports.CashByYear(b.res, b.council, inThousands)
	t := gridFromReport(rt, 2)
	t.Title = rt.Title + ", £000"
	t.Summary = "Pledges, spot purchasing avoided and the net effect on the budget in each financial year and in total, in thousands of pounds; the settlement at the end of the last year. Negatives, money out, in brackets."
	if _, settled := b.settlement(); !settled {
		t.Summary += " The fund is not settled at the end."
	}
	return t
}

// savingsTable is the subject's savings by year in £000
// (reports.SavingsByYear): as forecast, the share of one-off grants in
// them, and the recurring rest.
func (b *builder) savingsTable() *Table {
	rt := reports.SavingsByYear(b.res, b.council, inThousands)
	t := gridFromReport(rt, 1)
	t.Title = rt.Title + ", £000"
	t.Summary = "Savings in each financial year and in total, the part that is a share of one-off grants, and the rest, in thousands of pounds."
	return t
}

// switchingTable gives each factor's value as forecast, the range tested
// and its switching value, all in the assumption's own unit.
func (b *builder) switchingTable(s *carecast.Sensitivity) *Table {
	fb := b.res.FactorBasis()
	t := &Table{Title: "Switching values: where the scheme's savings over the term fall to nil",
		Header: []string{"Assumption", "As forecast", "Range tested", "Savings fall to nil at"},
		Right:  []bool{false, true, true, true}, Widths: []int{22, 22, 30, 26},
		Summary: "One row per assumption tested, the one that moves the savings most first: its value as forecast, the range tested, and the value at which the scheme's savings would fall to nil."}
	for _, f := range s.Factors {
		t.Rows = append(t.Rows, []string{f.Factor.Label(), fb.Value(f.Factor, f.Factor.Neutral(), false),
			fb.Range(f.Factor, f.Low, f.High), fb.Switching(f)})
	}
	return t
}

// assumptionsTable states what the forecast assumes: prices and their
// indexation, rooms and their build-up, occupancy, running costs, grants
// and their terms, the pledges, the term, discounting and optimism bias.
func (b *builder) assumptionsTable() *Table {
	r := b.res
	s := r.Scenario
	a := s.Assumptions
	t := &Table{Title: "The assumptions of the forecast", Header: []string{"Assumption", "As forecast"}, Widths: []int{28, 72},
		Summary: "One row per assumption the forecast rests on, with its value."}
	add := func(k, v string) { t.Rows = append(t.Rows, []string{k, v}) }
	add("Term", fmt.Sprintf("%s, %s to %s", plural(a.Years, "year", "years"), r.Start.Long(), r.End.Long()))
	add("Block price", fmt.Sprintf("%s a room a week from %s, rising %s a year", carecast.MoneyOf(a.BlockWeeklyPrice).Format(), a.PriceDate().Long(), percent(a.BlockUplift)))
	lo, hi, infl := spotRange(s)
	spot := fmt.Sprintf("%s a week", lo.Format())
	if !lo.Equal(hi) {
		spot = fmt.Sprintf("%s to %s a week, each council its own", lo.Format(), hi.Format())
	}
	if b.isCouncil() {
		if own, ok := firstSpot(s, b.council); ok {
			spot += fmt.Sprintf(" (%s: %s)", b.cr().Council.Label(), carecast.MoneyOf(own.WeeklyCost).Format())
		}
	}
	add("Spot price of a placement", spot+", rising "+infl+" a year")
	add(carecast.LabelRooms, roomsText(s.Rooms))
	add(carecast.LabelOccupancy, b.occupancyText())
	add("Running costs of the pool", runningText(s))
	add(carecast.LabelGrants, grantsText(s))
	add(carecast.LabelPledges, pledgesText(r))
	settle := "each council's position in the fund is paid back to it (or paid in) at the end"
	if !a.SettleAtEnd {
		settle = "none: positions stay in the fund"
	}
	add(carecast.LabelSettlement, settle)
	add("Discounting", fmt.Sprintf("%s a year real (HM Treasury Green Book), after general inflation of %s a year", percent(a.DiscountRate), percent(a.Deflator)))
	add(carecast.LabelOptimismBias, fmt.Sprintf("%s on the scheme's costs, in the appraisal only", percent(a.OptimismBias)))
	return t
}

// spotRange is the lowest and highest first spot price of the councils
// and their yearly rise ("5.00%", or "4.00% to 6.00%").
func spotRange(s *carecast.Scenario) (lo, hi carecast.Money, infl string) {
	var ilo, ihi decimal.Decimal
	for i := range s.Councils {
		sc, ok := firstSpot(s, i)
		if !ok {
			continue
		}
		w := carecast.MoneyOf(sc.WeeklyCost)
		if lo.IsZero() || w.Cmp(lo) < 0 {
			lo = w
		}
		if w.Cmp(hi) > 0 {
			hi = w
		}
		if i == 0 || sc.AnnualInflation.LessThan(ilo) {
			ilo = sc.AnnualInflation
		}
		if i == 0 || sc.AnnualInflation.GreaterThan(ihi) {
			ihi = sc.AnnualInflation
		}
	}
	infl = percent(ilo)
	if !ilo.Equal(ihi) {
		infl = percent(ilo) + " to " + percent(ihi)
	}
	return lo, hi, infl
}

// firstSpot is a council's earliest SpotCosts row.
func firstSpot(s *carecast.Scenario, c int) (carecast.SpotCost, bool) {
	var out carecast.SpotCost
	found := false
	for _, sc := range s.SpotCosts {
		if sc.Council == c && (!found || sc.From.Before(out.From)) {
			out, found = sc, true
		}
	}
	return out, found
}

// occupancyText says how occupancy is forecast.
func (b *builder) occupancyText() string {
	s := b.res.Scenario
	a := s.Assumptions
	avg := percent(b.res.Total.OccupancyRate())
	switch {
	case len(s.Demand) > 0:
		return fmt.Sprintf("from each council's demand for placements, at most %s of the rooms filled (matching and turnover), rooms shared %s: %s on average", percent(a.Fill()), strings.ToLower(carecast.SharingLabel(a.SharingRule())), avg)
	case len(s.Occupancy) > 0:
		return "as each council expects to use the rooms (the Occupancy sheet): " + avg + " on average"
	}
	return avg + " of the rooms available, shared by pledges"
}

func runningText(s *carecast.Scenario) string {
	if len(s.Costs) == 0 {
		return "none given: the forecast carries no contract-management or commissioning cost"
	}
	var parts []string
	for _, c := range s.Costs {
		d := c.Description
		if d == "" {
			d = "running cost"
		}
		parts = append(parts, fmt.Sprintf("%s, %s a year from %s to %s", d, c.AnnualAmount.FormatPounds(), c.From.Long(), c.To.Long()))
	}
	return strings.Join(parts, "; ")
}

func grantsText(s *carecast.Scenario) string {
	if len(s.Grants) == 0 {
		return "none"
	}
	var total carecast.Money
	var parts []string
	for _, g := range s.Grants {
		total = total.Add(g.Amount)
		d := g.Description
		if d == "" {
			d = "grant"
		}
		parts = append(parts, fmt.Sprintf("%s on %s (%s)", g.Amount.FormatPounds(), g.Date.Long(), d))
	}
	return fmt.Sprintf("%s, one-off, into the pool: %s", total.FormatPounds(), strings.Join(parts, "; "))
}

func pledgesText(r *carecast.Result) string {
	lo, hi := carecast.Money{}, carecast.Money{}
	first := true
	for _, p := range r.Scenario.Pledges {
		if p.AnnualAmount.IsZero() {
			continue
		}
		if first || p.AnnualAmount.Cmp(lo) < 0 {
			lo = p.AnnualAmount
		}
		if first || p.AnnualAmount.Cmp(hi) > 0 {
			hi = p.AnnualAmount
		}
		first = false
	}
	if first {
		return "none"
	}
	each := lo.FormatPounds() + " a year from each council"
	if !lo.Equal(hi) {
		each = lo.FormatPounds() + " to " + hi.FormatPounds() + " a year a council"
	}
	return fmt.Sprintf("%s, %s in all over the term", each, r.Total.Pledges.FormatPounds())
}

// actualsNote says which figures are actual: those of the months to the
// as-at date.
func actualsNote(r *carecast.Result) string {
	return fmt.Sprintf("The years marked actual are the figures recorded to %s (the as-at date, %d months of Actuals); the rest is forecast.", r.AsAt.Long(), r.ActualMonths())
}
