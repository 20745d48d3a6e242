package carecast

import "testing"

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
