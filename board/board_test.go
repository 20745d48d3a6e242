package board

import (
	"os"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/carecast/carecast/monitor"
	"github.com/carecast/carecast/paper"
	"github.com/shopspring/decimal"
)

func TestMain(m *testing.M) { os.Exit(testtools.Main(m)) }

// runningCosts is the report at 30 November 2020 on the built-in scenario
// with a commissioning team of £120,000 a year (£10,000 a month) from the
// start, against the built-in scenario as the budget: its figures are
// worked by hand in cmd/carecast's TestMonitorJSON.
func runningCosts(t testing.TB) *carecast.Monitoring {
	t.Helper()
	s := inputs.BuiltInScenario()
	rb, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	v := *s
	v.Costs = []carecast.Cost{{Description: "Commissioning team", From: s.Assumptions.StartDate, To: s.Assumptions.End(), AnnualAmount: carecast.MustMoney("120000")}}
	ro, err := forecast.Run(&v)
	if err != nil {
		t.Fatal(err)
	}
	m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(rb, "budget.json"), monitor.FromResult(ro, "outturn"),
		monitor.Options{AsAt: carecast.Date{Year: 2020, Month: 11, Day: 30}, Thresholds: s.Assumptions.RAG})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var testProv = carecast.Provenance{Version: "carecast test", Input: "in/", Prepared: carecast.Date{Year: 2020, Month: 12, Day: 10},
	Digests: []carecast.Digest{{Name: "costs.csv", SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}}

func paras(p *paper.Paper) map[string]string {
	out := map[string]string{}
	for _, bl := range p.Blocks {
		if pa, ok := bl.(paper.Para); ok && pa.Num != "" {
			out[pa.Num] = pa.Text
		}
	}
	return out
}

// TestSentencesByHand: the sentences say the figures worked by hand: the
// savings £120,000 below the budget of £836,026.67 (14.4%, red), £80,000
// of running costs to date and £40,000 to come, the fund £200,000 lower
// at 30 November 2020 and £240,000 lower at 31 March 2021.
func TestSentencesByHand(t *testing.T) {
	p := Build(runningCosts(t), testProv)
	ps := paras(p)
	for num, want := range map[string]string{
		"1.1": "The forecast outturn for 2020/21 is savings of £716,027 against a budget of £836,027: £120,000 (14.4%) less than budgeted, adverse, rated red. The outturn is what has happened to 30 November 2020 (8 months) and the forecast for the rest of the year.",
		"1.2": "To 30 November 2020 the scheme has saved £565,374 against £645,374 budgeted to date: £80,000 less, adverse.",
		"1.3": "The pooled fund held £4,768,416 on 30 November 2020 (£4,968,416 budgeted) and is forecast to hold £5,255,760 on 31 March 2021, against a budget of £5,495,760.",
		"1.4": "Lines of the consortium's budget off by at least 2% of their budget, red: savings; amber: attributed cost and closing fund balance. Section 4 explains the main variances; section 5 asks for the actions.",
		"4.1": "Running costs: forecast outturn £120,000 against a budget of £0, £120,000 more than budgeted, adverse, not rated (no budget). Of this, £80,000 more arose by 30 November 2020 and £40,000 more is forecast for the rest of the year.",
		"5.1": "The board is asked to agree an action for each line rated red or amber: attributed cost (amber), savings (red) and closing fund balance (amber).",
	} {
		if got := ps[num]; got != want {
			t.Errorf("%s:\n got %s\nwant %s", num, got, want)
		}
	}
	// The ratings: savings 120,000 / 836,026.67 = 14.4%, red; the
	// attributed cost 120,000 / 3,376,985.83 = 3.6% over, amber; the
	// fund's closing balance 240,000 / 5,495,759.76 = 4.4% under, amber.
	var prompt bool
	for _, bl := range p.Blocks {
		if pa, ok := bl.(paper.Para); ok && pa.Prompt && strings.HasPrefix(pa.Text, "[Author to complete: the actions") {
			prompt = true
		}
	}
	if !prompt {
		t.Error("no prompt for the actions")
	}
}

// cells reads a column of a table's rows as shown, in £000.
func cell(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	neg := strings.HasPrefix(s, "(")
	s = strings.NewReplacer("(", "", ")", "", ",", "").Replace(s)
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("cell %q: %v", s, err)
	}
	if neg {
		d = d.Neg()
	}
	return d
}

// TestTablesAddUp: as shown in £000, the councils add up to the
// consortium in every column of the tables by council, and across the
// rows the budget and the variance to the outturn, the cash paid in less
// the cost attributed to the position, the budgeted position and its
// variance to the position.
func TestTablesAddUp(t *testing.T) {
	p := Build(runningCosts(t), testProv)
	ts := p.Tables()
	if len(ts) != 3 {
		t.Fatalf("%d tables, want 3", len(ts))
	}
	check := func(tb *paper.Table, cols []int, rows [][3]int) {
		t.Helper()
		for _, j := range cols {
			sum := decimal.Zero
			for _, r := range tb.Rows {
				sum = sum.Add(cell(t, r[j]))
			}
			if tot := cell(t, tb.Totals[0][j]); !sum.Equal(tot) {
				t.Errorf("%s column %s: the councils add to %s, the total is %s", tb.ID, tb.Header[j], sum, tot)
			}
		}
		for _, r := range append(append([][]string{}, tb.Rows...), tb.Totals...) {
			for _, x := range rows {
				if a, b, c := cell(t, r[x[0]]), cell(t, r[x[1]]), cell(t, r[x[2]]); !a.Add(b).Equal(c) {
					t.Errorf("%s %s: %s + %s is not %s", tb.ID, r[0], a, b, c)
				}
			}
		}
	}
	// Table 1, the consortium: budget + variance = outturn, budget to date
	// + variance to date = actual to date.
	for _, r := range ts[0].Rows {
		if a, b, c := cell(t, r[1]), cell(t, r[6]), cell(t, r[5]); !a.Add(b).Equal(c) {
			t.Errorf("Table 1 %s: %s + %s is not %s", r[0], a, b, c)
		}
		if a, b, c := cell(t, r[2]), cell(t, r[4]), cell(t, r[3]); !a.Add(b).Equal(c) {
			t.Errorf("Table 1 %s to date: %s + %s is not %s", r[0], a, b, c)
		}
	}
	if len(ts[0].Rows) != 9 || ts[0].Rows[7][0] != "Savings" || ts[0].Rows[7][6] != "(120)" || ts[0].Rows[7][8] != "Red" {
		t.Errorf("Table 1's savings: %q", ts[0].Rows)
	}
	check(ts[1], []int{1, 2, 3}, [][3]int{{1, 3, 2}})
	check(ts[2], []int{1, 2, 3, 4, 5}, [][3]int{{1, 2, 3}, {4, 5, 3}})
	// The fund at 30 November 2020: £4,768,416.11, £200,000 below the
	// budget's £4,968,416.11.
	if got := ts[2].Totals[0][3:]; strings.Join(got, " ") != "4,768 4,968 (200)" {
		t.Errorf("Table 3's total position: %q", got)
	}
}
