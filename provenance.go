package carecast

import (
	"strconv"
	"time"
)

// Provenance says what made an output, so that a filed workbook or paper
// can be traced back and reproduced (docs/methodology.md §13): carecast's
// version, the input and the SHA-256 of each file read, and the date the
// output was prepared.
type Provenance struct {
	// Version is carecast's version as 'carecast --version' prints its
	// first lines: the module version and the source revision.
	Version string
	// Input is the input as given on the command line (a workbook or a
	// folder of CSV files); empty for the built-in scenario.
	Input string
	// Digests are the SHA-256 of every file the scenario was read from,
	// in the order read; none for the built-in scenario.
	Digests []Digest
	// Prepared is the date the output was prepared: today, or the date
	// SOURCE_DATE_EPOCH gives (see PreparedDate).
	Prepared Date
}

// Digest is one input file's SHA-256, in lower-case hex.
type Digest struct {
	Name   string // the file's name (within its folder, for a CSV folder)
	SHA256 string
}

// InputLabel names the input for a reader: its path, or the built-in
// scenario.
func (p Provenance) InputLabel() string {
	if p.Input == "" {
		return "the built-in scenario (no input file)"
	}
	return p.Input
}

// PreparedDate is the date an output is prepared: the UTC date of
// SOURCE_DATE_EPOCH (seconds since 1 January 1970, the reproducible-builds
// convention) when epoch is not empty, else the UTC date of now. The same
// input and the same SOURCE_DATE_EPOCH give the same bytes.
func PreparedDate(epoch string, now time.Time) (Date, error) {
	if epoch == "" {
		return DateOf(now.UTC()), nil
	}
	n, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || n < 0 || n > maxEpoch {
		return Date{}, &EpochError{Value: epoch}
	}
	return DateOf(time.Unix(n, 0).UTC()), nil
}

// maxEpoch is the last second of 31 December 9999.
const maxEpoch = 253402300799

// EpochError is a SOURCE_DATE_EPOCH that is not a whole number of seconds.
type EpochError struct{ Value string }

func (e *EpochError) Error() string {
	return "SOURCE_DATE_EPOCH=" + strconv.QuoteToASCII(e.Value) + ": not a whole number of seconds since 1 January 1970"
}
