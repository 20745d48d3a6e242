package inputs

import (
	"reflect"
	"strings"
	"testing"

	"github.com/carecast/carecast"
)

// The Paper table: a blank council is every paper, a code one council's,
// consortium the consortium's; dates read as the paper writes them; a
// council's own rows for a field replace every paper's.
func TestPaperTable(t *testing.T) {
	files := with(map[string]string{
		"options.csv": "option,setting,value\nSmaller,pledge_scale,0.5\n",
		"paper.csv": "council,field,value\n" +
			",meeting,Cabinet\n" +
			",Meeting Date,12/03/2019\n" +
			",recommendation,Join the scheme.\n" +
			",recommendation,Pledge £100000 a year.\n" +
			"B,recommendation,Beta's own recommendation.\n" +
			"consortium,meeting,Partnership Board\n" +
			",key_decision,Yes\n" +
			",preferred_option,base case\n" +
			",rejected,smaller:  saves  less.\n" +
			",rejected,Business as usual: too few places.\n" +
			",prudent_figure,p10\n",
		"riskregister.csv": "risk,likelihood,impact,mitigation,owner\nProvider failure,Low,High,Step-in terms,Head of Commissioning\n",
	})
	s, _, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	a := carecast.PaperValues(s.Paper, 0)
	want := map[string][]string{
		"meeting": {"Cabinet"}, "meeting_date": {"12 March 2019"}, "recommendation": {"Join the scheme.", "Pledge £100000 a year."},
		"key_decision": {"yes"}, "preferred_option": {"Base case"}, "rejected": {"Smaller: saves less.", "Business as usual: too few places."}, "prudent_figure": {"P10"},
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("Alpha's paper:\n got %v\nwant %v", a, want)
	}
	if b := carecast.PaperValues(s.Paper, 1); !reflect.DeepEqual(b["recommendation"], []string{"Beta's own recommendation."}) || b["meeting"][0] != "Cabinet" {
		t.Errorf("Beta's paper: %v", b)
	}
	if c := carecast.PaperValues(s.Paper, carecast.PaperConsortium); c["meeting"][0] != "Partnership Board" {
		t.Errorf("the consortium's paper: %v", c)
	}
	if want := []carecast.RiskEntry{{Risk: "Provider failure", Likelihood: "Low", Impact: "High", Mitigation: "Step-in terms", Owner: "Head of Commissioning"}}; !reflect.DeepEqual(s.RiskRegister, want) {
		t.Errorf("risk register %v", s.RiskRegister)
	}
}

// Every problem of the Paper and RiskRegister tables at once, each at its
// cell: a preferred option that names no option, a rejection without a
// reason or of no option, a key decision that is not yes or no, a field
// given twice, an unknown field or council, a blank value, a risk with no
// text.
func TestPaperTableErrors(t *testing.T) {
	files := with(map[string]string{
		"options.csv": "option,setting,value\nSmaller,pledge_scale,0.5\n",
		"paper.csv": "council,field,value\n" +
			",preferred_option,Bigger\n" + // 2
			",rejected,Smaller\n" + // 3
			",rejected,Larger: too dear\n" + // 4
			",key_decision,maybe\n" + // 5
			"A,meeting,Cabinet\n" + // 6
			"Alpha,meeting,Council\n" + // 7
			",colour,blue\n" + // 8
			"Gamma,meeting,Cabinet\n" + // 9
			",wards,\n" + // 10
			",meeting_date,someday\n", // 11
		"riskregister.csv": "risk,likelihood\n,Low\n",
	})
	_, _, err := Decode(csvBook(files))
	if err == nil {
		t.Fatal("no errors")
	}
	got := err.Error()
	for _, want := range []string{
		`paper.csv:2: column value: preferred_option names no option: found "Bigger"; expected "Base case" or "Smaller"`,
		`paper.csv:3: column value: rejected: found "Smaller"; expected an option's name, a colon and why it is rejected`,
		`paper.csv:4: column value: rejected names no option: found "Larger"; expected "Business as usual", "Base case" or "Smaller"`,
		`paper.csv:5: column value: key_decision: found "maybe"; expected yes or no`,
		`paper.csv:7: column field: meeting given twice for the same paper (first at row 6); expected one row`,
		`paper.csv:8: column field: unknown field: found "colour"; expected one of title, meeting,`,
		`paper.csv:9: column council: unknown council: found "Gamma"`,
		`paper.csv:10: column value: missing value; expected the wards the decision affects`,
		`paper.csv:11: column value: not a date: found "someday"`,
		`riskregister.csv:2: column risk: missing value; expected the risk`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}
