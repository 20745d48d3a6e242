package inputs

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/golden"
)

// The bounds table of docs/methodology.md §12 restates Bounds, so that the
// document cannot drift from the code: this test compares them, and
// 'go test ./inputs -run BoundsTableGolden -update' rewrites the table.

const (
	boundsBegin = "<!-- bounds table: inputs.Bounds, written by go test ./inputs -run BoundsTableGolden -update -->\n"
	boundsEnd   = "<!-- end of the bounds table -->\n"
)

// boundsTable is the markdown table of every bound.
func boundsTable() string {
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	var b strings.Builder
	b.WriteString("| table | value | an error outside | a warning outside | why |\n| --- | --- | --- | --- | --- |\n")
	for i := range Bounds {
		bd := &Bounds[i]
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", bd.Sheet, bd.Key, cell(bd.Range()), cell(bd.Usual()), cell(bd.Why))
	}
	fmt.Fprintf(&b, "| any | a date | from %s to %s | | the dates a spreadsheet can show; the scheme must end by then too |\n", MinDate.Long(), MaxDate.Long())
	fmt.Fprintf(&b, "| any | a number | more than %d decimal places | | a spreadsheet holds 15 significant digits |\n", MaxPlaces)
	return b.String()
}

func TestBoundsTableGolden(t *testing.T) {
	path := filepath.Join("..", "docs", "methodology.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, boundsBegin), strings.Index(s, boundsEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no bounds table between %q and %q", path, boundsBegin, boundsEnd)
	}
	want := boundsTable()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		s = s[:i+len(boundsBegin)] + want + s[j:]
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := s[i+len(boundsBegin) : j]; got != want {
		t.Errorf("the bounds table of %s differs from inputs.Bounds (go test ./inputs -run BoundsTableGolden -update rewrites it):\n%s", path, golden.Diff(got, want))
	}
}
