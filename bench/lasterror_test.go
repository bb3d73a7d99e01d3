//go:build windows

package bench

import (
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
)

// TestTEBLastError proves cdefs/wincgo.h's inline access to the thread's
// last error (LastErrorValue in the TEB, at 0x68 on amd64 and 0x34 on 386)
// is the field GetLastError and SetLastError use, on several OS threads
// at once: each pair of operations runs in one C call, so the thread
// cannot change in between. On other architectures wincgo.h calls
// GetLastError and SetLastError themselves and the test holds trivially.
//
// Winsock: Microsoft documents WSAGetLastError and WSASetLastError as the
// thread's last error too; the test asserts it, under Wine as well (Wine
// 8's ws2_32 implements them as GetLastError and SetLastError), although
// the Winsock shims keep calling WSAGetLastError, which MSDN prescribes.
func TestTEBLastError(t *testing.T) {
	switch runtime.GOARCH {
	case "amd64":
		require.Equal(t, 0x68, tebOffset())
	case "386":
		require.Equal(t, 0x34, tebOffset())
	default:
		require.Equal(t, -1, tebOffset(), "no TEB offset outside amd64 and 386")
	}
	codes := []uint32{0, 1, 2, 6, 183, 997, 10035, 10038, 0x7FFFFFFF, 0xDEADBEEF, 0xFFFFFFFF}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for i := 0; i < 1000; i++ {
				for _, code := range codes {
					code ^= uint32(g) // each thread its own values
					// Each pair runs in one C call: between two cgo calls the
					// Go runtime clears the last error itself (its own Windows
					// calls do), which is why shims read it in the call.
					if !assert.Equal(t, code, tebSetThenGetLastError(code), "inline write, GetLastError") ||
						!assert.Equal(t, code, setLastErrorThenTEB(code), "SetLastError, inline read") ||
						!assert.Equal(t, code, wsaSetLastErrorThenTEB(int32(code)), "WSASetLastError, inline read") ||
						!assert.Equal(t, int32(code), tebSetThenWSAGetLastError(code), "inline write, WSAGetLastError") {
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if testutil.IsWine() {
		t.Logf("under Wine %s: the TEB's LastErrorValue is GetLastError's, as on Windows", testutil.WineVersion())
	}
}
