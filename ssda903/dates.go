package ssda903

import (
	"fmt"

	"github.com/carecast/carecast"
)

// Dates are held as days since 1970-01-01 (carecast.Date.Days).

// What parseDate found.
const (
	dateOK = iota
	dateBlank
	dateUS  // a valid date only month first: 03/25/2019
	dateBad // not a date
)

// parseDate reads a date as the Department publishes them, dd/mm/yyyy
// (one-digit day and month, and - or . between them, accepted), or
// yyyy-mm-dd, with a time of midnight after it allowed (as a spreadsheet
// may export it). A date that is valid only month first is dateUS: a file
// in US order shows itself by its days above 12.
func parseDate(s string) (int32, int) {
	if s == "" {
		return 0, dateBlank
	}
	s = trimMidnight(s)
	a, sep1, rest, ok := number(s)
	if !ok || rest == "" {
		return 0, dateBad
	}
	b, sep2, rest, ok := number(rest[1:])
	if !ok || rest == "" || rest[0] != sep1 || (sep1 != '/' && sep1 != '-' && sep1 != '.') {
		return 0, dateBad
	}
	_ = sep2
	cy, _, rest, ok := number(rest[1:])
	if !ok || rest != "" {
		return 0, dateBad
	}
	digitsA := digitsOf(s)
	switch {
	case digitsA == 4: // yyyy-mm-dd
		if d, ok := civil(a, b, cy); ok {
			return d, dateOK
		}
		return 0, dateBad
	case digitsA > 2 || len(s) < 8 || cy < 1000:
		return 0, dateBad
	}
	if d, ok := civil(cy, b, a); ok {
		return d, dateOK
	}
	if _, ok := civil(cy, a, b); ok && b > 12 {
		return 0, dateUS
	}
	return 0, dateBad
}

// trimMidnight drops " 00:00", " 00:00:00" or "T00:00:00" after a date.
func trimMidnight(s string) string {
	for _, suffix := range []string{" 00:00:00", "T00:00:00", " 00:00", "T00:00"} {
		if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix {
			return s[:len(s)-len(suffix)]
		}
	}
	return s
}

// number reads leading digits (at most four) and returns them, the byte
// after them and the rest from it.
func number(s string) (n int, next byte, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 5 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i > 4 {
		return 0, 0, "", false
	}
	if i < len(s) {
		next = s[i]
	}
	return n, next, s[i:], true
}

func digitsOf(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// dateShaped reports whether a value that is not a date has the shape of
// one (31/02/2019): only then is it quoted back, since anything else in a
// date field might be a child's identifier.
func dateShaped(s string) bool {
	s = trimMidnight(s)
	parts := 0
	digits := 0
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch >= '0' && ch <= '9':
			digits++
			if digits > 4 {
				return false
			}
		case ch == '/' || ch == '-' || ch == '.':
			if digits == 0 {
				return false
			}
			parts++
			digits = 0
		default:
			return false
		}
	}
	return parts == 2 && digits > 0 && len(s) >= 8 && len(s) <= 10
}

// civil is the day number of y-m-d, if that is a real day from 1900 to
// 2199.
func civil(y, m, d int) (int32, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// dateOf is the carecast.Date of a day number.
func dateOf(d int32) carecast.Date { return carecast.DateFromDays(int(d)) }

// dayOf is the day number of a date.
func dayOf(d carecast.Date) int32 { return int32(d.Days()) }

// dayString writes a day as 2019-04-01.
func dayString(d int32) string {
	t := dateOf(d)
	return fmt.Sprintf("%04d-%02d-%02d", t.Year, int(t.Month), t.Day)
}

// monthStart is the first day of the month holding day d, and the first
// day of the month after.
func monthStart(d int32) (first, next int32) {
	t := dateOf(d)
	f := carecast.NewDate(t.Year, t.Month, 1)
	return dayOf(f), dayOf(f.AddMonths(1))
}

// birthday is the day a child born on dob reaches the given age: the
// anniversary, 29 February on 1 March in other years.
func birthday(dob int32, age int) int32 {
	return dayOf(dateOf(dob).Anniversary(age))
}
