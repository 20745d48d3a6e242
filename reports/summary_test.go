package reports

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// The tab-separated summary carries plain numbers a program can read, and
// each table's rows add up to its Total row (checked by hand for the
// built-in scenario's pledges: 8 x £5,200,000).
func TestSummaryTSV(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTSV(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Pledges\t41600000.00\n",
		"Total\t41600000.00\t35619427.84\t3174963.74\t38794391.58\t50124524.23\t11330132.65\t9000733.18\t2805608.42\t80853.30\n",
		"Havering\t5200000.00\t",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TSV lacks %q:\n%s", want, out)
		}
	}
	if regexp.MustCompile(`\d,\d`).MatchString(out) {
		t.Errorf("TSV has grouped numbers:\n%s", out)
	}
	b.Reset()
	if err := WriteSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "10,106.66") || !strings.Contains(b.String(), "£11,330,132.65") {
		t.Errorf("terminal summary:\n%s", b.String())
	}
}

// The NPV after optimism bias and the wider benefits are shown apart from
// the cash figures. The built-in's 80,853.30 occupied room-days at 0.5
// episodes a room-year are 0.5 x 80,853.30 / 365 = 110.7579 episodes.
func TestSummaryOptimismBiasAndWider(t *testing.T) {
	s := inputs.BuiltInScenario()
	s.Assumptions.OptimismBias = decimal.RequireFromString("0.41")
	s.WiderBenefits = []carecast.WiderBenefit{{Measure: "Missing episodes", Unit: "episodes", PerRoomYear: decimal.RequireFromString("0.5"),
		UnitValue: carecast.Pounds(2415), Bearer: "police"}}
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTSV(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"NPV after optimism bias (41.00% on costs)\t" + r.NPVAfterOptimismBias.String() + "\n",
		"Savings\t11330132.65\n",
		"\n# wider benefits (not cash)\nMeasure\tUnit\tBearer\tQuantity\tValue\tPresent value\nMissing episodes\tepisodes\tpolice\t110.75",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TSV lacks %q:\n%s", want, out)
		}
	}
	if r.NPVAfterOptimismBias.Cmp(r.NPV) >= 0 {
		t.Errorf("NPV after optimism bias %s is not below the NPV %s", r.NPVAfterOptimismBias, r.NPV)
	}
	b.Reset()
	if err := WriteSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Wider benefits: not cash, never added to the savings, NPV or fund\nMeasure") {
		t.Errorf("terminal summary:\n%s", b.String())
	}
}

// A field a spreadsheet would read as a formula gets a single quote in
// front (OWASP, CSV injection); numbers, negative ones too, do not.
func TestTSVFieldDefusesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil","x")`: `'=HYPERLINK("http://evil","x")`,
		`=cmd|' /C calc'!A0`:            `'=cmd|' /C calc'!A0`,
		"+44 20 7946 0000":              "'+44 20 7946 0000",
		"-2+3":                          "'-2+3",
		"@SUM(A1:A9)":                   "'@SUM(A1:A9)",
		"\t=1+1":                        `'\t=1+1`,
		"\r=1+1":                        `'\r=1+1`,
		"-1234.56":                      "-1234.56",
		"-1,234.56":                     "-1,234.56",
		"+0.03":                         "+0.03",
		"-0.5%":                         "-0.5%",
		"1e-05":                         "1e-05",
		"Havering":                      "Havering",
		"a\tb\nc":                       `a\tb\nc`,
		"":                              "",
	} {
		if got := tsvField(in); got != want {
			t.Errorf("tsvField(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every figure goes by its one name: the headline, the year table and the
// council table of the tab-separated summary use the labels of the root
// package, each once, in the order of the JSON summary.
func TestSummaryLabels(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTSV(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"\nPledges\t", "\nGrants\t", "\nRunning costs\t", "\nBlock cost\t", "\nVoid cost (empty rooms)\t",
		"\nSpot purchasing avoided\t", "\nAttributed cost\t", "\nSavings\t", "\nNPV (real, ", "\nNPV after optimism bias (",
		"\nOccupancy\t", "\nBreak-even occupancy\t", "\nClosing fund balance\t",
		"\nYear\tPledges\tGrants\tRunning costs\tBlock cost\tVoid cost (empty rooms)\tSpot purchasing avoided\tAttributed cost\tSavings\tClosing fund balance\tOccupancy\n",
		"\nCouncil\tPledges\tUsed block cost\tShared cost\tAttributed cost\tSpot purchasing avoided\tSavings\tNPV\tSettlement\tOccupied (room-days)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TSV lacks %q:\n%s", want, out)
		}
	}
	for _, old := range []string{"Pledged by", "Net cost", "Block rooms cost", "of which void", "Average occupancy", "Spot avoided", "Fund at end", "Room-days"} {
		if strings.Contains(out, old) {
			t.Errorf("TSV still says %q", old)
		}
	}
}

// A table for a terminal wraps long headings to the width of their
// figures, keeping a part in brackets whole and each heading's last line
// on the headings' last row.
func TestAlignedTableWrapsHeadings(t *testing.T) {
	var b bytes.Buffer
	alignedTable(&b, [][]string{
		{"Year", "Void cost (empty rooms)", "Savings"},
		{"2019/20", "1.00", "123,456.78"},
		{"Total", "1.00", "123,456.78"},
	}, 1, true)
	want := "" +
		"             Void cost\n" +
		"Year     (empty rooms)     Savings\n" +
		"----------------------------------\n" +
		"2019/20           1.00  123,456.78\n" +
		"----------------------------------\n" +
		"Total             1.00  123,456.78\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := strings.Join(headingWords("Occupied (room-days) and (a b) c"), "|"); got != "Occupied|(room-days)|and|(a b)|c" {
		t.Errorf("headingWords: %s", got)
	}
}

// With Demand and Allocations rows the summary's "sharing" holds the same
// scenario under each rule, councils in order and summing to each rule's
// savings; the rule in force is the summary's own totals. Without them
// the key is absent, so the built-in's summary is as it was.
func TestSummaryJSONSharing(t *testing.T) {
	r := demandExample(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Totals struct {
			Savings, NPV decimal.Decimal
		}
		Sharing []struct {
			Rule         string
			Savings, NPV decimal.Decimal
			Councils     []struct {
				Code    string
				Savings decimal.Decimal
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	rules := []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled}
	if len(got.Sharing) != len(rules) {
		t.Fatalf("sharing has %d rules, want %d", len(got.Sharing), len(rules))
	}
	inForce := 0
	for i, run := range got.Sharing {
		if run.Rule != rules[i] {
			t.Errorf("rule %d is %q, want %q", i, run.Rule, rules[i])
		}
		sum := decimal.Zero
		for j, c := range run.Councils {
			if c.Code != r.Scenario.Councils[j].Code {
				t.Errorf("%s: council %d is %q, want %q", run.Rule, j, c.Code, r.Scenario.Councils[j].Code)
			}
			sum = sum.Add(c.Savings)
		}
		if !sum.Equal(run.Savings) {
			t.Errorf("%s: councils sum to %s, not %s", run.Rule, sum, run.Savings)
		}
		if run.Rule == r.Scenario.Assumptions.SharingRule() {
			inForce++
			if !run.Savings.Equal(got.Totals.Savings) || !run.NPV.Equal(got.Totals.NPV) {
				t.Errorf("%s is in force: %s / %s, but the totals say %s / %s", run.Rule, run.Savings, run.NPV, got.Totals.Savings, got.Totals.NPV)
			}
		}
	}
	if inForce != 1 {
		t.Errorf("the rule in force (%s) appears %d times", r.Scenario.Assumptions.SharingRule(), inForce)
	}
	b.Reset()
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `"sharing"`) {
		t.Error(`the built-in's summary has a "sharing" key`)
	}
}

// With Demand rows the tab-separated summary is still plain numbers a
// program can read: the overflow and its spot cost each a number alone in
// its field, and each sharing rule's occupancy written as every other
// occupancy is. examples/demand by hand: demand of 13, 27 and 37 children
// a day (2019/20, 2020/21, then 2,191 days) is 95,680 room-days; the
// block takes at most 90% of 12, 24 and 35 rooms, 10.8, 21.6 and 31.5, so
// 2.2 x 366 + 5.4 x 365 + 5.5 x 2,191 = 14,826.70 overflow. With the
// allocations and no trading each council uses min(demand, 90% of its
// rooms): 10.4, 20.1 and 29.2 a day, 75,120.10 of 89,837 room-days
// (83.62%), 20,559.90 overflow.
func TestSummaryTSVDemand(t *testing.T) {
	r := demandExample(t)
	var b bytes.Buffer
	if err := WriteTSV(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteSharingTSV(&b, r.Scenario.Councils, r.Sharing); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"\nOverflow (room-days)\t14826.70\n",
		"\nSpot cost of the overflow (apart from savings)\t" + r.Total.OverflowCost.String() + "\n",
		"\nOccupancy\t83.62%\t90.00%\t90.00%\n",
		"\nOverflow (room-days)\t20559.90\t14826.70\t14826.70\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TSV lacks %q:\n%s", want, out)
		}
	}
	if regexp.MustCompile(`\d,\d`).MatchString(out) {
		t.Errorf("TSV has grouped numbers:\n%s", out)
	}
	b.Reset()
	if err := WriteSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "  Overflow (room-days)  ") || !strings.Contains(b.String(), "14,826.70\n") ||
		!strings.Contains(b.String(), "  Spot cost of the overflow (apart from savings)  ") {
		t.Errorf("terminal summary:\n%s", b.String())
	}
}
