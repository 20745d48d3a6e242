package inputs

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/carecast/carecast"
)

// csvFiles writes a scenario as the CSV files of docs/methodology.md §2, by hand, for
// tests: an independent route from the template writer.
func csvFiles(s *carecast.Scenario) map[string]string {
	a := s.Assumptions
	var b strings.Builder
	line := func(cells ...string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	files := map[string]string{}
	take := func(name string) {
		files[name] = b.String()
		b.Reset()
	}
	yes := "no"
	if a.SettleAtEnd {
		yes = "yes"
	}
	line("setting", "value")
	line("scenario", a.Scenario)
	line("start_date", a.StartDate.String())
	line("years", fmt.Sprint(a.Years))
	line("block_weekly_price", a.BlockWeeklyPrice.String())
	line("block_price_date", a.PriceDate().String())
	line("block_uplift", a.BlockUplift.String())
	line("occupancy_rate", a.OccupancyRate.String())
	line("discount_rate", a.DiscountRate.String())
	line("deflator", a.Deflator.String())
	line("opening_fund_balance", a.OpeningFund.String())
	line("settle_at_end", yes)
	take("assumptions.csv")
	line("code", "name", "share")
	for _, c := range s.Councils {
		share := ""
		if c.HasShare {
			share = c.Share.String()
		}
		line(c.Code, c.Name, share)
	}
	take("councils.csv")
	code := func(i int) string { return s.Councils[i].Code }
	line("council", "from", "to", "annual_amount")
	for _, p := range s.Pledges {
		line(code(p.Council), p.From.String(), p.To.String(), p.AnnualAmount.String())
	}
	take("pledges.csv")
	line("from", "rooms")
	for _, r := range s.Rooms {
		line(r.From.String(), fmt.Sprint(r.Rooms))
	}
	take("rooms.csv")
	line("council", "from", "rooms_occupied")
	for _, o := range s.Occupancy {
		line(code(o.Council), o.From.String(), o.RoomsOccupied.String())
	}
	take("occupancy.csv")
	line("council", "from", "weekly_cost", "annual_inflation")
	for _, c := range s.SpotCosts {
		line(code(c.Council), c.From.String(), c.WeeklyCost.String(), c.AnnualInflation.String())
	}
	take("spotcosts.csv")
	line("date", "amount", "description")
	for _, g := range s.Grants {
		line(g.Date.String(), g.Amount.String(), g.Description)
	}
	take("grants.csv")
	line("description", "from", "to", "annual_amount")
	for _, c := range s.Costs {
		line(c.Description, c.From.String(), c.To.String(), c.AnnualAmount.String())
	}
	take("costs.csv")
	if len(s.Risks) > 0 {
		line("factor", "distribution", "low", "mode", "high")
		for _, r := range s.Risks {
			line(r.Factor, r.Distribution, r.Low.String(), r.Mode.String(), r.High.String())
		}
		take("risks.csv")
	}
	return files
}

// writeFolder writes files into a fresh folder.
func writeFolder(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// csvBook reads CSV texts into a Book as ReadCSVFolder would, in memory.
func csvBook(files map[string]string) *Book {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	b := &Book{Path: "scenario", Kind: CSV}
	for _, n := range names {
		t, _ := ReadCSV(n, []byte(files[n]))
		b.Tables = append(b.Tables, t)
	}
	return b
}

// dump writes a scenario out field by field, decimals in their shortest
// form, so that two scenarios compare as text (and differ readably).
func dump(s *carecast.Scenario) string {
	var b strings.Builder
	a := s.Assumptions
	fmt.Fprintf(&b, "scenario %q start %s years %d block %s on %s uplift %s occ %s disc %s defl %s open %s settle %v\n",
		a.Scenario, a.StartDate, a.Years, a.BlockWeeklyPrice, a.PriceDate(), a.BlockUplift, a.OccupancyRate, a.DiscountRate, a.Deflator, a.OpeningFund, a.SettleAtEnd)
	for _, c := range s.Councils {
		fmt.Fprintf(&b, "council %q %q share %s %v\n", c.Code, c.Name, c.Share, c.HasShare)
	}
	for _, p := range s.Pledges {
		fmt.Fprintf(&b, "pledge %d %s %s %s\n", p.Council, p.From, p.To, p.AnnualAmount)
	}
	for _, r := range s.Rooms {
		fmt.Fprintf(&b, "rooms %s %d\n", r.From, r.Rooms)
	}
	for _, o := range s.Occupancy {
		fmt.Fprintf(&b, "occupancy %d %s %s\n", o.Council, o.From, o.RoomsOccupied)
	}
	for _, c := range s.SpotCosts {
		fmt.Fprintf(&b, "spot %d %s %s %s\n", c.Council, c.From, c.WeeklyCost, c.AnnualInflation)
	}
	for _, g := range s.Grants {
		fmt.Fprintf(&b, "grant %s %s %q\n", g.Date, g.Amount, g.Description)
	}
	for _, c := range s.Costs {
		fmt.Fprintf(&b, "cost %q %s %s %s\n", c.Description, c.From, c.To, c.AnnualAmount)
	}
	for _, r := range s.Risks {
		fmt.Fprintf(&b, "risk %s %s %s %s %s\n", r.Factor, r.Distribution, r.Low, r.Mode, r.High)
	}
	return b.String()
}

// diffLines shows the first lines where two dumps differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := 0; i < max(len(g), len(w)) && len(out) < 10; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			out = append(out, fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, gl, wl))
		}
	}
	return strings.Join(out, "\n")
}

// problems formats problems one a line, for comparisons.
func problems(ps []Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
