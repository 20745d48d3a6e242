package reports

import (
	"errors"
	"io"

	"github.com/carecast/carecast"
)

// WriteJSON writes the machine-readable summary of MODEL.md §7.
func WriteJSON(w io.Writer, r *carecast.Result) error { return errors.New("being written") }

// WriteSummary writes headline figures and aligned tables for a terminal.
func WriteSummary(w io.Writer, r *carecast.Result) error { return errors.New("being written") }

// WriteTSV writes the same tables as tab-separated text.
func WriteTSV(w io.Writer, r *carecast.Result) error { return errors.New("being written") }
