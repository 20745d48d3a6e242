// Package forecast is the engine of MODEL.md §3 to §6: pure functions from a
// carecast.Scenario to a carecast.Result.
package forecast

import (
	"errors"

	"github.com/carecast/carecast"
)

// Run forecasts the scenario month by month. The scenario must be valid
// (package inputs validates what it reads).
func Run(s *carecast.Scenario) (*carecast.Result, error) {
	return nil, errors.New("forecast: engine being written")
}
