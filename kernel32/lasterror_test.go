//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// TestLastErrorIsPerCall proves the last error is read in the same C call
// as the API: goroutines, which the runtime moves between OS threads,
// interleave calls failing with different codes and calls succeeding; each
// error must carry its own call's code, each success no error. Reading
// GetLastError in a second cgo call would let another call's code (or the
// runtime's own) leak in.
//
// The invalid handles are values no allocation hands out, not closed
// handles (see testutil.InvalidHandle).
func TestLastErrorIsPerCall(t *testing.T) {
	const goroutines, iterations = 8, 10000
	missing := testutil.UniqueName("wincgo-missing")
	live := newEvent(t, true, false)
	badPath := testutil.UniqueName("wincgo-no-such-directory") + `\event`
	// 0x3ffffff0, like testutil.InvalidHandle, is above any handle value.
	const bogus1, bogus2 = wintypes.HANDLE(testutil.InvalidHandle), wintypes.HANDLE(0x3ffffff0)

	var wg sync.WaitGroup
	failures := make(chan string, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			fail := func(format string, args ...any) {
				failures <- fmt.Sprintf("goroutine %d: ", g) + fmt.Sprintf(format, args...)
			}
			for i := 0; i < iterations; i++ {
				switch (g + i) % 5 {
				case 0:
					if _, err := OpenEvent(SYNCHRONIZE, false, missing); !errors.Is(err, ERROR_FILE_NOT_FOUND) {
						fail("iteration %d: OpenEvent on a missing name: %v", i, err)
						return
					}
				case 1:
					if err := CloseHandle(bogus1); !errors.Is(err, ERROR_INVALID_HANDLE) {
						fail("iteration %d: CloseHandle on a bogus handle: %v", i, err)
						return
					}
				case 2:
					if _, err := OpenEvent(SYNCHRONIZE, false, badPath); !errors.Is(err, ERROR_PATH_NOT_FOUND) {
						fail("iteration %d: OpenEvent in a missing directory: %v", i, err)
						return
					}
				case 3:
					if _, err := WaitForSingleObject(bogus2, 0); !errors.Is(err, ERROR_INVALID_HANDLE) {
						fail("iteration %d: WaitForSingleObject on a bogus handle: %v", i, err)
						return
					}
				case 4:
					if err := SetEvent(live); err != nil {
						fail("iteration %d: SetEvent on a live event: %v", i, err)
						return
					}
				}
				if i%64 == 0 {
					runtime.Gosched() // invite the scheduler to move us
				}
			}
		}(g)
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
}

func TestSetGetLastError(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	SetLastError(ERROR_ACCESS_DENIED)
	assert.Equal(t, ERROR_ACCESS_DENIED, GetLastError())
	SetLastError(0x20000001) // an application-defined code (bit 29)
	assert.Equal(t, syscall.Errno(0x20000001), GetLastError())
	SetLastError(ERROR_SUCCESS)
	assert.Equal(t, ERROR_SUCCESS, GetLastError())
	// FormatMessage's text for any code: the errors package's.
	want := "Access is denied"
	if testutil.IsWine() {
		want = "Access denied" // Wine's message table words it so
	}
	assert.Equal(t, want, wincgoerrors.Message(ERROR_ACCESS_DENIED))
}
