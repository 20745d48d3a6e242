package forecast_test

import (
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/shopspring/decimal"
)

// The property tests run the engine over generated scenarios and check, to
// the penny, that every table adds up (docs/methodology.md §4 and §5), by routes that
// do not go through the engine's own sums.

var (
	propertySeeds = flag.Int("property.seeds", 500, "number of generated scenarios for the property tests")
	propertySeed  = flag.Int("property.seed", -1, "run the property tests on this one seed only")
)

func generated(seed uint64) *carecast.Scenario {
	return forecasttest.Generate(rand.New(rand.NewPCG(seed, 2024)), forecasttest.Options{})
}

// checker collects the failures of one scenario, up to a limit.
type checker struct {
	t    *testing.T
	errs int
}

func (c *checker) errorf(f string, args ...any) {
	c.t.Helper()
	if c.errs++; c.errs <= 12 {
		c.t.Errorf(f, args...)
	}
}

func (c *checker) eq(what string, got, want carecast.Money) {
	c.t.Helper()
	if !got.Equal(want) {
		c.errorf("%s = %s, want %s (off by %s)", what, got, want, got.Sub(want))
	}
}

func (c *checker) eqDec(what string, got, want decimal.Decimal) {
	c.t.Helper()
	if !got.Equal(want) {
		c.errorf("%s = %s, want %s", what, got, want)
	}
}

// field is a named money figure.
type field struct {
	name string
	m    carecast.Money
}

func moneyOf(f carecast.Figures) []field {
	return []field{
		{"pledges", f.Pledges}, {"grants", f.Grants}, {"other costs", f.OtherCosts},
		{"block cost", f.BlockCost}, {"used block", f.UsedBlock}, {"void cost", f.VoidCost},
		{"spot avoided", f.SpotAvoided}, {"shared cost", f.SharedCost},
		{"attributed cost", f.AttributedCost}, {"savings", f.Savings},
	}
}

func councilMoney(f carecast.CouncilFigures) []field {
	return []field{
		{"pledges", f.Pledges}, {"used block", f.UsedBlock}, {"spot avoided", f.SpotAvoided},
		{"shared cost", f.SharedCost}, {"attributed cost", f.AttributedCost}, {"savings", f.Savings},
	}
}

func councilMonthMoney(m carecast.CouncilMonth) []field {
	return councilMoney(carecast.CouncilFigures{
		Pledges: m.Pledges, UsedBlock: m.UsedBlock, SpotAvoided: m.SpotAvoided,
		SharedCost: m.SharedCost, AttributedCost: m.AttributedCost, Savings: m.Savings,
	})
}

// add adds the fields of b into a, name by name.
func add(a, b []field) []field {
	if a == nil {
		a = make([]field, len(b))
		for i := range b {
			a[i].name = b[i].name
		}
	}
	for i := range b {
		a[i].m = a[i].m.Add(b[i].m)
	}
	return a
}

func (c *checker) fields(what string, got, want []field) {
	c.t.Helper()
	for i := range want {
		c.eq(what+" "+want[i].name, got[i].m, want[i].m)
	}
}

func wholePence(m carecast.Money) bool { return m.Decimal().Shift(2).IsInteger() }

func TestProperties(t *testing.T) {
	lo, hi := 0, forecasttest.Cases(*propertySeeds, 100)
	if *propertySeed >= 0 {
		lo, hi = *propertySeed, *propertySeed+1
	}
	for seed := lo; seed < hi; seed++ {
		s := generated(uint64(seed))
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r, err := forecast.Run(s)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			c := &checker{t: t}
			checkMonths(c, s, r)
			checkSums(c, r)
			checkFund(c, s, r)
			checkInstalments(c, s, r)
			checkNPV(c, s, r)
			checkLedger(c, r)
			if c.errs > 0 {
				t.Logf("reproduce with: go test ./forecast -run 'TestProperties' -property.seed=%d", seed)
			}
		})
	}
}

// checkMonths: each month's figures are whole pence and obey docs/methodology.md §4:
// void = block - used, shared = void + other - grants, attributed = used +
// shared = block + other - grants, savings = spot - attributed; grants are
// the Grants sheet's in the month; capacity is the rooms day by day.
func checkMonths(c *checker, s *carecast.Scenario, r *carecast.Result) {
	if len(r.Months) != 12*s.Assumptions.Years {
		c.errorf("%d months, want %d", len(r.Months), 12*s.Assumptions.Years)
		return
	}
	for m, mo := range r.Months {
		at := mo.Start.String()
		if want := s.Assumptions.StartDate.AddMonths(m); mo.Start != want || mo.End != want.AddMonths(1).AddDays(-1) {
			c.errorf("month %d runs %s to %s, want from %s", m, mo.Start, mo.End, want)
		}
		for _, f := range moneyOf(mo.Figures) {
			if !wholePence(f.m) {
				c.errorf("%s: %s %s is not whole pence", at, f.name, f.m)
			}
		}
		c.eq(at+" void cost", mo.VoidCost, mo.BlockCost.Sub(mo.UsedBlock))
		if mo.VoidCost.Sign() < 0 {
			c.errorf("%s: void cost %s is negative: the councils use more than the rooms cost", at, mo.VoidCost)
		}
		c.eq(at+" shared cost", mo.SharedCost, mo.VoidCost.Add(mo.OtherCosts).Sub(mo.Grants))
		c.eq(at+" attributed cost", mo.AttributedCost, mo.UsedBlock.Add(mo.SharedCost))
		c.eq(at+" attributed cost", mo.AttributedCost, mo.BlockCost.Add(mo.OtherCosts).Sub(mo.Grants))
		c.eq(at+" savings", mo.Savings, mo.SpotAvoided.Sub(mo.AttributedCost))

		var grants carecast.Money
		for _, g := range s.Grants {
			if !g.Date.Before(mo.Start) && !g.Date.After(mo.End) {
				grants = grants.Add(g.Amount)
			}
		}
		c.eq(at+" grants", mo.Grants, grants)

		capacity := 0
		for d := mo.Start; !d.After(mo.End); d = d.AddDays(1) {
			rooms, from := 0, carecast.Date{}
			for _, row := range s.Rooms {
				if !row.From.After(d) && (from.IsZero() || !row.From.Before(from)) {
					rooms, from = row.Rooms, row.From
				}
			}
			capacity += rooms
		}
		c.eqDec(at+" capacity room-days", mo.CapacityRoomDays, decimal.NewFromInt(int64(capacity)))
		if len(s.Occupancy) > 0 {
			// Each council's occupied room-days, day by day: exact.
			for k, cm := range mo.Councils {
				c.eqDec(fmt.Sprintf("%s council %d occupied room-days", at, k), cm.OccupiedRoomDays, occupied(s, k, mo.Start, mo.End))
			}
			if mo.OccupiedRoomDays.GreaterThan(mo.CapacityRoomDays) {
				c.errorf("%s: %s room-days occupied of %s", at, mo.OccupiedRoomDays, mo.CapacityRoomDays)
			}
		} else if len(s.Demand) > 0 {
			// Occupancy from demand (docs/methodology.md §11): each
			// council's occupied and overflow room-days make up its
			// demand, counted here day by day, and the block is no fuller
			// than max_fill (each day's figure rounded to 6 places: at
			// most half a millionth over a day).
			for k, cm := range mo.Councils {
				who := fmt.Sprintf("%s council %d", at, k)
				d := demanded(s, k, mo.Start, mo.End)
				c.eqDec(who+" occupied and overflow room-days", cm.OccupiedRoomDays.Add(cm.OverflowRoomDays), d)
				if cm.OccupiedRoomDays.Sign() < 0 || cm.OverflowRoomDays.Sign() < 0 {
					c.errorf("%s: occupied %s, overflow %s room-days: negative", who, cm.OccupiedRoomDays, cm.OverflowRoomDays)
				}
			}
			days := decimal.NewFromInt(int64(mo.End.Days() - mo.Start.Days() + 1))
			most := s.Assumptions.Fill().Mul(mo.CapacityRoomDays).Add(days.Mul(decimal.New(5, -7)))
			if mo.OccupiedRoomDays.GreaterThan(most) {
				c.errorf("%s: %s room-days occupied, above max_fill %s x %s", at, mo.OccupiedRoomDays, s.Assumptions.Fill(), mo.CapacityRoomDays)
			}
		} else {
			// Default occupancy: sum_c rate x R(t) x s_c = rate x R(t).
			// The engine rounds the consortium's figure once to 6 places
			// and shares it out, so the councils sum to it exactly.
			want := s.Assumptions.OccupancyRate.Mul(mo.CapacityRoomDays).Round(6)
			if !mo.OccupiedRoomDays.Equal(want) || mo.OccupiedRoomDays.GreaterThan(mo.CapacityRoomDays) {
				c.errorf("%s: %s room-days occupied, want %s x %s = %s", at, mo.OccupiedRoomDays, s.Assumptions.OccupancyRate, mo.CapacityRoomDays, want)
			}
		}

		for k, cm := range mo.Councils {
			who := fmt.Sprintf("%s council %d", at, k)
			for _, f := range councilMonthMoney(cm) {
				if !wholePence(f.m) {
					c.errorf("%s: %s %s is not whole pence", who, f.name, f.m)
				}
			}
			c.eq(who+" attributed cost", cm.AttributedCost, cm.UsedBlock.Add(cm.SharedCost))
			c.eq(who+" savings", cm.Savings, cm.SpotAvoided.Sub(cm.AttributedCost))
		}
	}
}

// demanded sums council k's Demand rows day by day over [from, to].
func demanded(s *carecast.Scenario, k int, from, to carecast.Date) decimal.Decimal {
	sum := decimal.Zero
	for d := from; !d.After(to); d = d.AddDays(1) {
		p, at := decimal.Zero, carecast.Date{}
		for _, row := range s.Demand {
			if row.Council == k && !row.From.After(d) && (at.IsZero() || !row.From.Before(at)) {
				p, at = row.Placements, row.From
			}
		}
		sum = sum.Add(p)
	}
	return sum
}

// occupied sums council k's Occupancy rows day by day over [from, to].
func occupied(s *carecast.Scenario, k int, from, to carecast.Date) decimal.Decimal {
	sum := decimal.Zero
	for d := from; !d.After(to); d = d.AddDays(1) {
		o, at := decimal.Zero, carecast.Date{}
		for _, row := range s.Occupancy {
			if row.Council == k && !row.From.After(d) && (at.IsZero() || !row.From.Before(at)) {
				o, at = row.RoomsOccupied, row.From
			}
		}
		sum = sum.Add(o)
	}
	return sum
}

// checkSums: councils sum to the consortium (every month, every financial
// year, the whole); months sum to financial years, years to the whole.
func checkSums(c *checker, r *carecast.Result) {
	nc := len(r.Scenario.Councils)
	if len(r.Councils) != nc {
		c.errorf("%d council results, want %d", len(r.Councils), nc)
		return
	}
	// Councils to the consortium, month by month.
	for _, mo := range r.Months {
		at := mo.Start.String()
		var sum []field
		occ := decimal.Zero
		for _, cm := range mo.Councils {
			sum = add(sum, councilMonthMoney(cm))
			occ = occ.Add(cm.OccupiedRoomDays)
		}
		want := councilMoney(carecast.CouncilFigures{
			Pledges: mo.Pledges, UsedBlock: mo.UsedBlock, SpotAvoided: mo.SpotAvoided,
			SharedCost: mo.SharedCost, AttributedCost: mo.AttributedCost, Savings: mo.Savings,
		})
		c.fields(at+" councils' sum of", sum, want)
		c.eqDec(at+" councils' occupied room-days", occ, mo.OccupiedRoomDays)
	}

	// Months to financial years, consortium and councils.
	next := 0
	var yearSum []field
	var yearCap, yearOcc decimal.Decimal
	for i, y := range r.Years {
		at := y.FY.String()
		if y.First != next || y.Last < y.First || y.Last >= len(r.Months) {
			c.errorf("%s covers months %d to %d, want from %d", at, y.First, y.Last, next)
			return
		}
		next = y.Last + 1
		var sum []field
		capDays, occ := decimal.Zero, decimal.Zero
		csum := make([][]field, nc)
		cocc := make([]decimal.Decimal, nc)
		for m := y.First; m <= y.Last; m++ {
			mo := r.Months[m]
			if mo.FY != y.FY || mo.Start.FinancialYear() != y.FY {
				c.errorf("%s holds month %s of %s", at, mo.Start, mo.FY)
			}
			sum = add(sum, moneyOf(mo.Figures))
			capDays, occ = capDays.Add(mo.CapacityRoomDays), occ.Add(mo.OccupiedRoomDays)
			for k, cm := range mo.Councils {
				csum[k] = add(csum[k], councilMonthMoney(cm))
				cocc[k] = cocc[k].Add(cm.OccupiedRoomDays)
			}
		}
		c.fields(at+" months' sum of", sum, moneyOf(y.Figures))
		c.eqDec(at+" capacity", capDays, y.CapacityRoomDays)
		c.eqDec(at+" occupied", occ, y.OccupiedRoomDays)
		c.eq(at+" opening fund", y.OpeningFund, r.Months[y.First].OpeningFund)
		c.eq(at+" closing fund", y.ClosingFund, r.Months[y.Last].ClosingFund)
		var across []field
		for k := range nc {
			cy := r.Councils[k].Years[i]
			if cy.FY != y.FY {
				c.errorf("council %d's year %d is %s, want %s", k, i, cy.FY, y.FY)
			}
			c.fields(fmt.Sprintf("%s council %d months' sum of", at, k), csum[k], councilMoney(cy))
			c.eqDec(fmt.Sprintf("%s council %d occupied", at, k), cocc[k], cy.OccupiedRoomDays)
			across = add(across, councilMoney(cy))
		}
		c.fields(at+" councils' sum of", across, councilMoney(carecast.CouncilFigures{
			Pledges: y.Pledges, UsedBlock: y.UsedBlock, SpotAvoided: y.SpotAvoided,
			SharedCost: y.SharedCost, AttributedCost: y.AttributedCost, Savings: y.Savings,
		}))
		yearSum = add(yearSum, moneyOf(y.Figures))
		yearCap, yearOcc = yearCap.Add(y.CapacityRoomDays), yearOcc.Add(y.OccupiedRoomDays)
	}
	if next != len(r.Months) {
		c.errorf("financial years cover %d of %d months", next, len(r.Months))
	}

	// Years to the whole; councils' wholes to the consortium's.
	c.fields("years' sum of", yearSum, moneyOf(r.Total))
	c.eqDec("years' capacity", yearCap, r.Total.CapacityRoomDays)
	c.eqDec("years' occupied", yearOcc, r.Total.OccupiedRoomDays)
	var across []field
	for k, cr := range r.Councils {
		var years []field
		for _, cy := range cr.Years {
			years = add(years, councilMoney(cy))
		}
		c.fields(fmt.Sprintf("council %d years' sum of", k), years, councilMoney(cr.Total))
		across = add(across, councilMoney(cr.Total))
	}
	c.fields("councils' total", across, councilMoney(carecast.CouncilFigures{
		Pledges: r.Total.Pledges, UsedBlock: r.Total.UsedBlock, SpotAvoided: r.Total.SpotAvoided,
		SharedCost: r.Total.SharedCost, AttributedCost: r.Total.AttributedCost, Savings: r.Total.Savings,
	}))
	t := r.Total
	c.eq("total attributed cost", t.AttributedCost, t.BlockCost.Add(t.OtherCosts).Sub(t.Grants))
	c.eq("total savings", t.Savings, t.SpotAvoided.Sub(t.AttributedCost))
}

// checkFund: the fund moves by pledges + grants - block - other costs from
// the opening balance, the positions sum to it every month, and
// settlement pays each council its closing position.
func checkFund(c *checker, s *carecast.Scenario, r *carecast.Result) {
	fund := s.Assumptions.OpeningFund
	var opening carecast.Money
	for _, cr := range r.Councils {
		opening = opening.Add(cr.OpeningPosition)
	}
	c.eq("opening positions", opening, fund)
	for m, mo := range r.Months {
		at := mo.Start.String()
		c.eq(at+" opening fund", mo.OpeningFund, fund)
		fund = fund.Add(mo.Pledges).Add(mo.Grants).Sub(mo.BlockCost).Sub(mo.OtherCosts)
		c.eq(at+" closing fund", mo.ClosingFund, fund)
		var positions carecast.Money
		for k, cm := range mo.Councils {
			positions = positions.Add(cm.Position)
			// A position moves by pledges less attributed cost.
			prev := r.Councils[k].OpeningPosition
			if m > 0 {
				prev = r.Months[m-1].Councils[k].Position
			}
			c.eq(fmt.Sprintf("%s council %d position", at, k), cm.Position, prev.Add(cm.Pledges).Sub(cm.AttributedCost))
		}
		c.eq(at+" positions' sum", positions, fund)
	}
	c.eq("closing fund", r.Total.ClosingFund, fund)
	var settled carecast.Money
	last := r.Months[len(r.Months)-1]
	for k, cr := range r.Councils {
		c.eq(fmt.Sprintf("council %d closing position", k), cr.ClosingPosition, last.Councils[k].Position)
		want := cr.ClosingPosition
		if !s.Assumptions.SettleAtEnd {
			want = carecast.Money{}
		}
		c.eq(fmt.Sprintf("council %d settlement", k), cr.Settlement, want)
		settled = settled.Add(cr.Settlement)
	}
	if s.Assumptions.SettleAtEnd {
		c.eq("fund after settlement", fund.Sub(settled), carecast.Money{})
	}
}

// checkInstalments: a pledge's instalments (the months whose first day
// lies in its window, counted from the first month-start in it, even one
// before the horizon) make the annual amount in every twelve, each within
// a penny of a twelfth; and a council pays nothing outside its windows.
// Pledge windows of one council do not overlap, so each month's pledge of
// a council is one row's instalment.
func checkInstalments(c *checker, s *carecast.Scenario, r *carecast.Result) {
	start := s.Assumptions.StartDate
	covered := make([][]bool, len(s.Councils))
	for k := range covered {
		covered[k] = make([]bool, len(r.Months))
	}
	for i, p := range s.Pledges {
		first := p.From
		if first.Day != 1 {
			first = carecast.NewDate(first.Year, first.Month+1, 1)
		}
		// j of month m is the number of months from first to its start.
		j0 := (start.Year-first.Year)*12 + int(start.Month-first.Month)
		twelfth := new(big.Rat).SetFrac(big.NewInt(p.AnnualAmount.PenceInt()), big.NewInt(1200))
		var block carecast.Money
		for m, mo := range r.Months {
			j := j0 + m
			if j < 0 || mo.Start.After(p.To) {
				continue
			}
			covered[p.Council][m] = true
			x := mo.Councils[p.Council].Pledges
			diff := new(big.Rat).Sub(x.Decimal().Rat(), twelfth)
			if diff.Abs(diff).Cmp(big.NewRat(1, 100)) >= 0 {
				c.errorf("pledge %d, %s: instalment %s is a penny or more from a twelfth of %s", i, mo.Start, x, p.AnnualAmount)
			}
			block = block.Add(x)
			if j%12 == 11 {
				if j >= 11 && j-11 >= j0 { // the whole twelve lie in the horizon
					c.eq(fmt.Sprintf("pledge %d, instalments %d to %d", i, j-11, j), block, p.AnnualAmount)
				}
				block = carecast.Money{}
			}
		}
	}
	for k := range covered {
		for m, ok := range covered[k] {
			if !ok && !r.Months[m].Councils[k].Pledges.IsZero() {
				c.errorf("council %d pays %s in %s, outside its pledge windows", k, r.Months[m].Councils[k].Pledges, r.Months[m].Start)
			}
		}
	}
}

// checkNPV: the councils' NPVs sum to the consortium's, which is
// sum_k savings_k / ((1+deflator)(1+discount))^k rounded once to pence,
// computed here in exact rationals.
func checkNPV(c *checker, s *carecast.Scenario, r *carecast.Result) {
	q := new(big.Rat).Mul(
		new(big.Rat).Add(big.NewRat(1, 1), s.Assumptions.Deflator.Rat()),
		new(big.Rat).Add(big.NewRat(1, 1), s.Assumptions.DiscountRate.Rat()))
	pv := new(big.Rat)
	factor := big.NewRat(1, 1)
	for k := range s.Assumptions.Years {
		var savings carecast.Money
		for m := 12 * k; m < 12*(k+1); m++ {
			savings = savings.Add(r.Months[m].Savings)
		}
		pv.Add(pv, new(big.Rat).Quo(savings.Decimal().Rat(), factor))
		factor.Mul(factor, q)
	}
	// Round half away from zero to pence.
	pence := new(big.Rat).Mul(pv, big.NewRat(100, 1))
	num, den := new(big.Int).Abs(pence.Num()), pence.Denom()
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		quo.Add(quo, big.NewInt(1))
	}
	if pence.Sign() < 0 {
		quo.Neg(quo)
	}
	c.eq("NPV", r.NPV, carecast.Pence(quo.Int64()))
	var sum carecast.Money
	for _, cr := range r.Councils {
		sum = sum.Add(cr.NPV)
	}
	c.eq("councils' NPVs", sum, r.NPV)
}

// checkLedger: every transaction sums to zero, and the ledger's balances,
// added up here posting by posting, agree with the Result after every
// month and after settlement.
func checkLedger(c *checker, r *carecast.Result) {
	l := ledger.Build(r)
	sums := map[int]carecast.Money{}
	fund := carecast.Money{}
	pos := make([]carecast.Money, len(r.Councils))
	other := map[carecast.Account]carecast.Money{}
	m := 0
	monthDone := func() {
		mo := r.Months[m]
		c.eq(mo.End.String()+" ledger fund", fund, mo.ClosingFund)
		for k := range pos {
			c.eq(fmt.Sprintf("%s ledger position of council %d", mo.End, k), pos[k].Neg(), mo.Councils[k].Position)
		}
		for a, x := range other {
			c.eq(fmt.Sprintf("%s ledger %s after attribution", mo.End, a), x, carecast.Money{})
		}
		m++
	}
	for i, p := range l.Postings {
		if i > 0 && p.Date.Before(l.Postings[i-1].Date) {
			c.errorf("posting %d on %s after one on %s", i, p.Date, l.Postings[i-1].Date)
		}
		if p.Amount.IsZero() {
			c.errorf("posting %d is zero", i)
		}
		// A month's books close with its last attribution on its last
		// day: the first posting after that is the next month's or the
		// settlement.
		for m < len(r.Months) && (p.Date.After(r.Months[m].End) || p.Description == ledger.DescSettlement) {
			monthDone()
		}
		sums[p.Txn] = sums[p.Txn].Add(p.Amount)
		switch p.Account {
		case carecast.Fund:
			fund = fund.Add(p.Amount)
		case carecast.Position:
			pos[p.Council] = pos[p.Council].Add(p.Amount)
		default:
			other[p.Account] = other[p.Account].Add(p.Amount)
		}
	}
	for m < len(r.Months) {
		monthDone()
	}
	for n, x := range sums {
		if !x.IsZero() {
			c.errorf("ledger transaction %d sums to %s", n, x)
		}
	}
	want := r.Total.ClosingFund
	for k, cr := range r.Councils {
		c.eq(fmt.Sprintf("council %d position after settlement", k), pos[k].Neg(), cr.ClosingPosition.Sub(cr.Settlement))
		want = want.Sub(cr.Settlement)
	}
	c.eq("ledger fund after settlement", fund, want)
	if r.Scenario.Assumptions.SettleAtEnd && !fund.IsZero() {
		c.errorf("settlement leaves %s in the fund", fund)
	}
	for _, err := range l.Check(r) {
		c.errorf("ledger.Check: %v", err)
	}
}
