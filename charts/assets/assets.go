// Package assets holds what charts.html is made of: the ECharts library,
// and the page's own script, stylesheet and template.
//
// ECharts is not committed. 'make assets' installs the version pinned in
// charts/web/package-lock.json with npm ci and copies
// node_modules/echarts/dist/echarts.min.js here, where go:embed puts it into
// the binary, so charts.html draws with no network at all. Without that
// step the package does not build: "pattern echarts.min.js: no matching
// files found" means run 'make assets'.
package assets

import _ "embed"

// ECharts is echarts.min.js, the Apache ECharts library (Apache-2.0),
// the version pinned in charts/web/package.json.
//
//go:embed echarts.min.js
var ECharts string

// PageScript is the page's own script: it reads the chart options from a
// JSON data block and draws them. It is fixed code; nothing in it comes
// from a scenario.
//
//go:embed charts.js
var PageScript string

// PageStyle is the page's stylesheet, for screen and print.
//
//go:embed charts.css
var PageStyle string

// PageTemplate is the html/template of charts.html.
//
//go:embed charts.html.tmpl
var PageTemplate string

// RiskScript draws the charts of the appraisal under uncertainty (a
// tornado, a fan and a histogram) from the same JSON data block. It is on a
// page only when the page has an appraisal. Fixed code, like PageScript.
//
//go:embed charts_risk.js
var RiskScript string

// RiskStyle is the stylesheet of the appraisal section, on a page only
// when the page has one.
//
//go:embed charts_risk.css
var RiskStyle string
