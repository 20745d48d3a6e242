package ledger_test

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
)

func runScenario(t testing.TB, s *carecast.Scenario) *carecast.Result {
	t.Helper()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The built-in scenario's books: eight councils pledge £650,000 a year for
// eight years (£41,600,000), the DfE grant of £782,750 comes in three
// April instalments, and settlement closes the fund at zero.
func TestBuiltInBooks(t *testing.T) {
	r := runScenario(t, inputs.BuiltInScenario())
	l := ledger.Build(r)
	if errs := l.Check(r); len(errs) > 0 {
		t.Fatalf("Check: %d disagreements, first %v", len(errs), errs[0])
	}
	var pledged, granted carecast.Money
	var grantDates []string
	for _, p := range l.Postings {
		if p.Account != carecast.Fund {
			continue
		}
		switch p.Description {
		case ledger.DescPledge:
			pledged = pledged.Add(p.Amount)
			if p.Date.Day != 1 {
				t.Errorf("a pledge received on %s, not the first of the month", p.Date)
			}
		case ledger.DescGrant + ": DfE Innovation Programme, year 1 of 3",
			ledger.DescGrant + ": DfE Innovation Programme, year 2 of 3",
			ledger.DescGrant + ": DfE Innovation Programme, year 3 of 3":
			granted = granted.Add(p.Amount)
			grantDates = append(grantDates, p.Date.String())
		}
	}
	if !pledged.Equal(carecast.Pounds(41_600_000)) {
		t.Errorf("pledges received %s, want 41,600,000.00", pledged.Format())
	}
	if !granted.Equal(carecast.Pounds(782_750)) || len(grantDates) != 3 || grantDates[0] != "2019-04-01" || grantDates[2] != "2021-04-01" {
		t.Errorf("grants received %s on %v, want 782,750.00 on three 1 Aprils from 2019", granted.Format(), grantDates)
	}
	// Transactions: 8 pledges x 96 months, 3 grants, 96 block payments,
	// 96 block attributions, 3 grant attributions, 96 shared-cost charges
	// (void cost every month: 10% of the rooms stand empty), one
	// settlement; no opening balance and no running costs.
	if got, want := l.Transactions(), 8*96+3+96+96+3+96+1; got != want {
		t.Errorf("%d transactions, want %d", got, want)
	}
	cl := l.Closing()
	if !cl.Fund.IsZero() || !cl.Total().IsZero() {
		t.Errorf("after settlement: fund %s, all balances %s; want 0 and 0", cl.Fund, cl.Total())
	}
	for c := range r.Councils {
		if !cl.OwedTo(c).IsZero() {
			t.Errorf("council %d: %s owed after settlement", c, cl.OwedTo(c))
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, c := range []struct {
		name string
		s    *carecast.Scenario
	}{
		{"built-in", inputs.BuiltInScenario()},
		{"national-150x30", forecasttest.National(150, 30)},
	} {
		r := runScenario(b, c.s)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ledger.Build(r)
			}
		})
	}
}

func BenchmarkMonthEnds(b *testing.B) {
	l := ledger.Build(runScenario(b, forecasttest.National(150, 30)))
	b.ReportAllocs()
	for b.Loop() {
		l.MonthEnds()
	}
}
