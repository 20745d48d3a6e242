// Package monitor works out a monitoring report (docs/methodology.md §18):
// the budget against the outturn at an as-at date, line by line, for the
// consortium and each council, for a financial year and the whole
// horizon, rated red, amber or green, with the spot purchasing avoided
// explained as volume and price. Its functions are pure: two series of
// monthly figures in (carecast.MonitorSeries: the budget, from the plan or
// a frozen forecast, and the outturn, from a forecast with actuals), a
// carecast.Monitoring out. It also reads the files a report is measured
// against: a frozen budget ('carecast forecast --json --monthly') and a
// previous report ('carecast monitor --json').
//
// It imports only the root package.
package monitor

import (
	"errors"
	"fmt"

	"github.com/carecast/carecast"
)

// Options say what a report covers.
type Options struct {
	// AsAt is the last day of the last month to date: a month's last day
	// within the horizon.
	AsAt carecast.Date
	// Year is the financial year monitored; zero: the one holding AsAt.
	Year carecast.FinancialYear
	// Thresholds rate the variances.
	Thresholds carecast.RAGThresholds
	// Previous, when not nil, is an earlier report: each line's movement
	// is its outturn less the previous report's.
	Previous *Previous
}

// Build works out the report of scenario (its name and councils) from
// the budget and the outturn, which must cover the same months and
// councils.
func Build(scenario string, councils []carecast.Council, budget, outturn *carecast.MonitorSeries, o Options) (*carecast.Monitoring, error) {
	if err := compatible(councils, budget, outturn); err != nil {
		return nil, err
	}
	first, last := outturn.Months[0].Start, outturn.Months[len(outturn.Months)-1].End()
	if o.AsAt.Before(outturn.Months[0].End()) || o.AsAt.After(last) || o.AsAt.AddDays(1).Day != 1 {
		return nil, fmt.Errorf("the as-at date %s is not the last day of a month from %s to %s", o.AsAt, outturn.Months[0].End(), last)
	}
	year := o.Year
	if year == 0 {
		year = o.AsAt.FinancialYear()
	}
	if year.End().Before(first) || year.Start().After(last) {
		return nil, fmt.Errorf("the financial year %s is outside the model, %s to %s", year, first.FinancialYear(), last.FinancialYear())
	}
	m := &carecast.Monitoring{
		Scenario: scenario, Councils: councils, Start: first, End: last,
		AsAt: o.AsAt, Year: year, BudgetSource: budget.Source, Thresholds: o.Thresholds,
		Budget: budget, Outturn: outturn,
	}
	if o.Previous != nil {
		m.PreviousAsAt = o.Previous.AsAt
	}
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		sp := spanOf(m, scope)
		for c := -1; c < len(councils); c++ {
			for _, line := range carecast.MonitorLines() {
				if c >= 0 && !line.Council() {
					continue
				}
				v := sp.variance(c, line)
				v.Scope = scope
				if v.PctDefined = !v.Budget.IsZero(); v.PctDefined {
					v.Pct = carecast.DivRound(v.Variance.Decimal(), v.Budget.Decimal().Abs(), 6)
				}
				v.RAG = o.Thresholds.Rate(v.Variance, v.Budget)
				if o.Previous != nil {
					v.Movement, v.HasMovement = o.Previous.movement(m, v)
				}
				m.Lines = append(m.Lines, v)
			}
		}
	}
	m.Explained = explain(m)
	return m, nil
}

// compatible checks that the two series cover the same months and
// councils as the scenario.
func compatible(councils []carecast.Council, budget, outturn *carecast.MonitorSeries) error {
	if budget == nil || outturn == nil || len(outturn.Months) == 0 {
		return errors.New("monitor: no budget or no outturn")
	}
	if len(budget.Months) != len(outturn.Months) || budget.Months[0].Start != outturn.Months[0].Start {
		return fmt.Errorf("the budget (%s) covers %d months from %s; the forecast %d months from %s",
			budget.Source, len(budget.Months), budget.Months[0].Start, len(outturn.Months), outturn.Months[0].Start)
	}
	for _, s := range []*carecast.MonitorSeries{budget, outturn} {
		if len(s.Councils) != len(councils) {
			return fmt.Errorf("monitor: %s has %d councils, the scenario %d", s.Source, len(s.Councils), len(councils))
		}
		for i, c := range councils {
			if s.Councils[i] != c.Code {
				return fmt.Errorf("monitor: %s's council %d is %s, the scenario's %s", s.Source, i+1, s.Councils[i], c.Code)
			}
		}
	}
	return nil
}

// span is the months of a scope: month indices first to last of the
// horizon, of which those to the as-at date end at toDate (toDate <
// first: none of them).
type span struct {
	budget, outturn     *carecast.MonitorSeries
	first, last, toDate int
}

// spanOf is the months of the scope in m.
func spanOf(m *carecast.Monitoring, scope carecast.Scope) span {
	sp := span{budget: m.Budget, outturn: m.Outturn, first: -1, last: -1, toDate: -1}
	for i, mo := range m.Outturn.Months {
		if scope == carecast.ScopeYear && mo.Start.FinancialYear() != m.Year {
			continue
		}
		if sp.first < 0 {
			sp.first = i
		}
		sp.last = i
		if !mo.End().After(m.AsAt) {
			sp.toDate = i
		}
	}
	if sp.toDate < 0 {
		sp.toDate = sp.first - 1
	}
	return sp
}

// variance works out a line of council c (-1: the consortium) over the
// span: a flow sums its months, a balance is read at the span's end, at
// the end of its last month to date (or, with none, before its first).
func (sp span) variance(c int, line carecast.MonitorLine) carecast.Variance {
	v := carecast.Variance{Council: c, Line: line}
	if line.Balance() {
		v.Budget = balance(sp.budget, c, line, sp.last)
		v.BudgetToDate = balance(sp.budget, c, line, sp.toDate)
		v.ActualToDate = balance(sp.outturn, c, line, sp.toDate)
		v.Outturn = balance(sp.outturn, c, line, sp.last)
	} else {
		v.Budget = sum(sp.budget, c, line, sp.first, sp.last)
		v.BudgetToDate = sum(sp.budget, c, line, sp.first, sp.toDate)
		v.ActualToDate = sum(sp.outturn, c, line, sp.first, sp.toDate)
		v.Outturn = sum(sp.outturn, c, line, sp.first, sp.last)
	}
	v.VarianceToDate = v.ActualToDate.Sub(v.BudgetToDate)
	v.Variance = v.Outturn.Sub(v.Budget)
	return v
}

// sum is a line's flow over months first to last (none when last < first).
// Every monthly figure is whole pence (docs/methodology.md §5), so the
// sum is kept in pence.
func sum(s *carecast.MonitorSeries, c int, line carecast.MonitorLine, first, last int) carecast.Money {
	var t int64
	for i := first; i <= last; i++ {
		t += s.Months[i].Figures(c)[line].PenceInt()
	}
	return carecast.Pence(t)
}

// balance is a balance at the end of month i: before the first month, the
// opening balance.
func balance(s *carecast.MonitorSeries, c int, line carecast.MonitorLine, i int) carecast.Money {
	if i < 0 {
		return s.Opening(c)
	}
	return s.Months[i].Figures(c)[line]
}

// explain explains the year's spot purchasing avoided to date as volume
// and price, for each council, and for the consortium as their sum
// (docs/methodology.md §18): with D the room-days occupied and S the spot
// purchasing avoided to date, and r = S / D, volume = (D_actual -
// D_budget) x r_budget rounded to pence, price = the variance less the
// volume, which is D_actual x (r_actual - r_budget) exactly. With no
// room-days in the budget there is no budget price: the variance is all
// volume.
func explain(m *carecast.Monitoring) []carecast.SpotExplained {
	sp := spanOf(m, carecast.ScopeYear)
	total := carecast.SpotExplained{Council: -1}
	var out []carecast.SpotExplained
	for c := range m.Councils {
		e := carecast.SpotExplained{Council: c}
		for i := sp.first; i <= sp.toDate; i++ {
			b, a := &m.Budget.Months[i], &m.Outturn.Months[i]
			e.BudgetDays = e.BudgetDays.Add(b.OccupiedBy(c))
			e.ActualDays = e.ActualDays.Add(a.OccupiedBy(c))
			e.BudgetSpot = e.BudgetSpot.Add(b.Councils[c][carecast.LineSpotAvoided])
			e.ActualSpot = e.ActualSpot.Add(a.Councils[c][carecast.LineSpotAvoided])
		}
		if e.BudgetDays.IsZero() {
			e.Volume = e.Variance()
		} else {
			e.Volume = carecast.MoneyOf(carecast.DivRound(e.ActualDays.Sub(e.BudgetDays).Mul(e.BudgetSpot.Decimal()), e.BudgetDays, 2))
		}
		e.Price = e.Variance().Sub(e.Volume)
		total.BudgetDays = total.BudgetDays.Add(e.BudgetDays)
		total.ActualDays = total.ActualDays.Add(e.ActualDays)
		total.BudgetSpot = total.BudgetSpot.Add(e.BudgetSpot)
		total.ActualSpot = total.ActualSpot.Add(e.ActualSpot)
		total.Volume = total.Volume.Add(e.Volume)
		total.Price = total.Price.Add(e.Price)
		out = append(out, e)
	}
	return append([]carecast.SpotExplained{total}, out...)
}
