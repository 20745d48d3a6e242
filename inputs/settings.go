package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The settings of the Assumptions sheet as the reader and the template see
// them. Each is a row of carecast's registry (carecast.Settings): read,
// bounded and checked here by its kind, for the Assumptions sheet and the
// Options sheet alike, and written into the template by its kind. Nothing
// in this file names a setting: a new one is a row of the registry, and a
// new kind of value a case in settingValue and settingRule.

// settingFor returns the index of the setting a normalised key (Key)
// names, or -1.
func settingFor(settings []carecast.Setting, key string) int {
	for i := range settings {
		if Key(settings[i].Key) == key {
			return i
		}
	}
	return -1
}

// settingBound is the bound of a setting that is a number.
func settingBound(s *carecast.Setting) (*Bound, bool) {
	lo, hi, ulo, uhi, ok := s.Bounds()
	if !ok {
		return nil, false
	}
	unit := UnitCount
	switch s.Kind {
	case carecast.KindMoney:
		unit = UnitPounds
	case carecast.KindWeekly:
		unit = UnitWeekly
	case carecast.KindRate:
		unit = UnitRate
	case carecast.KindYearlyRate:
		unit = UnitYearlyRate
	}
	return &Bound{Key: s.Key, Sheet: "Assumptions", Unit: unit, Min: lo, Max: hi, UsualMin: ulo, UsualMax: uhi, Why: s.Why}, true
}

// settingExpect says what a setting's value should be: its Expect, with
// its bounds in place of {range}.
func settingExpect(s *carecast.Setting) string {
	if b, ok := settingBound(s); ok {
		return strings.ReplaceAll(s.Expect, "{range}", b.Range())
	}
	return s.Expect
}

// settingValue reads the value of setting s from cell, as the type of its
// kind, reporting a bad value at loc. The Assumptions sheet and an
// option's row are read by it alike, so an option's setting meets every
// check of the setting.
func (d *decoder) settingValue(s *carecast.Setting, cell Cell, loc string) (any, bool) {
	raw := strings.TrimSpace(cell.Value)
	found := quote(raw)
	expect := settingExpect(s)
	switch s.Kind {
	case carecast.KindText:
		if !d.text(loc, s.Key, raw, true) {
			return nil, false
		}
		return raw, true
	case carecast.KindDate, carecast.KindMonth:
		v, err := d.dateCell(cell)
		if err != nil {
			d.bad(loc, cell, err, expect)
			return nil, false
		}
		if s.Kind == carecast.KindMonth && v.Day != 1 {
			switch {
			case cell.Number:
				found = v.String() // a date cell: its date, not its serial number
			case raw != v.String():
				found += " (" + v.String() + ")" // a UK date, spelt out
			}
			d.err(loc, fmt.Sprintf("%s not the first day of a month: found %s; expected the first day of a month, such as %s", s.Key, found, carecast.Date{Year: v.Year, Month: v.Month, Day: 1}))
			return nil, false
		}
		return v, true
	case carecast.KindYesNo:
		v, err := ParseBool(cell.Value)
		if err != nil {
			d.bad(loc, cell, err, expect)
			return nil, false
		}
		return v, true
	case carecast.KindChoice:
		v, ok := s.Choose(cell.Value)
		if !ok {
			d.err(loc, fmt.Sprintf("unknown %s: found %s; expected %s", s.Noun, found, expect))
			return nil, false
		}
		return v, true
	}
	b, ok := settingBound(s)
	if !ok {
		panic("inputs: setting " + s.Key + " of an unknown kind")
	}
	parse := ParseRate
	switch s.Kind {
	case carecast.KindWhole:
		parse = parseQuantity
	case carecast.KindMoney, carecast.KindWeekly:
		parse = ParseAmount
	}
	v, err := numberCell(cell, parse)
	switch {
	case err != nil:
		d.bad(loc, cell, err, expect)
		return nil, false
	case s.Kind == carecast.KindWhole && (!v.IsInteger() || v.LessThan(b.Min) || v.GreaterThan(b.Max)):
		d.err(loc, fmt.Sprintf("%s out of range: found %s; expected %s", s.Key, found, expect))
		return nil, false
	case (s.Kind == carecast.KindMoney || s.Kind == carecast.KindWeekly) && v.Sign() < 0 && b.Min.Sign() >= 0:
		d.err(loc, fmt.Sprintf("negative amount: found %s; expected zero or more", found))
		return nil, false
	case !d.boundedBy(loc, b, v, cell):
		return nil, false
	case s.Places > 0 && !v.Equal(v.Round(s.Places)):
		d.err(loc, fmt.Sprintf("%s to more than %s decimal places: found %s; expected %s", s.Key, placesWord(s.Places), found, expect))
		return nil, false
	}
	switch s.Kind {
	case carecast.KindWhole:
		return int(v.IntPart()), true
	case carecast.KindMoney:
		return carecast.MoneyOf(v), true
	}
	return v, true
}

// placesWord writes a small number of places as a word.
func placesWord(n int32) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	if n >= 0 && int(n) < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// setting reads setting s from cell into a, reporting a bad value at loc;
// it says whether the value was good.
func (d *decoder) setting(a *carecast.Assumptions, s *carecast.Setting, cell Cell, loc string) bool {
	v, ok := d.settingValue(s, cell, loc)
	if ok {
		s.Set(a, v)
	}
	return ok
}

// settingRules checks the rules across the settings of a: the horizon
// ends on a date a spreadsheet can show, then each setting's Check.
// locate says where a setting is given ("" when it is not). It reports
// whether the horizon is within range.
func (d *decoder) settingRules(a carecast.Assumptions, settings []carecast.Setting, locate func(key string) string, fallback string) bool {
	at := func(key string) string {
		if loc := locate(key); loc != "" {
			return loc
		}
		return fallback
	}
	if end := a.End(); end.After(MaxDate) {
		d.err(at("start_date"), fmt.Sprintf("the model would end on %s, after %s, the last date a spreadsheet can show; expected an earlier start_date or fewer years", end, MaxDate))
		return false
	}
	for i := range settings {
		if s := &settings[i]; s.Check != nil {
			if msg := s.Check(a); msg != "" {
				d.err(at(s.Key), msg)
			}
		}
	}
	return true
}

// templateValue is a setting's value in a as the template writes it.
func templateValue(s *carecast.Setting, a carecast.Assumptions) any {
	switch v := s.Get(a).(type) {
	case bool:
		if v {
			return "yes"
		}
		return "no"
	default:
		return v
	}
}

// dvNumber writes a bound for a validation rule as excelize writes a
// float64 (17 significant digits), less trailing zeros: 0.0001, not
// 0.00010000000000000000.
func dvNumber(v decimal.Decimal) string {
	s := fmt.Sprintf("%.17g", v.InexactFloat64())
	if strings.Contains(s, ".") && !strings.ContainsAny(s, "eE") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// settingRule is the style and validation of a setting's value cell in the
// template, by its kind: a date, a whole number or a rate within its
// bounds, an amount not below zero where it may not be, a drop-down of
// yes/no or the choices. dv is nil for none.
func (w *tw) settingRule(s *carecast.Setting) (style int, dv *excelize.DataValidation, err error) {
	dv = excelize.NewDataValidation(false)
	enter := "Enter " + settingExpect(s) + "."
	b, numeric := settingBound(s)
	switch s.Kind {
	case carecast.KindDate, carecast.KindMonth:
		style = w.st.date
		err = dv.SetRange(SerialFromDate(carecast.Date{Year: 1900, Month: 3, Day: 1}, false), maxSerial, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		enter = "Enter a date, such as 01/04/2019."
	case carecast.KindWhole:
		style = w.st.whole
		err = dv.SetRange(dvNumber(b.Min), dvNumber(b.Max), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case carecast.KindMoney, carecast.KindWeekly:
		style = w.st.money
		if !numeric || b.Min.Sign() < 0 {
			return style, nil, nil
		}
		err = dv.SetRange(dvNumber(b.Min), dvNumber(b.Min), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
	case carecast.KindRate, carecast.KindYearlyRate:
		style = w.st.pct
		err = dv.SetRange(dvNumber(b.Min), dvNumber(b.Max), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case carecast.KindYesNo:
		style = w.st.text
		err = dv.SetDropList([]string{"yes", "no"})
	case carecast.KindChoice:
		style = w.st.text
		err = dv.SetDropList(s.Choices)
	default:
		return w.st.text, nil, nil
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, s.Key, enter)
	return style, dv, err
}
