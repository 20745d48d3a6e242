package main

import (
	"errors"
	"fmt"
	goio "io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/spf13/cobra"
)

type initOptions struct {
	File   string // the workbook to write; default inputs.xlsx
	CSVDir string // if set, write the template as this folder of CSV files instead
	Force  bool   // replace an existing file (or the files in CSVDir)
}

// newInitCmd builds the command; runF (nil: runInit) receives the parsed
// options, so tests can check flag parsing alone.
func newInitCmd(io *streams, runF func(*initOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runInit
	}
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write the input workbook template, filled with the built-in scenario",
		Long: `Write FILE (default inputs.xlsx), the workbook an analyst edits: the
sheets of docs/methodology.md §2 filled with the built-in scenario, a
first sheet that explains them, input cells in a distinct style, units in
the headers, a note on each header, drop-down lists of councils, checks on
dates, amounts and rooms, and a Risks sheet of starting distributions.

With --csv DIR, write the same tables as a folder of CSV files instead
(assumptions.csv, councils.csv, ...), one a table, each with its header:
the form to keep under version control or to make with other tools. DIR
must be new or empty unless --force is given.

Forecasting the untouched template, workbook or folder, gives exactly the
built-in forecast. An existing FILE is kept unless --force is given; the
file is written whole or not at all.

` + exitHelp,
		Example: `  carecast init
  carecast init scenarios/2024-refresh.xlsx
  carecast init --force && carecast validate inputs.xlsx
  carecast init --csv scenario/ && carecast forecast scenario/`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			csvGiven, err := outFlag(cmd, "csv")
			if err != nil {
				return err
			}
			if csvGiven && len(args) == 1 {
				return usageError{fmt.Errorf("give either FILE (%s) or --csv DIR, not both", args[0])}
			}
			if !csvGiven {
				opts.File = "inputs.xlsx"
			}
			if len(args) == 1 {
				opts.File = args[0]
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVarP(&opts.Force, "force", "f", false, "replace FILE (or the files in the --csv folder) if it exists")
	cmd.Flags().StringVar(&opts.CSVDir, "csv", "", "write the template as this folder of CSV files instead of a workbook")
	return cmd
}

func runInit(opts *initOptions, io *streams) error {
	if opts.CSVDir != "" {
		return runInitCSV(opts, io)
	}
	if opts.File == "-" {
		return usageError{errors.New("FILE -: 'carecast init' writes a workbook file, not to standard output; give a file name ending .xlsx")}
	}
	if ext := strings.ToLower(filepath.Ext(opts.File)); ext != ".xlsx" {
		return usageError{fmt.Errorf("%s: the template is an Excel workbook; name it with .xlsx", opts.File)}
	}
	if fi, err := os.Stat(opts.File); err == nil {
		if fi.IsDir() {
			return usageError{fmt.Errorf("%s is a folder; give a file name ending .xlsx", opts.File)}
		}
		if !opts.Force {
			return usageError{fmt.Errorf("%s exists; use --force to replace it", opts.File)}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	book, err := inputs.Template(inputs.BuiltInScenario())
	if err != nil {
		return err
	}
	defer book.Close()
	out := newOutputs("")
	out.tx.MakeFolders = false // a template goes into a folder that exists
	defer out.abort()
	if err := out.stage(opts.File, func(w goio.Writer) error {
		_, err := book.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	if _, err := out.commit(); err != nil {
		return err
	}
	f := carecast.Printable(opts.File)
	io.note("wrote %s: the built-in scenario as a template.\nEdit its input cells, then: carecast validate %s\n", f, f)
	return nil
}

// runInitCSV writes the template as a folder of CSV files.
func runInitCSV(opts *initOptions, io *streams) error {
	dir := opts.CSVDir
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usageError{fmt.Errorf("%s is a file; --csv needs a folder", dir)}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !opts.Force {
		return usageError{fmt.Errorf("%s is not empty; use --force to replace the tables in it", dir)}
	}
	files, err := inputs.TemplateCSV(inputs.BuiltInScenario())
	if err != nil {
		return err
	}
	// Every table, all or nothing (outputs.go).
	out := newOutputs("")
	defer out.abort()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := out.stageBytes(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	if _, err := out.commit(); err != nil {
		return err
	}
	d := carecast.Printable(dir)
	io.note("wrote %s: the built-in scenario as a folder of CSV files, one a table.\nEdit them, then: carecast validate %s\n", d, d)
	return nil
}
