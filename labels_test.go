package carecast

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every sharing rule has a label and words of its own, and a rule the
// table lacks is named as given rather than blank.
func TestSharingNames(t *testing.T) {
	seen := map[string]string{}
	for _, rule := range []string{SharingAllocated, SharingAllocatedTrade, SharingPooled} {
		for _, n := range []string{SharingLabel(rule), SharingWords(rule)} {
			if n == "" || n == rule {
				t.Errorf("%s is named %q", rule, n)
			}
			if other, ok := seen[n]; ok {
				t.Errorf("%s and %s are both named %q", rule, other, n)
			}
			seen[n] = rule
		}
	}
	if SharingLabel("shared_somehow") != "shared_somehow" || SharingWords("x") != "x" {
		t.Error("an unknown rule is not named as given")
	}
}

// labelPackages are the folders of the output packages, whose every label
// comes from this file's constants.
var labelPackages = []string{"board", "charts", "cmd/carecast", "monitor", "paper", "reports", "workbook"}

// labelUnits are the endings a label may carry in a heading written as one
// literal: "Pledges (£)" is LabelPledges + " (£)", "NPV: " LabelNPV + ": ".
var labelUnits = []string{" (£)", " (£000)", " (£m)", ":"}

// labelExceptions are the literals of the output packages that equal a
// label's text but are not labels, by file and text, with how many times
// each may appear there. Keep it short: each needs its reason.
var labelExceptions = map[[2]string]int{
	{"cmd/carecast/warnings.go", "Pledges"}: 1, // the input's Pledges sheet, where a warning is located
	{"workbook/council.go", "Council"}:      1, // the Council sheet's name, which formulas reference
	{"workbook/monitoring.go", "Council"}:   1, // the monitoring workbook's Council sheet, likewise
	{"paper/word.go", "Note"}:               1, // the id of the Word style of a note
	{"paper/appendix.go", "Value"}:          1, // the provenance table's column of values, not a wider benefit's value
}

// TestLabelsFromTheTable keeps every label of the outputs in this file
// (issue 22 item 1). It reads the text of every Label constant from
// labels.go and then every string literal in the non-test Go files of the
// output packages (go/parser, so comments and struct tags are not read);
// a literal that is a label's text, alone or with a unit after it, is a
// label written a second time and fails the test, naming the constant to
// use. Were someone to write Header: []string{"Council", "Savings (£)"} in
// paper/, the test fails with
//
//	paper/x.go:12:23: "Council" is LabelCouncil's text: write carecast.LabelCouncil
//	paper/x.go:12:34: "Savings (£)" is LabelSavings's text: write carecast.LabelSavings + " (£)"
//
// so that renaming a figure in labels.go renames it in every output. JSON
// keys are lower case with underscores and never match a label.
func TestLabelsFromTheTable(t *testing.T) {
	fset := token.NewFileSet()
	lf, err := parser.ParseFile(fset, "labels.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{} // text -> constant
	for _, d := range lf.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && strings.HasPrefix(n.Name, "Label") {
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					labels[v] = n.Name
				}
			}
		}
	}
	if labels["Total"] != "LabelTotal" || len(labels) < 50 {
		t.Fatalf("read %d labels from labels.go, LabelTotal as %q", len(labels), labels["Total"])
	}
	seen := map[[2]string]int{}
	files := 0
	for _, dir := range labelPackages {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files++
			file := filepath.ToSlash(name)
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				text := strings.TrimSpace(s)
				for _, u := range labelUnits {
					text = strings.TrimSuffix(text, u)
				}
				c, ok := labels[text]
				if !ok {
					return true
				}
				key := [2]string{file, text}
				if seen[key]++; seen[key] <= labelExceptions[key] {
					return true
				}
				use := "carecast." + c
				if rest := strings.TrimPrefix(s, text); rest != "" {
					use += " + " + strconv.Quote(rest)
				}
				t.Errorf("%s: %q is %s's text: write %s", fset.Position(lit.Pos()), s, c, use)
				return true
			})
		}
	}
	if files < 50 {
		t.Errorf("read %d files of the output packages; expected more", files)
	}
	for key, n := range labelExceptions {
		if seen[key] < n {
			t.Errorf("%s: the exception for %q is no longer needed (%d of %d seen): remove it", key[0], key[1], seen[key], n)
		}
	}
}
