package forecasttest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

const seeds = 400

func generated(seed uint64, o Options) *carecast.Scenario {
	return Generate(rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), o)
}

// valid checks a scenario against the rules of docs/methodology.md §2 independently
// of the generator: by walking the horizon day by day.
func valid(s *carecast.Scenario) []string {
	var errs []string
	bad := func(f string, args ...any) { errs = append(errs, fmt.Sprintf(f, args...)) }
	a := s.Assumptions
	start, end := a.StartDate, a.End()
	if start.Day != 1 || !start.IsValid() {
		bad("start %s is not the first of a month", start)
	}
	if a.Years < 1 || a.Years > 30 {
		bad("years %d", a.Years)
	}
	if a.BlockWeeklyPrice.Sign() <= 0 {
		bad("block price %s", a.BlockWeeklyPrice)
	}
	nc := len(s.Councils)
	if nc == 0 {
		bad("no councils")
	}
	anyShare, shareTotal := false, decimal.Zero
	for _, c := range s.Councils {
		if c.HasShare {
			anyShare = true
			shareTotal = shareTotal.Add(c.Share)
			if c.Share.Sign() < 0 {
				bad("council %s: negative share", c.Code)
			}
		}
	}
	if anyShare && shareTotal.Sign() <= 0 {
		bad("share column sums to %s", shareTotal)
	}
	window := func(what string, from, to carecast.Date) {
		if from.After(to) {
			bad("%s: from %s after to %s", what, from, to)
		}
		if to.Before(start) || from.After(end) {
			bad("%s: %s to %s wholly outside %s to %s", what, from, to, start, end)
		}
	}
	// Pledges: windows of one council never overlap.
	byCouncil := map[int][]carecast.Pledge{}
	for i, p := range s.Pledges {
		window(fmt.Sprintf("pledge %d", i), p.From, p.To)
		if p.AnnualAmount.Sign() < 0 {
			bad("pledge %d: negative", i)
		}
		byCouncil[p.Council] = append(byCouncil[p.Council], p)
	}
	for c, ps := range byCouncil {
		sort.Slice(ps, func(i, j int) bool { return ps[i].From.Before(ps[j].From) })
		for i := 1; i < len(ps); i++ {
			if !ps[i].From.After(ps[i-1].To) {
				bad("council %d: pledge windows %s-%s and %s-%s overlap", c, ps[i-1].From, ps[i-1].To, ps[i].From, ps[i].To)
			}
		}
	}
	for i, k := range s.Costs {
		window(fmt.Sprintf("cost %d", i), k.From, k.To)
	}
	for i, g := range s.Grants {
		if g.Date.Before(start) || g.Date.After(end) || g.Amount.Sign() < 0 {
			bad("grant %d on %s of %s", i, g.Date, g.Amount)
		}
	}
	// Dated rows: no row superseded before the start, none after the end.
	dated := func(what string, froms []carecast.Date) {
		sort.Slice(froms, func(i, j int) bool { return froms[i].Before(froms[j]) })
		for i, f := range froms {
			if f.After(end) {
				bad("%s row from %s after the end", what, f)
			}
			if i > 0 && f == froms[i-1] {
				bad("%s: two rows from %s", what, f)
			}
			if i+1 < len(froms) && !froms[i+1].After(start) {
				bad("%s row from %s is wholly before the start", what, f)
			}
		}
	}
	var roomFroms []carecast.Date
	for _, r := range s.Rooms {
		roomFroms = append(roomFroms, r.From)
		if r.Rooms < 0 {
			bad("negative rooms")
		}
	}
	dated("rooms", roomFroms)
	for c := range nc {
		var occ, spot []carecast.Date
		for _, o := range s.Occupancy {
			if o.Council == c {
				occ = append(occ, o.From)
			}
		}
		for _, p := range s.SpotCosts {
			if p.Council == c {
				spot = append(spot, p.From)
			}
		}
		dated(fmt.Sprintf("council %d occupancy", c), occ)
		dated(fmt.Sprintf("council %d spot", c), spot)
	}

	// Day by day: occupancy within capacity, spot price in force.
	for t := start; !t.After(end); t = t.AddDays(1) {
		rooms := 0
		var last carecast.Date
		for _, r := range s.Rooms {
			if !r.From.After(t) && (last.IsZero() || !r.From.Before(last)) {
				rooms, last = r.Rooms, r.From
			}
		}
		total := decimal.Zero
		for c := range nc {
			occ := decimal.Zero
			if len(s.Occupancy) == 0 {
				if rooms > 0 && a.OccupancyRate.Sign() > 0 {
					occ = decimal.NewFromInt(1) // positive wherever rooms are, at some share
				}
			} else {
				var from carecast.Date
				for _, o := range s.Occupancy {
					if o.Council == c && !o.From.After(t) && (from.IsZero() || !o.From.Before(from)) {
						occ, from = o.RoomsOccupied, o.From
					}
				}
				if occ.Sign() < 0 {
					bad("council %d occupies %s on %s", c, occ, t)
				}
				total = total.Add(occ)
			}
			if occ.Sign() > 0 {
				inForce := false
				for _, p := range s.SpotCosts {
					inForce = inForce || (p.Council == c && !p.From.After(t))
				}
				if !inForce {
					bad("council %d occupies rooms on %s with no spot price", c, t)
					return errs
				}
			}
		}
		if total.GreaterThan(decimal.NewFromInt(int64(rooms))) {
			bad("%s: %s rooms occupied of %d", t, total, rooms)
			return errs
		}
	}
	return errs
}

func TestGenerateIsValid(t *testing.T) {
	for seed := range uint64(seeds) {
		s := generated(seed, Options{})
		if errs := valid(s); len(errs) > 0 {
			t.Errorf("seed %d: %d problems, first: %s", seed, len(errs), errs[0])
		}
		if n := len(s.Councils); n < 1 || n > 12 {
			t.Errorf("seed %d: %d councils, want 1 to 12", seed, n)
		}
		if y := s.Assumptions.Years; y < 1 || y > 4 {
			t.Errorf("seed %d: %d years, want 1 to 4", seed, y)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	for seed := range uint64(20) {
		a, b := generated(seed, Options{}), generated(seed, Options{})
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: two scenarios from the same seed differ", seed)
		}
	}
	if reflect.DeepEqual(generated(1, Options{}), generated(2, Options{})) {
		t.Error("seeds 1 and 2 give the same scenario")
	}
}

func TestGenerateOptions(t *testing.T) {
	for seed := range uint64(50) {
		if s := generated(seed, Options{Occupancy: DefaultOccupancy, MaxCouncils: 3}); len(s.Occupancy) != 0 || len(s.Councils) > 3 {
			t.Errorf("seed %d: default occupancy gave %d rows, %d councils", seed, len(s.Occupancy), len(s.Councils))
		}
		if s := generated(seed, Options{Occupancy: ExplicitOccupancy, MaxYears: 1}); len(s.Occupancy) == 0 && len(s.Councils) > 2 || s.Assumptions.Years != 1 {
			t.Errorf("seed %d: explicit occupancy gave no rows (%d councils) or %d years", seed, len(s.Councils), s.Assumptions.Years)
		}
	}
}

// TestGenerateCoverage checks that the seeds the property tests use reach
// every case the generator is meant to exercise.
func TestGenerateCoverage(t *testing.T) {
	features := map[string]func(*carecast.Scenario) bool{
		"default occupancy": func(s *carecast.Scenario) bool { return len(s.Occupancy) == 0 },
		"share column": func(s *carecast.Scenario) bool {
			for _, c := range s.Councils {
				if c.HasShare {
					return true
				}
			}
			return false
		},
		"equal shares (nobody pledges, no share column)": func(s *carecast.Scenario) bool {
			return len(s.Pledges) == 0 && !s.Councils[0].HasShare
		},
		"pledge from mid-month": func(s *carecast.Scenario) bool {
			for _, p := range s.Pledges {
				if p.From.Day != 1 {
					return true
				}
			}
			return false
		},
		"pledge window from before the start": func(s *carecast.Scenario) bool {
			for _, p := range s.Pledges {
				if p.From.Before(s.Assumptions.StartDate) {
					return true
				}
			}
			return false
		},
		"spot price on 29 February": func(s *carecast.Scenario) bool {
			for _, p := range s.SpotCosts {
				if p.From.Month == time.February && p.From.Day == 29 {
					return true
				}
			}
			return false
		},
		"block price on 29 February": func(s *carecast.Scenario) bool {
			d := s.Assumptions.BlockPriceDate
			return d.Month == time.February && d.Day == 29
		},
		"block price quoted after the start": func(s *carecast.Scenario) bool {
			return s.Assumptions.BlockPriceDate.After(s.Assumptions.StartDate)
		},
		"rooms from after the start": func(s *carecast.Scenario) bool {
			return s.Rooms[0].From.After(s.Assumptions.StartDate)
		},
		"occupancy exactly at capacity": func(s *carecast.Scenario) bool {
			for _, r := range s.Rooms {
				total := decimal.Zero
				for _, o := range s.Occupancy {
					if o.From == r.From {
						total = total.Add(o.RoomsOccupied)
					}
				}
				if r.Rooms > 0 && total.Equal(decimal.NewFromInt(int64(r.Rooms))) {
					return true
				}
			}
			return false
		},
		"large grant": func(s *carecast.Scenario) bool {
			return len(s.Grants) > 0 && s.Grants[len(s.Grants)-1].Description == "Large grant"
		},
		"running costs":       func(s *carecast.Scenario) bool { return len(s.Costs) > 0 },
		"opening balance":     func(s *carecast.Scenario) bool { return s.Assumptions.OpeningFund.Sign() > 0 },
		"no settlement":       func(s *carecast.Scenario) bool { return !s.Assumptions.SettleAtEnd },
		"twelve councils":     func(s *carecast.Scenario) bool { return len(s.Councils) == 12 },
		"one council":         func(s *carecast.Scenario) bool { return len(s.Councils) == 1 },
		"four years":          func(s *carecast.Scenario) bool { return s.Assumptions.Years == 4 },
		"start not in April":  func(s *carecast.Scenario) bool { return s.Assumptions.StartDate.Month != time.April },
		"several spot prices": func(s *carecast.Scenario) bool { return len(s.SpotCosts) > len(s.Councils) },
		"a horizon in a leap year": func(s *carecast.Scenario) bool {
			for y := s.Assumptions.StartDate.Year; y <= s.Assumptions.End().Year; y++ {
				if (carecast.Date{Year: y, Month: time.February, Day: 29}).IsValid() {
					return true
				}
			}
			return false
		},
	}
	seen := map[string]int{}
	for seed := range uint64(seeds) {
		s := generated(seed, Options{})
		for name, f := range features {
			if f(s) {
				seen[name]++
			}
		}
	}
	for name := range features {
		if seen[name] == 0 {
			t.Errorf("no scenario of %d has %s", seeds, name)
		}
	}
}

func TestNationalIsValid(t *testing.T) {
	s := National(150, 30)
	if got := len(s.Councils); got != 150 {
		t.Errorf("%d councils, want 150", got)
	}
	if got := len(s.Occupancy); got != 150*30 {
		t.Errorf("%d occupancy rows, want a yearly row per council, 4500", got)
	}
	// Day-by-day checking of 150 councils over 30 years is slow: check a
	// smaller one of the same shape, and the big one at each 1 April.
	if errs := valid(National(12, 4)); len(errs) > 0 {
		t.Errorf("National(12, 4): %s", errs[0])
	}
	for y := range 30 {
		d := s.Assumptions.StartDate.AddMonths(12 * y)
		total := decimal.Zero
		for _, o := range s.Occupancy {
			if o.From == d {
				total = total.Add(o.RoomsOccupied)
			}
		}
		rooms := 0
		for _, r := range s.Rooms {
			if !r.From.After(d) {
				rooms = r.Rooms
			}
		}
		if total.GreaterThan(decimal.NewFromInt(int64(rooms))) || total.Sign() <= 0 {
			t.Errorf("%s: %s rooms occupied of %d", d, total, rooms)
		}
	}
	if !reflect.DeepEqual(National(5, 3), National(5, 3)) {
		t.Error("National is not deterministic")
	}
}
