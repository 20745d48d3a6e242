package carecast

import "testing"

// A budget's cash position, worked by hand: pledges of 100 a year against
// spot purchasing avoided of 50, 120, 20 and 200 give net effects of -50,
// 20, -80 and 100 and a cumulative -50, -30, -110, -10: the worst year is
// the third (-80), the deepest point the end of the third (-110), and the
// budget is never back above nil.
func TestNewCashPosition(t *testing.T) {
	m := func(ss ...string) []Money {
		var out []Money
		for _, s := range ss {
			out = append(out, MustMoney(s))
		}
		return out
	}
	p := NewCashPosition(m("100", "100", "100", "100"), m("50", "120", "20", "200"))
	wantNet, wantCum := m("-50", "20", "-80", "100"), m("-50", "-30", "-110", "-10")
	for i, y := range p.Years {
		if !y.Net.Equal(wantNet[i]) || !y.Cumulative.Equal(wantCum[i]) {
			t.Errorf("year %d: net %s cumulative %s, want %s and %s", i, y.Net, y.Cumulative, wantNet[i], wantCum[i])
		}
	}
	if p.Worst != 2 || p.Deepest != 2 || !p.DeepestAmount.Equal(MustMoney("-110")) || p.BackFrom != -1 {
		t.Errorf("worst %d, deepest %d (%s), back from %d; want 2, 2 (-110.00), -1", p.Worst, p.Deepest, p.DeepestAmount, p.BackFrom)
	}
	// With 20, 120, 20, 200 and 300 avoided the cumulative is -80, -60,
	// -140, -40 and 160: back above nil from the fifth year. Of equal
	// worst years, the first.
	p = NewCashPosition(m("100", "100", "100", "100", "100"), m("20", "120", "20", "200", "300"))
	if p.Worst != 0 || p.Deepest != 2 || !p.DeepestAmount.Equal(MustMoney("-140")) || p.BackFrom != 4 {
		t.Errorf("worst %d, deepest %d (%s), back from %d; want 0, 2 (-140.00), 4", p.Worst, p.Deepest, p.DeepestAmount, p.BackFrom)
	}
	// Never out of pocket.
	p = NewCashPosition(m("100", "100"), m("100", "150"))
	if p.Worst != -1 || p.Deepest != -1 || p.BackFrom != 0 {
		t.Errorf("worst %d, deepest %d, back from %d; want -1, -1, 0", p.Worst, p.Deepest, p.BackFrom)
	}
}

// Which way a factor's range leans, worked by hand against central
// savings of 100: low 40 and high 130 take away 60 and add 30 (down,
// -1); low 90 and high 150 take away 10 and add 50 (up, 1); reversed ends
// (a factor whose high is the worse) lean the same way; 70 and 130 are
// even (0).
func TestSensitivityLean(t *testing.T) {
	s := &Sensitivity{Central: Outcome{Savings: MustMoney("100")}}
	f := func(lo, hi string) FactorSensitivity {
		return FactorSensitivity{AtLow: Outcome{Savings: MustMoney(lo)}, AtHigh: Outcome{Savings: MustMoney(hi)}}
	}
	for _, tc := range []struct {
		lo, hi string
		want   int
	}{{"40", "130", -1}, {"130", "40", -1}, {"90", "150", 1}, {"150", "90", 1}, {"70", "130", 0}} {
		if got := s.Lean(f(tc.lo, tc.hi)); got != tc.want {
			t.Errorf("low %s high %s: %d, want %d", tc.lo, tc.hi, got, tc.want)
		}
	}
}
