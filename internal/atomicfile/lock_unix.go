//go:build unix

package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
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
//
// The lock is opened without following a link, and written only when it
// is a regular file carecast made (see openLock): a link, a folder, a
// device, a file with other names (a hard link) or a file holding anything
// but a lock's text is refused, so that no command writes outside its
// folder through a planted .carecast.lock.
func lockDir(dir string, wait time.Duration) (*dirLock, error) {
	path := filepath.Join(dir, LockName)
	start := time.Now()
	for {
		f, err := openLock(path)
		if errors.Is(err, errLetGo) {
			continue
		}
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			// The holder before us removes the file as it lets go: if it
			// did between our open and our lock, ours is a file no one
			// else will lock, so start again.
			if same(f, path) {
				if err := checkLock(f, path); err != nil {
					f.Close()
					return nil, err
				}
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
			holder := readHolder(path)
			return nil, &LockedError{Dir: dir, Holder: holder, Waited: waited}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// errLetGo is openLock's error for a lock file removed between its open
// and its check (the holder letting go): lockDir opens the lock again.
var errLetGo = errors.New("the lock was removed as it was opened")

// openLock opens the lock file at path for writing, creating it if need
// be, without following a link (O_NOFOLLOW: a link is refused, ELOOP) and
// without blocking on a FIFO (O_NONBLOCK), and refuses anything but a
// regular file with this one name.
func openLock(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, notOurLock(path, kind(fi.Mode()))
	}
	fd, err := syscall.Open(path, syscall.O_RDWR|syscall.O_CREAT|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, Perm)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, notOurLock(path, "a symbolic link")
		}
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, notOurLock(path, kind(fi.Mode()))
		}
		return nil, fmt.Errorf("opening the lock %s: %w", path, err)
	}
	f := os.NewFile(uintptr(fd), path)
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notOurLock(path, kind(fi.Mode()))
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink == 0 {
		// The run that held it removed it, letting go, after we opened
		// it: not a planted file, but a lock no one will use again.
		f.Close()
		return nil, errLetGo
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink != 1 {
		f.Close()
		return nil, notOurLock(path, fmt.Sprintf("a file with %d names (hard links)", st.Nlink))
	}
	return f, nil
}

// lockText is what carecast writes in a lock: "pid (command line)".
var lockText = regexp.MustCompile(`^[0-9]+ \([^\n]*\)\n?$`)

// checkLock refuses a lock file that holds anything but a lock's text
// (or nothing: a lock just made, or made by a run killed before it wrote
// its line), as read through f.
func checkLock(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return nil
	}
	if fi.Size() > 64<<10 {
		return notOurLock(path, "a large file")
	}
	b, err := io.ReadAll(io.NewSectionReader(f, 0, fi.Size()))
	if err != nil {
		return err
	}
	if !lockText.Match(b) {
		return notOurLock(path, "a file carecast did not write")
	}
	return nil
}

// readHolder is the text of the lock at path, when it is a regular file.
func readHolder(path string) string {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > 64<<10 {
		return ""
	}
	b, _ := os.ReadFile(path)
	return strings.TrimSpace(string(b))
}

// notOurLock is the error for a LockName that carecast will not use.
func notOurLock(path, what string) error {
	return fmt.Errorf("%s is %s, not a lock carecast made; carecast writes nothing through it: remove it and run again", path, what)
}

// kind names a file mode in words.
func kind(m os.FileMode) string {
	switch {
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	default:
		return "not a regular file"
	}
}

// same says whether f is still the file at path (not following a link).
func same(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Lstat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// release removes the lock file, if it is still ours, and lets go of it.
func (l *dirLock) release() {
	if same(l.f, l.path) {
		os.Remove(l.path)
	}
	l.f.Close()
}

// remove removes the lock file if it is still ours, keeping hold of it
// (the process is about to end, which lets go).
func (l *dirLock) remove() {
	if same(l.f, l.path) {
		os.Remove(l.path)
	}
}
