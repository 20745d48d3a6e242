package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
)

// The JSON of a study of one council, a month of history and one
// projected: MODEL §13's fields with their values to six places.
func TestDemandStudyJSON(t *testing.T) {
	s := &carecast.DemandStudy{Places: []string{"K2"}, Runs: 10, Seed: 3,
		Start: carecast.NewDate(2020, time.March, 1), Years: 1, End: carecast.NewDate(2021, time.February, 28),
		Spread: carecast.DemandSpread{Months: 1, Consortium: 0.1, Council: 0.2, Independent: 0.173205},
		Demand: carecast.DemandRisk(carecast.FactorDemand, 0.1),
		Councils: []carecast.CouncilDemand{{Code: "TST", Name: "Test", First: carecast.NewDate(2020, time.January, 1), Last: carecast.NewDate(2020, time.February, 29), Overlaps: 1,
			History:    []carecast.DemandMonth{{Month: carecast.NewDate(2020, time.February, 1), Days: 29, Children: 1.482759, Starts: 2, Ends: 2}},
			Projection: []carecast.ProjectedMonth{{Month: carecast.NewDate(2020, time.March, 1), Expected: 1.25, P10: 1, P90: 2}}}},
	}
	s.DemandCouncil = carecast.DemandRisk(carecast.FactorDemandCouncil, 0.173205)
	var b bytes.Buffer
	if err := WriteDemandStudyJSON(&b, s); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	d := json.NewDecoder(&b)
	d.UseNumber()
	if err := d.Decode(&got); err != nil {
		t.Fatal(err)
	}
	c := got["councils"].([]any)[0].(map[string]any)
	h := c["history"].([]any)[0].(map[string]any)
	p := c["projection"].([]any)[0].(map[string]any)
	for _, x := range []struct {
		what string
		got  any
		want string
	}{
		{"council", c["council"], "TST"}, {"first", c["first"], "2020-01-01"}, {"last", c["last"], "2020-02-29"}, {"overlaps", c["overlaps"], "1"},
		{"places", c["places"].([]any)[0], "K2"},
		{"history month", h["month"], "2020-02"}, {"children", h["children"], "1.482759"}, {"out_of_area", h["out_of_area"], "0"},
		{"projection month", p["month"], "2020-03"}, {"expected", p["expected"], "1.25"}, {"p10", p["p10"], "1"}, {"p90", p["p90"], "2"},
		// 1 -/+ 1.645 x 0.1 and 1 -/+ 1.645 x 0.173205, to four places.
		{"demand low", got["risks"].([]any)[0].(map[string]any)["low"], "0.8355"},
		{"demand high", got["risks"].([]any)[0].(map[string]any)["high"], "1.1645"},
		{"demand_council low", got["risks"].([]any)[1].(map[string]any)["low"], "0.7151"},
		{"horizon start", got["horizon"].(map[string]any)["start"], "2020-03-01"},
	} {
		if s := strings.TrimSpace(toString(x.got)); s != x.want {
			t.Errorf("%s: %s; want %s", x.what, s, x.want)
		}
	}
}

func toString(v any) string {
	switch v := v.(type) {
	case json.Number:
		return v.String()
	case string:
		return v
	}
	b, _ := json.Marshal(v)
	return string(b)
}
