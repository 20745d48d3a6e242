package carecast

import (
	"strconv"
	"strings"
)

// File names per council. An output written once per council (a cabinet
// paper, say: paper-HAV.docx) names its file from a stem that FileStems
// gives each council: the one rule, so that no two councils' files, nor a
// council's and the consortium's, can share a name, and no code can name
// a file elsewhere or one too long for the file system.

// ConsortiumStem is the stem of the consortium's own files
// (paper-consortium.docx); no council's stem is the same, in any case.
const ConsortiumStem = "consortium"

// MaxStem is the longest stem, in bytes: with a prefix such as "paper-"
// and an extension the name stays far below the 255 bytes most file
// systems allow.
const MaxStem = 64

// FileStems returns the file-name stem of each council, in the order
// given. A stem holds only ASCII letters, digits, hyphens and underscores
// (any other character of the code becomes a hyphen) and is at most
// MaxStem bytes. Stems are unique ignoring case (as names are on the file
// systems of Windows and macOS) and never ConsortiumStem.
//
// A council whose code is already such a stem keeps it. The others (a
// code changed by the rule, cut to length, or the consortium's) take the
// stem the rule gives, or if that is taken the first of stem-2, stem-3,
// ... that is free, in the order of the councils: the same councils give
// the same stems.
func FileStems(councils []Council) []string {
	stems := make([]string, len(councils))
	taken := map[string]bool{strings.ToLower(ConsortiumStem): true}
	// Codes that are stems already, first: "A-B" keeps its name though
	// "A/B" comes before it.
	for i, c := range councils {
		if s := stemOf(c.Code); s == c.Code && !taken[strings.ToLower(s)] {
			stems[i] = s
			taken[strings.ToLower(s)] = true
		}
	}
	for i, c := range councils {
		if stems[i] != "" {
			continue
		}
		base := stemOf(c.Code)
		s := base
		for n := 2; s == "" || taken[strings.ToLower(s)]; n++ {
			suffix := "-" + strconv.Itoa(n)
			s = base[:min(len(base), MaxStem-len(suffix))] + suffix
		}
		stems[i] = s
		taken[strings.ToLower(s)] = true
	}
	return stems
}

// stemOf is code with every character that is not an ASCII letter, digit,
// hyphen or underscore made a hyphen, cut to MaxStem bytes.
func stemOf(code string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, code)
	return s[:min(len(s), MaxStem)]
}
