package testtools

import (
	"os/exec"
	"syscall"
)

// setPdeathsig has the kernel kill cmd's process when the thread that
// started it ends (launch keeps that thread for the process's life).
func setPdeathsig(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
