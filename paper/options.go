package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
)

// Options considered: business as usual (doing nothing) first, then the
// scheme as proposed and the input's options, each with its figures on
// the same footing (the same optimism bias, wider benefits at their
// present value, business as usual's cost in its own column) and the
// reason it is preferred or rejected.

// fmtM writes an amount in £m to two places, negatives in brackets.
func fmtM(m carecast.Money) string {
	s := millions(m)
	s = strings.TrimPrefix(strings.TrimSuffix(s, "m"), "£")
	return s
}

// optionFigures are one option's figures for the paper's subject.
type optionFigures struct {
	name, description string
	bau               bool
	takesPart         bool
	bauCost           carecast.Money // what the placements it serves cost under business as usual
	savings, npv, ob  carecast.Money
	widerPV           carecast.Money
}

// figures are the option's figures as the report layer's options table
// takes them, under the name given.
func (o optionFigures) figures(name string) reports.OptionFigures {
	return reports.OptionFigures{Name: name, BAU: o.bau, TakesPart: o.takesPart, BAUCost: o.bauCost, Savings: o.savings, NPV: o.npv,
		NPVAfterOptimismBias: o.ob, WiderPresentValue: o.widerPV}
}

// optionsOf are business as usual, the base case and each option, for the
// paper's subject (the council's own figures, or the consortium's).
func (b *builder) optionsOf() []optionFigures {
	of := func(name, desc string, res *carecast.Result) optionFigures {
		o := optionFigures{name: name, description: desc, takesPart: true}
		if !b.isCouncil() {
			o.bauCost, o.savings, o.npv, o.ob = res.Total.SpotAvoided, res.Total.Savings, res.NPV, res.NPVAfterOptimismBias
			o.widerPV = res.WiderPresentValue
			return o
		}
		code := b.cr().Council.Code
		for _, rc := range res.Councils {
			if rc.Council.Code == code {
				o.bauCost, o.savings, o.npv, o.widerPV = rc.Total.SpotAvoided, rc.Total.Savings, rc.NPV, rc.WiderPresentValue
				return o
			}
		}
		o.takesPart = false
		return o
	}
	base := of(carecast.BaseCaseName, "the scheme as proposed: "+roomsText(b.res.Scenario.Rooms), b.res)
	bau := optionFigures{name: carecast.BusinessAsUsual, description: "do nothing: spot-purchase every placement, one at a time, as now", bau: true, takesPart: true,
		bauCost: base.bauCost}
	out := []optionFigures{bau, base}
	for _, o := range b.in.Options {
		out = append(out, of(o.Name, o.Description, o.Result))
	}
	return out
}

func (b *builder) options() {
	b.h1("Options considered")
	opts := b.optionsOf()
	pref := b.preferred()
	for i, o := range opts {
		verdict := ""
		switch {
		case pref != "" && strings.EqualFold(o.name, pref):
			verdict = "Recommended: the preferred option."
		case pref == "" && o.name == carecast.BaseCaseName:
			verdict = "The scheme this report proposes. " + promptText("whether it is the preferred option (the Paper sheet's preferred_option)")
		default:
			if why := b.rejectedReason(o.name); why != "" {
				verdict = "Rejected: " + strings.TrimSuffix(why, ".") + "."
			} else {
				verdict = "Rejected: " + promptText("why (the Paper sheet's rejected rows)")
			}
		}
		desc := strings.TrimSuffix(o.description, ".")
		if desc != "" {
			desc = upperFirst(desc) + ". "
		}
		if !o.takesPart {
			desc += b.cr().Council.Label() + " takes no part. "
		}
		b.np("Option %d, %s. %s%s", i+1, o.name, desc, verdict)
	}
	who := "the consortium's"
	if b.isCouncil() {
		who = possessive(b.cr().Council.Label()) + " own"
	}
	b.np("%s compares the options on %s figures over the term, each against business as usual: what the placements it serves would cost spot-purchased, what they cost under the option, and the difference, its savings.%s",
		b.nextTable(), who, b.obSentence())
	b.table(b.optionsBodyTable(opts))
	b.note("In £m, cash terms; NPV and present values in real terms. Placements an option does not serve cost the same under every option and cancel out. Wider benefits are never added to the savings. Appendix B has the consortium's options to the penny.")
	b.widerSummary()
	b.sizing()
	b.bedTrading()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// obSentence says that every option carries the same optimism bias.
func (b *builder) obSentence() string {
	rate := b.res.Scenario.Assumptions.OptimismBias
	same := true
	for _, o := range b.in.Options {
		if !o.Result.Scenario.Assumptions.OptimismBias.Equal(rate) {
			same = false
		}
	}
	switch {
	case b.isCouncil():
		return ""
	case same:
		return fmt.Sprintf(" Every option carries the same optimism bias, %s on the scheme's costs.", percent(rate))
	}
	return " The options' optimism bias differs (Appendix B): their NPVs after it are not compared like with like."
}

// optionsBodyTable is the options in £m (reports.OptionsCompared): each
// row adds across (savings = cost under business as usual less cost under
// the option, as rounded).
func (b *builder) optionsBodyTable(opts []optionFigures) *Table {
	w := []int{30, 15, 15, 13, 13}
	if !b.isCouncil() {
		w = append(w, 14)
	}
	w = append(w, 14)
	title := "Options: the consortium over the term, £m"
	if b.isCouncil() {
		title = "Options: " + b.cr().Council.Label() + " over the term, £m"
	}
	pref := b.preferred()
	var os []reports.OptionFigures
	for _, o := range opts {
		name := o.name
		if pref != "" && strings.EqualFold(name, pref) {
			name += " (preferred)"
		}
		os = append(os, o.figures(name))
	}
	rt := reports.OptionsCompared(title, os, reports.OptionColumns{AfterBias: !b.isCouncil(), Wider: true}, reports.Options{Money: reports.Millions})
	t := fromReport(rt, w, "One row per option, business as usual first; the preferred option is marked. Cost under business as usual is what the placements the option serves would cost spot-purchased.")
	t.Header = rt.Heads()
	return t
}

// widerSummary says what the wider benefits are worth, at their present
// value, apart from the savings.
func (b *builder) widerSummary() {
	ws := b.res.Wider
	if len(ws) == 0 {
		b.np("No wider benefits were given in the input. Benefits such as fewer missing-person episodes for children placed nearer home are kept apart from the savings and never added to them.")
		b.prompt("the benefits to children and families, and who bears them")
		return
	}
	var parts []string
	for _, w := range ws {
		q, _, pv := b.widerFor(w)
		parts = append(parts, fmt.Sprintf("%s, %s %s worth %s at present value to %s", strings.ToLower(w.Benefit.Measure[:1])+w.Benefit.Measure[1:], quantity(q), w.Benefit.Unit, millions(pv), w.Benefit.Bearer))
	}
	b.np("Apart from the savings, and never added to them, the scheme's wider benefits for %s over the term are: %s (Appendix B).", b.name(), strings.Join(parts, "; "))
}
