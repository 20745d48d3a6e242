package main

import (
	"io"
	"path/filepath"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/carecast/carecast/workbook"
)

// lockWait is how long a run waits for another run writing into the same
// folder before it gives up and says which process that is. Tests shorten
// it.
var lockWait = atomicfile.DefaultWait

// outputHook, when not nil, stands between each output and the file it is
// written to: tests make it fail, as a full disk would.
var outputHook func(path string, w io.Writer) io.Writer

// outputs are the files one run writes, all or nothing (atomicfile.Tx):
// each is staged in full beside its destination, and they are renamed
// into place together by commit, or not at all. A run holds each folder
// it writes into until it commits or aborts.
type outputs struct {
	tx    *atomicfile.Tx
	paths []string
}

// newOutputs starts the outputs of a run that read inputs ("" for the
// built-in scenario), which are never written over; the folders written
// into are made if need be.
func newOutputs(inputs ...string) *outputs {
	tx := &atomicfile.Tx{Wait: lockWait, MakeFolders: true}
	for _, in := range inputs {
		if in != "" {
			tx.Protect = append(tx.Protect, in)
		}
	}
	return &outputs{tx: tx}
}

// stage writes path through write, to be committed with the others.
func (o *outputs) stage(path string, write func(w io.Writer) error) error {
	err := o.tx.Stage(path, func(w io.Writer) error {
		if outputHook != nil {
			w = outputHook(path, w)
		}
		return write(w)
	})
	if err == nil {
		o.paths = append(o.paths, path)
	}
	return err
}

// stageBytes stages path holding b.
func (o *outputs) stageBytes(path string, b []byte) error {
	return o.stage(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// commit puts every staged output in place and returns their paths.
func (o *outputs) commit() ([]string, error) {
	if err := o.tx.Commit(); err != nil {
		return nil, err
	}
	return o.paths, nil
}

// abort drops whatever was staged; after commit it does nothing.
func (o *outputs) abort() { o.tx.Abort() }

// writeOutputs writes the file outputs of 'carecast forecast' into --out,
// all or nothing and never over the input, and returns the paths written.
// ap, when not nil, is the appraisal under uncertainty to show beside the
// forecast; prov says what made them.
func writeOutputs(opts *forecastOptions, res *carecast.Result, postings []carecast.Posting, ap *carecast.Appraisal, prov carecast.Provenance) ([]string, error) {
	out := newOutputs(opts.Input)
	defer out.abort()
	if err := out.stage(outputPath(opts, workbook.FileName), func(w io.Writer) error {
		return workbook.Encode(w, workbook.Contents{Result: res, Postings: postings, Appraisal: ap, Provenance: prov})
	}); err != nil {
		return nil, err
	}
	if err := out.stage(filepath.Join(opts.OutDir, chartsFile), func(w io.Writer) error {
		return charts.Render(w, res, ap)
	}); err != nil {
		return nil, err
	}
	return out.commit()
}
