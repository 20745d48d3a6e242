// Package atomicfile writes files so that a reader never sees half of one:
// the bytes go to a temporary file in the same folder, which is synced and
// then renamed over the destination. A write that fails, or is abandoned,
// leaves the destination as it was and no temporary file behind.
//
// WriteFile is the whole of it for one file. File (Create, Commit, Abort)
// is the same in steps, for a caller that writes several files and decides
// at the end whether to keep them.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Perm is the permission of every file written: readable by all, as a file
// written with os.Create under the usual umask would be.
const Perm = 0o644

// File is a file being written: a temporary file beside its destination
// that becomes the destination on Commit, or disappears on Abort. Writes
// are buffered. A File is for one goroutine.
type File struct {
	path string // destination
	tmp  *os.File
	buf  *bufio.Writer
	done bool // committed or aborted
}

// Create starts writing path: it creates a temporary file in path's folder
// (so the final rename stays on one file system). Nothing exists at path
// until Commit.
func Create(path string) (*File, error) {
	if interrupted() {
		return nil, ErrInterrupted
	}
	tmp, err := createTemp(filepath.Dir(path), tagTmp)
	if err != nil {
		return nil, err
	}
	return &File{path: path, tmp: tmp, buf: bufio.NewWriter(tmp)}, nil
}

// Path is the destination the file is written to.
func (f *File) Path() string { return f.path }

// Write writes p to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, errors.New("atomicfile: write after commit or abort")
	}
	return f.buf.Write(p)
}

// Commit flushes, syncs and closes the temporary file, gives it Perm and
// renames it over the destination. On an error the temporary file is
// removed and the destination is untouched. Commit after Commit or Abort
// is an error.
func (f *File) Commit() (err error) {
	if f.done {
		return fmt.Errorf("atomicfile: %s: commit after commit or abort", f.path)
	}
	if err := beginCommit(); err != nil {
		f.Abort()
		return err
	}
	defer endCommit()
	f.done = true
	defer func() {
		if err != nil {
			f.tmp.Close()
			os.Remove(f.tmp.Name())
		}
		forget(f.tmp.Name())
	}()
	if err = f.finish(); err != nil {
		return err
	}
	return os.Rename(f.tmp.Name(), f.path)
}

// finish flushes, syncs and closes the temporary file and gives it Perm,
// ready to be renamed.
func (f *File) finish() error {
	if err := f.buf.Flush(); err != nil {
		return err
	}
	if err := f.tmp.Sync(); err != nil {
		return err
	}
	if err := f.tmp.Close(); err != nil {
		return err
	}
	return os.Chmod(f.tmp.Name(), Perm)
}

// Abort closes and removes the temporary file, leaving the destination as
// it was. It does nothing after Commit or Abort, so it can be deferred:
//
//	f, err := atomicfile.Create(path)
//	if err != nil { return err }
//	defer f.Abort()
//	... write ...
//	return f.Commit()
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	f.tmp.Close()
	defer forget(f.tmp.Name())
	return os.Remove(f.tmp.Name())
}

// WriteFile writes path through write, atomically: either write succeeds
// and path holds everything it wrote, or path is left as it was.
func WriteFile(path string, write func(w io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

// RefuseInput returns an error if writing path would write over one of
// inputs (files or folders a command read), compared after resolving
// links, or would put a file directly inside an input folder (the next
// read of the folder would see an unknown file).
func RefuseInput(path string, inputs []string) error {
	target, err := canonical(path)
	if err != nil {
		return err
	}
	for _, p := range inputs {
		in, err := canonical(p)
		if err != nil {
			continue
		}
		if in == target {
			return fmt.Errorf("refusing to write %s: it is an input file", path)
		}
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			if rel, err := filepath.Rel(in, target); err == nil && filepath.Dir(rel) == "." {
				return fmt.Errorf("refusing to write %s: it is inside the input folder %s", path, p)
			}
		}
	}
	return nil
}

// WriteFileExcept is WriteFile after RefuseInput: it writes path unless
// path is one of inputs.
func WriteFileExcept(path string, inputs []string, write func(w io.Writer) error) error {
	if err := RefuseInput(path, inputs); err != nil {
		return err
	}
	return WriteFile(path, write)
}

// canonical resolves path to an absolute path with links followed; a path
// that does not exist yet is resolved through its folder.
func canonical(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r, nil
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return abs, nil
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}
