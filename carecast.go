// Package carecast holds the domain of a joint commissioning scheme for
// children's residential care: the councils that pool pledges, the block
// rooms they buy, the spot placements those rooms replace, and the figures
// of a forecast. It imports no package of this project; the engine
// (forecast), the pooled fund (ledger), the readers (inputs) and the writers
// (reports) speak to each other only in these types.
//
// The arithmetic is set out in docs/methodology.md, the method users
// check the figures against.
package carecast

import (
	"github.com/shopspring/decimal"
)

// Scenario is everything a forecast reads: the Assumptions sheet and the
// tables of docs/methodology.md §2, validated. Rows keep the order of the input.
type Scenario struct {
	Assumptions Assumptions
	Councils    []Council
	Pledges     []Pledge
	Rooms       []RoomsRow
	Occupancy   []OccupancyRow
	// Demand and Allocations, when Demand has rows, derive occupancy from
	// the placements each council needs (see DeriveOccupancy in package
	// forecast); a scenario has Occupancy rows or Demand rows, not both.
	Demand      []DemandRow
	Allocations []AllocationRow
	SpotCosts   []SpotCost
	Grants      []Grant
	Costs       []Cost
	// Risks are optional distributions for the appraisal under uncertainty.
	Risks []Risk
	// Options are the options of an options appraisal (the Options sheet),
	// each a variation on this scenario, its base case.
	Options []Option
	// WiderBenefits are benefits reported apart from the cash figures (the
	// WiderBenefits sheet).
	WiderBenefits []WiderBenefit
	// Accounts map the ledger's accounts to a finance system's codes (the
	// Accounts sheet), for journals; none means the ledger's own names.
	Accounts []AccountCode
	// Paper and RiskRegister are a cabinet paper's own words (the Paper
	// and RiskRegister sheets, cabinet.go): no figure depends on them.
	Paper        []PaperRow
	RiskRegister []RiskEntry
	// PlaceCodes say which category of placement each SSDA903 PLACE code
	// is (the PlaceCodes sheet), for 'carecast demand 903'; none means
	// DefaultPlaceCodes.
	PlaceCodes []PlaceCode
	// Actuals are what actually happened in the months to date (the
	// Actuals sheet, docs/methodology.md §15): each row replaces an item
	// of the forecast in its month.
	Actuals []Actual
	// Digests are the SHA-256 of the files the scenario was read from (none
	// for the built-in scenario): the provenance of every output.
	Digests []Digest
}

// Assumptions are the settings of the Assumptions sheet (docs/methodology.md §2).
type Assumptions struct {
	Scenario         string
	StartDate        Date            // first day of a month; default 2019-04-01
	Years            int             // 1 to 30; default 8
	BlockWeeklyPrice decimal.Decimal // £ per block room per week on BlockPriceDate; required
	BlockPriceDate   Date            // default StartDate
	BlockUplift      decimal.Decimal // annual; default 0
	OccupancyRate    decimal.Decimal // used when there are no Occupancy rows; default 0.9
	DiscountRate     decimal.Decimal // real, annual; default 0.035 (Green Book)
	Deflator         decimal.Decimal // annual general inflation; default 0.02
	OpeningFund      Money           // opening_fund_balance; default 0
	SettleAtEnd      bool            // default true
	// OptimismBias uplifts the scheme's costs in the appraisal only
	// (HM Treasury Green Book); default 0.
	OptimismBias decimal.Decimal
	// MaxFill is the share of the rooms that can be filled when demand is
	// plentiful (matching and turnover keep the rest empty); used with
	// Demand rows. Default 0.9.
	MaxFill decimal.Decimal
	// Sharing says who may use the rooms when occupancy is derived from
	// demand: SharingPooled (default), SharingAllocated or
	// SharingAllocatedTrade.
	Sharing string
	// Journal are the settings of the journals for a general ledger
	// (docs/methodology.md §16).
	Journal JournalSettings
	// AsAt is the as-at date, the last day of the last month to date (the
	// as_at setting, or --as-at); zero: the last day of the latest month
	// of the Actuals rows (Scenario.AsAt).
	AsAt Date
	// RAG are the thresholds of a monitoring report's rating
	// (docs/methodology.md §18).
	RAG RAGThresholds
}

// The sharing rules for occupancy derived from demand
// (docs/methodology.md §11).
const (
	// SharingPooled: any council's child may take any room.
	SharingPooled = "pooled"
	// SharingAllocated: each council uses only the rooms allocated to it.
	SharingAllocated = "allocated"
	// SharingAllocatedTrade: allocations first, then the rooms left are
	// traded to councils with unmet demand.
	SharingAllocatedTrade = "allocated_trade"
)

// ParseSharing reads a sharing rule's name, ignoring case, spaces, hyphens
// and underscores.
func ParseSharing(s string) (string, bool) {
	for _, v := range []string{SharingPooled, SharingAllocated, SharingAllocatedTrade} {
		if normKey(v) == normKey(s) {
			return v, true
		}
	}
	return "", false
}

// SharingRule is the rule in force: Sharing, or SharingPooled when blank.
func (a Assumptions) SharingRule() string {
	if a.Sharing == "" {
		return SharingPooled
	}
	return a.Sharing
}

// Fill is MaxFill, or its default 0.9 when zero.
func (a Assumptions) Fill() decimal.Decimal {
	if a.MaxFill.IsZero() {
		return defaultMaxFill
	}
	return a.MaxFill
}

var defaultMaxFill = decimal.RequireFromString("0.9")

// DefaultAssumptions returns the defaults of docs/methodology.md §2, the
// Default of each setting (settingTable). BlockWeeklyPrice has no default
// and is left zero; BlockPriceDate zero means StartDate.
func DefaultAssumptions() Assumptions {
	var a Assumptions
	for _, s := range Settings() {
		if s.Default != nil {
			s.Set(&a, s.Default)
		}
	}
	return a
}

// Months is the number of monthly periods in the horizon.
func (a Assumptions) Months() int { return 12 * a.Years }

// End is the last day of the horizon (inclusive).
func (a Assumptions) End() Date { return a.StartDate.AddMonths(a.Months()).AddDays(-1) }

// PriceDate is the date on which BlockWeeklyPrice holds.
func (a Assumptions) PriceDate() Date {
	if a.BlockPriceDate.IsZero() {
		return a.StartDate
	}
	return a.BlockPriceDate
}

// Council is a member of the consortium. Share, when any council has one,
// overrides pledge-based shares (normalised to sum 1; a missing share is 0).
type Council struct {
	Code     string
	Name     string
	Share    decimal.Decimal
	HasShare bool
}

// Label is the name if there is one, else the code.
func (c Council) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Code
}

// Pledge is money a council pays into the pool in monthly instalments, in
// the months whose first day lies in [From, To] (To inclusive).
type Pledge struct {
	Council      int // index into Scenario.Councils
	From, To     Date
	AnnualAmount Money
}

// RoomsRow says how many block rooms are available from a date.
type RoomsRow struct {
	From  Date
	Rooms int
}

// OccupancyRow is the average number of block rooms a council occupies from
// a date (it may be fractional).
type OccupancyRow struct {
	Council       int
	From          Date
	RoomsOccupied decimal.Decimal
}

// DemandRow is the average number of a council's children, at once, who
// need a placement the block could serve, from a date until the council's
// next row (zero before its first).
type DemandRow struct {
	Council    int
	From       Date
	Placements decimal.Decimal
}

// AllocationRow reserves whole block rooms to a council from a date until
// the council's next row (zero before its first), for the sharing rules
// SharingAllocated and SharingAllocatedTrade.
type AllocationRow struct {
	Council int
	From    Date
	Rooms   int
}

// SpotCost is what one spot placement costs a council per week on From,
// indexed annually from From at AnnualInflation.
type SpotCost struct {
	Council         int
	From            Date
	WeeklyCost      decimal.Decimal
	AnnualInflation decimal.Decimal
}

// Grant is one-off income into the pool.
type Grant struct {
	Date        Date
	Amount      Money
	Description string
}

// Cost is a running cost of the pool, paid like a pledge: monthly
// instalments in the months whose first day lies in [From, To].
type Cost struct {
	Description  string
	From, To     Date
	AnnualAmount Money
}

// Risk gives a risk factor a distribution, for the appraisal under
// uncertainty: a row of the Risks sheet. Low, Mode and High are in the
// factor's own unit (Factor.Unit); Validate checks them.
type Risk struct {
	Factor       Factor
	Distribution Distribution
	Low, Mode    decimal.Decimal
	High         decimal.Decimal
}
