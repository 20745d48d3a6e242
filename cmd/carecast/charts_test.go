package main

import (
	"bytes"
	"fmt"
	imagepng "image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
)

func TestChartsFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want chartsOptions
	}{
		{nil, chartsOptions{OutDir: "carecast-out", Risk: defaultRisk}},
		{[]string{"in.xlsx", "--out", "papers"}, chartsOptions{Input: "in.xlsx", OutDir: "papers", Risk: defaultRisk}},
		{[]string{"folder/", "-o", "x", "--png", "x/images"}, chartsOptions{Input: "folder/", OutDir: "x", PNGDir: "x/images", Risk: defaultRisk}},
		{[]string{"--png", "images"}, chartsOptions{PNGDir: "images", Risk: defaultRisk}},
		{[]string{"--risk", "--runs", "500", "--seed", "9"}, chartsOptions{OutDir: "carecast-out", Risk: riskOptions{Risk: true, Runs: 500, Seed: 9}}},
		{[]string{"--council", "HAV", "--png", "p"}, chartsOptions{PNGDir: "p", Council: "HAV", Risk: defaultRisk}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got chartsOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newChartsCmd(io, func(o *chartsOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestChartsExitStatuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"charts", "a", "b"}, exitUsage},
		{[]string{"charts", "--png"}, exitUsage},
		{[]string{"charts", "--council", "HAV", "--out", t.TempDir()}, exitUsage},                       // --council without --png
		{[]string{"charts", "--council", "HAV", "--png", t.TempDir(), "--out", t.TempDir()}, exitUsage}, // and with --out
		{[]string{"charts", "--risk", "--runs", "0", "--out", t.TempDir()}, exitUsage},
		{[]string{"charts", "--out", t.TempDir(), filepath.Join(t.TempDir(), "missing.xlsx")}, exitInput},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if code, _, stderr := runCmd(t, false, c.args...); code != c.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
		})
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// 'carecast charts' writes charts.html and nothing else, says so on
// stderr, and prints nothing on stdout.
func TestChartsWritesOnlyTheCharts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "papers")
	code, stdout, stderr := runCmd(t, false, "charts", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := dirNames(t, out), []string{"charts.html"}; !slices.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	if want := "wrote " + filepath.Join(out, "charts.html"); !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	b, err := os.ReadFile(filepath.Join(out, "charts.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("North East London Commissioning Partnership")) {
		t.Error("charts.html does not name the built-in scenario")
	}
	// Again: the same bytes.
	if code, _, stderr := runCmd(t, false, "charts", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	again, _ := os.ReadFile(filepath.Join(out, "charts.html"))
	if !bytes.Equal(b, again) {
		t.Error("a second run wrote other bytes")
	}
}

// With --risk the page adds the appraisal's three charts, and the same
// seed gives the same bytes; without it, none of them.
func TestChartsWithRisk(t *testing.T) {
	out := t.TempDir()
	page := func(args ...string) []byte {
		t.Helper()
		if code, _, stderr := runCmd(t, false, append([]string{"charts", "--out", out}, args...)...); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "charts.html"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain := page()
	risk := page("--risk", "--runs", "200", "--seed", "3")
	for _, id := range []string{charts.ChartTornado, charts.ChartSavingsFan, charts.ChartSavingsHistogram} {
		tag := []byte(`id="` + id + `"`)
		if !bytes.Contains(risk, tag) {
			t.Errorf("with --risk, charts.html has no %s chart", id)
		}
		if bytes.Contains(plain, tag) {
			t.Errorf("without --risk, charts.html has a %s chart", id)
		}
	}
	if !bytes.Contains(risk, []byte("rerun 200 times (a Monte Carlo simulation, seed 3)")) {
		t.Error("the appraisal does not say its runs and seed")
	}
	if again := page("--risk", "--runs", "200", "--seed", "3"); !bytes.Equal(risk, again) {
		t.Error("the same seed wrote other bytes")
	}
}

func TestForecastWritesCharts(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, false, "forecast", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "charts.html")); err != nil {
		t.Errorf("forecast wrote no charts.html: %v", err)
	}
	if !strings.Contains(stderr, "wrote "+filepath.Join(out, "charts.html")) {
		t.Errorf("stderr %q does not say it wrote charts.html", stderr)
	}
	// forecast --risk passes its appraisal to the charts.
	if code, _, stderr := runCmd(t, false, "forecast", "--out", out, "--risk", "--runs", "200"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "charts.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`id="`+charts.ChartTornado+`"`)) || !bytes.Contains(b, []byte(`id="`+charts.ChartSavingsHistogram+`"`)) {
		t.Error("forecast --risk wrote charts.html without the appraisal's charts")
	}
}

// --png without Chromium fails before anything is written, naming the
// package to install.
func TestChartsPNGWithoutChromium(t *testing.T) {
	t.Setenv("CARECAST_CHROMIUM", filepath.Join(t.TempDir(), "no-such-browser"))
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCmd(t, false, "charts", "--out", out, "--png", filepath.Join(out, "png"))
	if code != exitInternal {
		t.Errorf("exit %d, want %d", code, exitInternal)
	}
	if !strings.Contains(stderr, "Debian package chromium") {
		t.Errorf("stderr %q does not name the package", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists: something was written", out)
	}
}

func TestChartsPNG(t *testing.T) {
	t.Parallel() // with the package's other long browser runs, in tabs of the shared browser
	testtools.Chromium(t)
	out := t.TempDir()
	png := filepath.Join(out, "images")
	code, _, stderr := runCmd(t, false, "charts", "--out", out, "--png", png, "--risk", "--runs", "200")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var want []string
	ap := &carecast.Appraisal{Sensitivity: &carecast.Sensitivity{}, Simulation: &carecast.Simulation{}}
	for i, id := range charts.IDsFor(ap) {
		want = append(want, strings.Join([]string{string(rune('1' + i)), id}, "-")+".png")
	}
	if got := dirNames(t, png); !slices.Equal(got, want) {
		t.Errorf("images %v, want %v", got, want)
	}
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(png, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 20000 {
			t.Errorf("%s: %d bytes, not a drawn PNG", name, len(b))
		}
	}
}

// With demand, allocations and trading (the worked example), 'charts
// --png' writes the overflow and bed-trading charts after the forecast's
// six, and the page holds them.
func TestChartsDemandExamplePNG(t *testing.T) {
	t.Parallel() // with the package's other long browser runs, in tabs of the shared browser
	testtools.Chromium(t)
	out := t.TempDir()
	png := filepath.Join(out, "images")
	code, _, stderr := runCmd(t, false, "charts", demandExample, "--out", out, "--png", png)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"1-cumulative-savings.png", "2-annual-savings.png", "3-rooms.png", "4-block-vs-spot.png",
		"5-pooled-fund.png", "6-savings-waterfall.png", "7-overflow.png", "8-bed-trading.png"}
	if got := dirNames(t, png); !slices.Equal(got, want) {
		t.Errorf("images %v, want %v", got, want)
	}
	page, err := os.ReadFile(filepath.Join(out, chartsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`id="overflow"`, `id="bed-trading"`, "<dt>Overflow (room-days)</dt>"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("charts.html lacks %s", s)
		}
	}
}

// 'charts --council HAV --png DIR' writes the charts of Havering's paper,
// each PNG with a .txt of its caption, source line and alternative text;
// an unknown council is a usage error that writes nothing.
func TestChartsCouncilPNG(t *testing.T) {
	testtools.Chromium(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1764374400") // 29 November 2025
	png := filepath.Join(t.TempDir(), "png")
	if code, _, stderr := runCmd(t, false, "charts", "--council", "NOPE", "--png", png); code != exitUsage || !strings.Contains(stderr, `no council "NOPE"`) {
		t.Errorf("an unknown council: exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(png); !os.IsNotExist(err) {
		t.Errorf("an unknown council wrote %s", png)
	}
	code, _, stderr := runCmd(t, false, "charts", "--council", "HAV", "--png", png, "--risk", "--runs", "200")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Havering's paper draws its cumulative savings against the other
	// councils, its attributed cost against spot purchasing avoided, and
	// the consortium's tornado and fan.
	var want []string
	for i, n := range []string{"cumulative-savings", "cost-and-spot-avoided", "tornado", "fan"} {
		want = append(want, fmt.Sprintf("%d-%s.png", i+1, n), fmt.Sprintf("%d-%s.txt", i+1, n))
	}
	slices.Sort(want)
	if got := dirNames(t, png); !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	for i, n := range []string{"cumulative-savings", "cost-and-spot-avoided", "tornado", "fan"} {
		base := filepath.Join(png, fmt.Sprintf("%d-%s", i+1, n))
		b, err := os.ReadFile(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		// Drawn at twice the print page's 800 CSS pixels.
		if cfg, err := imagepng.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 1600 || cfg.Height < 600 {
			t.Errorf("%s.png: %+v, %v; want 1600 pixels wide", n, cfg, err)
		}
		txt, err := os.ReadFile(base + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		paras := strings.Split(strings.TrimSuffix(string(txt), "\n"), "\n\n")
		if len(paras) != 4 || !strings.HasPrefix(paras[0], fmt.Sprintf("Figure %d: ", i+1)) ||
			!strings.HasPrefix(paras[2], "Source: carecast ") || !strings.HasSuffix(paras[2], ", from the built-in scenario (no input file), prepared 29 November 2025.") ||
			!strings.HasPrefix(paras[3], "Alt text: ") || len(paras[3]) < 80 {
			t.Errorf("%s.txt is not caption, source and alt text:\n%s", n, txt)
		}
	}
	// The first is Havering's, with the figures of its paper (testdata of
	// package paper: Havering's savings to the end, and its share).
	txt, _ := os.ReadFile(filepath.Join(png, "1-cumulative-savings.txt"))
	for _, s := range []string{"Figure 1: Cumulative savings: Havering against the other councils",
		"Havering's savings reach £1.31m by 31 March 2027, 11.53% of the consortium's £11.33m.",
		"Alt text: Line charts of cumulative savings month by month from 2019/20 to 2026/27: the consortium above; below, Havering in colour against the other councils in grey."} {
		if !strings.Contains(string(txt), s) {
			t.Errorf("1-cumulative-savings.txt lacks %q:\n%s", s, txt)
		}
	}
}
