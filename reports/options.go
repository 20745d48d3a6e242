package reports

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// OptionFigures are one option's figures for one subject, the consortium
// or a council, over the horizon, as the engine has them.
type OptionFigures struct {
	Name string
	// BAU: business as usual itself, which carries no optimism bias.
	BAU bool
	// TakesPart is false where the council is not a member under the
	// option: it has no figures.
	TakesPart bool
	// BAUCost is what the placements the option serves would cost
	// spot-purchased (its spot purchasing avoided).
	BAUCost, Savings, NPV, NPVAfterOptimismBias, WiderPresentValue carecast.Money
	OptimismBias                                                   decimal.Decimal
}

// OptionColumns say which further columns an options table has: the NPV
// after optimism bias, the optimism bias itself (where the options'
// differ), the wider benefits' present value.
type OptionColumns struct {
	AfterBias, Bias, Wider bool
}

// OptionsCompared is options side by side for one subject, a row an
// option: what the placements it serves would cost under business as
// usual, what they cost under the option and the difference, its savings,
// its NPV, then the columns cols asks for. The cost under the option is
// the cost under business as usual less the savings, as shown, so that
// each row adds across; the options are alternatives, so nothing adds
// down and each figure is rounded on its own (half away from zero). An
// option the council takes no part in says so.
func OptionsCompared(title string, os []OptionFigures, cols OptionColumns, opt Options) *Table {
	columns := []Column{label(carecast.LabelOption), opt.money(carecast.LabelCostUnderBAU), opt.money(carecast.LabelCostUnderOption),
		opt.money(carecast.LabelSavings), opt.money(carecast.LabelNPV)}
	if cols.AfterBias {
		columns = append(columns, opt.money(carecast.LabelNPVAfterOptimismBias))
	}
	if cols.Bias {
		columns = append(columns, rate(carecast.LabelOptimismBias))
	}
	if cols.Wider {
		columns = append(columns, opt.money(carecast.LabelWiderPresentValue))
	}
	t := &Table{Title: title, Columns: columns}
	places := opt.Money.Places()
	round := func(m carecast.Money) decimal.Decimal {
		if opt.Exact {
			return m.Decimal()
		}
		return carecast.RoundHalfAway(m.Decimal(), places)
	}
	for _, o := range os {
		row := Row{Text(o.Name)}
		if !o.TakesPart {
			row = append(row, Text("takes no part"))
			for len(row) < len(columns) {
				row = append(row, Text(""))
			}
			t.Rows = append(t.Rows, row)
			continue
		}
		bau, sav := round(o.BAUCost), round(o.Savings)
		fig := func(v decimal.Decimal) Cell { return t.Columns[len(row)].Figure(v) }
		for _, v := range []decimal.Decimal{bau, bau.Sub(sav), sav, dec(o.NPV)} {
			row = append(row, fig(v))
		}
		if cols.AfterBias {
			row = append(row, fig(dec(o.NPVAfterOptimismBias)))
		}
		if cols.Bias {
			if o.BAU {
				row = append(row, Text(""))
			} else {
				row = append(row, fig(o.OptimismBias))
			}
		}
		if cols.Wider {
			row = append(row, fig(dec(o.WiderPresentValue)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
