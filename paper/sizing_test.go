package paper

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// demandExample is examples/demand (occupancy from demand, allocations,
// trading after allocation) forecast, with its sizing sweep as 'carecast
// paper' runs it (0 to twice the largest Rooms row, central figures).
var demandExample = sync.OnceValue(func() Inputs {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		panic(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		panic(err)
	}
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 0, Max: 2 * forecast.LargestRooms(s)})
	if err != nil {
		panic(err)
	}
	// The sizes around the central best with the risks drawn, as
	// 'carecast paper' sweeps them.
	rz, err := forecast.Size(s, forecast.SizeOptions{Min: z.Recommended - 3, Max: z.Recommended + 2, Risk: true, Runs: 1000, Seed: 1})
	if err != nil {
		panic(err)
	}
	return Inputs{Result: res, Sizing: z, SizingRisk: rz,
		Provenance: Provenance{Version: "v0.0.0-test", Input: "examples/demand", Prepared: carecast.NewDate(2025, 11, 29),
			Digests: []Digest{{Name: "demand.csv", SHA256: strings.Repeat("0", 64)}}}}
})

func findTitled(t *testing.T, p *Paper, prefix string) *Table {
	t.Helper()
	for _, tb := range p.Tables() {
		if strings.HasPrefix(tb.Title, prefix) {
			return tb
		}
	}
	t.Fatalf("%s: no table titled %q...", p.Code, prefix)
	return nil
}

// sectionText is the text of the paragraphs numbered n.x.
func sectionText(p *Paper, n int) string {
	var s string
	for _, bl := range p.Blocks {
		if pa, ok := bl.(Para); ok && strings.HasPrefix(pa.Num, fmt.Sprint(n)+".") {
			s += pa.Text + "\n"
		}
	}
	return s
}

// The Options section carries the sizing result: the paragraph names the
// size proposed (the largest Rooms row, 35) and the size with the highest
// NPV; the table's rows are the sweep's points; the proposal's row is the
// forecast as given, and the row marked highest NPV is the sweep's
// largest NPV, found here by a scan of every point.
func TestSizingInOptions(t *testing.T) {
	in := demandExample()
	z := in.Sizing
	// Independent of Sizing.Recommended: the sweep's highest NPV, fewest
	// rooms on a tie.
	best := z.Sizes[0]
	for _, p := range z.Sizes {
		if p.NPV.Cmp(best.NPV) > 0 {
			best = p
		}
	}
	if best.Rooms != z.Recommended || z.Largest != 35 {
		t.Fatalf("the sweep's highest NPV is at %d rooms, Recommended %d; largest Rooms row %d", best.Rooms, z.Recommended, z.Largest)
	}
	if best.Rooms == z.Largest {
		t.Fatal("the example's recommended size is the proposal: the test wants them apart")
	}
	for _, code := range []string{"HAV", Consortium} {
		p, err := BuildOne(in, code)
		if err != nil {
			t.Fatal(err)
		}
		text := sectionText(p, 5)
		for _, want := range []string{
			"The block proposed has 35 rooms at its largest, with an NPV of " + millions(in.Result.NPV),
			fmt.Sprintf("the size with the highest NPV is %d rooms, %s, %s more", best.Rooms, millions(best.NPV), millions(best.NPV.Sub(in.Result.NPV))),
			"exceeds block price over spot price",
			fmt.Sprintf("a room beyond %d would be occupied", best.Rooms),
			"from 0 to 70 rooms",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the Options section does not say %q:\n%s", code, want, text)
			}
		}
		tb := findTitled(t, p, "The scheme at other sizes of the block")
		if !strings.HasPrefix(tb.ID, "Table B") {
			t.Errorf("%s: the sizing table is %s, not in Appendix B", code, tb.ID)
		}
		if !strings.Contains(text, "Appendix B gives the scheme at a range of sizes") {
			t.Errorf("%s: no paragraph points to Appendix B", code)
		}
		var rooms []int
		marked := map[string]int{}
		for _, row := range tb.Rows {
			var n int
			if _, err := fmt.Sscan(row[0], &n); err != nil {
				t.Fatalf("%s: rooms cell %q", code, row[0])
			}
			rooms = append(rooms, n)
			if _, mark, ok := strings.Cut(row[0], ", "); ok {
				marked[mark] = n
			}
			i := slices.IndexFunc(z.Sizes, func(p carecast.SizePoint) bool { return p.Rooms == n })
			if i < 0 {
				t.Fatalf("%s: %d rooms is not in the sweep", code, n)
			}
			pt := z.Sizes[i]
			want := []string{row[0], pt.Savings.FormatAmount(), pt.NPV.FormatAmount(), percent(pt.OccupancyRate), pt.VoidCost.FormatAmount(), quantity(pt.OverflowRoomDays)}
			if !slices.Equal(row, want) {
				t.Errorf("%s: row %v, the sweep's point %v", code, row, want)
			}
			if n == z.Largest {
				// The proposal is the forecast as given, reached independently.
				if got, want := cell(t, row[2]), in.Result.NPV; !got.Equal(want) || !cell(t, row[1]).Equal(in.Result.Total.Savings) {
					t.Errorf("%s: the proposal's row %v, the forecast's NPV %s and savings %s", code, row, want, in.Result.Total.Savings)
				}
			}
		}
		if marked["as proposed"] != 35 || marked["highest NPV"] != best.Rooms || len(marked) != 2 {
			t.Errorf("%s: rows marked %v", code, marked)
		}
		if want := []int{0, 10, 20, 30, 35, 40, 41, 42, 50, 60, 70}; !slices.Equal(rooms, want) {
			t.Errorf("%s: sizes shown %v, want %v", code, rooms, want)
		}
		// The chart of the NPV by size, in the Charts section, draws the
		// table's sizes; the paragraph names it.
		figs := p.Figures()
		f := figs[len(figs)-1]
		if f.Title != "The scheme's NPV by size of block" || !strings.Contains(text, "Appendix C draws its NPV") {
			t.Errorf("%s: the last figure is %s %q; the Options section says:\n%s", code, f.ID, f.Title, text)
		}
		for i, row := range f.Data.Rows {
			if want := []string{fmt.Sprint(rooms[i]), tb.Rows[i][2]}; !slices.Equal(row, want) {
				t.Errorf("%s: %s data row %v, the sizing table's %v", code, f.ID, row, want)
			}
		}
		if want := fmt.Sprintf("The NPV is highest at %d rooms, %s, against %s at the 35 rooms proposed.", best.Rooms, millions(best.NPV), millions(in.Result.NPV)); !strings.HasPrefix(f.Caption, want) || !strings.Contains(f.Alt, f.Caption) || f.Chart != ChartSizing {
			t.Errorf("%s: caption %q, want %q first; alt %q", code, f.Caption, want, f.Alt)
		}
	}
}

// Without a sizing result (the built-in scenario, as 'carecast paper'
// builds it unless asked) nothing about sizing appears.
func TestNoSizingUnlessGiven(t *testing.T) {
	for _, in := range []Inputs{builtIn(), withOptions(t)} {
		p, err := BuildOne(in, "HAV")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Figures() {
			if f.Name == "npv-by-size" {
				t.Errorf("the built-in paper draws %s", f.Title)
			}
		}
		for _, bl := range p.Blocks {
			var s string
			switch bl := bl.(type) {
			case Heading:
				s = bl.Text
			case Para:
				s = bl.Text
			case *Table:
				s = bl.Title
			}
			for _, bad := range []string{"size of the block", "sizes of the block", "newsvendor", "trading unused rooms"} {
				if strings.Contains(strings.ToLower(s), bad) {
					t.Errorf("the built-in paper mentions %q: %s", bad, s)
				}
			}
		}
	}
}

// Sizing with occupancy given, not derived: the paper says that the sweep
// rests on that assumption. The built-in scenario's occupancy is 90% at
// every size, so its NPV rises with every room: the largest size tried.
func TestSizingWithoutDemand(t *testing.T) {
	in := builtIn()
	s := inputs.BuiltInScenario()
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 0, Max: 70})
	if err != nil {
		t.Fatal(err)
	}
	in.Sizing = z
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	text := sectionText(p, 5)
	for _, want := range []string{"The input gives occupancy rather than demand", "70 rooms is the largest size tried", "the size with the highest NPV is 70 rooms"} {
		if !strings.Contains(text, want) {
			t.Errorf("the paper does not say %q:\n%s", want, text)
		}
	}
	tb := findTitled(t, p, "The scheme at other sizes of the block")
	if !strings.HasPrefix(tb.ID, "Table B") || len(tb.Header) != 5 {
		t.Errorf("the sizing table is %s with %d columns; in Appendix B, without overflow: 5", tb.ID, len(tb.Header))
	}
}

// Bed trading: each council's savings under each sharing rule are the
// forecast's under that rule, run here separately with the rule set; the
// sentence gives what trading is worth to the council and to the
// consortium; the consortium's table adds up.
func TestBedTradingInOptions(t *testing.T) {
	in := demandExample()
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]*carecast.Result{}
	for _, rule := range []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled} {
		t2 := *s
		t2.Assumptions.Sharing = rule
		if byRule[rule], err = forecast.Run(&t2); err != nil {
			t.Fatal(err)
		}
	}
	alloc, trade := byRule[carecast.SharingAllocated], byRule[carecast.SharingAllocatedTrade]
	for ci, c := range in.Result.Councils {
		p, err := BuildOne(in, c.Council.Code)
		if err != nil {
			t.Fatal(err)
		}
		tb := findTitled(t, p, "What trading unused rooms is worth")
		if len(tb.Rows) != 3 {
			t.Fatalf("%s: %d rows", c.Council.Code, len(tb.Rows))
		}
		for i, rule := range []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled} {
			r, row := byRule[rule], tb.Rows[i]
			want := []string{row[0], r.Councils[ci].Total.Savings.FormatAmount(), r.Total.Savings.FormatAmount(), r.NPV.FormatAmount(), percent(r.Total.OccupancyRate()), r.Total.VoidCost.FormatAmount(), quantity(r.Total.OverflowRoomDays)}
			if !slices.Equal(row, want) {
				t.Errorf("%s %s: row %v, forecast %v", c.Council.Code, rule, row, want)
			}
		}
		if !strings.HasSuffix(tb.Rows[1][0], "(as proposed)") || strings.Contains(tb.Rows[0][0]+tb.Rows[2][0], "proposed") {
			t.Errorf("%s: the rule in force (allocated_trade) is not the one marked: %v", c.Council.Code, tb.Rows)
		}
		d := trade.Councils[ci].Total.Savings.Sub(alloc.Councils[ci].Total.Savings)
		if d.Sign() <= 0 {
			t.Fatalf("%s gains nothing from trading in the example: %s", c.Council.Code, d)
		}
		text := sectionText(p, 5)
		want := fmt.Sprintf("trading unused rooms is worth %s to %s (savings of %s with trading, %s without), and is worth %s to the consortium (savings of %s with trading, %s without)",
			sentenceMoney(d), c.Council.Label(), sentenceMoney(trade.Councils[ci].Total.Savings), sentenceMoney(alloc.Councils[ci].Total.Savings),
			sentenceMoney(trade.Total.Savings.Sub(alloc.Total.Savings)), millions(trade.Total.Savings), millions(alloc.Total.Savings))
		if !strings.Contains(text, want) {
			t.Errorf("%s: the Options section does not say %q:\n%s", c.Council.Code, want, text)
		}
	}
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	tc := findTitled(t, p, "Each council's savings with and without trading")
	var sa, st, sd carecast.Money
	for ci, row := range tc.Rows {
		a, tr, d := cell(t, row[1]), cell(t, row[2]), cell(t, row[3])
		if !a.Equal(alloc.Councils[ci].Total.Savings) || !tr.Equal(trade.Councils[ci].Total.Savings) || !tr.Sub(a).Equal(d) {
			t.Errorf("consortium: %v; forecast %s, %s", row, alloc.Councils[ci].Total.Savings, trade.Councils[ci].Total.Savings)
		}
		sa, st, sd = sa.Add(a), st.Add(tr), sd.Add(d)
	}
	tot := tc.Totals[0]
	if !cell(t, tot[1]).Equal(sa) || !cell(t, tot[2]).Equal(st) || !cell(t, tot[3]).Equal(sd) || !sa.Equal(alloc.Total.Savings) || !st.Equal(trade.Total.Savings) {
		t.Errorf("consortium total %v; councils add to %s, %s, %s; forecast %s, %s", tot, sa, st, sd, alloc.Total.Savings, trade.Total.Savings)
	}
}

// Without Allocations rows there is no bed trading to compare.
func TestNoBedTradingWithoutAllocations(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	s.Allocations = nil
	s.Assumptions.Sharing = carecast.SharingPooled
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildOne(Inputs{Result: res, Provenance: demandExample().Provenance}, "HAV")
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range p.Tables() {
		if strings.Contains(tb.Title, "trading") {
			t.Errorf("without allocations: %s", tb.Caption())
		}
	}
	if strings.Contains(sectionText(p, 5), "trading") {
		t.Errorf("without allocations the Options section speaks of trading:\n%s", sectionText(p, 5))
	}
}

func TestSizesShown(t *testing.T) {
	pts := func(lo, hi int) []carecast.SizePoint {
		var out []carecast.SizePoint
		for n := lo; n <= hi; n++ {
			out = append(out, carecast.SizePoint{Rooms: n})
		}
		return out
	}
	for _, c := range []struct {
		z    carecast.Sizing
		want []int
	}{
		{carecast.Sizing{Largest: 35, Recommended: 41, Sizes: pts(0, 70)}, []int{0, 10, 20, 30, 35, 40, 41, 42, 50, 60, 70}},
		{carecast.Sizing{Largest: 1, Recommended: 2, Sizes: pts(0, 2)}, []int{0, 1, 2}},
		{carecast.Sizing{Largest: 12, Recommended: 0, Sizes: pts(0, 24)}, []int{0, 1, 5, 10, 12, 15, 20, 24}},
		{carecast.Sizing{Largest: 300, Recommended: 333, Sizes: pts(250, 350)}, []int{250, 260, 280, 300, 320, 332, 333, 334, 340, 350}},
	} {
		var got []int
		for _, i := range sizesShown(&c.z) {
			got = append(got, c.z.Sizes[i].Rooms)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("largest %d, recommended %d, %d to %d: %v, want %v", c.z.Largest, c.z.Recommended, c.z.Sizes[0].Rooms, c.z.Sizes[len(c.z.Sizes)-1].Rooms, got, c.want)
		}
	}
}

// A block so dear that no size pays: the highest NPV is no block at all
// (which saves nothing: without a scheme there is no grant), and the
// reason is given at the proposal's ratio. At three times the block price
// even one room loses more than the grants bring.
func TestSizingNoBlockPays(t *testing.T) {
	in := builtIn()
	s := inputs.BuiltInScenario()
	s.Assumptions.BlockWeeklyPrice = s.Assumptions.BlockWeeklyPrice.Mul(decimal.NewFromInt(3))
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 0, Max: 70})
	if err != nil {
		t.Fatal(err)
	}
	if z.Recommended != 0 {
		t.Fatalf("at three times the block price the sweep recommends %d rooms", z.Recommended)
	}
	in.Sizing = z
	p, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	text := sectionText(p, 5)
	for _, want := range []string{"the size with the highest NPV is 0 rooms, " + millions(z.Sizes[0].NPV), "exceeds block price over spot price", "no room pays its way, however often it is used.", "Even the first room would be occupied 90.00% of the time, below the ratio"} {
		if !strings.Contains(text, want) {
			t.Errorf("the paper does not say %q:\n%s", want, text)
		}
	}
}
