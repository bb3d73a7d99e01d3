//go:build windows

package kernel32

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
)

// TestGetCurrentThreadId compares it with x/sys's on the same locked
// thread, and checks two locked goroutines get different ids.
func TestGetCurrentThreadId(t *testing.T) {
	ids := make(chan [2]uint32, 2)
	release := make(chan struct{})
	for range 2 {
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ids <- [2]uint32{GetCurrentThreadId(), windows.GetCurrentThreadId()}
			// Hold the thread until both reported: two distinct threads.
			<-release
		}()
	}
	a, b := <-ids, <-ids
	close(release)
	assert.Equal(t, a[1], a[0])
	assert.Equal(t, b[1], b[0])
	require.NotZero(t, a[0])
	assert.NotEqual(t, a[0], b[0], "two locked goroutines share an OS thread")
}

// TestThreadSuspendResumeFailures: bad input, a handle Windows refuses,
// and past MAXIMUM_SUSPEND_COUNT (fault injection: reaching it takes 127
// suspensions of a real thread).
func TestThreadSuspendResumeFailures(t *testing.T) {
	_, err := ResumeThread(0)
	testutil.RequireInputError(t, err, "hThread")
	_, err = SuspendThread(0)
	testutil.RequireInputError(t, err, "hThread")
	_, err = ResumeThread(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "ResumeThread", ERROR_INVALID_HANDLE)
	_, err = SuspendThread(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "SuspendThread", ERROR_INVALID_HANDLE)
	disarm := injectFault("SuspendThread", 0xFFFFFFFF, windows.ERROR_SIGNAL_REFUSED)
	_, err = SuspendThread(1)
	disarm()
	testutil.RequireAPIError(t, err, "SuspendThread", windows.ERROR_SIGNAL_REFUSED)
}
