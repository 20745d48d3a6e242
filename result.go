package carecast

import "github.com/shopspring/decimal"

// Result is a forecast: the figures of docs/methodology.md §4 for every month, for the
// consortium and for each council, with totals by UK financial year and over
// the whole horizon. Every total is a sum of the monthly pence (docs/methodology.md §5),
// so councils sum to the consortium, months to years, years to the whole.
type Result struct {
	Scenario *Scenario
	Start    Date // first day of the horizon
	End      Date // last day of the horizon (inclusive)

	// AsAt is the as-at date (docs/methodology.md §15): the months to it
	// are actuals to date, those after it the forecast. Zero when the
	// scenario has no Actuals rows and no as_at setting.
	AsAt Date

	Months     []Month     // one per period m = 0 .. 12*years-1
	Years      []Year      // consortium by financial year, in order
	ModelYears []ModelYear // the discounting of docs/methodology.md §7, by model year
	Total      Figures     // the whole horizon

	// NPV is the present value of the consortium's savings (docs/methodology.md §7),
	// rounded once to pence.
	NPV Money
	// NPVAfterOptimismBias discounts, as NPV does, the savings with the
	// scheme's costs uplifted by the optimism bias: in month m
	// spot_avoided - round((1+b)(block_cost + other_costs)) + grants. It
	// equals NPV when the bias is zero.
	NPVAfterOptimismBias Money
	// BreakEvenOccupancy is the occupancy of the rooms at which savings over
	// the horizon are zero: lambda* times the average occupancy rate. Above 1
	// the scheme cannot break even. BreakEvenScale is lambda* itself. Both
	// are zero, with BreakEvenDefined false, when nothing is occupied.
	BreakEvenOccupancy decimal.Decimal
	BreakEvenScale     decimal.Decimal
	BreakEvenDefined   bool

	Councils []CouncilResult // in the order of the Councils sheet

	// MostRooms is the most block rooms the scheme has on any day of the
	// horizon; FullYear is the index in Years of the first financial year,
	// wholly within the horizon, on every day of which it has them, or -1.
	MostRooms int
	FullYear  int

	// Wider are the wider benefits, one per WiderBenefits row, apart from
	// every cash figure.
	Wider []WiderResult

	// Sharing is what bed trading is worth (docs/methodology.md §11): with
	// Demand and Allocations rows, the same scenario under each sharing
	// rule (allocated, allocated_trade, pooled, in that order), one of
	// them the rule in force; nil otherwise.
	Sharing []SharingRun
	// TradingWorth is what trading unused rooms between councils is worth
	// to the consortium: the savings with rooms left unused traded
	// (allocated_trade) less those under allocations only (allocated);
	// zero without Sharing. CouncilResult.TradingWorth is each council's.
	TradingWorth Money

	// WiderPresentValue is the wider benefits' present values summed: not
	// cash, never added to the savings.
	WiderPresentValue Money
	// Settlement is the councils' settlements summed: what the fund pays
	// back to them at the end (negative: what they pay in); zero when the
	// scenario does not settle at the end.
	Settlement Money
	// Cash is the councils' cash together, year by year, as their budgets
	// see it (CashPosition).
	Cash CashPosition
}

// CashPosition is a budget's cash by financial year: what it pays into
// the pooled fund against the spot purchasing it avoids, before the
// settlement at the end; the paper's effect on the budget.
type CashPosition struct {
	Years []CashYear // aligned with Result.Years
	// Worst is the index of the year with the most negative net effect
	// (the earliest of equals), -1 when no year's is negative.
	Worst int
	// Deepest is the index of the year at whose end the cumulative net
	// effect is lowest below nil (the earliest of equals), -1 when it is
	// never below nil; DeepestAmount is that cumulative net effect.
	Deepest       int
	DeepestAmount Money
	// BackFrom is the first year from which the cumulative net effect
	// stays at or above nil to the end, -1 when it ends below nil.
	BackFrom int
}

// CashYear is one financial year of a CashPosition.
type CashYear struct {
	Pledges     Money // paid into the pooled fund
	SpotAvoided Money // the spot purchasing the year's placements would have cost
	Net         Money // SpotAvoided - Pledges: the effect on the budget in the year
	Cumulative  Money // the net effect to the year's end
}

// NewCashPosition is the cash position of years of pledges paid and spot
// purchasing avoided.
func NewCashPosition(pledges, spot []Money) CashPosition {
	p := CashPosition{Worst: -1, Deepest: -1, BackFrom: -1}
	var cum Money
	for i := range pledges {
		net := spot[i].Sub(pledges[i])
		cum = cum.Add(net)
		p.Years = append(p.Years, CashYear{Pledges: pledges[i], SpotAvoided: spot[i], Net: net, Cumulative: cum})
		if net.Sign() < 0 && (p.Worst < 0 || net.Cmp(p.Years[p.Worst].Net) < 0) {
			p.Worst = i
		}
		if cum.Sign() < 0 && (p.Deepest < 0 || cum.Cmp(p.DeepestAmount) < 0) {
			p.Deepest, p.DeepestAmount = i, cum
		}
		if cum.Sign() < 0 {
			p.BackFrom = -1
		} else if p.BackFrom < 0 {
			p.BackFrom = i
		}
	}
	return p
}

// Figures are the consortium's figures over a span of months. Money is in
// whole pence; room-days are exact where the inputs are (see forecast).
type Figures struct {
	Pledges        Money // paid into the pool
	Grants         Money // one-off income into the pool
	OtherCosts     Money // running costs of the pool (the Costs sheet)
	BlockCost      Money // paid for the block rooms, occupied or not
	UsedBlock      Money // the part of BlockCost for occupied room-days
	VoidCost       Money // BlockCost - UsedBlock
	SpotAvoided    Money // what the occupied room-days would have cost spot-purchased
	SharedCost     Money // VoidCost + OtherCosts - Grants
	AttributedCost Money // UsedBlock + SharedCost = BlockCost + OtherCosts - Grants
	Savings        Money // SpotAvoided - AttributedCost

	CapacityRoomDays decimal.Decimal
	OccupiedRoomDays decimal.Decimal
	// OverflowRoomDays are the room-days of demand the block could not take
	// (placements still spot-purchased, when occupancy is derived from
	// demand; zero otherwise), and OverflowCost what they cost at spot
	// prices. They are reported apart: the same under business as usual,
	// they cancel out of savings.
	OverflowRoomDays decimal.Decimal
	OverflowCost     Money

	OpeningFund Money // pooled fund balance before the span
	ClosingFund Money // pooled fund balance after the span, before settlement
}

// OccupancyRate is occupied over capacity room-days (0 when there is no
// capacity), to 10 decimal places.
func (f Figures) OccupancyRate() decimal.Decimal {
	if f.CapacityRoomDays.IsZero() {
		return decimal.Zero
	}
	return DivRound(f.OccupiedRoomDays, f.CapacityRoomDays, 10)
}

// RunningLessGrants is the running costs less grants: the part of the
// shared cost that is not the void cost.
func (f Figures) RunningLessGrants() Money { return f.OtherCosts.Sub(f.Grants) }

// SavingsLessGrants is the savings without the one-off grants in them:
// the recurring saving.
func (f Figures) SavingsLessGrants() Money { return f.Savings.Sub(f.Grants) }

// FundMovement is what the span adds to the pooled fund:
// pledges + grants - block cost - other costs.
func (f Figures) FundMovement() Money {
	return f.Pledges.Add(f.Grants).Sub(f.BlockCost).Sub(f.OtherCosts)
}

// Add accumulates g's flows into f. Opening and closing fund balances are
// not flows: f keeps its opening and takes g's closing.
func (f *Figures) Add(g Figures) {
	f.Pledges = f.Pledges.Add(g.Pledges)
	f.Grants = f.Grants.Add(g.Grants)
	f.OtherCosts = f.OtherCosts.Add(g.OtherCosts)
	f.BlockCost = f.BlockCost.Add(g.BlockCost)
	f.UsedBlock = f.UsedBlock.Add(g.UsedBlock)
	f.VoidCost = f.VoidCost.Add(g.VoidCost)
	f.SpotAvoided = f.SpotAvoided.Add(g.SpotAvoided)
	f.SharedCost = f.SharedCost.Add(g.SharedCost)
	f.AttributedCost = f.AttributedCost.Add(g.AttributedCost)
	f.Savings = f.Savings.Add(g.Savings)
	f.CapacityRoomDays = f.CapacityRoomDays.Add(g.CapacityRoomDays)
	f.OccupiedRoomDays = f.OccupiedRoomDays.Add(g.OccupiedRoomDays)
	f.OverflowRoomDays = f.OverflowRoomDays.Add(g.OverflowRoomDays)
	f.OverflowCost = f.OverflowCost.Add(g.OverflowCost)
	f.ClosingFund = g.ClosingFund
}

// Month is period m of the horizon: [Start, Start + 1 month).
type Month struct {
	Index     int
	Start     Date // first day
	End       Date // last day (inclusive)
	Days      int
	FY        FinancialYear
	ModelYear int // floor(m/12)
	// Actual says the month is an actual month: an Actuals row names it,
	// and its figures are the actuals given, the rest priced by the rules
	// of docs/methodology.md §15.
	Actual bool

	Figures
	// Rooms and BlockWeeklyPrice are the values in force on the first day;
	// Stretches say how they changed within the month.
	Rooms            int
	BlockWeeklyPrice decimal.Decimal
	Stretches        []Stretch

	Councils []CouncilMonth // in the order of the Councils sheet
}

// Stretch is a run of days within a month on which the rooms available and
// the block price are constant: the reason behind capacity and block cost.
type Stretch struct {
	From             Date // first day
	Days             int
	Rooms            int
	BlockWeeklyPrice decimal.Decimal
}

// CouncilMonth is one council's figures for one month.
type CouncilMonth struct {
	Share       decimal.Decimal // s_c(m), exact to 10 places for display
	Pledges     Money
	UsedBlock   Money
	SpotAvoided Money
	SharedCost  Money // this council's part of the month's SharedCost
	// VoidShare is its part of the month's void cost, shared out by the
	// month's shares as the shared cost is (largest remainder), so that
	// the councils' parts add up to the void cost; RunningShare is the
	// rest of its shared cost, SharedCost - VoidShare: its part of the
	// running costs less grants.
	VoidShare    Money
	RunningShare Money
	// GrantShare is its part of the month's grants, shared out by the
	// month's shares as the shared cost is: the one-off income within its
	// savings (it is inside RunningShare, which is net of grants).
	GrantShare       Money
	AttributedCost   Money // UsedBlock + SharedCost
	Savings          Money // SpotAvoided - AttributedCost
	OccupiedRoomDays decimal.Decimal
	OverflowRoomDays decimal.Decimal // demand the block could not take
	OverflowCost     Money           // what the overflow costs at spot prices
	SpotWeeklyPrice  decimal.Decimal // in force on the first day (0: none)
	Position         Money           // closing position with the pool; positive: the pool owes the council
}

// Year is the consortium's figures for one UK financial year (the months of
// the horizon that fall in it).
type Year struct {
	FY          FinancialYear
	First, Last int // month indices, inclusive
	// ActualMonths counts the actual months among them.
	ActualMonths int
	Figures
}

// Label is the year as a table of actuals and forecast names it:
// "2019/20 actual" when every month of it is actual (the Actuals to the
// as-at date), "2020/21 part actual" when some are, else "2021/22".
func (y Year) Label() string {
	switch n := y.ActualMonths; {
	case n == 0:
		return y.FY.String()
	case n == y.Last-y.First+1:
		return y.FY.String() + " actual"
	default:
		return y.FY.String() + " part actual"
	}
}

// ModelYear is model year k of docs/methodology.md §7: months 12k .. 12k+11.
type ModelYear struct {
	Index   int
	Savings Money
	// Factor is 1/((1+deflator)^k * (1+discount_rate)^k), to 12 places.
	Factor decimal.Decimal
	// PresentValue is Savings times the exact factor, to 6 places; the NPV is
	// their sum rounded once to pence.
	PresentValue decimal.Decimal
}

// CouncilResult is one council's forecast.
type CouncilResult struct {
	Council Council
	Index   int // position in the Councils sheet
	Total   CouncilFigures
	Years   []CouncilFigures // by financial year, aligned with Result.Years
	NPV     Money            // present value of its savings; councils sum to Result.NPV

	OpeningPosition Money // its part of the opening fund balance
	ClosingPosition Money // before settlement; positions sum to the fund
	// Settlement is paid back to the council at the end (negative: it pays
	// in). Zero when the scenario does not settle at the end.
	Settlement Money

	// BreakEvenOccupancy is the occupancy of the rooms at which the
	// council's savings over the horizon come to zero, every council's use
	// scaled alike: BreakEvenScale (the scale lambda of every council's
	// occupancy) times the average occupancy rate. Its spot purchasing
	// avoided and used block cost scale with lambda; the block cost does
	// not, so its share of the empty rooms falls as lambda rises:
	// savings(lambda) = lambda x A - F, with A the sum over months of spot
	// avoided - used block + share x the consortium's used block, and F the
	// sum of share x (block cost + running costs - grants). Both are to 10
	// places; zero, with BreakEvenDefined false, when A is not positive or
	// there are no rooms. Above 1 the council cannot break even.
	BreakEvenOccupancy decimal.Decimal
	BreakEvenScale     decimal.Decimal
	BreakEvenDefined   bool

	// Commitment is what its Pledges rows commit it to.
	Commitment Commitment

	// TradingWorth is what trading unused rooms is worth to the council
	// (Result.TradingWorth); the councils' add up to the consortium's.
	TradingWorth Money

	// WiderPresentValue is its parts of the wider benefits' present
	// values summed (WiderCouncil.PresentValue).
	WiderPresentValue Money
	// Cash is its cash year by year, as its budget sees it.
	Cash CashPosition
}

// Commitment is what a council's pledges commit it to, as a cabinet paper
// states it.
type Commitment struct {
	// Low and High are the least and greatest annual amount of its Pledges
	// rows, rows of zero left out.
	Low, High Money
	// First is the first day of the first month in which it pays in, Last
	// the last day of the last such month.
	First, Last Date
	// Years counts the financial years in which it pays in.
	Years int
	// Defined: it has a Pledges row above zero and pays in some month.
	Defined bool
}

// CouncilFigures are one council's figures over a span of months.
type CouncilFigures struct {
	FY               FinancialYear // zero for the whole horizon
	Pledges          Money
	UsedBlock        Money
	SpotAvoided      Money
	SharedCost       Money
	VoidShare        Money // its part of the void cost
	RunningShare     Money // its part of the running costs less grants
	GrantShare       Money // its part of the grants (CouncilMonth.GrantShare)
	AttributedCost   Money
	Savings          Money
	OccupiedRoomDays decimal.Decimal
	OverflowRoomDays decimal.Decimal
	OverflowCost     Money
}

// SavingsLessGrants is the council's savings without its part of the
// one-off grants: its recurring saving.
func (f CouncilFigures) SavingsLessGrants() Money { return f.Savings.Sub(f.GrantShare) }

// Add accumulates the flows of one council-month.
func (f *CouncilFigures) Add(m CouncilMonth) {
	f.Pledges = f.Pledges.Add(m.Pledges)
	f.UsedBlock = f.UsedBlock.Add(m.UsedBlock)
	f.SpotAvoided = f.SpotAvoided.Add(m.SpotAvoided)
	f.SharedCost = f.SharedCost.Add(m.SharedCost)
	f.VoidShare = f.VoidShare.Add(m.VoidShare)
	f.RunningShare = f.RunningShare.Add(m.RunningShare)
	f.GrantShare = f.GrantShare.Add(m.GrantShare)
	f.AttributedCost = f.AttributedCost.Add(m.AttributedCost)
	f.Savings = f.Savings.Add(m.Savings)
	f.OccupiedRoomDays = f.OccupiedRoomDays.Add(m.OccupiedRoomDays)
	f.OverflowRoomDays = f.OverflowRoomDays.Add(m.OverflowRoomDays)
	f.OverflowCost = f.OverflowCost.Add(m.OverflowCost)
}

// VoidShares are the councils' parts of the month's void cost
// (CouncilMonth.VoidShare), which add up to it. The rest of a council's
// shared cost (CouncilMonth.RunningShare) is its part of the running costs
// less grants.
func (m *Month) VoidShares() []Money {
	out := make([]Money, len(m.Councils))
	for c := range m.Councils {
		out[c] = m.Councils[c].VoidShare
	}
	return out
}

// ActualMonths counts the actual months of the horizon.
func (r *Result) ActualMonths() int {
	n := 0
	for i := range r.Months {
		if r.Months[i].Actual {
			n++
		}
	}
	return n
}
