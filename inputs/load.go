package inputs

import (
	"errors"

	"github.com/carecast/carecast"
)

// Load reads and validates a scenario from an .xlsx workbook or a folder of
// CSV files. Warnings (unknown sheets or columns) come back whatever
// happens; err lists every error found.
func Load(path string) (*carecast.Scenario, []Problem, error) {
	return nil, nil, errors.New("inputs: being written")
}

// Problem is one thing wrong with an input, located at its sheet and cell.
type Problem struct {
	Loc string // Sheet!B7, pledges.csv:7: column to, or a sheet or file name
	Msg string
}

func (p Problem) String() string {
	if p.Loc == "" {
		return p.Msg
	}
	return p.Loc + ": " + p.Msg
}
