package carecast

import (
	"fmt"
	"strings"
	"unicode"
)

// Printable returns s with every control character shown as an escape,
// so that text from an input file cannot drive the terminal it is printed
// on (an ESC sequence can set the window title or clear the screen) or
// break one message a line: newline, carriage return and tab as \n, \r and
// \t; other ASCII controls and DEL as \xHH (ESC is \x1b); Unicode
// controls and the bidirectional overrides and isolates, which reorder
// what is shown, as \uHHHH. Anything else, including letters of any
// script, is left as it is. Every message that may carry input text
// (warnings, errors, the tables a terminal shows) goes through it.
func Printable(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return unicode.IsControl(r) ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
