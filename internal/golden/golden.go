// Package golden compares test output with golden files, and rewrites them
// under one flag for every package that has them:
//
//	make golden                  # or: go test ./workbook -run Golden -update
//
// A test that calls Check is named TestXxxGolden, so that make golden,
// which runs -run Golden in every package importing this one, finds it.
// Review the diff of testdata/ after a rewrite: a golden file is the
// program's own output, so it proves only that nothing changed unseen.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is -update: rewrite the golden files rather than compare.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing with them")

// Check compares got with the golden file at path, reporting the first
// lines that differ, or under -update writes got to path.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (if the change is meant, run go test -update and review the diff):\n%s", path, Diff(string(got), string(want)))
	}
}

// Diff lists the first ten lines at which got and want differ, numbered.
func Diff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := 0; i < max(len(g), len(w)) && len(out) < 10; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			out = append(out, fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, gl, wl))
		}
	}
	return strings.Join(out, "\n")
}
