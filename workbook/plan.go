package workbook

// layout is where every sheet's rows stand. plan places them all before
// any sheet is written, in an order in which each sheet's layout needs
// only those before it; the writers then read it and change nothing, so
// the sheets can be written in any order.
type layout struct {
	in        inputRefs   // the Inputs cells the formulas use
	inputs    []inputItem // the Inputs sheet's lines, from inputsFirstRow
	tl, fund  *timelineSheet
	lines     timelineRows
	fundLines fundRows
	ledger    ledgerLayout
	sens      sensLayout
	risk      riskLayout
	opt       optLayout
	wider     widerLayout
	overflow  overflowLayout
	trading   tradingLayout
	summary   summaryLayout
	checks    []check // the Checks sheet's checks, from checksFirstRow
}

// planAll plans every sheet: the inputs and the timelines first (every
// sheet refers to them), then the sheets of figures, then the Summary
// (which links to them), and the checks last (they tie all together).
func (b *book) planAll() {
	b.plan = &layout{}
	b.planInputs()
	b.planTimeline()
	b.planFund()
	b.plan.ledger = ledgerLayout{first: ledgerHeaderRow + 1, last: ledgerHeaderRow + len(b.postings)}
	for _, p := range []struct {
		has  bool
		plan func()
	}{{b.hasSensitivity(), b.planSensitivity}, {b.hasSimulation(), b.planRisk}, {b.hasOptions(), b.planOptions},
		{b.hasWider(), b.planWider}, {b.hasOverflow(), b.planOverflow}, {b.hasTrading(), b.planTrading}} {
		if p.has {
			p.plan()
		}
	}
	b.planSummary()
	b.plan.checks = b.checks()
}
