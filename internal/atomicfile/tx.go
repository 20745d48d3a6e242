package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Tx writes the outputs of one run as a whole: every file is first
// written in full to a temporary file beside its destination (Stage), and
// only when all are complete are they renamed into place (Commit). If any
// write fails, or a destination cannot take its file (a folder of that
// name, say), nothing is renamed, or what was renamed is put back: the
// temporaries go and the previous outputs stay as they were. Abort does
// the same on demand and can be deferred.
//
// Each folder a Tx writes into is locked while it does (LockName in the
// folder, held with flock), so that two runs writing into one folder take
// turns rather than mixing their outputs: the second waits up to Wait,
// then fails with a *LockedError saying which process holds the folder.
// Holding the lock, a Tx removes the temporaries that a run killed part
// way left behind (only carecast's, and only those of a run no longer
// running: see createTemp).
type Tx struct {
	// Protect are the input files and folders, never written over (see
	// RefuseInput).
	Protect []string
	// Wait is how long to wait for another run's lock on a folder; 0
	// means DefaultWait.
	Wait time.Duration
	// MakeFolders makes a destination's folder if it does not exist;
	// otherwise that is an error.
	MakeFolders bool

	locks  map[string]*dirLock
	order  []string // folders in the order locked
	staged []*File
	done   bool
}

// DefaultWait is how long a Tx waits for a folder another run holds.
const DefaultWait = 5 * time.Second

// LockName is the lock file a Tx keeps in each folder it writes into,
// while it writes.
const LockName = ".carecast.lock"

// Stage writes path through write, to a temporary file in path's folder
// (made if need be, with MakeFolders), and keeps it for Commit. It refuses a path that is
// one of Protect. On an error the temporary file is removed; the Tx can
// still be aborted, or committed with what was staged before.
func (tx *Tx) Stage(path string, write func(w io.Writer) error) error {
	if tx.done {
		return errors.New("atomicfile: stage after commit or abort")
	}
	if interrupted() {
		return ErrInterrupted
	}
	if err := RefuseInput(path, tx.Protect); err != nil {
		return err
	}
	if err := tx.lock(filepath.Dir(path)); err != nil {
		var le *LockedError
		if errors.As(err, &le) {
			return err
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	f, err := Create(path)
	if err != nil {
		return err
	}
	// Staged, or removed: even when write panics.
	defer func() {
		if !slices.Contains(tx.staged, f) {
			f.Abort()
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.finish(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tx.staged = append(tx.staged, f)
	return nil
}

// TempPath is the temporary file that holds path's staged bytes until
// Commit (for a program that must read them first, as a browser reads a
// page to draw its charts), or "" if path is not staged.
func (tx *Tx) TempPath(path string) string {
	for _, f := range tx.staged {
		if f.path == path {
			return f.tmp.Name()
		}
	}
	return ""
}

// Commit renames every staged file into place and releases the folders.
// Before renaming anything it checks that every destination can take its
// file; if a rename still fails, the files already renamed are put back as
// they were (each previous file was kept under a temporary name until
// then). On an error nothing has changed and the temporaries are gone.
func (tx *Tx) Commit() (err error) {
	if tx.done {
		return errors.New("atomicfile: commit after commit or abort")
	}
	if err := beginCommit(); err != nil {
		tx.Abort()
		return err
	}
	defer endCommit() // last: after the clean-up below
	defer tx.Abort()
	for _, f := range tx.staged {
		if fi, err := os.Lstat(f.path); err == nil && fi.IsDir() {
			return fmt.Errorf("cannot write %s: a folder of that name is in the way", f.path)
		}
	}
	// Keep each previous file under a temporary name, to put it back.
	backups := make([]string, len(tx.staged))
	defer func() {
		for _, b := range backups {
			if b != "" {
				os.Remove(b)
				forget(b)
			}
		}
	}()
	for i, f := range tx.staged {
		if _, err := os.Lstat(f.path); err != nil {
			continue // nothing there yet
		}
		b, err := tempName(f.path, tagBak)
		if err != nil {
			return err
		}
		if err := os.Link(f.path, b); err != nil {
			return fmt.Errorf("keeping the previous %s: %w", f.path, err)
		}
		backups[i] = b
	}
	for i, f := range tx.staged {
		if err := os.Rename(f.tmp.Name(), f.path); err != nil {
			// Put back the files renamed so far.
			for j := i - 1; j >= 0; j-- {
				g := tx.staged[j]
				if backups[j] != "" {
					os.Rename(backups[j], g.path)
					forget(backups[j])
					backups[j] = ""
				} else {
					os.Remove(g.path)
				}
			}
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		f.done = true
		forget(f.tmp.Name())
	}
	for _, dir := range tx.order {
		syncDir(dir)
	}
	return nil
}

// Abort removes the temporaries of every file staged and not committed,
// and releases the folders. It does nothing after Commit or Abort.
func (tx *Tx) Abort() {
	if tx.done {
		return
	}
	tx.done = true
	for _, f := range tx.staged {
		if !f.done {
			f.done = true
			os.Remove(f.tmp.Name())
			forget(f.tmp.Name())
		}
	}
	for i := len(tx.order) - 1; i >= 0; i-- {
		l := tx.locks[tx.order[i]]
		held.Lock()
		delete(held.locks, l)
		held.Unlock()
		l.release()
	}
}

// lock takes dir's lock once per Tx, making dir if need be, and removes
// stale temporaries from it.
func (tx *Tx) lock(dir string) error {
	dir = filepath.Clean(dir)
	if tx.locks == nil {
		tx.locks = map[string]*dirLock{}
	}
	if tx.locks[dir] != nil {
		return nil
	}
	if tx.MakeFolders {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	wait := tx.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	l, err := lockDir(dir, wait)
	if err != nil {
		return err
	}
	tx.locks[dir] = l
	tx.order = append(tx.order, dir)
	held.Lock()
	held.locks[l] = true
	held.Unlock()
	removeStale(dir)
	return nil
}

// tempName is a name not yet taken in path's folder, tagged tag (see
// createTemp), noted as in use until forget.
func tempName(path, tag string) (string, error) {
	f, err := createTemp(filepath.Dir(path), tag)
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// LockedError says that another process holds a folder's lock.
type LockedError struct {
	Dir    string
	Holder string // "1234 (carecast forecast ...)": its pid and command; "" if unknown
	Waited time.Duration
}

func (e *LockedError) Error() string {
	who := "another process"
	if e.Holder != "" {
		who = "process " + e.Holder
	}
	return fmt.Sprintf("%s is being written by %s; waited %s: try again when it has finished",
		e.Dir, who, e.Waited.Round(time.Millisecond))
}

// holderText is what a lock file says about the process holding it.
func holderText() string {
	// One line, whatever the arguments hold (a lock is checked by its text).
	args := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, strings.Join(os.Args, " "))
	return fmt.Sprintf("%d (%s)", os.Getpid(), args)
}
