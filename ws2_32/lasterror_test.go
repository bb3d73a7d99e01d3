//go:build windows

package ws2_32

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/windows"
)

// TestWSASetLastError: the code set is what the thread's last error (which
// WSAGetLastError returns) reads, on a locked thread.
func TestWSASetLastError(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	WSASetLastError(syscall.Errno(windows.WSAEWOULDBLOCK))
	assert.Equal(t, windows.WSAEWOULDBLOCK, windows.GetLastError())
	WSASetLastError(0)
	assert.NoError(t, windows.GetLastError())
}
