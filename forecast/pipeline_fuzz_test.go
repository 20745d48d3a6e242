package forecast_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/workbook"
)

// FuzzPipeline fuzzes the whole pipeline (issue 10): the built-in scenario
// as a folder of CSV files in memory (or, as op chooses, the same with the
// Demand and Allocations rows of examples/demand in place of its Occupancy
// rows, traded after allocation), changed by two cell edits and one
// change of rows, then validated, forecast (with the sharing rules
// compared), put through a short sensitivity, a few Monte Carlo runs and
// a short sizing sweep, and written as the workbook and the charts page,
// in memory. It asserts that nothing panics; that an
// input validation accepts forecasts with every table adding up (the
// property checks, void never negative); and that an input it refuses
// gets only messages located at a file, a line or a column.
//
//	go test ./forecast -run '^$' -fuzz FuzzPipeline -fuzztime 10m -parallel 1
//
// Without -fuzz its seeds (and the crashers in testdata/fuzz) run as tests.
func FuzzPipeline(f *testing.F) {
	base, err := inputs.TemplateCSV(inputs.BuiltInScenario())
	if err != nil {
		f.Fatal(err)
	}
	names := make([]string, 0, len(base))
	for n := range base {
		names = append(names, n)
	}
	sort.Strings(names)
	tables := make(map[string][][]string, len(base))
	for n, b := range base {
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			f.Fatal(err)
		}
		tables[n] = recs
	}
	// The second base: occupancy from demand, with allocations and trading.
	demand := make(map[string][][]string, len(tables))
	for n, recs := range tables {
		demand[n] = recs
	}
	demand["occupancy.csv"] = tables["occupancy.csv"][:1]
	for _, n := range []string{"demand.csv", "allocations.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "examples", "demand", n))
		if err != nil {
			f.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			f.Fatal(err)
		}
		demand[n] = append(tables[n][:1:1], recs[1:]...)
	}
	var assume [][]string
	for _, r := range tables["assumptions.csv"] {
		if r[0] == "sharing" {
			r = append([]string{r[0], carecast.SharingAllocatedTrade}, r[2:]...)
		}
		assume = append(assume, r)
	}
	demand["assumptions.csv"] = assume
	bases := []map[string][][]string{tables, demand}
	// Seeds: the values of issue 10's failures and their neighbours.
	type edit struct {
		table, row, col uint8
		value           string
	}
	at := func(name string, row, col int, v string) edit {
		i := sort.SearchStrings(names, name)
		return edit{uint8(i), uint8(row), uint8(col), v}
	}
	seeds := []struct {
		a, b edit
		op   uint8
	}{
		{at("assumptions.csv", 3, 1, "8"), at("assumptions.csv", 3, 1, "8"), 0}, // the built-in, unchanged
		{at("assumptions.csv", 6, 1, "2"), at("assumptions.csv", 3, 1, "30"), 0},
		{at("spotcosts.csv", 1, 3, "5"), at("assumptions.csv", 3, 1, "14"), 0},
		{at("pledges.csv", 1, 3, "92233720368547758.08"), at("pledges.csv", 2, 3, "1e300"), 0},
		{at("assumptions.csv", 9, 1, "-99.9999%"), at("assumptions.csv", 8, 1, "15%"), 0},
		{at("assumptions.csv", 7, 1, "100%"), at("rooms.csv", 1, 1, "35"), 0},
		{at("councils.csv", 1, 0, "HAV\u200b"), at("rooms.csv", 2, 0, "31/12/9999"), 1},
		{at("occupancy.csv", 1, 2, "40"), at("rooms.csv", 1, 1, "two"), 2},
		{at("assumptions.csv", 2, 1, "9999-12-01"), at("grants.csv", 1, 0, "1899-12-31"), 3},
		{at("assumptions.csv", 3, 1, "30"), at("spotcosts.csv", 2, 3, "50%"), 4},
		{at("risks.csv", 1, 4, "3"), at("risks.csv", 1, 1, "normal"), 4},
		// On the demand base (op 6 to 11).
		{at("demand.csv", 1, 2, "3"), at("demand.csv", 1, 2, "3"), 6}, // unchanged
		{at("demand.csv", 2, 2, "1000"), at("assumptions.csv", 13, 1, "1"), 6},
		{at("allocations.csv", 3, 2, "40"), at("assumptions.csv", 14, 1, "allocated"), 6},
		{at("demand.csv", 4, 0, "ZZZ"), at("allocations.csv", 2, 1, "2018-01-01"), 8},
		{at("options.csv", 1, 1, "0"), at("demand.csv", 1, 2, "-1"), 7},
		{at("occupancy.csv", 0, 0, "council"), at("assumptions.csv", 14, 1, "pooled"), 10},
		// Issue 18's families. Options settings: every setting of an
		// option meets its key's checks.
		{at("options.csv", 1, 1, "block_price_date"), at("options.csv", 1, 2, "2091-04-01"), 0},
		{at("options.csv", 1, 1, "block_price_date"), at("options.csv", 1, 2, "9999-12-31"), 0},
		{at("options.csv", 1, 1, "start_date"), at("options.csv", 1, 2, "9995-01-01"), 0},
		{at("options.csv", 1, 1, "years"), at("options.csv", 1, 2, "30"), 0},
		{at("options.csv", 1, 1, "sharing"), at("options.csv", 1, 2, "allocated"), 6},
		{at("options.csv", 1, 1, "max_fill"), at("options.csv", 1, 2, "0.00001"), 6},
		{at("options.csv", 1, 0, "Base case"), at("options.csv", 2, 0, "business as usual"), 0},
		// Text fields with bidirectional controls and noncharacters.
		{at("councils.csv", 2, 1, "Barking\uffff"), at("options.csv", 1, 0, "Dear\u202eer"), 0},
		{at("widerbenefits.csv", 1, 0, "\u2067episodes"), at("assumptions.csv", 1, 1, "Scenario\ufffe"), 0},
		{at("grants.csv", 1, 2, "DfE\u200f"), at("costs.csv", 1, 0, "Team\a"), 0},
		{at("options.csv", 1, 2, "\ufdd0"), at("councils.csv", 1, 1, strings.Repeat("x", 32768)), 0},
		// Council codes that collide as file names.
		{at("councils.csv", 1, 0, "A/B"), at("councils.csv", 2, 0, "A.B"), 0},
		{at("councils.csv", 1, 0, "A-B"), at("councils.csv", 2, 0, "a/b"), 0},
		{at("councils.csv", 1, 0, strings.Repeat("K", 240)), at("councils.csv", 2, 0, strings.Repeat("K", 64)+"-2"), 0},
		{at("councils.csv", 1, 0, "../x"), at("councils.csv", 2, 0, "consortium-2"), 0},
		{at("councils.csv", 1, 0, "Consortium"), at("councils.csv", 2, 0, "consortium"), 0},
	}
	for _, s := range seeds {
		f.Add(s.a.table, s.a.row, s.a.col, s.a.value, s.b.table, s.b.row, s.b.col, s.b.value, s.op)
	}
	f.Fuzz(func(t *testing.T, t1, r1, c1 uint8, v1 string, t2, r2, c2 uint8, v2 string, op uint8) {
		// The folder, edited.
		base := bases[int(op)/6%len(bases)]
		work := make(map[string][][]string, len(base))
		for n, recs := range base {
			cp := make([][]string, len(recs))
			for i, r := range recs {
				cp[i] = append([]string(nil), r...)
			}
			work[n] = cp
		}
		set := func(ti, ri, ci uint8, v string) {
			recs := work[names[int(ti)%len(names)]]
			if len(recs) == 0 {
				return
			}
			row := recs[int(ri)%len(recs)]
			col := int(ci) % (len(row) + 1)
			if col == len(row) {
				row = append(row, v)
			} else {
				row[col] = v
			}
			recs[int(ri)%len(recs)] = row
		}
		set(t1, r1, c1, v1)
		set(t2, r2, c2, v2)
		name := names[int(t1)%len(names)]
		recs := work[name]
		i := int(r1) % max(1, len(recs))
		switch op % 6 {
		case 1: // drop a row
			if len(recs) > 0 {
				work[name] = append(recs[:i], recs[i+1:]...)
			}
		case 2: // repeat a row
			if len(recs) > 0 {
				work[name] = append(recs[:i+1], recs[i:]...)
			}
		case 3: // drop the file
			delete(work, name)
		case 4: // the row, many times
			if len(recs) > 0 {
				for range int(r2) % 64 {
					work[name] = append(work[name], recs[i])
				}
			}
		}
		book := &inputs.Book{Path: "fuzz", Kind: inputs.CSV}
		for _, n := range names {
			recs, ok := work[n]
			if !ok {
				continue
			}
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			if err := w.WriteAll(recs); err != nil {
				return // not representable as CSV
			}
			tb, probs := inputs.ReadCSV(n, buf.Bytes())
			if len(probs) > 0 {
				located(t, probs)
				return
			}
			book.Tables = append(book.Tables, tb)
		}
		s, warns, err := inputs.Decode(book)
		located(t, warns)
		if err != nil {
			var errs *inputs.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Decode: %v is not a list of located problems", err)
			}
			located(t, errs.Problems)
			return
		}
		accepted(t, s)
		pipeline(t, s)
	})
}

// accepted fails unless a scenario validation accepted holds only what
// every output can carry (issue 18): text with no noncharacter, no
// bidirectional control and no control character but tab and line
// breaks, within what a spreadsheet cell holds; names with no invisible
// character at all; council codes and names unique, ignoring case and
// spaces; no option named as the base case or business as usual. It is
// written apart from the reader's check, from the Unicode tables.
func accepted(t *testing.T, s *carecast.Scenario) {
	t.Helper()
	check := func(what, v string, name bool) {
		if len(utf16.Encode([]rune(v))) > 32767 {
			t.Fatalf("accepted %s of %d characters", what, len(v))
		}
		for _, r := range v {
			bad := r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE ||
				unicode.Is(unicode.Bidi_Control, r) ||
				unicode.IsControl(r) && (name || !strings.ContainsRune("\t\n\r", r)) ||
				name && unicode.Is(unicode.Cf, r)
			if bad {
				t.Fatalf("accepted %s %q holding U+%04X", what, v, r)
			}
		}
	}
	norm := func(v string) string { return strings.ToLower(strings.Join(strings.Fields(v), " ")) }
	seen := map[string]bool{}
	check("scenario name", s.Assumptions.Scenario, true)
	for _, c := range s.Councils {
		check("council code", c.Code, true)
		check("council name", c.Name, true)
		own := map[string]bool{norm(c.Code): true, norm(c.Name): true}
		delete(own, "")
		for k := range own {
			if seen[k] {
				t.Fatalf("accepted a second council %q", k)
			}
		}
		for k := range own {
			seen[k] = true
		}
	}
	// Each council's files (a paper each) have a name of their own: as
	// many stems as councils, each 1 to 64 bytes of ASCII letters, digits,
	// - and _, none the consortium's and no two alike ignoring case (A/B
	// and A.B both wrote paper-A-B; Consortium took the consortium's).
	stems := carecast.FileStems(s.Councils)
	if len(stems) != len(s.Councils) {
		t.Fatalf("%d file stems for %d councils", len(stems), len(s.Councils))
	}
	files := map[string]string{"consortium": "the consortium"}
	for i, st := range stems {
		ok := len(st) >= 1 && len(st) <= 64
		for _, r := range st {
			ok = ok && (r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '_')
		}
		if !ok {
			t.Fatalf("council %q has the file stem %q", s.Councils[i].Code, st)
		}
		if other, dup := files[strings.ToLower(st)]; dup {
			t.Fatalf("council %q has the file stem %q, as %s has", s.Councils[i].Code, st, other)
		}
		files[strings.ToLower(st)] = "council " + s.Councils[i].Code
	}
	for _, o := range s.Options {
		check("option name", o.Name, true)
		check("option description", o.Description, false)
		for _, r := range carecast.ReservedOptionNames {
			if strings.EqualFold(strings.Join(strings.Fields(o.Name), ""), strings.ReplaceAll(r, " ", "")) {
				t.Fatalf("accepted an option named %q", o.Name)
			}
		}
	}
	for _, g := range s.Grants {
		check("grant description", g.Description, false)
	}
	for _, c := range s.Costs {
		check("cost description", c.Description, false)
	}
	for _, w := range s.WiderBenefits {
		for _, v := range []string{w.Measure, w.Unit, w.Bearer, w.Source} {
			check("wider benefit", v, false)
		}
	}
}

// located fails unless every problem names its file (and line and column
// where it has them) and says what is wrong.
func located(t *testing.T, ps []inputs.Problem) {
	t.Helper()
	for _, p := range ps {
		if p.Msg == "" || p.Loc == "" && !strings.HasPrefix(p.Msg, "... and ") {
			t.Fatalf("problem not located: %q", p.String())
		}
	}
}

// pipeline runs everything after validation on an accepted scenario.
func pipeline(t *testing.T, s *carecast.Scenario) {
	t.Helper()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatalf("Run on an accepted scenario: %v", err)
	}
	c := &checker{t: t}
	checkMonths(c, s, r)
	checkSums(c, r)
	checkFund(c, s, r)
	checkInstalments(c, s, r)
	checkNPV(c, s, r)
	checkLedger(c, r)
	if c.errs > 0 {
		t.FailNow()
	}
	// The appraisal may meet an overflow far from the scenario (a switching
	// value searched at five times the prices): an error naming the figure,
	// never a panic or a wrong figure.
	var oe *forecast.OverflowError
	ap := &carecast.Appraisal{}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		t.Fatalf("ResolveRisks on an accepted scenario: %v", err)
	}
	if sens, err := forecast.Sensitivity(s, r, risks); err == nil {
		ap.Sensitivity = sens
	} else if !errors.As(err, &oe) {
		t.Fatalf("Sensitivity: %v", err)
	}
	if sim, err := forecast.Simulate(s, r, risks, forecast.SimulateOptions{Runs: 5, Seed: 1}); err == nil {
		ap.Simulation = sim
	} else if !errors.As(err, &oe) {
		t.Fatalf("Simulate: %v", err)
	}
	if ap.Sensitivity == nil || ap.Simulation == nil {
		ap = nil
	}
	// A short sizing sweep about the size as given, its central figures
	// each the forecast at that size.
	if n := forecast.LargestRooms(s); n > 0 {
		z, err := forecast.Size(s, forecast.SizeOptions{Min: n - 1, Max: n + 1, Workers: 1})
		if err != nil && !errors.As(err, &oe) {
			t.Fatalf("Size: %v", err)
		}
		if err == nil {
			for _, p := range z.Sizes {
				if p.Rooms == n && (!p.Savings.Equal(r.Total.Savings) || !p.NPV.Equal(r.NPV)) {
					t.Fatalf("size at %d rooms, as given: savings %s, NPV %s; the forecast's %s, %s", n, p.Savings, p.NPV, r.Total.Savings, r.NPV)
				}
			}
		}
	}
	if err := workbook.Encode(io.Discard, workbook.Contents{Result: r, Postings: ledger.Build(r).Postings, Appraisal: ap}); err != nil {
		t.Fatalf("workbook: %v", err)
	}
	if err := charts.Render(io.Discard, r, ap); err != nil {
		t.Fatalf("charts: %v", err)
	}
}
