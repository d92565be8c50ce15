//go:build windows

package localdb

import (
	"syscall"
)

const (
	createNewProcessGroup  = 0x00000200
	detachedProcess        = 0x00000008
	processQueryLimitedInf = 0x1000
	stillActive            = 259
)

// detached starts the launcher without a console and in a process group of
// its own, so the database outlives the command that started it and a
// Ctrl-C in that console does not reach it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: createNewProcessGroup | detachedProcess, HideWindow: true}
}

// askToStop does nothing more on Windows: a detached process has no console
// to send a Ctrl-Break to, so the stop file that Stop writes is the request.
func askToStop(pid int) error { return nil }

// isLauncher reports whether pid is alive. Windows has no cheap way to read
// another process's command line, so a live pid counts, and the caller's
// checks (the state file, the port answering) do the rest.
func isLauncher(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := syscall.OpenProcess(processQueryLimitedInf, false, uint32(pid))
	if err != nil {
		return false
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return false
	}
	return code == stillActive
}
