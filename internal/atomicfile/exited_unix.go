//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// exited says whether no process with this id is running (signal 0 finds
// none). A process that runs but is not ours (EPERM) has not exited.
func exited(pid int) bool {
	if pid <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
