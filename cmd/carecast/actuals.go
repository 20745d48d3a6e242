package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
)

// actualsProblems are the problems of an input's actual months that only
// the engine finds (docs/methodology.md §15): without Occupancy rows a
// council's occupancy not given is derived, and the councils' room-days,
// actual and forecast, may come to more than the month's capacity. The
// input's reader finds the rest at their rows. nil when there are none.
func actualsProblems(input string, s *carecast.Scenario) error {
	if len(s.Actuals) == 0 {
		return nil
	}
	_, err := forecast.Settle(s)
	var ae *forecast.ActualsError
	if !errors.As(err, &ae) {
		return nil // any other error is the forecast's to report
	}
	loc := "Actuals"
	if fi, err := os.Stat(input); err == nil && fi.IsDir() {
		loc = filepath.Join(input, "actuals.csv")
	} else if input != "" {
		loc = input + ": Actuals"
	}
	return &inputs.Errors{Path: input, Problems: []inputs.Problem{{Loc: loc,
		Msg: fmt.Sprintf("the actual month %s: %s; expected the Actuals rows of that month to fit its capacity", ae.Month.String()[:7], ae.What)}}}
}
