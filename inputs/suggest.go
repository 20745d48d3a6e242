package inputs

import (
	"github.com/agnivade/levenshtein"
)

// didYouMean returns "; did you mean X?" when one of names is close to
// found, as norm normalises both (Key, or councilNameKey): at most a third
// of its letters (and at most three) added, dropped or changed, so never
// for a name of one or two letters, and closer than any other name (the
// first of equals). It returns "" when none is
// close, or found is a name. Edit distance is Levenshtein's, by
// github.com/agnivade/levenshtein.
func didYouMean(found string, names []string, norm func(string) string) string {
	f := norm(found)
	if f == "" {
		return ""
	}
	best, bestD := "", 4
	for _, n := range names {
		k := norm(n)
		if k == "" {
			continue
		}
		d := levenshtein.ComputeDistance(f, k)
		if d == 0 {
			return ""
		}
		if d < bestD && d <= len([]rune(k))/3 {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "?"
}
