//go:build windows

package kernel32

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// TestMain lets the test binary run as a child process in a registered
// role (testutil.Role) for the tests that need another process, and runs
// the tests with testutil's handle leak check around them, the thread
// pool's wait machinery set up before the baseline (warmUpRegisteredWaits).
func TestMain(m *testing.M) { testutil.Main(m, testutil.WarmUp(warmUpRegisteredWaits)) }

// warmUpRegisteredWaits registers, then unregisters, as many waits at once
// as the tests ever hold (TestRegisteredWaitsOnOnePort: 600), so that the
// process's thread pool has grown its wait threads and their events (Wine
// 8: one bucket, with an event, per 63 waits) before the baseline. The pool
// ends a bucket's thread 5 s after its last wait went, and grows it again
// for the next waits: testutil's leak check waits for that.
func warmUpRegisteredWaits() {
	const waits = 640
	port, err := CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0)
	if err != nil {
		panic(err)
	}
	ev, _, err := CreateEvent(true, false, nil, "")
	if err != nil {
		panic(err)
	}
	handles := make([]wintypes.HANDLE, 0, waits)
	for range waits {
		h, err := RegisterWaitForSingleObject(ev, port, 0, INFINITE, 0)
		if err != nil {
			panic(err)
		}
		handles = append(handles, h)
	}
	for _, h := range handles {
		if err := UnregisterWaitEx(h, INVALID_HANDLE_VALUE); err != nil {
			panic(err)
		}
	}
	for _, h := range []wintypes.HANDLE{ev, port} {
		if err := CloseHandle(h); err != nil {
			panic(err)
		}
	}
}
