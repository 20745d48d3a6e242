package carecast

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Havering":                        "Havering",
		"Tower Hamlets £1,234 — Āt":       "Tower Hamlets £1,234 — Āt",
		"\x1b]0;pwned\x07\x1b[2J":         `\x1b]0;pwned\x07\x1b[2J`,
		"two\nlines\r\tand a tab":         `two\nlines\r\tand a tab`,
		"del\x7f c1\u0085 rlo\u202eevil":  `del\x7f c1\u0085 rlo\u202eevil`,
		"isolate\u2066x\u2069":            `isolate\u2066x\u2069`,
		`a backslash \ and "quotes" stay`: `a backslash \ and "quotes" stay`,
		"":                                "",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
