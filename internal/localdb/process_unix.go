//go:build unix

package localdb

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// detached starts the launcher in a session of its own, so the database
// outlives the command that started it and a Ctrl-C in that terminal does
// not reach it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

// askToStop sends SIGTERM, on which the JVM runs the launcher's shutdown
// hook (the stop file does the same, a moment later).
func askToStop(pid int) error { return syscall.Kill(pid, syscall.SIGTERM) }

// isLauncher reports whether pid is alive and runs relmap's launcher. Linux
// shows the command line in /proc; elsewhere (macOS, BSD) ps(1) does.
func isLauncher(pid int) bool {
	if pid <= 0 {
		return false
	}
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if errors.Is(err, os.ErrNotExist) {
		if _, statErr := os.Stat("/proc/self/cmdline"); statErr == nil {
			return false // a /proc without this pid: the process is gone
		}
		return launcherByPS(pid)
	}
	if err != nil {
		return launcherByPS(pid)
	}
	if len(cmdline) == 0 {
		// The kernel empties the command line while a process exits, before
		// it lets go of its port: count it as running until it is gone or a
		// zombie, so a restart does not race the dying JVM.
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return false
		}
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
			return stat[i+2] != 'Z' && stat[i+2] != 'X'
		}
		return false
	}
	return bytes.Contains(cmdline, []byte(launcherClass))
}

// launcherByPS asks ps(1) for the command line of pid, where there is no
// /proc to read it from.
func launcherByPS(pid int) bool {
	if syscall.Kill(pid, 0) != nil && !errors.Is(syscall.Kill(pid, 0), syscall.EPERM) {
		return false
	}
	out, err := exec.Command("ps", "-o", "command=", "-p", strconv.Itoa(pid)).Output()
	return err == nil && bytes.Contains(out, []byte(launcherClass))
}
