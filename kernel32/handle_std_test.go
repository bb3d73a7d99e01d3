//go:build windows

package kernel32

import "os"

// osStdHandle returns the handle Go's os package holds for fd 0, 1 or 2.
func osStdHandle(fd int) uintptr {
	return []*os.File{os.Stdin, os.Stdout, os.Stderr}[fd].Fd()
}
