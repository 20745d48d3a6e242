package workbook

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
)

// A rate shows the same places in the workbook as on the terminal
// (issue 22: the terminal said "(0.00% on costs)", the workbook "(0% on
// costs)"): the Summary's label of the NPV after optimism bias is the
// terminal's, and its occupancy and break-even cells are formatted to as
// many places as the terminal prints them.
func TestRatesHaveTheTerminalsPlaces(t *testing.T) {
	for _, tc := range []wbCase{wbCases[3], wbCases[5]} { // builtin, demand
		t.Run(tc.name, func(t *testing.T) {
			res, _, data := buildCase(t, tc, t.TempDir())
			b := readBook(t, data)
			terminal := map[string]string{}
			var biasLabel string
			for _, r := range reports.Headline(res).Rows {
				s := r.Strings(reports.Reader)
				terminal[s[0]] = s[1]
				if strings.HasPrefix(s[0], carecast.LabelNPVAfterOptimismBias) {
					biasLabel = s[0]
				}
			}
			if !strings.HasSuffix(biasLabel, "% on costs)") {
				t.Fatalf("the terminal's optimism bias label %q", biasLabel)
			}
			summaryValue(t, b, biasLabel) // fails when the Summary has no such label
			for _, label := range []string{carecast.LabelOccupancy, carecast.LabelBreakEven} {
				text := terminal[label]
				dot, pc := strings.IndexByte(text, '.'), strings.IndexByte(text, '%')
				if dot < 0 || pc < dot {
					t.Fatalf("terminal %s %q", label, text)
				}
				places := pc - dot - 1
				c := summaryValue(t, b, label)
				want := "0." + strings.Repeat("0", places) + "%"
				if got := b.format(c); got != want {
					t.Errorf("Summary %s: format %q, want %q (the terminal prints %s)", label, got, want, text)
				}
			}
		})
	}
}
