package inputs

import (
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SpotCosts", "spotcosts"},
		{"Spot costs", "spotcosts"},
		{" spot-costs ", "spotcosts"},
		{"SPOT_COSTS", "spotcosts"},
		{"Weekly cost (£)", "weeklycost"},
		{"weekly_cost (£ a week)", "weeklycost"},
		{"annual_inflation [%]", "annualinflation"},
		{"from (date) (inclusive)", "from"},
		{"(£)", "(£)"}, // a unit alone is kept: nothing else to match
		{"Rooms occupied", "roomsoccupied"},
		{"", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := Key(c.in); got != c.want {
				t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" means an error
	}{
		{"650000", "650000"},
		{"£650,000.00", "650000"},
		{"£650,000.5", "650000.5"},
		{" £ 650,000 ", "650000"},
		{"(1,200)", "-1200"},
		{"(£1,200.50)", "-1200.5"},
		{"-1,200", "-1200"},
		{"-£1,200", "-1200"},
		{"£-1,200", "-1200"},
		{"\u2212300", "-300"},
		{"+12", "12"},
		{"1,234,567.891", "1234567.891"},
		{".5", "0.5"},
		{"5.", "5"},
		{"0", "0"},
		{"", ""},
		{"£", ""},
		{"-", ""},
		{"12,34", ""},
		{"1234,567", ""},
		{",123", ""},
		{"1,,234", ""},
		{"(-5)", ""},
		{"1e6", ""},
		{"£12abc", ""},
		{"12.3.4", ""},
		{"$100", ""},
		{"(100", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseAmount(c.in)
			if c.want == "" {
				if err == nil {
					t.Errorf("ParseAmount(%q) = %s, want an error", c.in, got)
				}
				return
			}
			if err != nil || !got.Equal(decimal.RequireFromString(c.want)) {
				t.Errorf("ParseAmount(%q) = %s, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

func TestParseRate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0.035", "0.035"},
		{"3.5%", "0.035"},
		{" 3.5 % ", "0.035"},
		{"-2%", "-0.02"},
		{"100%", "1"},
		{"0", "0"},
		{"1,000%", "10"},
		{"", ""},
		{"%", ""},
		{"3.5%%", ""},
		{"three", ""},
		{"£5", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseRate(c.in)
			if c.want == "" {
				if err == nil {
					t.Errorf("ParseRate(%q) = %s, want an error", c.in, got)
				}
				return
			}
			if err != nil || !got.Equal(decimal.RequireFromString(c.want)) {
				t.Errorf("ParseRate(%q) = %s, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

func date(y int, m time.Month, d int) carecast.Date { return carecast.Date{Year: y, Month: m, Day: d} }

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want carecast.Date // zero: an error
	}{
		{"2019-04-01", date(2019, 4, 1)},
		{"2019-4-1", date(2019, 4, 1)},
		{"2019-04-01T00:00:00", date(2019, 4, 1)},
		{"2019-04-01T00:00:00Z", date(2019, 4, 1)},
		{"2019-04-01 00:00:00", date(2019, 4, 1)},
		{"2019-04-01T00:00:00.000+01:00", date(2019, 4, 1)},
		{"01/04/2019", date(2019, 4, 1)}, // day first: 1 April
		{"1/4/2019", date(2019, 4, 1)},
		{"13/04/2019", date(2019, 4, 13)},
		{"01.04.2019", date(2019, 4, 1)},
		{"01-04-2019", date(2019, 4, 1)},
		{"2019/04/01", date(2019, 4, 1)},
		{"1 April 2019", date(2019, 4, 1)},
		{"1 Apr 2019", date(2019, 4, 1)},
		{"1-Apr-2019", date(2019, 4, 1)},
		{"29 Sept 2019", date(2019, 9, 29)},
		{"29/02/2020", date(2020, 2, 29)},
		{" 31/03/2027 ", date(2027, 3, 31)},
		{"29/02/2019", carecast.Date{}},    // no such day
		{"04/13/2019", carecast.Date{}},    // month first: 13 is no month
		{"01/04/19", carecast.Date{}},      // two-digit year
		{"2019-13-01", carecast.Date{}},    // no month 13
		{"2019-04-31", carecast.Date{}},    // April has 30 days
		{"2019-04-01T25", carecast.Date{}}, // not a time
		{"43556", carecast.Date{}},         // text holding a serial is not a date
		{"April 2019", carecast.Date{}},
		{"", carecast.Date{}},
		{"yesterday", carecast.Date{}},
		{"0001-01-01", carecast.Date{}},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseDate(c.in)
			if c.want.IsZero() {
				if err == nil {
					t.Errorf("ParseDate(%q) = %s, want an error", c.in, got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("ParseDate(%q) = %s, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

// Serial numbers worked out from the calendar: 2019-01-01 is 43466 in
// Excel's 1900 system (documented by Microsoft), and January, February and
// March 2019 have 31+28+31 = 90 days, so 2019-04-01 is 43556; the 1904
// system counts 1462 days fewer (4 years of 365 days, 1900 taken as leap,
// plus the one of 1 January 1904 being serial 0).
func TestDateFromSerial(t *testing.T) {
	for _, c := range []struct {
		serial   string
		date1904 bool
		want     carecast.Date
	}{
		{"43466", false, date(2019, 1, 1)},
		{"43556", false, date(2019, 4, 1)},
		{"43556.75", false, date(2019, 4, 1)}, // a time of day is dropped
		{"42094", true, date(2019, 4, 1)},
		{"0", true, date(1904, 1, 1)},
		{"1", false, date(1900, 1, 1)},
		{"59", false, date(1900, 2, 28)},
		{"61", false, date(1900, 3, 1)},
		{"2958465", false, date(9999, 12, 31)},
		{"60", false, carecast.Date{}}, // 29 February 1900 never was
		{"0", false, carecast.Date{}},
		{"-1", false, carecast.Date{}},
		{"2958466", false, carecast.Date{}},
	} {
		t.Run(c.serial, func(t *testing.T) {
			got, err := DateFromSerial(decimal.RequireFromString(c.serial), c.date1904)
			if c.want.IsZero() {
				if err == nil {
					t.Errorf("DateFromSerial(%s) = %s, want an error", c.serial, got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("DateFromSerial(%s, 1904=%v) = %s, %v; want %s", c.serial, c.date1904, got, err, c.want)
			}
			if c.serial == "43556.75" {
				return
			}
			if back := SerialFromDate(got, c.date1904); decimal.NewFromInt(int64(back)).Cmp(decimal.RequireFromString(c.serial)) != 0 && got.After(date(1900, 2, 28)) {
				t.Errorf("SerialFromDate(%s) = %d, want %s", got, back, c.serial)
			}
		})
	}
}

// A spreadsheet stores doubles with up to 17 significant digits; a cell
// reads as the value typed into it.
func TestNumberCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0.035000000000000003", "0.035"},
		{"0.10000000000000001", "0.1"},
		{"1100.0000000000002", "1100"},
		{"650000", "650000"},
		{"1000000", "1000000"},
		{"43556", "43556"},
		{"2.5E-3", "0.0025"},
		{"-1200.5", "-1200.5"},
		{"abc", ""},
		{"NaN", ""},
		{"Inf", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := NumberCell(c.in)
			if c.want == "" {
				if err == nil {
					t.Errorf("NumberCell(%q) = %s, want an error", c.in, got)
				}
				return
			}
			if err != nil || !got.Equal(decimal.RequireFromString(c.want)) {
				t.Errorf("NumberCell(%q) = %s, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"yes": true, "Y": true, "TRUE": true, "1": true, "no": false, "n": false, "False": false, "0": false} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "maybe", "2"} {
		if _, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q): no error", in)
		}
	}
}
