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
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The JSON summary of docs/methodology.md §13. Field order follows the contract. Money is
// a string with two decimals (carecast.Money marshals so); room-days and
// rates are JSON numbers written from their exact decimals, never via float.

// Summary is the machine-readable summary of a forecast.
type Summary struct {
	Scenario       string           `json:"scenario"`
	Start          carecast.Date    `json:"start"`
	End            carecast.Date    `json:"end"`
	Years          int              `json:"years"`
	Currency       string           `json:"currency"`
	Totals         SummaryTotals    `json:"totals"`
	FinancialYears []SummaryYear    `json:"financial_years"`
	Councils       []SummaryCouncil `json:"councils"`
	WiderBenefits  []SummaryWider   `json:"wider_benefits"`
	// Sharing is the same scenario under each sharing rule (what bed
	// trading is worth); only with Demand and Allocations rows.
	Sharing []SummarySharing `json:"sharing,omitempty"`
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
	for _, y := range r.Years {
		s.FinancialYears = append(s.FinancialYears, SummaryYear{
			FY: y.FY.String(), Pledges: y.Pledges, Grants: y.Grants, OtherCosts: y.OtherCosts,
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

// WriteJSON writes the machine-readable summary of docs/methodology.md §13, indented,
// with a final newline.
func WriteJSON(w io.Writer, r *carecast.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewSummary(r))
}

// percent formats a rate as a percentage with two decimals, "69.66%".
func percent(d decimal.Decimal) string { return d.Shift(2).StringFixed(2) + "%" }

// groupedRoomDays formats room-days with two decimals, grouped, for
// reading; plainRoomDays as a plain number for other programs.
func groupedRoomDays(d decimal.Decimal) string { return carecast.GroupThousands(d.StringFixed(2)) }

func plainRoomDays(d decimal.Decimal) string { return d.StringFixed(2) }

// headline is the headline figures as label/value pairs; roomDays writes
// the overflow (grouped for a reader, plain for a program).
func headline(r *carecast.Result, format func(carecast.Money) string, roomDays func(decimal.Decimal) string) [][2]string {
	a := r.Scenario.Assumptions
	t := r.Total
	be := "not defined (nothing is occupied)"
	if r.BreakEvenDefined {
		be = percent(r.BreakEvenOccupancy)
		if r.BreakEvenScale.GreaterThan(decimal.NewFromInt(1)) {
			be += " (above the occupancy forecast: the scheme does not break even)"
		}
	}
	// What happens to the closing balance, said once (docs/methodology.md §6).
	settle := "none: the closing balance stays in the fund"
	if a.SettleAtEnd {
		settle = "each council's position is paid back to it (or paid in)"
	}
	h := [][2]string{
		{carecast.LabelPledges, format(t.Pledges)},
		{carecast.LabelGrants, format(t.Grants)},
		{carecast.LabelRunningCosts, format(t.OtherCosts)},
		{carecast.LabelBlockCost, format(t.BlockCost)},
		{"  " + carecast.LabelVoidCost, format(t.VoidCost)}, // part of the block cost
		{carecast.LabelSpotAvoided, format(t.SpotAvoided)},
		{carecast.LabelAttributedCost, format(t.AttributedCost)},
		{carecast.LabelSavings, format(t.Savings)},
		{fmt.Sprintf("%s (real, %s discount, %s deflator)", carecast.LabelNPV, percent(a.DiscountRate), percent(a.Deflator)), format(r.NPV)},
		{fmt.Sprintf("%s (%s on costs)", carecast.LabelNPVAfterOptimismBias, percent(a.OptimismBias)), format(r.NPVAfterOptimismBias)},
		{carecast.LabelOccupancy, percent(t.OccupancyRate())},
		{carecast.LabelBreakEven, be},
		{carecast.LabelClosingFund, format(t.ClosingFund)},
		{carecast.LabelSettlement, settle},
	}
	if len(r.Scenario.Demand) > 0 {
		h = append(h,
			[2]string{"Occupancy derived from demand", fmt.Sprintf("%s (sharing %s), at most %s of the rooms filled", carecast.SharingLabel(a.SharingRule()), a.SharingRule(), percent(a.Fill()))},
			[2]string{carecast.LabelOverflow, roomDays(t.OverflowRoomDays)},
			[2]string{"  Spot cost of the overflow (apart from savings)", format(t.OverflowCost)})
	}
	return h
}

// overflowTable is the demand the block could not take, by council and by
// financial year: room-days and their cost at spot prices. It is reported
// apart from savings, which it does not change.
func overflowTable(r *carecast.Result, format func(carecast.Money) string, roomDays func(decimal.Decimal) string) [][]string {
	head := []string{"Council"}
	for _, y := range r.Years {
		head = append(head, y.FY.String())
	}
	head = append(head, "Total room-days", "Spot cost")
	// Shown to hundredths, the table adds up both ways (roundTable).
	cells := make([][]decimal.Decimal, len(r.Councils))
	for i, c := range r.Councils {
		for _, y := range c.Years {
			cells[i] = append(cells[i], y.OverflowRoomDays)
		}
	}
	cells, years := roundTable(cells)
	rows := [][]string{head}
	for i, c := range r.Councils {
		row := []string{c.Council.Label()}
		sum := decimal.Zero
		for _, v := range cells[i] {
			row = append(row, roomDays(v))
			sum = sum.Add(v)
		}
		rows = append(rows, append(row, roomDays(sum), format(c.Total.OverflowCost)))
	}
	row := []string{"Total"}
	for _, v := range years {
		row = append(row, roomDays(v))
	}
	return append(rows, append(row, roomDays(r.Total.OverflowRoomDays.Round(2)), format(r.Total.OverflowCost)))
}

// roundTable rounds a table of room-days (rows by columns, all zero or
// more) to hundredths so that it adds up both ways, as shown: each column
// to its total, each row to its total, and the column totals to the whole
// rounded once. The whole is shared out among the columns, and among the
// rows, by the largest remainder (hundredths); then each cell is its
// exact value rounded down or up, the cells rounded up chosen so that
// every row and column meets its total (a bipartite flow: controlled
// rounding: Cox and Ernst, INFOR 20(4), 1982). Where no such choice exists, each column
// is shared out alone and a row's total is its cells as shown. It returns
// the cells and the column totals; a row's total is the sum of its cells.
func roundTable(x [][]decimal.Decimal) (cells [][]decimal.Decimal, cols []decimal.Decimal) {
	nr := len(x)
	if nr == 0 {
		return nil, nil
	}
	nc := len(x[0])
	whole := decimal.Zero
	rowSum, colSum := make([]decimal.Decimal, nr), make([]decimal.Decimal, nc)
	for i := range x {
		for j, v := range x[i] {
			rowSum[i], colSum[j], whole = rowSum[i].Add(v), colSum[j].Add(v), whole.Add(v)
		}
	}
	cols = hundredths(colSum, whole)
	rows := hundredths(rowSum, whole)
	cells = make([][]decimal.Decimal, nr)
	// Each cell rounded down, in hundredths, and whether it has a part
	// left over (may be rounded up).
	floor, may := make([][]int64, nr), make([][]bool, nr)
	needR, needC := make([]int64, nr), make([]int64, nc)
	for j := range cols {
		needC[j] = cols[j].Shift(2).IntPart()
	}
	for i := range x {
		floor[i], may[i] = make([]int64, nc), make([]bool, nc)
		needR[i] = rows[i].Shift(2).IntPart()
		for j, v := range x[i] {
			f := v.Shift(2).Floor()
			floor[i][j], may[i][j] = f.IntPart(), v.Shift(2).GreaterThan(f)
			needR[i] -= floor[i][j]
			needC[j] -= floor[i][j]
		}
	}
	up, ok := upFlow(may, needR, needC)
	for i := range x {
		cells[i] = make([]decimal.Decimal, nc)
		for j := range x[i] {
			n := floor[i][j]
			if ok && up[i][j] {
				n++
			}
			cells[i][j] = decimal.New(n, -2)
		}
	}
	if ok {
		return cells, cols
	}
	col := make([]decimal.Decimal, nr)
	for j := range cols {
		for i := range x {
			col[i] = x[i][j]
		}
		for i, v := range hundredths(col, cols[j]) {
			cells[i][j] = v
		}
	}
	return cells, cols
}

// upFlow chooses the cells to round up: needR[i] in row i and needC[j] in
// column j, only cells that may be (may[i][j]: a part left over), by
// augmenting paths from the rows to the columns. ok is false when no
// choice meets every need.
func upFlow(may [][]bool, needR, needC []int64) (up [][]bool, ok bool) {
	nr, nc := len(may), len(needC)
	up = make([][]bool, nr)
	for i := range up {
		up[i] = make([]bool, nc)
	}
	var total, supply int64
	for i := range needR {
		if needR[i] < 0 {
			return nil, false
		}
		total += needR[i]
	}
	for j := range needC {
		if needC[j] < 0 {
			return nil, false
		}
		supply += needC[j]
	}
	if total != supply {
		return nil, false
	}
	gotR, gotC := make([]int64, nr), make([]int64, nc)
	// Augment one unit at a time along row -> column (a cell not yet up)
	// -> row (a cell up, taken back) ... -> a column with need left.
	for i0 := range may {
		for gotR[i0] < needR[i0] {
			seenC := make([]bool, nc)
			seenR := make([]bool, nr)
			var path func(i int) bool
			path = func(i int) bool {
				seenR[i] = true
				for j := range nc {
					if seenC[j] || up[i][j] || !may[i][j] {
						continue
					}
					seenC[j] = true
					if gotC[j] < needC[j] {
						up[i][j] = true
						gotC[j]++
						return true
					}
					for k := range may {
						if up[k][j] && !seenR[k] && path(k) {
							up[k][j] = false
							up[i][j] = true
							return true
						}
					}
				}
				return false
			}
			if !path(i0) {
				return nil, false
			}
			gotR[i0]++
		}
	}
	return up, true
}

// hundredths rounds room-days to two places so that they add up to their
// total, itself rounded to two places: the largest remainder method of
// docs/methodology.md §5, as money is shared out in pence. (Each rounded
// on its own, eight councils' room-days can miss their total by 0.01.)
func hundredths(xs []decimal.Decimal, total decimal.Decimal) []decimal.Decimal {
	const places = 10 // of each part, below the hundredths: far beyond the inputs'
	nums := make([]*big.Int, len(xs))
	for i, x := range xs {
		nums[i] = x.Shift(2 + places).Floor().BigInt()
	}
	whole := total.Round(2).Shift(2).IntPart()
	out := make([]decimal.Decimal, len(xs))
	for i, p := range carecast.Apportion(whole, nums, new(big.Int).Exp(big.NewInt(10), big.NewInt(places), nil), nil) {
		out[i] = decimal.New(p, -2)
	}
	return out
}

// yearTable and councilTable are the two tables of the summary.
func yearTable(r *carecast.Result, format func(carecast.Money) string) [][]string {
	rows := [][]string{{"Year", carecast.LabelPledges, carecast.LabelGrants, carecast.LabelRunningCosts,
		carecast.LabelBlockCost, carecast.LabelVoidCost, carecast.LabelSpotAvoided, carecast.LabelAttributedCost,
		carecast.LabelSavings, carecast.LabelClosingFund, carecast.LabelOccupancy}}
	add := func(label string, f carecast.Figures) {
		rows = append(rows, []string{label, format(f.Pledges), format(f.Grants), format(f.OtherCosts),
			format(f.BlockCost), format(f.VoidCost), format(f.SpotAvoided), format(f.AttributedCost),
			format(f.Savings), format(f.ClosingFund), percent(f.OccupancyRate())})
	}
	for _, y := range r.Years {
		add(y.FY.String(), y.Figures)
	}
	add("Total", r.Total)
	return rows
}

func councilTable(r *carecast.Result, format func(carecast.Money) string, roomDays func(decimal.Decimal) string) [][]string {
	rows := [][]string{{"Council", carecast.LabelPledges, carecast.LabelUsedBlock, carecast.LabelSharedCost,
		carecast.LabelAttributedCost, carecast.LabelSpotAvoided, carecast.LabelSavings, carecast.LabelNPV,
		carecast.LabelSettlement, carecast.LabelOccupied}}
	var t carecast.CouncilFigures
	var npv, settle carecast.Money
	occupied := make([]decimal.Decimal, len(r.Councils))
	for i, c := range r.Councils {
		occupied[i] = c.Total.OccupiedRoomDays
		t.OccupiedRoomDays = t.OccupiedRoomDays.Add(c.Total.OccupiedRoomDays)
	}
	// Shown to hundredths, the councils' room-days add up to the total.
	occupied = hundredths(occupied, t.OccupiedRoomDays)
	for i, c := range r.Councils {
		f := c.Total
		rows = append(rows, []string{c.Council.Label(), format(f.Pledges), format(f.UsedBlock),
			format(f.SharedCost), format(f.AttributedCost), format(f.SpotAvoided), format(f.Savings),
			format(c.NPV), format(c.Settlement), roomDays(occupied[i])})
		t.Pledges, t.UsedBlock, t.SharedCost = t.Pledges.Add(f.Pledges), t.UsedBlock.Add(f.UsedBlock), t.SharedCost.Add(f.SharedCost)
		t.AttributedCost, t.SpotAvoided, t.Savings = t.AttributedCost.Add(f.AttributedCost), t.SpotAvoided.Add(f.SpotAvoided), t.Savings.Add(f.Savings)
		npv, settle = npv.Add(c.NPV), settle.Add(c.Settlement)
	}
	rows = append(rows, []string{"Total", format(t.Pledges), format(t.UsedBlock), format(t.SharedCost),
		format(t.AttributedCost), format(t.SpotAvoided), format(t.Savings), format(npv), format(settle),
		roomDays(t.OccupiedRoomDays)})
	return rows
}

// widerTable is the wider benefits by measure, or nil when there are none.
func widerTable(r *carecast.Result, format func(carecast.Money) string, qty func(decimal.Decimal) string) [][]string {
	if len(r.Wider) == 0 {
		return nil
	}
	rows := [][]string{{"Measure", "Unit", "Bearer", "Quantity", "Value", "Present value"}}
	for _, w := range r.Wider {
		b := w.Benefit
		rows = append(rows, []string{b.Measure, b.Unit, b.Bearer, qty(w.Quantity), format(w.Value), format(w.PresentValue)})
	}
	return rows
}

// widerNote says what the wider benefits are not.
const widerNote = "Wider benefits: not cash, never added to the savings, NPV or fund"

// WriteSummary writes the headline figures and aligned tables by financial
// year and by council, for a terminal.
func WriteSummary(w io.Writer, r *carecast.Result) error {
	a := r.Scenario.Assumptions
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s\n", carecast.Printable(a.Scenario))
	fmt.Fprintf(ew, "%s to %s (%d years), %d councils. Amounts in £, negatives in brackets.\n\n",
		r.Start.Long(), r.End.Long(), a.Years, len(r.Councils))
	h := headline(r, func(m carecast.Money) string { return m.Format() }, groupedRoomDays)
	width := 0
	for _, kv := range h {
		width = max(width, utf8.RuneCountInString(kv[0]))
	}
	for _, kv := range h {
		fmt.Fprintf(ew, "  %-*s  %s\n", width, kv[0], kv[1])
	}
	fmt.Fprintln(ew, "\nBy financial year")
	writeAlignedWrapped(ew, yearTable(r, carecast.Money.FormatAmount))
	fmt.Fprintln(ew, "\nBy council")
	writeAlignedWrapped(ew, councilTable(r, carecast.Money.FormatAmount, groupedRoomDays))
	if len(r.Scenario.Demand) > 0 {
		fmt.Fprintln(ew, "\nOverflow (room-days): demand the block could not take, still spot-purchased; apart from savings")
		writeAligned(ew, overflowTable(r, carecast.Money.FormatAmount, groupedRoomDays))
	}
	if rows := widerTable(r, carecast.Money.FormatAmount, func(d decimal.Decimal) string { return carecast.GroupThousands(d.StringFixed(2)) }); rows != nil {
		fmt.Fprintf(ew, "\n%s\n", widerNote)
		writeAligned(ew, rows)
	}
	return ew.err
}

// WriteTSV writes the same figures as tab-separated text for other
// programs: plain numbers in pounds and pence, one table after another,
// each after a line naming it.
func WriteTSV(w io.Writer, r *carecast.Result) error {
	ew := &errWriter{w: w}
	plain := func(m carecast.Money) string { return m.String() }
	fmt.Fprintln(ew, "# summary")
	fmt.Fprintf(ew, "scenario\t%s\n", tsvField(r.Scenario.Assumptions.Scenario))
	fmt.Fprintf(ew, "start\t%s\nend\t%s\n", r.Start, r.End)
	for _, kv := range headline(r, plain, plainRoomDays) {
		fmt.Fprintf(ew, "%s\t%s\n", strings.TrimSpace(kv[0]), kv[1])
	}
	for _, tbl := range []struct {
		name string
		rows [][]string
	}{{"financial years", yearTable(r, plain)}, {"councils", councilTable(r, plain, plainRoomDays)},
		{"overflow", nil},
		{"wider benefits (not cash)", widerTable(r, plain, func(d decimal.Decimal) string { return d.String() })}} {
		if tbl.rows == nil {
			if tbl.name != "overflow" || len(r.Scenario.Demand) == 0 {
				continue
			}
			tbl.rows = overflowTable(r, plain, plainRoomDays)
		}
		fmt.Fprintf(ew, "\n# %s\n", tbl.name)
		for _, row := range tbl.rows {
			for i := range row {
				row[i] = tsvField(row[i])
			}
			fmt.Fprintln(ew, strings.Join(row, "\t"))
		}
	}
	return ew.err
}

// tsvField makes a value safe as one field of tab-separated text that may
// be opened in a spreadsheet. A value starting with =, +, -, @, tab or
// carriage return that is not a number would be read as a formula
// (OWASP's "CSV injection": =HYPERLINK(...) or a DDE call), so it gets a
// single quote in front, which spreadsheets take as "text". Control
// characters are shown escaped (carecast.Printable), so a value stays on
// one line and in one field and cannot drive a terminal.
func tsvField(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !numeric.MatchString(s) {
		s = "'" + s
	}
	return carecast.Printable(s)
}

// numeric is a plain or formatted number: -1,234.56, +0.03, 12%, 1e-05.
var numeric = regexp.MustCompile(`^[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?$`)

// writeAligned writes rows as a table for a terminal: the first column
// left-aligned, the others right-aligned, a rule under the headings and
// over a last row named "Total".
func writeAligned(w io.Writer, rows [][]string) { alignedTable(w, rows, false) }

// writeAlignedWrapped is writeAligned with each heading wrapped at its
// spaces to the width of its column's figures, so that the long names of
// figures do not widen the table.
func writeAlignedWrapped(w io.Writer, rows [][]string) { alignedTable(w, rows, true) }

func alignedTable(w io.Writer, rows [][]string, wrap bool) {
	rows = printableRows(rows)
	width := func(s string) int { return utf8.RuneCountInString(s) }
	widths := make([]int, len(rows[0]))
	for r, row := range rows {
		for i, c := range row {
			switch {
			case r > 0 || !wrap:
				widths[i] = max(widths[i], width(c))
			default: // a heading that wraps is as wide as its longest word
				for _, word := range headingWords(c) {
					widths[i] = max(widths[i], width(word))
				}
			}
		}
	}
	headings := [][]string{rows[0]}
	if wrap {
		headings = wrapHeadings(rows[0], widths)
	}
	line := func(row []string) {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-width(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	rule := func() {
		total := 0
		for _, n := range widths {
			total += n + 2
		}
		fmt.Fprintln(w, strings.Repeat("-", total-2))
	}
	for _, h := range headings {
		line(h)
	}
	rule()
	for i, row := range rows[1:] {
		if i == len(rows)-2 && row[0] == "Total" {
			rule()
		}
		line(row)
	}
}

// headingWords splits a heading at its spaces, keeping a part in
// brackets whole: "Void cost (empty rooms)" is "Void", "cost", "(empty
// rooms)".
func headingWords(h string) []string {
	var words []string
	depth, start := 0, -1
	for i, r := range h {
		switch {
		case r == ' ' && depth == 0:
			if start >= 0 {
				words = append(words, h[start:i])
				start = -1
			}
			continue
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, h[start:])
	}
	return words
}

// wrapHeadings breaks each heading at its spaces into lines no wider than
// its column, and returns the lines of the headings row by row, each
// heading's last line on the last row.
func wrapHeadings(heads []string, widths []int) [][]string {
	lines := make([][]string, len(heads))
	most := 1
	for i, h := range heads {
		var cur string
		for _, word := range headingWords(h) {
			switch {
			case cur == "":
				cur = word
			case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= widths[i]:
				cur += " " + word
			default:
				lines[i] = append(lines[i], cur)
				cur = word
			}
		}
		lines[i] = append(lines[i], cur)
		most = max(most, len(lines[i]))
	}
	out := make([][]string, most)
	for r := range out {
		out[r] = make([]string, len(heads))
		for i, l := range lines {
			if k := r - (most - len(l)); k >= 0 {
				out[r][i] = l[k]
			}
		}
	}
	return out
}

// printableRows is rows with every cell through carecast.Printable.
func printableRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = carecast.Printable(c)
		}
	}
	return out
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
