package assets

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The embedded ECharts is the version pinned in charts/web: a stale copy
// left from before a change of the pin fails here ('make assets' again).
func TestEChartsIsThePinnedVersion(t *testing.T) {
	b, err := os.ReadFile("../web/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	pinned := pkg.Dependencies["echarts"]
	if pinned == "" || strings.ContainsAny(pinned, "^~<>=* ") {
		t.Fatalf("charts/web/package.json pins echarts as %q, want an exact version", pinned)
	}
	if want := `t.version="` + pinned + `"`; !strings.Contains(ECharts, want) {
		t.Errorf("the embedded echarts.min.js is not version %s (no %s): run 'make assets'", pinned, want)
	}
	for name, s := range map[string]string{"charts.js": PageScript, "charts.css": PageStyle, "charts.html.tmpl": PageTemplate,
		"charts_risk.js": RiskScript, "charts_risk.css": RiskStyle} {
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s is empty", name)
		}
	}
}
