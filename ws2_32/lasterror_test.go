//go:build windows

package ws2_32

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/windows"
)

// TestWSASetLastError: the code set is what WSAGetLastError reads right
// after it on the same thread (read in the same C call: between two cgo
// calls the runtime may run Windows code that changes it).
func TestWSASetLastError(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	assert.Equal(t, syscall.Errno(windows.WSAEWOULDBLOCK), wsaSetLastError(syscall.Errno(windows.WSAEWOULDBLOCK)))
	assert.Equal(t, syscall.Errno(windows.WSAECONNRESET), wsaSetLastError(syscall.Errno(windows.WSAECONNRESET)))
	assert.Equal(t, syscall.Errno(0), wsaSetLastError(0))
	WSASetLastError(0) // the exported form, which returns nothing
}
