package ssda903_test

import (
	"testing"

	"github.com/carecast/carecast/ssda903"
	"github.com/carecast/carecast/ssda903/ssda903test"
)

// BenchmarkNational903: ten years of returns of twenty councils (about
// 400,000 episode rows; a few hundred children in care each) read,
// combined, counted and projected eight years on with 1,000 runs: the
// target is under 10 s and under 1 GB (README, Performance).
func BenchmarkNational903(b *testing.B) {
	dir := b.TempDir()
	cs, err := ssda903test.Write(dir, ssda903test.Config{Councils: 20, FirstYear: 2013, Years: 10, NewColumnsFrom: 2016, Seed: 1, Process: ssda903test.Standard()})
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	var src []ssda903.Source
	for _, c := range cs {
		src = append(src, ssda903.Source{Dir: c.Dir, Code: c.Code})
		rows += c.Rows
	}
	b.ReportMetric(float64(rows), "rows")
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := ssda903.Study(src, ssda903.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
