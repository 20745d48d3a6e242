package carecast

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone, in the
// style of cloud.google.com/go/civil.Date. Ranges of dates in carecast are
// half-open, [from, to), unless a field says it is inclusive.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalising out-of-range days and months
// the way time.Date does (so 2021-02-29 is 2021-03-01).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// DateFromDays is the inverse of Days.
func DateFromDays(n int) Date {
	return DateOf(time.Unix(int64(n)*86400, 0).UTC())
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Days numbers the date: days since 1970-01-01.
func (d Date) Days() int { return int(d.Time().Unix() / 86400) }

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d names a real calendar day.
func (d Date) IsValid() bool { return NewDate(d.Year, d.Month, d.Day) == d }

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// AddMonths returns the date n calendar months after d, normalised.
func (d Date) AddMonths(n int) Date { return NewDate(d.Year, d.Month+time.Month(n), d.Day) }

// Anniversary returns the n-th anniversary of d (n may be negative). A 29
// February anniversary in a year without one falls on 1 March (docs/methodology.md §3).
func (d Date) Anniversary(n int) Date { return NewDate(d.Year+n, d.Month, d.Day) }

// WholeYears returns the number of whole years from d to t: the largest n
// (negative when t is before d) whose anniversary of d is on or before t.
func (d Date) WholeYears(t Date) int {
	n := t.Year - d.Year
	for d.Anniversary(n).After(t) {
		n--
	}
	for !d.Anniversary(n + 1).After(t) {
		n++
	}
	return n
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String formats d as ISO 8601, 2019-04-01.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// UK formats d the way a UK spreadsheet user writes it, 01/04/2019.
func (d Date) UK() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// MarshalText formats d as ISO 8601.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// FinancialYear returns the UK financial year (1 April to 31 March) holding d.
func (d Date) FinancialYear() FinancialYear {
	if d.Month >= time.April {
		return FinancialYear(d.Year)
	}
	return FinancialYear(d.Year - 1)
}

// FinancialYear is a UK financial year, named by the calendar year in which
// it starts: FinancialYear(2019) runs from 1 April 2019 to 31 March 2020.
type FinancialYear int

// String labels the year as UK public bodies do, 2019/20.
func (y FinancialYear) String() string { return fmt.Sprintf("%d/%02d", int(y), (int(y)+1)%100) }

// Start is 1 April of the year.
func (y FinancialYear) Start() Date { return Date{int(y), time.April, 1} }

// End is 31 March of the following calendar year, the last day of the year.
func (y FinancialYear) End() Date { return Date{int(y) + 1, time.March, 31} }
