//go:build windows

package ws2_32

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// FuzzWSAEventSelect drives lNetworkEvents on a listening socket on
// 127.0.0.1, with and without an event. The invariant: nil, an
// *errors.InputError or an *errors.WindowsAPIError, never a panic; the
// event is closed at the end.
func FuzzWSAEventSelect(f *testing.F) {
	f.Add(uint32(FD_ACCEPT), true)
	f.Add(uint32(FD_ALL_EVENTS), true)
	f.Add(uint32(0), false)
	f.Add(uint32(FD_READ), false)
	f.Add(uint32(FD_ALL_EVENTS+1), true)
	f.Add(uint32(1<<31), true)
	f.Add(uint32(math.MaxUint32), true)
	f.Fuzz(func(t *testing.T, lNetworkEvents uint32, hasEvent bool) {
		ln := listen(t)
		s := socketOf(t, ln)
		var ev wintypes.WSAEVENT
		if hasEvent {
			var err error
			ev, err = WSACreateEvent()
			require.NoError(t, err)
		}
		err := WSAEventSelect(s, ev, lNetworkEvents)
		var input *wincgoerrors.InputError
		var api *wincgoerrors.WindowsAPIError
		switch {
		case err == nil:
		case errors.As(err, &input):
		case errors.As(err, &api):
		default:
			t.Fatalf("error of type %T: %v", err, err)
		}
		switch {
		case lNetworkEvents&^uint32(FD_ALL_EVENTS) != 0:
			require.NotNil(t, input, "%#x: %v", lNetworkEvents, err)
			require.Equal(t, "lNetworkEvents", input.Name)
		case lNetworkEvents != 0 && !hasEvent:
			require.NotNil(t, input, "%#x without an event: %v", lNetworkEvents, err)
			require.Equal(t, "hEventObject", input.Name)
		default:
			require.NoError(t, err, "%#x", lNetworkEvents)
		}
		if err == nil && lNetworkEvents != 0 {
			// Cancel before the socket and the event go.
			require.NoError(t, WSAEventSelect(s, 0, 0))
		}
		if hasEvent {
			// Marked inheritable to be told from a new handle of the
			// runtime's reusing the value at once (never inheritable).
			require.NoError(t, kernel32.SetHandleInformation(ev.Handle(), kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT))
			require.NoError(t, WSACloseEvent(ev))
			if flags, err := kernel32.GetHandleInformation(ev.Handle()); err == nil {
				require.Zero(t, flags&kernel32.HANDLE_FLAG_INHERIT, "event %#x is still open", ev)
			} else {
				testutil.RequireAPIError(t, err, "GetHandleInformation", kernel32.ERROR_INVALID_HANDLE)
			}
		}
	})
}
