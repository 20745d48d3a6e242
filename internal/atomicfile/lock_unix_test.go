//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A .carecast.lock that is not a lock carecast made is refused, and
// nothing is written through it, inside the folder or outside.
func TestLockRefusesPlantedFiles(t *testing.T) {
	for _, c := range []struct {
		name  string
		plant func(t *testing.T, lock, outside string)
		want  string
	}{
		{"a link to a file outside", func(t *testing.T, lock, outside string) {
			writeFile(t, outside, "the user's file\n")
			symlink(t, outside, lock)
		}, "is a symbolic link, not a lock carecast made"},
		{"a link to nothing yet", func(t *testing.T, lock, outside string) {
			symlink(t, outside, lock)
		}, "is a symbolic link, not a lock carecast made"},
		{"a hard link to a file outside", func(t *testing.T, lock, outside string) {
			writeFile(t, outside, "the user's file\n")
			if err := os.Link(outside, lock); err != nil {
				t.Skip("cannot make a hard link:", err)
			}
		}, "is a file with 2 names (hard links), not a lock carecast made"},
		{"a user's file", func(t *testing.T, lock, outside string) {
			writeFile(t, lock, "the user's notes\n")
		}, "is a file carecast did not write, not a lock carecast made"},
		{"a folder", func(t *testing.T, lock, outside string) {
			if err := os.Mkdir(lock, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "is a folder, not a lock carecast made"},
		{"a FIFO", func(t *testing.T, lock, outside string) {
			if err := syscall.Mkfifo(lock, 0o644); err != nil {
				t.Skip("cannot make a FIFO:", err)
			}
		}, "is a FIFO (named pipe), not a lock carecast made"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "out")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			lock, outside := filepath.Join(dir, LockName), filepath.Join(root, "outside.txt")
			c.plant(t, lock, outside)
			before, _ := os.ReadFile(outside)
			_, beforeErr := os.Lstat(outside)
			tx := &Tx{}
			err := tx.Stage(filepath.Join(dir, "forecast.xlsx"), writeString("new"))
			tx.Abort()
			if err == nil || !strings.Contains(err.Error(), lock+" "+c.want) {
				t.Errorf("Stage: %v; want %q", err, c.want)
			}
			after, _ := os.ReadFile(outside)
			_, afterErr := os.Lstat(outside)
			if string(after) != string(before) || os.IsNotExist(beforeErr) != os.IsNotExist(afterErr) {
				t.Errorf("the file outside changed: %q (%v) -> %q (%v)", before, beforeErr, after, afterErr)
			}
			if _, err := os.Lstat(lock); err != nil {
				t.Errorf("the planted %s was removed: %v", LockName, err)
			}
			if got := names(t, dir); got != LockName {
				t.Errorf("the folder holds %s; want the planted lock alone", got)
			}
		})
	}
}

// A lock left by a killed run (its text, or nothing) is taken over.
func TestLockTakesOverALeftLock(t *testing.T) {
	for _, text := range []string{"", "4242 (carecast forecast --out x)\n", "4242 (carecast)"} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, LockName), text)
		tx := &Tx{}
		if err := tx.Stage(filepath.Join(dir, "a.txt"), writeString("a")); err != nil {
			t.Fatalf("lock holding %q: %v", text, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := names(t, dir); got != "a.txt" {
			t.Errorf("lock holding %q: the folder holds %s", text, got)
		}
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("cannot make a symbolic link:", err)
	}
}
