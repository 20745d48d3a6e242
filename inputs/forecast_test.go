package inputs_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
)

// forecastJSON runs the engine and writes its whole result but the
// scenario as JSON: two forecasts compare to the penny, month by month and
// council by council.
func forecastJSON(t *testing.T, s *carecast.Scenario) string {
	t.Helper()
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	res.Scenario = nil // compared apart: the template adds the default Risks
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Forecasting the untouched template gives exactly the built-in forecast.
func TestTemplateForecastIsBuiltIn(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := inputs.WriteTemplate(p, inputs.BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	s, _, err := inputs.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := forecastJSON(t, s), forecastJSON(t, inputs.BuiltInScenario()); got != want {
		t.Error("the template's forecast differs from the built-in forecast")
	}
}
