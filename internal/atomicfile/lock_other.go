//go:build !unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// dirLock is a folder's LockName, created exclusively: without flock, a
// lock file left by a killed run must be removed by hand (the error names
// it).
type dirLock struct{ path string }

func lockDir(dir string, wait time.Duration) (*dirLock, error) {
	path := filepath.Join(dir, LockName)
	start := time.Now()
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, Perm)
		if err == nil {
			f.WriteString(holderText() + "\n")
			f.Close()
			return &dirLock{path: path}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if waited := time.Since(start); waited >= wait {
			holder, _ := os.ReadFile(path)
			return nil, &LockedError{Dir: dir, Holder: strings.TrimSpace(string(holder)), Waited: waited}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (l *dirLock) release() { os.Remove(l.path) }

func (l *dirLock) remove() { os.Remove(l.path) }
