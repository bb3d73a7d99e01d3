//go:build windows

package user32

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// FuzzMsgWaitForMultipleObjects drives the count, the wake mask and the
// handles of a wait that never blocks (dwMilliseconds 0). The invariant:
// nil, an *errors.InputError or an *errors.WindowsAPIError, never a panic;
// pHandles and the handles around it unchanged; every event closed.
func FuzzMsgWaitForMultipleObjects(f *testing.F) {
	f.Add(uint8(1), uint64(1), false, false, int64(0), uint32(0))
	f.Add(uint8(3), uint64(4), false, true, int64(3), uint32(QS_ALLINPUT))
	f.Add(uint8(3), uint64(0), false, true, int64(4), uint32(0))
	f.Add(uint8(3), uint64(0), false, true, int64(-1), uint32(0))
	f.Add(uint8(0), uint64(0), false, false, int64(0), uint32(QS_ALLINPUT|QS_ALLPOSTMESSAGE))
	f.Add(uint8(2), uint64(3), true, false, int64(0), uint32(0))
	f.Add(uint8(kernel32.MAXIMUM_WAIT_OBJECTS-1), uint64(0), false, false, int64(0), uint32(0))
	f.Add(uint8(kernel32.MAXIMUM_WAIT_OBJECTS), uint64(0), false, false, int64(0), uint32(0))
	f.Add(uint8(1), uint64(0), false, true, int64(math.MaxUint32+1), uint32(0))
	f.Add(uint8(1), uint64(0), false, true, int64(math.MinInt64), uint32(0))
	f.Add(uint8(1), uint64(0), false, false, int64(0), uint32(math.MaxUint32))
	f.Fuzz(func(t *testing.T, nHandles uint8, signalled uint64, bWaitAll, hasCount bool, count int64, dwWakeMask uint32) {
		n := int(nHandles) % (kernel32.MAXIMUM_WAIT_OBJECTS + 2)
		const canary = wintypes.HANDLE(0xC0FFEE)
		arena := make([]wintypes.HANDLE, n+4)
		for i := range arena {
			arena[i] = canary
		}
		handles := arena[2 : 2+n : 2+n]
		for i := range handles {
			h, _, err := kernel32.CreateEvent(true, signalled&(1<<(i%64)) != 0, nil, "")
			require.NoError(t, err)
			handles[i] = h
		}
		defer func() {
			for _, h := range handles {
				// Marked inheritable to be told from a new handle of the
				// runtime's reusing the value at once (never inheritable).
				require.NoError(t, kernel32.SetHandleInformation(h, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT))
				require.NoError(t, kernel32.CloseHandle(h))
				if flags, err := kernel32.GetHandleInformation(h); err == nil {
					require.Zero(t, flags&kernel32.HANDLE_FLAG_INHERIT, "handle %#x is still open", h)
				} else {
					testutil.RequireAPIError(t, err, "GetHandleInformation", kernel32.ERROR_INVALID_HANDLE)
				}
			}
		}()
		want := slices.Clone(handles)

		var nCount *int
		effective := int64(n)
		if hasCount {
			nCount = wintypes.Opt(int(count))
			effective = int64(int(count))
		}
		got, err := MsgWaitForMultipleObjects(nCount, handles, bWaitAll, 0, dwWakeMask)

		require.Equal(t, []wintypes.HANDLE{canary, canary}, arena[:2])
		require.Equal(t, []wintypes.HANDLE{canary, canary}, arena[2+n:])
		require.Equal(t, want, handles)
		var input *wincgoerrors.InputError
		var api *wincgoerrors.WindowsAPIError
		switch {
		case err == nil:
		case errors.As(err, &input):
		case errors.As(err, &api):
		default:
			t.Fatalf("error of type %T: %v", err, err)
		}
		validCount := effective >= 0 && effective <= int64(n)
		validMask := dwWakeMask&^uint32(QS_ALLINPUT|QS_ALLPOSTMESSAGE) == 0
		if !validCount || !validMask {
			require.NotNil(t, input, "count %d of %d, mask %#x: %v", effective, n, dwWakeMask, err)
			return
		}
		require.Nil(t, input)
		if effective >= int64(kernel32.MAXIMUM_WAIT_OBJECTS) {
			testutil.RequireAPIError(t, err, "MsgWaitForMultipleObjects", kernel32.ERROR_INVALID_PARAMETER)
			return
		}
		require.NoError(t, err)
		require.True(t, got <= uint32(effective) || got == kernel32.WAIT_TIMEOUT, "result %#x for %d handles", got, effective)
		if !bWaitAll {
			for i := range int(effective) {
				if signalled&(1<<(i%64)) != 0 {
					require.Equal(t, kernel32.WAIT_OBJECT_0+uint32(i), got, "the first signalled handle")
					break
				}
			}
		}
	})
}
