package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/spf13/cobra"
)

type journalOptions struct {
	Input    string // .xlsx file or folder of CSVs; empty: the built-in scenario
	From, To string // months, as dates; empty: the horizon's first and last
	Format   string
	Out      string // file; empty: stdout
}

// newJournalCmd builds the command; runF (nil: runJournal) receives the
// parsed options, so tests can check flag parsing alone.
func newJournalCmd(io *streams, runF func(*journalOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runJournal
	}
	opts := &journalOptions{}
	cmd := &cobra.Command{
		Use:   "journal [INPUT]",
		Short: "Write the pooled fund's postings as journals for the general ledger",
		Long: `Write the pooled fund's ledger (the Ledger sheet of forecast.xlsx) as
journals a finance system imports (docs/methodology.md §16): one journal
a month, dated its last day, holding the month's pledges, grants, block
and running cost payments and their attribution to the councils; the
opening fund balance and the settlement at the end in journals of their
own. Every journal balances. Each line has the journal's date, the period
(2020-11) and its number in the financial year (April = 1), the account,
the council (for a council's position), the finance system's cost centre
and subjective, a description, a debit or a credit to the penny, and a
reference that is the same on every run on the same input.

A month of the input's Actuals posts its actual figures, and its lines
say basis actual; the months after post the forecast.

--from and --to choose the months (any date in a month names it, or
2020-11); by default the whole horizon. The opening balance goes with the
first month of the horizon, the settlement with the last.

--format says what to write:
  csv      the fields above with a header row (the default)
  hledger  a journal that 'hledger -f FILE balance' reads: its balances are
           the fund and each council's position (a credit, shown negative)
  oracle   Oracle Fusion's journal import (the GL_INTERFACE columns of the
           file-based import template, in order, no header): GlInterface.csv
  unit4    Unit4 ERP's batch input for GL07: fixed-width records of 2,060
           characters

oracle needs the Assumptions settings oracle_ledger_id, oracle_source and
oracle_category (and orders the segments by oracle_segments); unit4 needs
unit4_client, unit4_voucher_type and unit4_batch_id (unit4_interface is
BI unless set; unit4_period says how the period is filled). Both need the
Accounts sheet, for the codes. journal_prefix (CC) begins every reference.
Without what a format needs, carecast says what is missing and writes
nothing.

The journals go to stdout, or to --out FILE, written whole or not at all
and never over the input.

With an Accounts sheet (account, council, cost_centre, subjective,
description) each line carries the finance system's codes for its
account; an account with no row is an error naming it. Without the sheet
the ledger's own account names stand and the codes are blank.

INPUT is as for 'carecast forecast'; without it, the built-in scenario.

` + exitHelp,
		Example: `  carecast journal inputs.xlsx --from 2020-04 --to 2021-03 --out journals-2020-21.csv
  carecast journal scenario/ --format hledger --out fund.journal && hledger -f fund.journal balance
  carecast journal inputs.xlsx --format oracle --from 2020-11 --to 2020-11 --out GlInterface.csv
  carecast journal inputs.xlsx --format unit4 --from 2020-11 --to 2020-11 --out journal.dat
  carecast journal --from 2019-11-30 --to 2019-11-30   # the built-in scenario's November 2019`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if f := cmd.Flags().Lookup("out"); f.Changed && opts.Out == "" {
				return usageError{errors.New("--out needs a file name; it was given empty")}
			}
			if !slices.Contains(journalFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %q: expected one of %s", opts.Format, strings.Join(journalFormats, ", "))}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "first month, as any date in it or 2020-11 (default: the horizon's first)")
	cmd.Flags().StringVar(&opts.To, "to", "", "last month, as any date in it or 2020-11 (default: the horizon's last)")
	cmd.Flags().StringVar(&opts.Format, "format", "csv", "what to write: "+strings.Join(journalFormats, ", "))
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "file to write (default, or -: stdout)")
	allowStdout(cmd, "out")
	return cmd
}

// journalFormats are the values of --format.
var journalFormats = []string{"csv", "hledger", "oracle", "unit4"}

// monthOnly is a month written as 2020-11.
var monthOnly = regexp.MustCompile(`^\d{4}-\d{2}$`)

// parseMonthFlag reads --from or --to: any date, or a month as 2020-11
// (its first day). Empty is the zero date.
func parseMonthFlag(name, v string) (carecast.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return carecast.Date{}, nil
	}
	if monthOnly.MatchString(v) {
		v += "-01"
	}
	d, err := inputs.ParseDate(v)
	if err != nil {
		return carecast.Date{}, usageError{fmt.Errorf("--%s %q: expected a date such as 2020-11-30 or 30/11/2020, or a month such as 2020-11", name, v)}
	}
	return d, nil
}

func runJournal(opts *journalOptions, st *streams) error {
	from, err := parseMonthFlag("from", opts.From)
	if err != nil {
		return err
	}
	to, err := parseMonthFlag("to", opts.To)
	if err != nil {
		return err
	}
	s, err := loadScenario(opts.Input, st)
	if err != nil {
		return err
	}
	res, err := forecast.Run(s)
	if err != nil {
		return err
	}
	first, last, err := journal.Months(res, from, to)
	if err != nil {
		return usageError{err}
	}
	set := s.Assumptions.Journal
	js, err := journal.Build(res, ledger.Build(res), journal.Options{From: first, To: last, Prefix: set.Prefix})
	if err != nil {
		return journalError(opts.Input, err)
	}
	prov, err := provenanceOf(opts.Input, s)
	if err != nil {
		return err
	}
	meta := journal.Meta{Scenario: s.Assumptions.Scenario, Created: prov.Prepared}
	write := func(w io.Writer) error {
		switch opts.Format {
		case "hledger":
			return journal.WriteHledger(w, js, meta)
		case "oracle":
			return journal.WriteOracle(w, js, meta, set)
		case "unit4":
			return journal.WriteUnit4(w, js, set)
		default:
			return journal.WriteCSV(w, js)
		}
	}
	// The file is made whole in memory first, so that a missing setting
	// writes nothing, on stdout or in --out.
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return journalError(opts.Input, err)
	}
	if opts.Out == "" || opts.Out == "-" {
		_, err := st.Out.Write(b.Bytes())
		return err
	}
	out := newOutputs(opts.Input)
	defer out.abort()
	if err := out.stageBytes(opts.Out, b.Bytes()); err != nil {
		return err
	}
	written, err := out.commit()
	if err != nil {
		return err
	}
	st.wrote(written...)
	return nil
}

// journalError makes what the input lacks for the journals an input
// error (exit 1): an account with no row in the Accounts table, a
// setting a format needs.
func journalError(input string, err error) error {
	var missing *journal.MissingCodeError
	var settings *journal.SettingsError
	if errors.As(err, &missing) || errors.As(err, &settings) {
		return inputError{fmt.Errorf("%s: %w", inputName(input), err)}
	}
	return err
}

// inputName names the input in a message: the path, or the built-in
// scenario.
func inputName(input string) string {
	if input == "" {
		return "the built-in scenario"
	}
	return carecast.Printable(input)
}
