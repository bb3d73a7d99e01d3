//go:build windows

package kernel32

import "os"

// osStdFiles are os.Stdin, os.Stdout and os.Stderr as the os package opened
// them, captured at package initialisation, before testing.M.Run: with
// -test.v=test2json (go test -json, gotestsum), Run sets os.Stderr =
// os.Stdout (go.dev/issue/33419), after which os.Stderr.Fd() is the
// standard output handle, not the process's standard error handle.
var osStdFiles = [...]*os.File{os.Stdin, os.Stdout, os.Stderr}

// osStdHandle returns the handle Go's os package holds for fd 0, 1 or 2.
func osStdHandle(fd int) uintptr {
	return osStdFiles[fd].Fd()
}
