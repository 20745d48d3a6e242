package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// The Paper and RiskRegister tables (carecast.PaperFields): a cabinet
// paper's own words. Text, checked where a field names something the
// input must hold (an option) or has a fixed form (a date, yes or no).

func (d *decoder) paper() {
	tb, rows := d.rows(tPaper)
	if tb == nil {
		return
	}
	const cCouncil, cField, cValue = 0, 1, 2
	type key struct {
		council int
		field   string
	}
	seen := map[key]int{} // single fields: the row that gave it
	for _, r := range rows {
		council := carecast.PaperEvery
		who := strings.TrimSpace(tb.cell(r, cCouncil).Value)
		switch {
		case who == "":
		case strings.EqualFold(who, "consortium"):
			council = carecast.PaperConsortium
		default:
			c, ok := d.council(tb, r, cCouncil)
			if !ok {
				continue
			}
			council = c
		}
		name := strings.TrimSpace(tb.cell(r, cField).Value)
		f, ok := carecast.PaperFieldNamed(name)
		if !ok {
			if name == "" {
				d.err(d.loc(tb, r.Number, cField), "missing value; expected one of "+paperFieldNames())
			} else {
				d.err(d.loc(tb, r.Number, cField), fmt.Sprintf("unknown field: found %s; expected one of %s", quote(name), paperFieldNames()))
			}
			continue
		}
		cell := tb.cell(r, cValue)
		value := strings.Join(strings.Fields(cell.Value), " ")
		if value == "" {
			d.err(d.loc(tb, r.Number, cValue), "missing value; expected "+strings.ToLower(f.Note[:1])+f.Note[1:])
			continue
		}
		if !f.Repeat {
			k := key{council, f.Name}
			if first, ok := seen[k]; ok {
				d.err(d.loc(tb, r.Number, cField), fmt.Sprintf("%s given twice for the same paper (first at row %d); expected one row", f.Name, first))
				continue
			}
			seen[k] = r.Number
		}
		if v, ok := d.paperValue(tb, r, cValue, f, value); ok {
			d.s.Paper = append(d.s.Paper, carecast.PaperRow{Council: council, Field: f.Name, Value: v})
		}
	}
}

// paperValue checks a field's value and returns it as the paper writes it.
func (d *decoder) paperValue(tb *tab, r Row, c int, f carecast.PaperField, value string) (string, bool) {
	loc := d.loc(tb, r.Number, c)
	switch f.Name {
	case carecast.PaperMeetingDate:
		v, err := d.dateCell(tb.cell(r, c))
		if err != nil {
			d.bad(loc, tb.cell(r, c), err, expectDate)
			return "", false
		}
		return v.Long(), true
	case carecast.PaperKeyDecision:
		switch strings.ToLower(value) {
		case "yes", "y", "true":
			return "yes", true
		case "no", "n", "false":
			return "no", true
		}
		d.err(loc, fmt.Sprintf("key_decision: found %s; expected yes or no", quote(value)))
		return "", false
	case carecast.PaperPrudentFigure:
		switch strings.ToUpper(value) {
		case "P50", "P10":
			return strings.ToUpper(value), true
		}
		d.err(loc, fmt.Sprintf("prudent_figure: found %s; expected P50 (the median) or P10", quote(value)))
		return "", false
	case carecast.PaperPreferredOption:
		name, ok := d.optionNamed(value, false)
		if !ok {
			d.err(loc, fmt.Sprintf("preferred_option names no option: found %s; expected %s", quote(value), d.optionNames(false)))
		}
		return name, ok
	case carecast.PaperRejected:
		opt, why, found := strings.Cut(value, ":")
		why = strings.TrimSpace(why)
		if !found || why == "" {
			d.err(loc, fmt.Sprintf("rejected: found %s; expected an option's name, a colon and why it is rejected, e.g. \"Business as usual: the spot market has too few local places\"", quote(value)))
			return "", false
		}
		name, ok := d.optionNamed(opt, true)
		if !ok {
			d.err(loc, fmt.Sprintf("rejected names no option: found %s; expected %s", quote(strings.TrimSpace(opt)), d.optionNames(true)))
			return "", false
		}
		return name + ": " + why, true
	}
	return value, true
}

// optionNamed is the option a paper names (ignoring case and spaces): an
// option of the Options sheet or the base case, or, with bau, business as
// usual.
func (d *decoder) optionNamed(name string, bau bool) (string, bool) {
	k := councilNameKey(name)
	names := []string{carecast.BaseCaseName}
	if bau {
		names = append(names, carecast.BusinessAsUsual)
	}
	for _, o := range d.s.Options {
		names = append(names, o.Name)
	}
	for _, n := range names {
		if councilNameKey(n) == k {
			return n, true
		}
	}
	return "", false
}

// optionNames lists what a paper may name as an option, for messages.
func (d *decoder) optionNames(bau bool) string {
	var names []string
	if bau {
		names = append(names, quote(carecast.BusinessAsUsual))
	}
	names = append(names, quote(carecast.BaseCaseName))
	for _, o := range d.s.Options {
		names = append(names, quote(o.Name))
	}
	if len(d.s.Options) == 0 {
		return strings.Join(names, " or ") + " (the Options sheet has no options)"
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (d *decoder) riskRegister() {
	tb, rows := d.rows(tRiskRegister)
	if tb == nil {
		return
	}
	const cRisk, cLikelihood, cImpact, cMitigation, cOwner = 0, 1, 2, 3, 4
	text := func(r Row, c int) string { return strings.Join(strings.Fields(tb.cell(r, c).Value), " ") }
	for _, r := range rows {
		risk := text(r, cRisk)
		if risk == "" {
			d.err(d.loc(tb, r.Number, cRisk), "missing value; expected the risk, as its owner would state it")
			continue
		}
		d.s.RiskRegister = append(d.s.RiskRegister, carecast.RiskEntry{
			Risk: risk, Likelihood: text(r, cLikelihood), Impact: text(r, cImpact), Mitigation: text(r, cMitigation), Owner: text(r, cOwner)})
	}
}
