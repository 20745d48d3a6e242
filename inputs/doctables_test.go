package inputs

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/golden"
	"github.com/shopspring/decimal"
)

// The table of settings of docs/methodology.md §2 and the bounds table of
// §12 restate carecast's registry of settings and Bounds, so that the
// document cannot drift from the code: these tests compare them, and
// 'go test ./inputs -run TableGolden -update' rewrites the tables.

// docTable checks the text of docs/methodology.md between the lines begin
// and end against want, or rewrites it with -update.
func docTable(t *testing.T, begin, end, want string) {
	t.Helper()
	path := filepath.Join("..", "docs", "methodology.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no table between %q and %q", path, begin, end)
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		s = s[:i+len(begin)] + want + s[j:]
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := s[i+len(begin) : j]; got != want {
		t.Errorf("the table of %s differs from the code (go test ./inputs -run TableGolden -update rewrites it):\n%s", path, golden.Diff(got, want))
	}
}

// mdCell escapes a table cell's text.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// boundsTable is the markdown table of every bound.
func boundsTable() string {
	var b strings.Builder
	b.WriteString("| table | value | an error outside | a warning outside | why |\n| --- | --- | --- | --- | --- |\n")
	bs := Bounds()
	for i := range bs {
		bd := &bs[i]
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", bd.Sheet, bd.Key, mdCell(bd.Range()), mdCell(bd.Usual()), mdCell(bd.Why))
	}
	fmt.Fprintf(&b, "| any | a date | from %s to %s | | the dates a spreadsheet can show; the scheme must end by then too |\n", MinDate.Long(), MaxDate.Long())
	fmt.Fprintf(&b, "| any | a number | more than %d decimal places | | a spreadsheet holds 15 significant digits |\n", MaxPlaces)
	return b.String()
}

func TestBoundsTableGolden(t *testing.T) {
	docTable(t, "<!-- bounds table: inputs.Bounds, written by go test ./inputs -run TableGolden -update -->\n",
		"<!-- end of the bounds table -->\n", boundsTable())
}

// settingsTable is the markdown table of the Assumptions settings.
func settingsTable() string {
	var b strings.Builder
	b.WriteString("| setting | meaning | default | an option may change it |\n| --- | --- | --- | --- |\n")
	for _, s := range carecast.Settings() {
		opt := "no"
		if s.Option {
			opt = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.Key, mdCell(s.Help), mdCell(defaultText(&s)), opt)
	}
	return b.String()
}

func TestSettingsTableGolden(t *testing.T) {
	docTable(t, "<!-- settings table: carecast.Settings, written by go test ./inputs -run TableGolden -update -->\n",
		"<!-- end of the settings table -->\n", settingsTable())
}

// defaultText is a setting's default as the methodology says it.
func defaultText(s *carecast.Setting) string {
	switch {
	case s.DefaultText != "":
		return s.DefaultText
	case s.Required:
		return "required"
	}
	var a carecast.Assumptions
	if s.Default != nil {
		s.Set(&a, s.Default)
	}
	switch v := s.Get(a).(type) {
	case carecast.Date:
		return v.Long()
	case string:
		if v == "" {
			return "blank"
		}
		return "`" + v + "`"
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case carecast.Money:
		return v.Format()
	case int:
		return fmt.Sprint(v)
	case decimal.Decimal:
		if b, ok := settingBound(s); ok {
			return b.show(v)
		}
	}
	return fmt.Sprint(s.Get(a))
}
