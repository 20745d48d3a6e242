package carecast

import (
	"strings"
	"testing"
)

func codes(cs ...string) []Council {
	var out []Council
	for _, c := range cs {
		out = append(out, Council{Code: c})
	}
	return out
}

func TestFileStems(t *testing.T) {
	long := strings.Repeat("x", 240)
	for _, c := range []struct {
		codes []string
		want  string
	}{
		{[]string{"HAV", "BAR", "TH"}, "HAV BAR TH"},
		// Changed by the rule, the second takes -2.
		{[]string{"A/B", "A.B"}, "A-B A-B-2"},
		// A code that is a stem keeps it, though a changed one comes first.
		{[]string{"A/B", "A-B"}, "A-B-2 A-B"},
		{[]string{"A/B", "A-B", "A-B-2"}, "A-B-3 A-B A-B-2"},
		// The consortium's stem is never a council's, in any case.
		{[]string{"Consortium", "consortium-2"}, "Consortium-3 consortium-2"},
		{[]string{"CONSORTIUM"}, "CONSORTIUM-2"},
		// Case: one file on Windows and macOS.
		{[]string{"ab", "AB"}, "ab AB-2"},
		{[]string{"Ab/", "ab-"}, "Ab--2 ab-"},
		{[]string{"Südwest", "S dwest"}, "S-dwest S-dwest-2"},
		{[]string{"../etc/passwd"}, "---etc-passwd"},
		// Cut to 64 bytes, the suffix inside them.
		{[]string{long, long + "y"}, strings.Repeat("x", 64) + " " + strings.Repeat("x", 62) + "-2"},
	} {
		got := strings.Join(FileStems(codes(c.codes...)), " ")
		if got != c.want {
			t.Errorf("FileStems(%q) = %q, want %q", c.codes, got, c.want)
		}
	}
}

// Whatever the codes, the stems are unique ignoring case, never the
// consortium's, of the allowed characters and at most MaxStem bytes.
func TestFileStemsUnique(t *testing.T) {
	var cs []string
	for _, a := range []string{"a", "A", "a/", "a.", "a-", "consortium", "Consortium ", strings.Repeat("é", 100)} {
		for _, b := range []string{"", "-2", "-3", "/2", " 2"} {
			cs = append(cs, a+b)
		}
	}
	stems := FileStems(codes(cs...))
	seen := map[string]string{}
	for i, s := range stems {
		k := strings.ToLower(s)
		if k == ConsortiumStem || seen[k] != "" || len(s) > MaxStem || s == "" || strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != "" {
			t.Errorf("code %q: stem %q (also %q)", cs[i], s, seen[k])
		}
		seen[k] = cs[i]
	}
}
