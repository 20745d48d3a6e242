package main

import (
	"fmt"
	"os"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// printWarnings writes warnings to stderr, one a line, "warning: Loc: ...",
// control characters shown escaped. Warnings never change the exit status.
func printWarnings(io *streams, ws []inputs.Problem) {
	for _, w := range ws {
		fmt.Fprintln(io.Err, "warning:", carecast.Printable(w.Display()))
	}
}

// surplusMargin is how far pledges may exceed the scheme's costs, net of
// grants, before 'validate' and 'forecast' warn: by more than a quarter of
// the costs, the fund ends with money the councils need not have paid in
// (docs/methodology.md §2 and §6).
var surplusMargin = decimal.RequireFromString("0.25")

// surplusWarnings warns when pledges exceed the scheme's costs by a wide
// margin, saying by how much the fund ends in surplus. It is located at the
// Pledges table of input (the built-in scenario when input is "").
func surplusWarnings(input string, res *carecast.Result) []inputs.Problem {
	t := res.Total
	costs := t.AttributedCost // block cost + running costs - grants
	excess := t.Pledges.Sub(costs)
	if t.Pledges.Sign() <= 0 || !excess.Decimal().GreaterThan(costs.Decimal().Mul(surplusMargin)) {
		return nil
	}
	loc := "Pledges"
	if input == "" {
		loc = "Pledges (built-in scenario)"
	} else if fi, err := os.Stat(input); err == nil && fi.IsDir() {
		loc = "pledges.csv"
	}
	share := ""
	if costs.Sign() > 0 {
		share = fmt.Sprintf(" (%s%% of them)", excess.Decimal().Mul(decimal.NewFromInt(100)).Div(costs.Decimal()).Round(0))
	}
	msg := fmt.Sprintf("pledges of %s are %s more than the scheme's costs net of grants, %s%s, so the fund ends %s in surplus before settlement; expected pledges close to the costs",
		t.Pledges.Format(), excess.Format(), costs.Format(), share, t.ClosingFund.Format())
	return []inputs.Problem{{Loc: loc, Msg: msg}}
}
