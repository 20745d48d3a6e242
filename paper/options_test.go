package paper

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// withOptions is the built-in scenario with a wider benefit and three
// options: one that changes nothing, one without the City of London, one
// with 41% optimism bias.
func withOptions(t *testing.T) Inputs {
	t.Helper()
	s := inputs.BuiltInScenario()
	s.Assumptions.OptimismBias = decimal.Zero
	s.WiderBenefits = []carecast.WiderBenefit{{Measure: "Missing-person episodes avoided", Unit: "episodes", PerRoomYear: decimal.RequireFromString("0.5"),
		UnitValue: carecast.Pounds(2415), Bearer: "Police", Source: "University of Portsmouth 2012"}}
	col := -1
	for i, c := range s.Councils {
		if c.Code == "COL" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("no COL in the built-in scenario")
	}
	ob := carecast.Assumptions{OptimismBias: decimal.RequireFromString("0.41")}
	s.Options = []carecast.Option{
		{Name: "As given", Description: "No change."},
		{Name: "Without the City", ExcludeCouncils: []int{col}},
		{Name: "Dearer", Keys: []string{"optimism_bias"}, Assumptions: ob},
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{Result: res, Provenance: builtIn().Provenance}
	for i := range s.Options {
		r, err := forecast.Run(s.Options[i].Apply(s))
		if err != nil {
			t.Fatal(err)
		}
		in.Options = append(in.Options, Option{Name: s.Options[i].Name, Description: s.Options[i].Description, Result: r})
	}
	return in
}

func TestOptionsAndWiderBenefits(t *testing.T) {
	in := withOptions(t)
	papers, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var councilValues carecast.Money
	for ci, p := range papers {
		te := findExact(t, p, "Options: the consortium over the term")
		bau, base := te.Rows[0], te.Rows[1]
		if bau[0] != "Business as usual" || cell(t, bau[1]).String() != in.Result.Total.SpotAvoided.String() || cell(t, bau[3]).Sign() != 0 {
			t.Errorf("%s: business as usual row %v", p.Code, bau)
		}
		ta := findTable(t, p, "Table A1")
		if base[3] != in.Result.Total.Savings.FormatAmount() {
			t.Errorf("%s: base case savings %s, forecast %s", p.Code, base[3], in.Result.Total.Savings.FormatAmount())
		}
		if p.Code == Consortium {
			if base[3] != ta.Totals[0][7] {
				t.Errorf("consortium: base case savings %s, Table A %s", base[3], ta.Totals[0][7])
			}
			for _, tb := range p.Tables() {
				if strings.HasPrefix(tb.Title, "Options: ") && tb.Title != "Options: the consortium over the term" && tb.Title != "Options: the consortium over the term, £m" {
					t.Errorf("the consortium's paper has a council's options table: %s", tb.Caption())
				}
			}
		} else {
			// The council's own figures under each option, to the penny.
			tc := findExact(t, p, "Options: "+in.Result.Councils[ci].Council.Label()+" over the term")
			if !strings.Contains(tc.Title, in.Result.Councils[ci].Council.Label()) {
				t.Errorf("%s: the council's options table is %q", p.Code, tc.Title)
			}
			cbau, cbase := tc.Rows[0], tc.Rows[1]
			if cell(t, cbau[1]).String() != in.Result.Councils[ci].Total.SpotAvoided.String() || cell(t, cbau[3]).Sign() != 0 {
				t.Errorf("%s: business as usual row %v", p.Code, cbau)
			}
			if cbase[3] != ta.Totals[0][7] || cbase[2] != ta.Totals[0][5] || cbase[1] != ta.Totals[0][6] || cbase[4] != in.Result.Councils[ci].NPV.FormatAmount() {
				t.Errorf("%s: base case %v; Table A totals %v, NPV %s", p.Code, cbase, ta.Totals[0], in.Result.Councils[ci].NPV.FormatAmount())
			}
			if same := tc.Rows[2]; strings.Join(same[1:], "|") != strings.Join(cbase[1:], "|") {
				t.Errorf("%s: an option with no overrides differs from the base case:\n%v\n%v", p.Code, same, cbase)
			}
			without := tc.Rows[3]
			if p.Code == "COL" && (without[1] != "takes no part" || without[4] != "takes no part") {
				t.Errorf("COL: the option without it shows %v", without)
			}
			if p.Code != "COL" && cell(t, without[3]).Cmp(cell(t, cbase[3])) <= 0 {
				t.Errorf("%s: without the City the others share its rooms, yet saves %s against %s", p.Code, without[3], cbase[3])
			}
		}
		if same := te.Rows[2]; strings.Join(same[1:], "|") != strings.Join(base[1:], "|") {
			t.Errorf("%s: an option with no overrides differs from the base case:\n%v\n%v", p.Code, same, base)
		}
		if dear := te.Rows[4]; cell(t, dear[5]).Cmp(cell(t, dear[4])) >= 0 || dear[4] != base[4] {
			t.Errorf("%s: 41%% optimism bias: NPV %s, after optimism bias %s (base NPV %s)", p.Code, dear[4], dear[5], base[4])
		}
		tf := findExact(t, p, "Wider benefits over the term, apart from the savings")
		v := cell(t, tf.Rows[0][5])
		if p.Code == Consortium {
			if !v.Equal(councilValues) || !v.Equal(in.Result.Wider[0].Value) {
				t.Errorf("wider benefit value: consortium %s, councils add to %s, forecast %s", v, councilValues, in.Result.Wider[0].Value)
			}
		} else {
			councilValues = councilValues.Add(v)
		}
		options := sectionText(p, 5)
		if !strings.Contains(options, "missing-person episodes avoided, ") || !strings.Contains(options, " episodes worth £") || !strings.Contains(options, "at present value") || !strings.Contains(options, "never added to them") {
			t.Errorf("%s: the options do not give the wider benefit in its units at present value:\n%s", p.Code, options)
		}
	}
}
