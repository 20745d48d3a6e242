package inputs

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Fuzz targets: go test ./inputs -run '^$' -fuzz FuzzParseAmount -fuzztime 10s
// (and likewise FuzzParseRate, FuzzParseDate, FuzzDateFromSerial,
// FuzzReadCSV). Without -fuzz they run their seeds as tests.

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"650000", "£650,000.00", "(1,200)", "-£1,200.50", "1,2", "", "(£)", "£-0", "\u2212300", "1e5", "((1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseAmount(s)
		if err != nil {
			return
		}
		// What it read, written back the two ways a user types it, reads
		// the same: plain, and as accounts write it.
		if back, err := ParseAmount(d.String()); err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s; %s reads as %s, %v", s, d, d.String(), back, err)
		}
		typed := "£" + carecast.GroupThousands(d.Abs().String())
		if d.Sign() < 0 {
			typed = "(" + typed + ")"
		}
		if back, err := ParseAmount(typed); err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s; %s reads as %s, %v", s, d, typed, back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"0.035", "3.5%", "-2%", "100 %", "%", "1,000%", "", "0.1.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseRate(s)
		if err != nil {
			return
		}
		if back, err := ParseRate(d.String()); err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s; %s reads as %s, %v", s, d, d.String(), back, err)
		}
		if back, err := ParseRate(d.Shift(2).String() + "%"); err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s; as a percentage it reads as %s, %v", s, d, back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-04-01", "01/04/2019", "1 April 2019", "1-Apr-2019", "29/02/2020", "2019-04-01T00:00:00Z", "31/13/2019", "", "9999-12-31", "0/0/0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if !d.IsValid() {
			t.Fatalf("%q read as %v, not a real day", s, d)
		}
		// A date read back in both the forms carecast writes is the same.
		for _, form := range []string{d.String(), d.UK()} {
			if back, err := ParseDate(form); err != nil || back != d {
				t.Fatalf("%q read as %s; %s reads as %s, %v", s, d, form, back, err)
			}
		}
	})
}

func FuzzDateFromSerial(f *testing.F) {
	for _, s := range []string{"43556", "43556.5", "60", "0", "-1", "2958465", "1e300"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, date1904 bool) {
		n, err := NumberCell(s)
		if err != nil {
			return
		}
		d, err := DateFromSerial(n, date1904)
		if err != nil {
			return
		}
		if !d.IsValid() {
			t.Fatalf("serial %s read as %v, not a real day", s, d)
		}
		if date1904 || d.After(carecast.Date{Year: 1900, Month: 2, Day: 28}) {
			if back := SerialFromDate(d, date1904); !decimal.NewFromInt(int64(back)).Equal(n.Floor()) {
				t.Fatalf("serial %s read as %s, written back as %d", s, d, back)
			}
		}
	})
}

// FuzzReadCSV feeds arbitrary bytes to the CSV reader as one table of an
// otherwise valid scenario, and the result to Decode: neither may panic,
// every problem is located in the file, and a scenario that passes keeps
// its council references in range.
func FuzzReadCSV(f *testing.F) {
	base := baseFiles()
	names := []string{"assumptions.csv", "councils.csv", "pledges.csv", "rooms.csv", "occupancy.csv", "spotcosts.csv", "grants.csv", "costs.csv", "risks.csv"}
	for i, n := range names {
		f.Add(uint8(i), []byte(base[n]))
	}
	f.Add(uint8(2), []byte("\uFEFFcouncil,from,to,annual_amount\n\"A\n\",01/04/2019,2021-03-31,\"(1,0)\"\n"))
	f.Add(uint8(4), []byte("council,from,rooms_occupied\nA,2019-04-01,99\nB,2018-01-01,0\n"))
	f.Add(uint8(8), []byte("factor,distribution,low,mode,high\nramp_delay,uniform,0,,6\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := names[int(which)%len(names)]
		tab, probs := ReadCSV(name, data)
		for _, p := range probs {
			if !strings.HasPrefix(p.Loc, name) {
				t.Fatalf("problem located outside the file: %v", p)
			}
		}
		last := 0
		for _, r := range tab.Rows {
			if r.Number <= last || r.Number <= tab.HeaderRow {
				t.Fatalf("row numbers out of order: %d after %d (header %d)", r.Number, last, tab.HeaderRow)
			}
			last = r.Number
		}
		b := csvBook(base)
		for i := range b.Tables {
			if b.Tables[i].Name == name {
				b.Tables[i] = tab
			}
		}
		if name == "risks.csv" {
			b.Tables = append(b.Tables, tab)
		}
		s, _, err := Decode(b)
		if err != nil {
			return
		}
		n := len(s.Councils)
		for _, p := range s.Pledges {
			if p.Council < 0 || p.Council >= n || p.From.After(p.To) {
				t.Fatalf("invalid pledge passed: %+v", p)
			}
		}
		for _, o := range s.Occupancy {
			if o.Council < 0 || o.Council >= n || o.RoomsOccupied.Sign() < 0 {
				t.Fatalf("invalid occupancy passed: %+v", o)
			}
		}
		for _, c := range s.SpotCosts {
			if c.Council < 0 || c.Council >= n {
				t.Fatalf("invalid spot cost passed: %+v", c)
			}
		}
		if y := s.Assumptions.Years; y < 1 || y > 30 || s.Assumptions.StartDate.Day != 1 {
			t.Fatalf("invalid assumptions passed: %+v", s.Assumptions)
		}
	})
}
