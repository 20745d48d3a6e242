//go:build !linux

package testtools

import "os/exec"

// setPdeathsig does nothing where the system has no Pdeathsig: Main stops
// the shared programs at the end of a run.
func setPdeathsig(*exec.Cmd) {}
