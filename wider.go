package carecast

import "github.com/shopspring/decimal"

// WiderBenefit is a row of the WiderBenefits sheet: each occupied block
// room-year brings PerRoomYear of Measure, each worth UnitValue in real
// terms at start_date prices, to Bearer, as Source says. Wider benefits are
// reported apart and never added to savings, NPV or any cash figure
// (docs/methodology.md §10).
type WiderBenefit struct {
	Measure     string
	Unit        string
	PerRoomYear decimal.Decimal
	UnitValue   Money
	Bearer      string
	Source      string
}

// WiderResult is one wider benefit over the horizon: by council and
// financial year, in units and pounds, with present values.
type WiderResult struct {
	Benefit WiderBenefit
	// Quantity is the units over the horizon (each council-month's quantity
	// to six decimal places, summed); Value their worth, each council-month
	// rounded to pence; PresentValue discounts model year k by
	// (1+discount_rate)^k, rounded once to pence.
	Quantity     decimal.Decimal
	Value        Money
	PresentValue Money
	Years        []WiderFigures // consortium by financial year, aligned with Result.Years
	Councils     []WiderCouncil // in the order of the Councils sheet
}

// WiderCouncil is one council's part of a wider benefit; councils sum to
// the consortium (present values shared by largest remainder).
type WiderCouncil struct {
	Quantity     decimal.Decimal
	Value        Money
	PresentValue Money
	Years        []WiderFigures // aligned with Result.Years
}

// WiderFigures are a wider benefit's quantity and value over a span.
type WiderFigures struct {
	FY       FinancialYear
	Quantity decimal.Decimal
	Value    Money
}
