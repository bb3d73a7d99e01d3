//go:build windows

package kernel32

import "syscall"

// GetLastError returns the calling OS thread's last-error code.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror
//
// wincgo's wrappers never need it: each shim reads the last error in the
// same C call as the function, and the errors they return carry it. Read
// on its own, in a second cgo call, the value is whatever the OS thread
// holds now: Go may have moved the goroutine to another thread, or the
// runtime called Windows, in between. It is meaningful only between calls
// made on a thread held with runtime.LockOSThread, such as after
// SetLastError. errors.Message gives the FormatMessage text of any code.
//
// It cannot fail.
func GetLastError() syscall.Errno {
	return syscall.Errno(rawGetLastError())
}

// SetLastError sets the calling OS thread's last-error code.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-setlasterror
//
// As with GetLastError, the code belongs to the OS thread, not the
// goroutine: hold the thread with runtime.LockOSThread for it to mean
// anything. wincgo's own calls clear it before calling Windows.
//
// It cannot fail.
func SetLastError(dwErrCode syscall.Errno) {
	rawSetLastError(uint32(dwErrCode))
}
