package inputs

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// This file holds the parsers of the values a spreadsheet user types
// (docs/methodology.md §2, reading rules): amounts, rates, dates, whole numbers and
// yes/no, and the name matching of sheets, headers and settings. Each
// returns an error whose text completes "found X; expected Y" messages.

// Key normalises a sheet, file, header or setting name for matching: case,
// spaces, hyphens and underscores are ignored, and so is a trailing unit in
// brackets. "Weekly cost (£)" and "weekly_cost" are both "weeklycost";
// "Spot costs" and "SpotCosts" are both "spotcosts".
func Key(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := stripUnit(s)
		if t == s {
			break
		}
		s = t
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || unicode.IsSpace(r) || r == '\u2010' || r == '\u2013':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// stripUnit removes one trailing "(unit)" or "[unit]" and the space before
// it, unless that would leave nothing.
func stripUnit(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	var open byte
	switch s[len(s)-1] {
	case ')':
		open = '('
	case ']':
		open = '['
	default:
		return s
	}
	i := strings.LastIndexByte(s, open)
	if i <= 0 {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// errorLiteral reports whether s is a spreadsheet error value such as
// #DIV/0! or #N/A, the cached value of a formula that failed.
func errorLiteral(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!":
		return true
	}
	return false
}

// NumberCell reads the stored value of a numeric cell. A spreadsheet holds
// a binary double and writes it with up to 17 significant digits
// ("0.035000000000000003"); like the spreadsheet's own display, carecast
// keeps 15 significant digits, so the cell reads as the 0.035 typed into it.
func NumberCell(v string) (decimal.Decimal, error) {
	v = strings.TrimSpace(v)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return decimal.Decimal{}, fmt.Errorf("not a number")
	}
	return decimal.NewFromString(strconv.FormatFloat(f, 'g', 15, 64))
}

var errEmpty = errors.New("empty")

// ParseAmount reads an amount of money typed as text: "650000",
// "£650,000.00", "-£1,200", "(1,200)" (brackets mean negative, as in
// accounts). Commas must group thousands. The result is exact.
func ParseAmount(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return decimal.Decimal{}, errEmpty
	}
	bracket := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		bracket = true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	sign := takeSign(&t)
	if strings.HasPrefix(t, "£") {
		t = strings.TrimSpace(t[len("£"):])
		if sign == 0 {
			sign = takeSign(&t)
		}
	}
	if bracket && sign != 0 {
		return decimal.Decimal{}, errors.New("not an amount: both brackets and a sign")
	}
	digits, err := ungroup(t)
	if err != nil {
		return decimal.Decimal{}, err
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return decimal.Decimal{}, errors.New("not an amount")
	}
	if bracket || sign < 0 {
		d = d.Neg()
	}
	return d, nil
}

// takeSign removes a leading -, + or minus sign from *t and says which:
// -1, +1, or 0 for none.
func takeSign(t *string) int {
	switch {
	case strings.HasPrefix(*t, "-"):
		*t = strings.TrimSpace((*t)[1:])
		return -1
	case strings.HasPrefix(*t, "\u2212"):
		*t = strings.TrimSpace((*t)[len("\u2212"):])
		return -1
	case strings.HasPrefix(*t, "+"):
		*t = strings.TrimSpace((*t)[1:])
		return 1
	}
	return 0
}

// ungroup checks a plain decimal with optional thousands commas, 1,234.5,
// and returns it without them.
func ungroup(t string) (string, error) {
	intPart, frac, hasPoint := strings.Cut(t, ".")
	if intPart == "" && (!hasPoint || frac == "") {
		return "", errors.New("not an amount")
	}
	groups := strings.Split(intPart, ",")
	for i, g := range groups {
		if !allDigits(g) {
			return "", errors.New("not an amount")
		}
		if len(groups) > 1 && (g == "" || i > 0 && len(g) != 3 || len(g) > 3) {
			return "", errors.New("not an amount: commas must separate thousands")
		}
	}
	if hasPoint && !allDigits(frac) {
		return "", errors.New("not an amount")
	}
	out := strings.Join(groups, "")
	if out == "" {
		out = "0"
	}
	if hasPoint && frac != "" {
		out += "." + frac
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseRate reads a rate typed as text: "0.035" or "3.5%" (both 0.035).
func ParseRate(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return decimal.Decimal{}, errEmpty
	}
	pct := strings.HasSuffix(t, "%")
	if pct {
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	neg := takeSign(&t) < 0
	digits, err := ungroup(t)
	if err != nil {
		return decimal.Decimal{}, errors.New("not a rate")
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return decimal.Decimal{}, errors.New("not a rate")
	}
	if neg {
		d = d.Neg()
	}
	if pct {
		d = d.Shift(-2)
	}
	return d, nil
}

// ParseDate reads a date typed as text: ISO 2019-04-01 (a time after it,
// as in 2019-04-01T00:00:00, is ignored), UK day-first 01/04/2019 (also
// with dots or hyphens), or 1 April 2019 / 1-Apr-2019. The year must have
// four digits.
func ParseDate(s string) (carecast.Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return carecast.Date{}, errEmpty
	}
	if d, ok, err := parseISO(t); ok {
		return d, err
	}
	if d, ok, err := parseDayFirst(t); ok {
		return d, err
	}
	if d, ok, err := parseDayMonthName(t); ok {
		return d, err
	}
	return carecast.Date{}, errors.New("not a date")
}

// parseISO reads yyyy-mm-dd with an optional time after T or a space.
func parseISO(t string) (carecast.Date, bool, error) {
	if len(t) < 8 || !allDigits(t[:4]) || t[4] != '-' {
		return carecast.Date{}, false, nil
	}
	rest := t[5:]
	if i := strings.IndexAny(rest, "T "); i >= 0 {
		if !isTime(strings.TrimSpace(rest[i+1:])) {
			return carecast.Date{}, true, errors.New("not a date")
		}
		rest = rest[:i]
	}
	m, d, ok := strings.Cut(rest, "-")
	if !ok || !smallNumber(m) || !smallNumber(d) {
		return carecast.Date{}, true, errors.New("not a date")
	}
	y, _ := strconv.Atoi(t[:4])
	return makeDate(y, atoi(m), atoi(d))
}

// isTime reports whether s is a time of day as ISO 8601 writes it after a
// date: 00:00, 00:00:00, 00:00:00.000, with an optional Z or offset.
func isTime(s string) bool {
	s = strings.TrimSuffix(s, "Z")
	if i := strings.LastIndexAny(s, "+-"); i > 0 {
		s = s[:i]
	}
	hms, frac, _ := strings.Cut(s, ".")
	parts := strings.Split(hms, ":")
	if len(parts) < 2 || len(parts) > 3 || !allDigits(frac) {
		return false
	}
	for _, p := range parts {
		if len(p) != 2 || !allDigits(p) {
			return false
		}
	}
	return true
}

func smallNumber(s string) bool { return len(s) >= 1 && len(s) <= 2 && allDigits(s) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// parseDayFirst reads dd/mm/yyyy, dd.mm.yyyy or dd-mm-yyyy.
func parseDayFirst(t string) (carecast.Date, bool, error) {
	sep := ""
	for _, c := range []string{"/", ".", "-"} {
		if strings.Count(t, c) == 2 {
			sep = c
			break
		}
	}
	if sep == "" {
		return carecast.Date{}, false, nil
	}
	p := strings.Split(t, sep)
	if len(p[0]) == 4 && allDigits(p[0]) && smallNumber(p[1]) && smallNumber(p[2]) {
		return makeDate(atoi(p[0]), atoi(p[1]), atoi(p[2])) // 2019/04/01
	}
	if !smallNumber(p[0]) || !smallNumber(p[1]) || !allDigits(p[2]) || p[2] == "" {
		return carecast.Date{}, false, nil
	}
	if len(p[2]) != 4 {
		return carecast.Date{}, true, errors.New("not a date: the year must have four digits")
	}
	return makeDate(atoi(p[2]), atoi(p[1]), atoi(p[0]))
}

// parseDayMonthName reads 1 April 2019, 1 Apr 2019 or 1-Apr-2019.
func parseDayMonthName(t string) (carecast.Date, bool, error) {
	f := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == ',' })
	if len(f) != 3 || !smallNumber(f[0]) || !allDigits(f[2]) {
		return carecast.Date{}, false, nil
	}
	m := monthNamed(f[1])
	if m == 0 {
		return carecast.Date{}, false, nil
	}
	if len(f[2]) != 4 {
		return carecast.Date{}, true, errors.New("not a date: the year must have four digits")
	}
	return makeDate(atoi(f[2]), m, atoi(f[0]))
}

func monthNamed(s string) int {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if s == full || s == full[:3] || s == "sept" && m == time.September {
			return int(m)
		}
	}
	return 0
}

// makeDate checks y-m-d is a real day; ok is always true.
func makeDate(y, m, d int) (carecast.Date, bool, error) {
	if y < 1000 || y > 9999 {
		return carecast.Date{}, true, errors.New("not a date: the year is out of range")
	}
	if m < 1 || m > 12 {
		return carecast.Date{}, true, fmt.Errorf("not a date: %d is not a month", m)
	}
	date := carecast.Date{Year: y, Month: time.Month(m), Day: d}
	if !date.IsValid() {
		return carecast.Date{}, true, fmt.Errorf("not a date: %s has no day %d", time.Month(m), d)
	}
	return date, true, nil
}

// Serial date limits: 9999-12-31 is serial 2958465 in the 1900 system.
const maxSerial = 2958465

// DateFromSerial turns a spreadsheet date serial into a date. In the 1900
// system (Excel's default, and LibreOffice's in xlsx) serial 1 is
// 1900-01-01 and serial 60 is the 29 February 1900 that never was (Lotus
// 1-2-3's bug, kept by Excel); from serial 61, 1 March 1900, day n is
// 1899-12-30 plus n days. In the 1904 system serial 0 is 1904-01-01. A
// fraction (a time of day) is dropped.
func DateFromSerial(serial decimal.Decimal, date1904 bool) (carecast.Date, error) {
	if serial.Sign() < 0 || serial.GreaterThanOrEqual(decimal.NewFromInt(maxSerial+1)) {
		return carecast.Date{}, errors.New("not a date: the serial number is out of range")
	}
	n := int(serial.Floor().IntPart())
	if date1904 {
		return carecast.Date{Year: 1904, Month: time.January, Day: 1}.AddDays(n), nil
	}
	switch {
	case n == 0:
		return carecast.Date{}, errors.New("not a date: serial 0 is the day before 1 January 1900")
	case n == 60:
		return carecast.Date{}, errors.New("not a date: serial 60 is 29 February 1900, which did not exist")
	case n < 60:
		return carecast.Date{Year: 1899, Month: time.December, Day: 31}.AddDays(n), nil
	default:
		return carecast.Date{Year: 1899, Month: time.December, Day: 30}.AddDays(n), nil
	}
}

// SerialFromDate is the inverse of DateFromSerial for dates from 1 March
// 1900 (1900 system) or 1 January 1904 (1904 system).
func SerialFromDate(d carecast.Date, date1904 bool) int {
	if date1904 {
		return d.Days() - carecast.Date{Year: 1904, Month: time.January, Day: 1}.Days()
	}
	return d.Days() - carecast.Date{Year: 1899, Month: time.December, Day: 30}.Days()
}

// ParseBool reads yes/no, y/n, true/false or 1/0 (a boolean cell stores 1
// or 0).
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1":
		return true, nil
	case "no", "n", "false", "0":
		return false, nil
	case "":
		return false, errEmpty
	}
	return false, errors.New("not yes or no")
}

// quote shows a found value in a message: quoted, cut short if long, with
// invisible characters made visible.
func quote(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "..."
	}
	return strconv.Quote(s)
}
