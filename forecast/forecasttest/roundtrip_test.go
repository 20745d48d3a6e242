package forecasttest_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// book writes a scenario as the CSV tables of docs/methodology.md §2, all cells text.
func book(s *carecast.Scenario) *inputs.Book {
	b := &inputs.Book{Path: "generated", Kind: inputs.CSV}
	table := func(name string, header ...string) *inputs.Table {
		b.Tables = append(b.Tables, inputs.Table{Name: name, HeaderRow: 1, Header: header})
		return &b.Tables[len(b.Tables)-1]
	}
	row := func(t *inputs.Table, vals ...string) {
		r := inputs.Row{Number: len(t.Rows) + 2}
		for _, v := range vals {
			r.Cells = append(r.Cells, inputs.Cell{Value: v})
		}
		t.Rows = append(t.Rows, r)
	}
	a := s.Assumptions
	t := table("assumptions.csv", "setting", "value")
	row(t, "scenario", a.Scenario)
	row(t, "start_date", a.StartDate.String())
	row(t, "years", fmt.Sprint(a.Years))
	row(t, "block_weekly_price", a.BlockWeeklyPrice.String())
	if !a.BlockPriceDate.IsZero() {
		row(t, "block_price_date", a.BlockPriceDate.UK()) // day first, as a UK user types it
	}
	row(t, "block_uplift", a.BlockUplift.String())
	row(t, "occupancy_rate", a.OccupancyRate.Shift(2).String()+"%")
	row(t, "discount_rate", a.DiscountRate.String())
	row(t, "deflator", a.Deflator.String())
	row(t, "opening_fund_balance", "£"+a.OpeningFund.Format()[len("£"):])
	row(t, "settle_at_end", map[bool]string{true: "yes", false: "no"}[a.SettleAtEnd])

	t = table("councils.csv", "code", "name", "share")
	for _, c := range s.Councils {
		share := ""
		if c.HasShare {
			share = c.Share.String()
		}
		row(t, c.Code, c.Name, share)
	}
	// Other sheets name a council by code or by name.
	ref := func(c int) string {
		if c%2 == 0 {
			return s.Councils[c].Code
		}
		return s.Councils[c].Name
	}
	t = table("pledges.csv", "council", "from", "to", "annual_amount")
	for _, p := range s.Pledges {
		row(t, ref(p.Council), p.From.String(), p.To.String(), p.AnnualAmount.String())
	}
	t = table("rooms.csv", "from", "rooms")
	for _, r := range s.Rooms {
		row(t, r.From.String(), fmt.Sprint(r.Rooms))
	}
	t = table("occupancy.csv", "council", "from", "rooms_occupied")
	for _, o := range s.Occupancy {
		row(t, ref(o.Council), o.From.String(), o.RoomsOccupied.String())
	}
	t = table("spotcosts.csv", "council", "from", "weekly_cost", "annual_inflation")
	for _, p := range s.SpotCosts {
		row(t, ref(p.Council), p.From.String(), p.WeeklyCost.String(), p.AnnualInflation.String())
	}
	t = table("grants.csv", "date", "amount", "description")
	for _, g := range s.Grants {
		row(t, g.Date.String(), g.Amount.String(), g.Description)
	}
	t = table("costs.csv", "description", "from", "to", "annual_amount")
	for _, k := range s.Costs {
		row(t, k.Description, k.From.String(), k.To.String(), k.AnnualAmount.String())
	}
	return b
}

// dump writes a scenario as text, one row a line, numbers normalised, so
// two scenarios compare by their values.
func dump(s *carecast.Scenario) string {
	var w strings.Builder
	d := func(x decimal.Decimal) string { return x.String() }
	a := s.Assumptions
	fmt.Fprintf(&w, "%s %s %d %s %s %s %s %s %s %s %v\n", a.Scenario, a.StartDate, a.Years, d(a.BlockWeeklyPrice),
		a.PriceDate(), d(a.BlockUplift), d(a.OccupancyRate), d(a.DiscountRate), d(a.Deflator), a.OpeningFund, a.SettleAtEnd)
	for _, c := range s.Councils {
		fmt.Fprintf(&w, "council %s %q %v %s\n", c.Code, c.Name, c.HasShare, d(c.Share))
	}
	for _, p := range s.Pledges {
		fmt.Fprintf(&w, "pledge %d %s %s %s\n", p.Council, p.From, p.To, p.AnnualAmount)
	}
	for _, r := range s.Rooms {
		fmt.Fprintf(&w, "rooms %s %d\n", r.From, r.Rooms)
	}
	for _, o := range s.Occupancy {
		fmt.Fprintf(&w, "occupancy %d %s %s\n", o.Council, o.From, d(o.RoomsOccupied))
	}
	for _, p := range s.SpotCosts {
		fmt.Fprintf(&w, "spot %d %s %s %s\n", p.Council, p.From, d(p.WeeklyCost), d(p.AnnualInflation))
	}
	for _, g := range s.Grants {
		fmt.Fprintf(&w, "grant %s %s %q\n", g.Date, g.Amount, g.Description)
	}
	for _, k := range s.Costs {
		fmt.Fprintf(&w, "cost %q %s %s %s\n", k.Description, k.From, k.To, k.AnnualAmount)
	}
	return w.String()
}

// TestGeneratedScenariosPassValidation: the one validation path of
// carecast (inputs.Decode) accepts every generated scenario, written as a
// folder of CSV files, with no error and no warning, and reads back the
// same scenario. The generator's claim of validity rests on this.
func TestGeneratedScenariosPassValidation(t *testing.T) {
	check := func(t *testing.T, s *carecast.Scenario) {
		got, warns, err := inputs.Decode(book(s))
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		// Generated values may be unusual (a warning), never wrong; a
		// generated council may pay nothing or occupy no room (a silent
		// mistake in a real input, a case to cover here).
		for _, w := range warns {
			if !strings.HasPrefix(w.Msg, "unusual ") && !w.Silent {
				t.Errorf("warning: %v", w)
			}
		}
		if g, w := dump(got), dump(s); g != w {
			t.Errorf("read back:\n%s\nwant:\n%s", g, w)
		}
	}
	for seed := range uint64(300) {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 1)), forecasttest.Options{})
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { check(t, s) })
	}
	t.Run("national", func(t *testing.T) { check(t, forecasttest.National(150, 30)) })
}
