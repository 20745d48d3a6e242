package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The Risks section: the central forecast beside the Monte Carlo median
// and mean, with the prudent figure; the model's risks in plain words;
// the risk register the council owns (the RiskRegister table).

func (b *builder) risks() {
	b.h1("Risks")
	sim := b.sim()
	if sim == nil {
		b.np("No appraisal under uncertainty was run, so the paper gives no spread of outcomes and no chance of a loss.")
	} else {
		p, _, _ := b.savingsPercentiles()
		pru, what := b.prudent(p)
		b.np("The central forecast takes every input at its most likely value. %s draws each risk of the model from its range over %s runs and sets the central forecast beside the spread of the savings; the prudent figure for budgeting is %s, %s.",
			b.nextTable(), carecast.GroupThousands(fmt.Sprint(sim.Runs)), millions(pru), what)
		b.table(b.spreadTable(sim))
	}
	if s := b.sens(); s != nil && len(s.Factors) > 0 {
		fb := b.res.FactorBasis()
		var parts []string
		for i, f := range s.Factors {
			if i == 3 {
				break
			}
			parts = append(parts, words(fb, f))
		}
		b.np("The scheme's savings over the term, %s as forecast, move most with these risks, each alone with the others as forecast: %s. Appendix A gives every risk tested.", millions(s.Central.Savings), strings.Join(parts, "; "))
	}
	reg := b.res.Scenario.RiskRegister
	if len(reg) == 0 {
		b.prompt("the risk register: the risks the council owns beyond the model's (provider failure, an Ofsted judgement, matching children to rooms, a partner leaving), each with its likelihood, impact, mitigation and owner (the RiskRegister sheet)")
		return
	}
	b.np("%s is the register of the risks the council owns beyond the model's, each with its mitigation and owner.", b.nextTable())
	t := &Table{Title: "Risk register", Header: []string{"Risk", "Likelihood", "Impact", "Mitigation", "Owner"},
		Widths: []int{31, 12, 9, 30, 18}, Summary: "One row per risk: how likely, how much it would matter, what mitigates it and who owns it."}
	for _, e := range reg {
		t.Rows = append(t.Rows, []string{e.Risk, e.Likelihood, e.Impact, e.Mitigation, e.Owner})
	}
	b.table(t)
}

// spreadTable is the savings over the term in £m: the central forecast,
// the Monte Carlo P10, median, mean and P90, and the chance of a loss,
// for the council and for the consortium.
func (b *builder) spreadTable(sim *carecast.Simulation) *Table {
	t := &Table{Title: "Savings over the term: the central forecast and the spread of the runs, £m",
		Header: []string{"Savings over the term", "Central forecast", "P10", "Median (P50)", "Mean", "P90", carecast.LabelChanceOfLoss},
		Right:  rightFrom(1, 7), Widths: []int{24, 13, 12, 13, 12, 12, 14},
		Summary: "The central forecast of the savings beside the 10th, 50th and 90th percentiles and the mean of the Monte Carlo runs, and the share of runs with a loss."}
	row := func(label string, central carecast.Money, p carecast.Percentiles, losses int) []string {
		return []string{label, fmtM(central), fmtM(p.P10), fmtM(p.P50), fmtM(p.Mean), fmtM(p.P90), carecast.RunsPercent(losses, sim.Runs)}
	}
	if b.isCouncil() {
		cs := sim.Councils[b.council]
		t.Rows = append(t.Rows, row(b.cr().Council.Label(), b.cr().Total.Savings, cs.Savings, cs.Losses))
	}
	t.Rows = append(t.Rows, row("The consortium", b.res.Total.Savings, sim.Savings, sim.Losses))
	return t
}

// words says in plain words what a factor's range does to the savings:
// "spot prices 10% lower than assumed (£3,206 a week): £6.32m; 15% higher
// (£4,097 a week): £18.85m".
func words(fb carecast.FactorBasis, f carecast.FactorSensitivity) string {
	var parts []string
	for _, e := range []struct {
		v decimal.Decimal
		s carecast.Money
	}{{f.Low, f.AtLow.Savings}, {f.High, f.AtHigh.Savings}} {
		if !e.v.Equal(f.Factor.Neutral()) {
			parts = append(parts, fmt.Sprintf("with %s, %s", fb.Change(f.Factor, e.v), millions(e.s)))
		}
	}
	return strings.Join(parts, "; ")
}
