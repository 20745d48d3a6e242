// Package reports writes what a forecast, a sensitivity analysis and a
// simulation say as text: the JSON summaries, aligned tables for a terminal
// and tab-separated text for a pipe. It needs only the standard library
// (and the domain types): the workbook, the charts page and their rendering
// live in packages workbook, charts and render.
package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The JSON summary of docs/methodology.md §13. Field order follows the contract. Money is
// a string with two decimals (carecast.Money marshals so); room-days and
// rates are JSON numbers written from their exact decimals, never via float.

// Summary is the machine-readable summary of a forecast.
type Summary struct {
	Scenario string        `json:"scenario"`
	Start    carecast.Date `json:"start"`
	End      carecast.Date `json:"end"`
	Years    int           `json:"years"`
	Currency string        `json:"currency"`
	// AsAt is the as-at date, with Actuals rows or the as_at setting
	// (docs/methodology.md §15): actuals to it, the forecast after.
	AsAt           *carecast.Date   `json:"as_at,omitempty"`
	Totals         SummaryTotals    `json:"totals"`
	FinancialYears []SummaryYear    `json:"financial_years"`
	Councils       []SummaryCouncil `json:"councils"`
	WiderBenefits  []SummaryWider   `json:"wider_benefits"`
	// Sharing is the same scenario under each sharing rule (what bed
	// trading is worth); only with Demand and Allocations rows.
	Sharing []SummarySharing `json:"sharing,omitempty"`
	// Months are the figures month by month, with --monthly
	// (docs/methodology.md §15): what a frozen budget holds.
	Months []SummaryMonth `json:"months,omitempty"`
}

// SummaryWider is one wider benefit for the consortium over the horizon,
// apart from every cash figure.
type SummaryWider struct {
	Measure      string         `json:"measure"`
	Unit         string         `json:"unit"`
	Bearer       string         `json:"bearer"`
	Quantity     json.Number    `json:"quantity"`
	Value        carecast.Money `json:"value"`
	PresentValue carecast.Money `json:"present_value"`
}

// SummaryTotals are the whole horizon's consortium figures.
type SummaryTotals struct {
	Pledges        carecast.Money `json:"pledges"`
	Grants         carecast.Money `json:"grants"`
	OtherCosts     carecast.Money `json:"other_costs"`
	BlockCost      carecast.Money `json:"block_cost"`
	VoidCost       carecast.Money `json:"void_cost"`
	SpotAvoided    carecast.Money `json:"spot_avoided"`
	AttributedCost carecast.Money `json:"attributed_cost"`
	Savings        carecast.Money `json:"savings"`
	NPV            carecast.Money `json:"npv"`
	// NPVAfterOptimismBias is the NPV with the scheme's costs uplifted by
	// the optimism bias; the cash figures do not change.
	NPVAfterOptimismBias carecast.Money `json:"npv_after_optimism_bias"`
	ClosingFundBalance   carecast.Money `json:"closing_fund_balance"`
	CapacityRoomDays     json.Number    `json:"capacity_room_days"`
	OccupiedRoomDays     json.Number    `json:"occupied_room_days"`
	OccupancyRate        json.Number    `json:"occupancy_rate"`
	BreakEvenOccupancy   *json.Number   `json:"break_even_occupancy"` // null when nothing is occupied
	// OverflowRoomDays is demand the block could not take (zero unless
	// occupancy is derived from demand).
	OverflowRoomDays json.Number `json:"overflow_room_days"`
}

// SummaryYear is one financial year of the consortium.
type SummaryYear struct {
	FY                 string         `json:"fy"`
	Pledges            carecast.Money `json:"pledges"`
	Grants             carecast.Money `json:"grants"`
	OtherCosts         carecast.Money `json:"other_costs"`
	BlockCost          carecast.Money `json:"block_cost"`
	VoidCost           carecast.Money `json:"void_cost"`
	SpotAvoided        carecast.Money `json:"spot_avoided"`
	AttributedCost     carecast.Money `json:"attributed_cost"`
	Savings            carecast.Money `json:"savings"`
	ClosingFundBalance carecast.Money `json:"closing_fund_balance"`
	CapacityRoomDays   json.Number    `json:"capacity_room_days"`
	OccupiedRoomDays   json.Number    `json:"occupied_room_days"`
	OccupancyRate      json.Number    `json:"occupancy_rate"`
	// ActualMonths counts its actual months, when there is an as-at date.
	ActualMonths *int `json:"actual_months,omitempty"`
}

// SummaryMonth is one month of the consortium and its councils
// (docs/methodology.md §15), as a frozen budget holds it.
type SummaryMonth struct {
	Month            string                `json:"month"` // 2019-04
	Actual           bool                  `json:"actual"`
	Pledges          carecast.Money        `json:"pledges"`
	Grants           carecast.Money        `json:"grants"`
	OtherCosts       carecast.Money        `json:"other_costs"`
	BlockCost        carecast.Money        `json:"block_cost"`
	VoidCost         carecast.Money        `json:"void_cost"`
	SpotAvoided      carecast.Money        `json:"spot_avoided"`
	AttributedCost   carecast.Money        `json:"attributed_cost"`
	Savings          carecast.Money        `json:"savings"`
	FundBalance      carecast.Money        `json:"fund_balance"` // closing, before settlement
	CapacityRoomDays json.Number           `json:"capacity_room_days"`
	OccupiedRoomDays json.Number           `json:"occupied_room_days"`
	Councils         []SummaryMonthCouncil `json:"councils"`
}

// SummaryMonthCouncil is one council's month.
type SummaryMonthCouncil struct {
	Code             string         `json:"code"`
	Pledges          carecast.Money `json:"pledges"`
	AttributedCost   carecast.Money `json:"attributed_cost"`
	SpotAvoided      carecast.Money `json:"spot_avoided"`
	Savings          carecast.Money `json:"savings"`
	Position         carecast.Money `json:"position"` // closing, with the pool
	OccupiedRoomDays json.Number    `json:"occupied_room_days"`
}

// SummaryCouncil is one council's figures.
type SummaryCouncil struct {
	Code             string               `json:"code"`
	Name             string               `json:"name"`
	Pledges          carecast.Money       `json:"pledges"`
	UsedBlock        carecast.Money       `json:"used_block"`
	SharedCost       carecast.Money       `json:"shared_cost"`
	AttributedCost   carecast.Money       `json:"attributed_cost"`
	SpotAvoided      carecast.Money       `json:"spot_avoided"`
	Savings          carecast.Money       `json:"savings"`
	NPV              carecast.Money       `json:"npv"`
	Settlement       carecast.Money       `json:"settlement"`
	OccupiedRoomDays json.Number          `json:"occupied_room_days"`
	FinancialYears   []SummaryCouncilYear `json:"financial_years"`
}

// SummarySharing is the scenario under one sharing rule.
type SummarySharing struct {
	Rule             string                  `json:"rule"`
	Savings          carecast.Money          `json:"savings"`
	NPV              carecast.Money          `json:"npv"`
	OccupancyRate    json.Number             `json:"occupancy_rate"`
	VoidCost         carecast.Money          `json:"void_cost"`
	OverflowRoomDays json.Number             `json:"overflow_room_days"`
	Councils         []SummarySharingCouncil `json:"councils"`
}

// SummarySharingCouncil is one council's savings under a sharing rule.
type SummarySharingCouncil struct {
	Code    string         `json:"code"`
	Savings carecast.Money `json:"savings"`
}

// SummaryCouncilYear is one council's financial year.
type SummaryCouncilYear struct {
	FY             string         `json:"fy"`
	Pledges        carecast.Money `json:"pledges"`
	AttributedCost carecast.Money `json:"attributed_cost"`
	SpotAvoided    carecast.Money `json:"spot_avoided"`
	Savings        carecast.Money `json:"savings"`
}

// number writes an exact decimal as a JSON number.
func number(d decimal.Decimal) json.Number { return json.Number(d.String()) }

// rateNumber writes a rate to six decimal places.
func rateNumber(d decimal.Decimal) json.Number { return json.Number(d.Round(6).String()) }

// NewSummaryTotals builds the totals of a forecast's summary.
func NewSummaryTotals(r *carecast.Result) SummaryTotals {
	t := r.Total
	st := SummaryTotals{
		Pledges: t.Pledges, Grants: t.Grants, OtherCosts: t.OtherCosts, BlockCost: t.BlockCost,
		VoidCost: t.VoidCost, SpotAvoided: t.SpotAvoided, AttributedCost: t.AttributedCost,
		Savings: t.Savings, NPV: r.NPV, NPVAfterOptimismBias: r.NPVAfterOptimismBias, ClosingFundBalance: t.ClosingFund,
		CapacityRoomDays: number(t.CapacityRoomDays), OccupiedRoomDays: number(t.OccupiedRoomDays),
		OccupancyRate:    rateNumber(t.OccupancyRate()),
		OverflowRoomDays: number(t.OverflowRoomDays),
	}
	if r.BreakEvenDefined {
		n := rateNumber(r.BreakEvenOccupancy)
		st.BreakEvenOccupancy = &n
	}
	return st
}

// NewSummary builds the summary of docs/methodology.md §13 from a forecast.
func NewSummary(r *carecast.Result) *Summary {
	a := r.Scenario.Assumptions
	s := &Summary{
		Scenario: a.Scenario, Start: r.Start, End: r.End, Years: a.Years, Currency: "GBP",
		Totals:         NewSummaryTotals(r),
		FinancialYears: []SummaryYear{},
		Councils:       []SummaryCouncil{},
		WiderBenefits:  []SummaryWider{},
	}
	for _, w := range r.Wider {
		s.WiderBenefits = append(s.WiderBenefits, SummaryWider{
			Measure: w.Benefit.Measure, Unit: w.Benefit.Unit, Bearer: w.Benefit.Bearer,
			Quantity: number(w.Quantity), Value: w.Value, PresentValue: w.PresentValue,
		})
	}
	if !r.AsAt.IsZero() {
		asAt := r.AsAt
		s.AsAt = &asAt
	}
	for _, y := range r.Years {
		var actual *int
		if s.AsAt != nil {
			n := y.ActualMonths
			actual = &n
		}
		s.FinancialYears = append(s.FinancialYears, SummaryYear{
			ActualMonths: actual,
			FY:           y.FY.String(), Pledges: y.Pledges, Grants: y.Grants, OtherCosts: y.OtherCosts,
			BlockCost: y.BlockCost, VoidCost: y.VoidCost, SpotAvoided: y.SpotAvoided,
			AttributedCost: y.AttributedCost, Savings: y.Savings, ClosingFundBalance: y.ClosingFund,
			CapacityRoomDays: number(y.CapacityRoomDays), OccupiedRoomDays: number(y.OccupiedRoomDays),
			OccupancyRate: rateNumber(y.OccupancyRate()),
		})
	}
	for _, c := range r.Councils {
		sc := SummaryCouncil{
			Code: c.Council.Code, Name: c.Council.Name, Pledges: c.Total.Pledges,
			UsedBlock: c.Total.UsedBlock, SharedCost: c.Total.SharedCost,
			AttributedCost: c.Total.AttributedCost, SpotAvoided: c.Total.SpotAvoided,
			Savings: c.Total.Savings, NPV: c.NPV, Settlement: c.Settlement,
			OccupiedRoomDays: number(c.Total.OccupiedRoomDays),
			FinancialYears:   []SummaryCouncilYear{},
		}
		for _, y := range c.Years {
			sc.FinancialYears = append(sc.FinancialYears, SummaryCouncilYear{
				FY: y.FY.String(), Pledges: y.Pledges, AttributedCost: y.AttributedCost,
				SpotAvoided: y.SpotAvoided, Savings: y.Savings,
			})
		}
		s.Councils = append(s.Councils, sc)
	}
	for _, run := range r.Sharing {
		ss := SummarySharing{Rule: run.Rule, Savings: run.Savings, NPV: run.NPV, OccupancyRate: rateNumber(run.OccupancyRate),
			VoidCost: run.VoidCost, OverflowRoomDays: number(run.OverflowRoomDays), Councils: []SummarySharingCouncil{}}
		for i, c := range r.Councils {
			ss.Councils = append(ss.Councils, SummarySharingCouncil{Code: c.Council.Code, Savings: run.CouncilSavings[i]})
		}
		s.Sharing = append(s.Sharing, ss)
	}
	return s
}

// SummaryMonths are a forecast's months, for --monthly.
func SummaryMonths(r *carecast.Result) []SummaryMonth {
	out := make([]SummaryMonth, len(r.Months))
	for i := range r.Months {
		m := &r.Months[i]
		sm := SummaryMonth{
			Month: fmt.Sprintf("%04d-%02d", m.Start.Year, int(m.Start.Month)), Actual: m.Actual,
			Pledges: m.Pledges, Grants: m.Grants, OtherCosts: m.OtherCosts, BlockCost: m.BlockCost,
			VoidCost: m.VoidCost, SpotAvoided: m.SpotAvoided, AttributedCost: m.AttributedCost,
			Savings: m.Savings, FundBalance: m.ClosingFund,
			CapacityRoomDays: number(m.CapacityRoomDays), OccupiedRoomDays: number(m.OccupiedRoomDays),
			Councils: make([]SummaryMonthCouncil, len(m.Councils)),
		}
		for c, cm := range m.Councils {
			sm.Councils[c] = SummaryMonthCouncil{
				Code: r.Councils[c].Council.Code, Pledges: cm.Pledges, AttributedCost: cm.AttributedCost,
				SpotAvoided: cm.SpotAvoided, Savings: cm.Savings, Position: cm.Position,
				OccupiedRoomDays: number(cm.OccupiedRoomDays),
			}
		}
		out[i] = sm
	}
	return out
}

// JSONOptions say what the summary carries beyond docs/methodology.md §13.
type JSONOptions struct {
	// Monthly adds "months", every month's figures (docs/methodology.md
	// §15).
	Monthly bool
}

// WriteJSON writes the machine-readable summary of docs/methodology.md §13, indented,
// with a final newline.
func WriteJSON(w io.Writer, r *carecast.Result) error {
	return WriteJSONWith(w, r, JSONOptions{})
}

// WriteJSONWith is WriteJSON with options.
func WriteJSONWith(w io.Writer, r *carecast.Result, o JSONOptions) error {
	s := NewSummary(r)
	if o.Monthly {
		s.Months = SummaryMonths(r)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
