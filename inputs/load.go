package inputs

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
)

// Load reads and validates a scenario from an .xlsx workbook or a folder of
// CSV files. Warnings (unknown sheets, columns or settings) come back
// whatever happens; err, an *Errors, lists every error found, or says why
// the file could not be read at all.
func Load(path string) (*carecast.Scenario, []Problem, error) {
	return LoadWith(path, Overrides{})
}

// LoadWith is Load with the command line's overrides (--as-at).
func LoadWith(path string, o Overrides) (*carecast.Scenario, []Problem, error) {
	b, err := Read(path)
	if err != nil {
		var errs *Errors
		if errors.As(err, &errs) {
			b.locate(errs.Problems)
		}
		return nil, nil, err
	}
	return DecodeWith(b, o)
}

// Read reads path into a Book without validating it: a folder is read as
// CSV files, anything else as an xlsx workbook.
func Read(path string) (*Book, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if fi.IsDir() {
		return withDigests(ReadCSVFolder(path))
	}
	if !fi.Mode().IsRegular() {
		return nil, oneError(path, notRegular(fi.Mode())+"; give an .xlsx workbook or a folder of CSV files")
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return nil, oneError(path, "this is one CSV file; give the folder that holds assumptions.csv, councils.csv and the other tables")
	case ".xls":
		return nil, oneError(path, "this is an old-style .xls workbook; save it as an Excel workbook (.xlsx) and try again")
	case ".ods", ".fods":
		return nil, oneError(path, "this is an OpenDocument spreadsheet; save it as an Excel workbook (.xlsx) and try again")
	}
	return withDigests(ReadXLSX(path))
}

// withDigests records on a Book read without error the SHA-256 of each
// file it was read from: the workbook, or each CSV file of the folder (its
// tables, in name order), for the provenance of the outputs.
func withDigests(b *Book, err error) (*Book, error) {
	if err != nil {
		return b, err
	}
	files := []string{b.Path}
	if b.Kind == CSV {
		files = files[:0]
		for _, t := range b.Tables {
			files = append(files, filepath.Join(b.Path, t.Name))
		}
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fileError(name, err)
		}
		sum := sha256.Sum256(data)
		b.Digests = append(b.Digests, carecast.Digest{Name: filepath.Base(name), SHA256: hex.EncodeToString(sum[:])})
	}
	return b, nil
}

// fileError words a failure to open or stat the input.
func fileError(path string, err error) error {
	var re *readError
	switch {
	case errors.As(err, &re):
		return oneError(path, re.msg)
	case os.IsNotExist(err):
		return oneError(path, "the file does not exist (no file or folder of that name)")
	case os.IsPermission(err):
		return oneError(path, "permission denied")
	}
	return oneError(path, fmt.Sprintf("cannot read: %v", err))
}

func oneError(path, msg string) *Errors {
	return &Errors{Path: path, Problems: []Problem{{Loc: path, Msg: msg}}}
}

// Problem is one thing wrong with an input, located at its sheet and cell.
type Problem struct {
	Loc string // Sheet!B7, pledges.csv:7: column to, or a sheet or file name
	Msg string
	// Silent marks a warning about a valid input that is probably not
	// what was meant (a council with no pledges, say): a silent mistake.
	Silent bool
	// The parts of Loc, where it has them (Decode and Load fill them in):
	// the file the problem is in (the workbook, or the CSV file in its
	// folder), the workbook's sheet, the row (1-based), the column's
	// header and the workbook's cell (B7).
	File, Sheet  string
	Row          int
	Column, Cell string
	// shown is Loc as a person reads it outside the input: a CSV file
	// named by its folder.
	shown string
}

// String is the problem as its input names it: "pledges.csv:7: column
// to: ...", "Pledges!C7: ...".
func (p Problem) String() string {
	if p.Loc == "" {
		return p.Msg
	}
	return p.Loc + ": " + p.Msg
}

// Display is the problem as a person reads it on a terminal or in a log:
// String, with a CSV file named by its folder ("examples/demand/
// pledges.csv:7: column to: ...").
func (p Problem) Display() string {
	if p.shown != "" {
		return p.shown + ": " + p.Msg
	}
	return p.String()
}

// Hint splits the message into what is wrong and what would put it right:
// the part from "expected ..." or "did you mean ..." on.
func (p Problem) Hint() (what, hint string) {
	for _, sep := range []string{"; expected ", "; did you mean "} {
		if i := strings.Index(p.Msg, sep); i >= 0 {
			return p.Msg[:i], p.Msg[i+2:]
		}
	}
	return p.Msg, ""
}

// Errors is every error found in one input. Its message is one problem a
// line, each "Sheet!B7: what is wrong".
type Errors struct {
	Path     string // the file or folder read
	Problems []Problem
	// More counts the problems found beyond the first MaxProblems, which
	// are not kept: a hostile file can hold millions.
	More int
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	if e.More > 0 {
		lines = append(lines, MoreLine(e.More))
	}
	return strings.Join(lines, "\n")
}

// Count is the number of problems found, listed or not.
func (e *Errors) Count() int { return len(e.Problems) + e.More }

// MoreCount reports a problem that only counts the problems not listed
// ("... and 3,084,039 more warnings"), and how many.
func MoreCount(p Problem) (int, bool) {
	rest, ok := strings.CutPrefix(p.Msg, "... and ")
	if !ok || p.Loc != "" {
		return 0, false
	}
	num, _, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(strings.ReplaceAll(num, ",", ""))
	return n, err == nil
}

// MoreLine says how many problems were found but not listed: "... and
// 3,084,039 more".
func MoreLine(n int) string {
	return "... and " + carecast.GroupThousands(fmt.Sprint(n)) + " more"
}
