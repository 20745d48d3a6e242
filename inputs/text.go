package inputs

import (
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/carecast/carecast"
)

// Text typed into a cell reaches every output: the terminal, the TSV, the
// workbook, the paper and the charts (through Chromium). One check,
// textProblem, applied to every text cell (council codes and names, the
// scenario's name, option names and descriptions, the descriptions of
// grants and costs, the wider benefits' words), refuses at the cell what
// an output cannot carry or would show wrongly:
//   - Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF and the last
//     two of every plane): Chromium refuses them in a chart's text;
//   - control characters but tab, line feed and carriage return: XML, and
//     so the workbook and the paper, cannot hold them;
//   - the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E,
//     U+2066 to U+2069): they reorder what follows them on the page, so
//     that "13.84 episodes worth £0.03m" reads "48.31 ... m30.0£";
//   - more characters than a spreadsheet cell holds (32,767): the
//     workbook would cut the text short.
//
// A name (a council's code or name, an option's name, the scenario's
// name) must also show every character it holds: no control character at
// all, and no format character such as a zero-width space or a byte-order
// mark, which make two names that differ look the same.

// maxCellChars is the most characters a spreadsheet cell holds, counted
// as Excel counts them (UTF-16 code units).
const maxCellChars = 32767

// textProblem says what is wrong with text typed into a cell, "" when
// nothing is; name holds it to the rules of a name too. The problem is a
// phrase such as `bidirectional control U+202E`.
func textProblem(s string, name bool) string {
	if !utf8.ValidString(s) {
		return "text that is not UTF-8"
	}
	for _, r := range s {
		switch {
		case noncharacter(r):
			return fmt.Sprintf("Unicode noncharacter U+%04X", r)
		case bidiControl(r):
			return fmt.Sprintf("bidirectional control U+%04X", r)
		case unicode.IsControl(r) && (name || r != '\t' && r != '\n' && r != '\r'):
			return fmt.Sprintf("control character U+%04X", r)
		case name && unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("invisible character U+%04X", r)
		}
	}
	if n := utf16Len(s); n > maxCellChars {
		return groupInt(n) + " characters"
	}
	return ""
}

// noncharacter reports a Unicode noncharacter: U+FDD0 to U+FDEF, and
// U+xFFFE and U+xFFFF of every plane.
func noncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE && r <= unicode.MaxRune
}

// bidiControl reports a character that sets the direction of the text
// around it: the Arabic letter mark, the left-to-right and right-to-left
// marks, embeddings, overrides and isolates.
func bidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// utf16Len counts s in UTF-16 code units, as a spreadsheet counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func groupInt(n int) string { return carecast.GroupThousands(fmt.Sprint(n)) }

// text checks text typed into a cell, which loc locates, reporting what is
// wrong there; what names the field ("the council's code"). It reports
// whether the text is good.
func (d *decoder) text(loc, what, v string, name bool) bool {
	p := textProblem(v, name)
	if p == "" {
		return true
	}
	expect := "text without it: it cannot be written into every output, or would reorder the text around it on the page"
	switch {
	case utf16Len(v) > maxCellChars:
		expect = fmt.Sprintf("at most %s characters, as many as a spreadsheet cell holds", groupInt(maxCellChars))
	case name:
		expect = "only visible characters and spaces"
	}
	d.err(loc, fmt.Sprintf("%s in %s: found %s; expected %s", p, what, quote(v), expect))
	return false
}
