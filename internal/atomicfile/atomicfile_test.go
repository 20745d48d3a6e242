package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entries lists the names in dir, to show that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new contents")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new contents" {
		t.Fatalf("got %q, %v", b, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != Perm {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), os.FileMode(Perm))
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only out.txt", got)
	}
}

func TestWriteFileFailureLeavesOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the old file became %q", b)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only out.txt", got)
	}
}

func TestCreateCommitAbort(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	fa, err := Create(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Create(b)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fa, "kept")
	io.WriteString(fb, "dropped")
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("a exists before Commit: %v", err)
	}
	if err := fa.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := fb.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := fa.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if err := fa.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
	if _, err := fb.Write([]byte("x")); err == nil {
		t.Error("Write after Abort succeeded")
	}
	if got := strings.Join(entries(t, dir), ","); got != "a" {
		t.Errorf("folder holds %s, want a", got)
	}
	if s, _ := os.ReadFile(a); string(s) != "kept" {
		t.Errorf("a holds %q", s)
	}
	if fa.Path() != a {
		t.Errorf("Path() = %s, want %s", fa.Path(), a)
	}
}

func TestRefuseInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "inputs.xlsx")
	if err := os.WriteFile(in, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	csvDir := filepath.Join(dir, "csv")
	if err := os.Mkdir(csvDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path   string
		inputs []string
		want   string // "" for allowed
	}{
		{in, []string{in}, "it is an input file"},
		{link, []string{in}, "it is an input file"},
		{in, []string{link}, "it is an input file"},
		{filepath.Join(dir, ".", "inputs.xlsx"), []string{in}, "it is an input file"},
		{filepath.Join(csvDir, "charts.html"), []string{csvDir}, "inside the input folder"},
		{filepath.Join(dir, "forecast.xlsx"), []string{in, csvDir}, ""},
		{filepath.Join(csvDir, "sub", "x.png"), []string{csvDir}, ""},
	} {
		err := RefuseInput(c.path, c.inputs)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("RefuseInput(%s, %v) = %v, want %q", c.path, c.inputs, err, c.want)
		}
	}
	if err := WriteFileExcept(in, []string{in}, func(io.Writer) error { return nil }); err == nil {
		t.Error("WriteFileExcept wrote over its input")
	}
	if b, _ := os.ReadFile(in); string(b) != "x" {
		t.Errorf("the input became %q", b)
	}
}
