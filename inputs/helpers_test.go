package inputs

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

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
	fmt.Fprintf(&b, "scenario %q start %s years %d block %s on %s uplift %s occ %s disc %s defl %s open %s settle %v%s\n",
		a.Scenario, a.StartDate, a.Years, a.BlockWeeklyPrice, a.PriceDate(), a.BlockUplift, a.OccupancyRate, a.DiscountRate, a.Deflator, a.OpeningFund, a.SettleAtEnd, optimismBiasDump(a.OptimismBias))
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
	if len(s.Demand) > 0 {
		fmt.Fprintf(&b, "demand max_fill %s sharing %s\n", a.Fill(), a.SharingRule())
	}
	for _, d := range s.Demand {
		fmt.Fprintf(&b, "demand %d %s %s\n", d.Council, d.From, d.Placements)
	}
	for _, r := range s.Allocations {
		fmt.Fprintf(&b, "allocation %d %s %d\n", r.Council, r.From, r.Rooms)
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
	for _, o := range s.Options {
		fmt.Fprintf(&b, "option %q %q exclude %v rooms %v pledges %v occupancy %v\n", o.Name, o.Description, o.ExcludeCouncils, o.RoomsScale, o.PledgeScale, o.OccupancyScale)
		for _, k := range o.Keys {
			oa := o.Assumptions
			var v carecast.Assumptions
			carecast.SetAssumption(&v, oa, k)
			fmt.Fprintf(&b, "  set %s %+v\n", k, v)
		}
	}
	for _, w := range s.WiderBenefits {
		fmt.Fprintf(&b, "wider %q %q %s %s %q %q\n", w.Measure, w.Unit, w.PerRoomYear, w.UnitValue, w.Bearer, w.Source)
	}
	for _, c := range s.Accounts {
		fmt.Fprintf(&b, "account %q %d %q %q %q\n", c.Account, c.Council, c.CostCentre, c.Subjective, c.Description)
	}
	if a.Journal != carecast.DefaultAssumptions().Journal {
		fmt.Fprintf(&b, "journal %+v\n", a.Journal)
	}
	return b.String()
}

// problems formats problems one a line, for comparisons.
func problems(ps []Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// optimismBiasDump shows a non-zero optimism bias, so that dumps of
// scenarios without one read as before.
func optimismBiasDump(b decimal.Decimal) string {
	if b.IsZero() {
		return ""
	}
	return " ob " + b.String()
}
