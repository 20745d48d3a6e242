//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// dirLock is a folder's LockName held with flock: the kernel releases it
// when the process ends, however it ends, so a killed run never leaves a
// folder locked.
type dirLock struct {
	f    *os.File
	path string
}

// lockDir takes dir's lock, waiting up to wait for another process (or
// another Tx) that holds it.
func lockDir(dir string, wait time.Duration) (*dirLock, error) {
	path := filepath.Join(dir, LockName)
	start := time.Now()
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, Perm)
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			// The holder before us removes the file as it lets go: if it
			// did between our open and our lock, ours is a file no one
			// else will lock, so start again.
			if same(f, path) {
				f.Truncate(0)
				f.WriteAt([]byte(holderText()+"\n"), 0)
				return &dirLock{f: f, path: path}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, err
		}
		if waited := time.Since(start); waited >= wait {
			holder, _ := os.ReadFile(path)
			return nil, &LockedError{Dir: dir, Holder: strings.TrimSpace(string(holder)), Waited: waited}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// same says whether f is still the file at path.
func same(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// release removes the lock file and lets go of it.
func (l *dirLock) release() {
	os.Remove(l.path)
	l.f.Close()
}
