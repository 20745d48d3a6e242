//go:build !unix

package atomicfile

// exited cannot tell here whether another process still runs: the
// temporaries of other processes are left alone.
func exited(pid int) bool { return false }
