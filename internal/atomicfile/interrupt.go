package atomicfile

import (
	"errors"
	"os"
	"sync"
)

// ErrInterrupted is returned by a Stage, Commit or Create after Interrupt.
var ErrInterrupted = errors.New("interrupted")

// interruption orders commits and Interrupt: a commit in progress holds
// it for reading, so that Interrupt, which takes it for writing, waits for
// the commit to finish (or be put back) and never leaves half of one.
var interruption struct {
	sync.RWMutex
	done bool
}

// beginCommit marks a commit in progress; it fails after Interrupt. The
// caller calls endCommit when the commit has finished or been put back.
func beginCommit() error {
	interruption.RLock()
	if interruption.done {
		interruption.RUnlock()
		return ErrInterrupted
	}
	return nil
}

func endCommit() { interruption.RUnlock() }

// held are the lock files this process holds, for Interrupt.
var held = struct {
	sync.Mutex
	locks map[*dirLock]bool
}{locks: map[*dirLock]bool{}}

// Interrupt is for a program stopped by a signal: it waits for any commit
// in progress to finish, then removes every temporary file this process is
// writing and every lock file it holds, and makes every later Stage,
// Create and Commit fail with ErrInterrupted. The outputs are as they were
// before the run, or as a finished commit left them; nothing half-written
// stays. The program should exit soon after.
func Interrupt() {
	interruption.Lock()
	interruption.done = true
	interruption.Unlock()
	live.Lock()
	for name := range live.names {
		os.Remove(name)
		delete(live.names, name)
	}
	live.Unlock()
	held.Lock()
	for l := range held.locks {
		l.remove()
		delete(held.locks, l)
	}
	held.Unlock()
}

// interrupted says whether Interrupt was called.
func interrupted() bool {
	interruption.RLock()
	defer interruption.RUnlock()
	return interruption.done
}
