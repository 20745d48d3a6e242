package forecast

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Setting is a value of every risk factor, indexed by carecast.Factor:
// multiples for occupancy, spot_price, block_price and grants; points added
// to annual rates for spot_inflation and block_uplift; whole months for
// ramp_delay.
type Setting [carecast.NumFactors]decimal.Decimal

// Neutral is the setting that leaves a scenario as it is.
func Neutral() Setting {
	var x Setting
	for _, f := range carecast.Factors() {
		x[f] = f.Neutral()
	}
	return x
}

// isNeutral reports whether the setting leaves a scenario as it is.
func (x Setting) isNeutral() bool {
	for f, v := range x {
		if !v.Equal(carecast.Factor(f).Neutral()) {
			return false
		}
	}
	return true
}

// Modes is the setting with every factor at its mode; risks are one per
// factor in order (ResolveRisks).
func Modes(risks []carecast.Risk) Setting {
	return pick(risks, func(r carecast.Risk) decimal.Decimal { return r.Mode })
}

func pick(risks []carecast.Risk, v func(carecast.Risk) decimal.Decimal) Setting {
	var x Setting
	for f := range x {
		x[f] = v(risks[f])
	}
	return x
}

// Limits on factor values, so that every draw is a scenario that means
// something. A multiple below zero is zero; a delay is a whole number of
// months from 0 to the horizon; points added to a rate never take it
// below minRate, a fall of 90% a year.
var minRate = decimal.RequireFromString("-0.9")

// minFill is the least max_fill an occupancy factor can leave (a factor
// of zero would otherwise leave max_fill zero, the default).
var minFill = decimal.RequireFromString("0.0001")

// demandPlaces is the precision of placements: derived occupancy is held
// to the same six places and never exceeds demand.
const demandPlaces = 6

const minRateF = -0.9

// ResolveRisks returns the distribution of every factor, one per factor in
// carecast.Factor order: resolve them once per scenario and hand them to
// Sensitivity and Simulate. Without a Risks sheet (s.Risks empty) they are
// carecast.DefaultRisks. With one, a factor the sheet does not list is held
// at no change (low = mode = high = neutral): the sheet says which risks
// the appraisal takes. A factor listed twice, or a row that does not
// validate (carecast.Risk.Validate, the reader's check too), is an error.
func ResolveRisks(s *carecast.Scenario) ([]carecast.Risk, error) {
	given := s.Risks
	if len(given) == 0 {
		given = carecast.DefaultRisks()
	}
	out := make([]carecast.Risk, carecast.NumFactors)
	seen := make([]bool, carecast.NumFactors)
	for _, r := range given {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("risks: %s: %w", r.Factor, err)
		}
		if seen[r.Factor] {
			return nil, fmt.Errorf("risks: %s is listed more than once", r.Factor)
		}
		seen[r.Factor] = true
		out[r.Factor] = r
	}
	for _, f := range carecast.Factors() {
		if f.DemandFactor() && len(s.Demand) == 0 {
			seen[f] = false // no demand to vary: held at no change
		}
		if !seen[f] {
			n := f.Neutral()
			out[f] = carecast.Risk{Factor: f, Distribution: carecast.Triangular, Low: n, Mode: n, High: n}
		}
	}
	return out, nil
}

// rampMonths is a ramp_delay value as whole months: rounded half away from
// zero and held to 0 .. months.
func rampMonths(v decimal.Decimal, months int) int {
	k := v.Round(0).IntPart()
	return int(max(0, min(k, int64(months))))
}

// Apply returns a copy of the scenario varied by the setting; s is not
// changed. Its actual months (docs/methodology.md §15) are settled first
// (Settle), so that no setting moves them. Then, in order:
//   - ramp_delay k: every Rooms row after the first (in date order) that
//     raises the rooms above the row before it takes effect k months later
//     (the same day of the month, or its last day); a delayed row that
//     would take effect on or after a later row's date is superseded by
//     it, so a later decrease is never undone.
//   - spot_price and block_price multiply the weekly prices; spot_inflation
//     and block_uplift are added to the annual rates (never below -0.9).
//   - grants multiply every grant, rounded to pence.
//   - occupancy: without Occupancy rows, occupancy_rate x factor, at most 1.
//     With them, on every stretch of days between changes of any council's
//     occupancy or of the rooms, each O_c is scaled by the factor unless the
//     total would then exceed the rooms, in which case the total is the
//     rooms, shared in proportion to the O_c (to 12 decimal places, rounded
//     down). This cap applies at a factor of 1 too, where a delay leaves
//     fewer rooms than are occupied.
func Apply(s *carecast.Scenario, x Setting) *carecast.Scenario {
	return ApplyCouncils(s, x, nil)
}

// ApplyCouncils is Apply with a demand_council multiplier for each council
// (perCouncil[c]) in place of x's one value for all; nil means x's. With
// Demand rows (docs/methodology.md §11):
//   - demand x demand_council multiplies each council's placements,
//     rounded to six decimal places (never below zero);
//   - the occupancy factor multiplies max_fill instead of the occupancy,
//     at most 1 and rounded down to four decimal places: how fully the
//     rooms can be filled is what is uncertain once occupancy follows
//     demand.
func ApplyCouncils(s *carecast.Scenario, x Setting, perCouncil []decimal.Decimal) *carecast.Scenario {
	s = settledOrSelf(s) // the actual months stay as they are
	t := *s
	a := &t.Assumptions
	months := a.Months()
	k := rampMonths(x[carecast.FactorRampDelay], months)
	if k > 0 {
		t.Rooms = delayRooms(s.Rooms, k)
	}

	spotF, spotU := nonNegative(x[carecast.FactorSpotPrice]), x[carecast.FactorSpotInflation]
	if !isOne(spotF) || !spotU.IsZero() {
		t.SpotCosts = make([]carecast.SpotCost, len(s.SpotCosts))
		for i, r := range s.SpotCosts {
			r.WeeklyCost = r.WeeklyCost.Mul(spotF)
			r.AnnualInflation = addRate(r.AnnualInflation, spotU)
			t.SpotCosts[i] = r
		}
	}
	a.BlockWeeklyPrice = a.BlockWeeklyPrice.Mul(nonNegative(x[carecast.FactorBlockPrice]))
	a.BlockUplift = addRate(a.BlockUplift, x[carecast.FactorBlockUplift])

	if g := nonNegative(x[carecast.FactorGrants]); !isOne(g) {
		t.Grants = make([]carecast.Grant, len(s.Grants))
		for i, gr := range s.Grants {
			gr.Amount = carecast.MoneyOf(gr.Amount.Decimal().Mul(g))
			t.Grants[i] = gr
		}
	}

	occ := nonNegative(x[carecast.FactorOccupancy])
	if len(s.Demand) > 0 {
		t.Occupancy = nil // derived from demand by the engine
		if !isOne(occ) {
			a.MaxFill = decimal.Min(one, a.Fill().Mul(occ)).RoundFloor(4)
			if a.MaxFill.Sign() <= 0 {
				a.MaxFill = minFill
			}
		}
		dm := nonNegative(x[carecast.FactorDemand])
		dc := nonNegative(x[carecast.FactorDemandCouncil])
		if !isOne(dm) || !isOne(dc) || perCouncil != nil {
			t.Demand = make([]carecast.DemandRow, len(s.Demand))
			for i, r := range s.Demand {
				f := dc
				if perCouncil != nil {
					f = nonNegative(perCouncil[r.Council])
				}
				r.Placements = r.Placements.Mul(dm).Mul(f).Round(demandPlaces)
				t.Demand[i] = r
			}
		}
		return &t
	}
	switch {
	case len(s.Occupancy) == 0:
		if !isOne(occ) {
			a.OccupancyRate = decimal.Min(one, a.OccupancyRate.Mul(occ))
		}
	case k == 0 && occ.LessThanOrEqual(one):
		// Scaling down a valid scenario never meets the cap.
		if !isOne(occ) {
			t.Occupancy = make([]carecast.OccupancyRow, len(s.Occupancy))
			for i, r := range s.Occupancy {
				r.RoomsOccupied = r.RoomsOccupied.Mul(occ)
				t.Occupancy[i] = r
			}
		}
	default:
		t.Occupancy = capOccupancy(s.Occupancy, t.Rooms, len(s.Councils), occ)
	}
	return &t
}

func isOne(d decimal.Decimal) bool { return d.Equal(one) }

func nonNegative(d decimal.Decimal) decimal.Decimal {
	if d.Sign() < 0 {
		return zero
	}
	return d
}

// addRate is u + points, never below minRate.
func addRate(u, points decimal.Decimal) decimal.Decimal {
	if points.IsZero() {
		return u
	}
	return decimal.Max(u.Add(points), minRate)
}

// addMonthsClamped is d plus k calendar months, on the same day of the
// month or, when that month is shorter, its last day (as Excel's EDATE).
func addMonthsClamped(d carecast.Date, k int) carecast.Date {
	first := carecast.NewDate(d.Year, d.Month+time.Month(k), 1)
	last := first.AddMonths(1).AddDays(-1).Day
	return carecast.Date{Year: first.Year, Month: first.Month, Day: min(d.Day, last)}
}

// delayRooms delays every increase after the first row by k months (see
// Apply) and returns the rows in force, in date order.
func delayRooms(rows []carecast.RoomsRow, k int) []carecast.RoomsRow {
	rs := append([]carecast.RoomsRow(nil), rows...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
	eff := make([]carecast.Date, len(rs))
	for j, r := range rs {
		eff[j] = r.From
		if j > 0 && r.Rooms > rs[j-1].Rooms {
			eff[j] = addMonthsClamped(r.From, k)
		}
	}
	// Row j is in force from eff[j] until the earliest eff of a later row.
	var out []carecast.RoomsRow
	var next carecast.Date // earliest eff of the rows after j; zero: none
	for j := len(rs) - 1; j >= 0; j-- {
		if next.IsZero() || eff[j].Before(next) {
			out = append(out, carecast.RoomsRow{From: eff[j], Rooms: rs[j].Rooms})
			next = eff[j]
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// capOccupancy scales every council's occupancy by f, capped at the rooms
// (see Apply). It returns rows for every council from its first row on, at
// every day on which its capped occupancy changes.
func capOccupancy(occ []carecast.OccupancyRow, rooms []carecast.RoomsRow, nc int, f decimal.Decimal) []carecast.OccupancyRow {
	rs := stepsOf(rooms, func(r carecast.RoomsRow) (carecast.Date, decimal.Decimal) {
		return r.From, decimal.NewFromInt(int64(r.Rooms))
	})
	per := make([][]carecast.OccupancyRow, nc)
	for _, r := range occ {
		per[r.Council] = append(per[r.Council], r)
	}
	os := make([]steps[decimal.Decimal], nc)
	for c, rows := range per {
		os[c] = stepsOf(rows, func(r carecast.OccupancyRow) (carecast.Date, decimal.Decimal) { return r.From, r.RoomsOccupied })
	}
	// Every day on which the rooms or anyone's occupancy changes.
	var days []int
	days = append(days, rs.days...)
	for _, o := range os {
		days = append(days, o.days...)
	}
	sort.Ints(days)
	days = dedupeInts(days)

	var out []carecast.OccupancyRow
	last := make([]decimal.Decimal, nc)
	started := make([]bool, nc)
	vals := make([]decimal.Decimal, nc)
	for _, d := range days {
		total := zero
		for c := range os {
			vals[c] = os[c].at(d)
			total = total.Add(vals[c])
		}
		r := rs.at(d)
		capped := total.Mul(f).GreaterThan(r)
		for c := range os {
			if !started[c] && (len(os[c].days) == 0 || os[c].days[0] > d) {
				continue // before the council's first row
			}
			v := vals[c].Mul(f)
			if capped {
				v, _ = vals[c].Mul(r).QuoRem(total, 12)
			}
			if started[c] && v.Equal(last[c]) {
				continue
			}
			started[c], last[c] = true, v
			out = append(out, carecast.OccupancyRow{Council: c, From: carecast.DateFromDays(d), RoomsOccupied: v})
		}
	}
	return out
}

// Drawing from the distributions. Each draw takes one uniform number u in
// (0, 1) a factor, in Factor order, and turns it into a value by the
// inverse of the distribution function, so a run's values depend only on
// its random numbers.

// normalZ95 is the 95th percentile of the standard normal distribution.
const normalZ95 = 1.6448536269514722

// dist is a distribution in float64, for drawing.
type dist struct {
	kind            carecast.Distribution
	low, mode, high float64
}

func distOf(r carecast.Risk) dist {
	return dist{kind: r.Distribution, low: r.Low.InexactFloat64(), mode: r.Mode.InexactFloat64(), high: r.High.InexactFloat64()}
}

// quantile is the value at cumulative probability u in (0, 1).
func (d dist) quantile(u float64) float64 {
	a, c, b := d.low, d.mode, d.high
	switch d.kind {
	case carecast.Uniform:
		return a + u*(b-a)
	case carecast.Normal:
		sigma := (b - a) / (2 * normalZ95)
		return c + sigma*math.Sqrt2*math.Erfinv(2*u-1)
	default: // triangular
		if b <= a {
			return a
		}
		if fc := (c - a) / (b - a); u < fc {
			return a + math.Sqrt(u*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-u)*(b-a)*(b-c))
	}
}
