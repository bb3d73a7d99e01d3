//go:build windows

package kernel32

import (
	"syscall"

	"github.com/wincgo/wincgo/internal/winconst"
)

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

// GetTempPath returns the directory for temporary files, calling
// GetTempPathW: the first of %TMP%, %TEMP%, %USERPROFILE% and the Windows
// directory that is set, with a trailing backslash. Windows does not check
// that the directory exists.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-gettemppathw
//
// Unlike C, wincgo sizes the buffer (nBufferLength, lpBuffer) itself and
// returns the path as a string.
//
// It returns an *errors.WindowsAPIError when Windows fails.
func GetTempPath() (string, error) {
	// On the stack (the shim is noescape): the returned string is the
	// only allocation unless the path is longer than MAX_PATH.
	var stack [winconst.MAX_PATH + 1]uint16
	buf := stack[:]
	for {
		r := rawGetTempPathW(uint32(len(buf)), &buf[0])
		n := int(uint32(r.Ret))
		if err := r.NonZero(); err != nil {
			return "", err
		}
		if n < len(buf) {
			// n excludes the NUL when the path fitted.
			return syscall.UTF16ToString(buf[:n]), nil
		}
		// Too small: n is the size needed, NUL included.
		buf = make([]uint16, n)
	}
}
