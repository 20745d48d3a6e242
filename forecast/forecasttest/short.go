package forecasttest

import "testing"

// Cases is how many generated cases a test runs: full in make test, short
// under 'go test -short' (make check, the fast loop, which must keep up
// with every small change). The cases are the first short of the same
// sequence, so the fast loop runs a subset of what make test runs.
func Cases[N ~int | ~uint64](full, short N) N {
	if testing.Short() {
		return min(full, short)
	}
	return full
}
