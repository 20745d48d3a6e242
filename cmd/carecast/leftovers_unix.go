//go:build unix

package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stopLeftovers kills every process (but this one) with an argument
// naming a file inside dir, the run's private folder: the helpers of the
// run's Chromium (zygote, renderers, GPU and network service, crash
// handler), whose arguments name its profile there. Killed, or closed,
// its main process stops at once, but the helpers notice only a moment
// later, and under load they were still running, and writing in the
// profile, after carecast had exited. It looks again until it finds none
// three times in a row, for at most two seconds, as chromedp does for a
// profile of its own making. Without /proc it does nothing.
func stopLeftovers(dir string) {
	if dir == "" {
		return
	}
	want := []byte(strings.TrimSuffix(dir, "/") + "/")
	deadline := time.Now().Add(2 * time.Second)
	for quiet := 0; quiet < 3 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if killUsing(want) == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
}

// killUsing kills the processes with an argument holding want, and
// returns how many it found.
func killUsing(want []byte) int {
	es, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	self, n := os.Getpid(), 0
	for _, e := range es {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err != nil || !bytes.Contains(b, want) {
			continue
		}
		syscall.Kill(pid, syscall.SIGKILL)
		n++
	}
	return n
}
