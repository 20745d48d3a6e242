package main

import (
	"os"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/workbook"
)

// writeOutputs writes the file outputs of 'carecast forecast' into --out,
// each atomically and never over the input, and returns the paths written.
// ap, when not nil, is the appraisal under uncertainty to show beside the
// forecast.
func writeOutputs(opts *forecastOptions, res *carecast.Result, postings []carecast.Posting, ap *carecast.Appraisal) ([]string, error) {
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	protect := []string{}
	if opts.Input != "" {
		protect = append(protect, opts.Input)
	}
	book := outputPath(opts, workbook.FileName)
	if err := workbook.Write(book, protect, res, postings, ap); err != nil {
		return written, err
	}
	written = append(written, book)
	if err := writeChartsFile(opts.OutDir, protect, res, ap, &written); err != nil {
		return written, err
	}
	return written, nil
}
