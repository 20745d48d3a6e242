package workbook

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
)

// BenchmarkWorkbookNational writes the workbook of the national-scale
// scenario (150 councils, 30 years: 360 month columns, about 220,000
// ledger postings). Target: under 10 s and 500 MB. Besides ns/op and B/op
// (bytes allocated) it reports peak-heap-MB, the most the Go heap held
// during one write, and MB, the file's size.
func BenchmarkWorkbookNational(b *testing.B) {
	res, err := forecast.Run(forecasttest.National(150, 30))
	if err != nil {
		b.Fatal(err)
	}
	postings := ledger.Build(res).Postings
	path := filepath.Join(b.TempDir(), FileName)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() { peak <- watchHeap(stop) }()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := Write(path, nil, Contents{Result: res, Postings: postings}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	b.ReportMetric(float64(<-peak-before.HeapAlloc)/(1<<20), "peak-heap-MB")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "MB")
	}
}

// watchHeap samples the heap every 10 ms until stop closes and returns
// the most it saw.
func watchHeap(stop chan struct{}) uint64 {
	var peak uint64
	var m runtime.MemStats
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
		select {
		case <-stop:
			return peak
		case <-tick.C:
		}
	}
}

// BenchmarkWorkbookAppraisal writes the built-in scenario's workbook
// without and with its appraisal (the Sensitivity and Risk sheets, 96
// months of fan): what the two sheets cost.
func BenchmarkWorkbookAppraisal(b *testing.B) {
	res, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		b.Fatal(err)
	}
	postings := ledger.Build(res).Postings
	ap := builtinAppraisal(b)
	path := filepath.Join(b.TempDir(), FileName)
	for _, bc := range []struct {
		name string
		ap   *carecast.Appraisal
	}{{"none", nil}, {"appraisal", ap}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if err := Write(path, nil, Contents{Result: res, Postings: postings, Appraisal: bc.ap}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
