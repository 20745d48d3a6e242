package reports

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
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
		"Pledged by councils\t41600000.00\n",
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
