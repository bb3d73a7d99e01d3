//go:build windows

package ws2_32

import "syscall"

// WSASetLastError sets the calling OS thread's Winsock error code (which
// WSAGetLastError returns; on Windows it is the thread's last-error code).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsasetlasterror
//
// wincgo's wrappers read the Winsock error in the same C call as each
// function, so they never need it. The code belongs to the OS thread, not
// the goroutine: it means something only on a thread held with
// runtime.LockOSThread. Winsock need not be started for it.
//
// It cannot fail.
func WSASetLastError(iError syscall.Errno) {
	// The code read back is for the tests.
	_ = wsaSetLastError(iError)
}

// wsaSetLastError is WSASetLastError returning the code WSAGetLastError
// reads right after it, in the same C call (for the test: a second cgo
// call may run on another thread, or after the runtime changed the code).
func wsaSetLastError(iError syscall.Errno) syscall.Errno {
	return syscall.Errno(rawWSASetLastError(int32(iError)).LastError)
}
