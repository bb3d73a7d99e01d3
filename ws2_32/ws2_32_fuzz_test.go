//go:build windows

package ws2_32

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/overlapped"
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

// knownOptionSizes is the test's own table of the documented value sizes
// (see Setsockopt's doc), written apart from the wrapper's.
var knownOptionSizes = map[[2]int32]int{
	{SOL_SOCKET, SO_REUSEADDR}:              4,
	{SOL_SOCKET, SO_EXCLUSIVEADDRUSE}:       4,
	{SOL_SOCKET, SO_RCVBUF}:                 4,
	{SOL_SOCKET, SO_SNDBUF}:                 4,
	{SOL_SOCKET, SO_ERROR}:                  4,
	{SOL_SOCKET, SO_TYPE}:                   4,
	{SOL_SOCKET, SO_LINGER}:                 4,
	{SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT}:  sizeofSOCKET,
	{SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT}: 0,
	{IPPROTO_TCP, TCP_NODELAY}:              4,
}

// FuzzSockopt drives Setsockopt and Getsockopt's size checks on a fresh
// TCP socket on 127.0.0.1: any level, option and value. The invariant:
// for an option wincgo knows, a set value not exactly its size, or a get
// buffer shorter, is an *errors.InputError naming optval before Windows
// sees it; anything else reaches Windows (nil or an
// *errors.WindowsAPIError, never an InputError, never a panic). The socket
// is closed at the end.
func FuzzSockopt(f *testing.F) {
	f.Add(SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, []byte{1, 0, 0, 0}, false) // twisted#5104
	f.Add(SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, make([]byte, 8), false)
	f.Add(SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, []byte(nil), false)
	f.Add(SOL_SOCKET, SO_LINGER, []byte{1, 0, 0, 0}, true)
	f.Add(IPPROTO_TCP, TCP_NODELAY, []byte{1}, false)
	f.Add(IPPROTO_TCP, TCP_NODELAY, []byte{1, 0, 0, 0}, true)
	f.Add(SOL_SOCKET, SO_RCVBUF, []byte{0, 0x10, 0, 0}, false)
	f.Add(SOL_SOCKET, int32(0x7fff), []byte{1}, true)
	f.Add(int32(-1), int32(-1), []byte{}, false)
	f.Fuzz(func(t *testing.T, level, optname int32, optval []byte, get bool) {
		s := newSocket(t, AF_INET, SOCK_STREAM)
		var err error
		if get {
			var n int
			n, err = Getsockopt(s, level, optname, optval)
			if err == nil {
				require.LessOrEqual(t, n, len(optval), "Windows wrote no more than optval holds")
			}
		} else {
			err = Setsockopt(s, level, optname, optval)
		}
		size, known := knownOptionSizes[[2]int32{level, optname}]
		refused := known && ((!get && len(optval) != size) || (get && len(optval) < size))
		var input *wincgoerrors.InputError
		var api *wincgoerrors.WindowsAPIError
		switch {
		case refused:
			require.ErrorAs(t, err, &input, "level %#x optname %#x, %d bytes", level, optname, len(optval))
			require.Equal(t, "optval", input.Name)
			require.Contains(t, input.Error(), fmt.Sprint(size))
		case err == nil:
		case errors.As(err, &api):
		default:
			t.Fatalf("level %#x optname %#x, %d bytes: error of type %T: %v", level, optname, len(optval), err, err)
		}
	})
}

// FuzzWSAIoctlBufferSizes drives WSAIoctl's buffer checks for the codes
// wincgo knows (only those: an arbitrary code may block, such as
// SIO_ADDRESS_LIST_CHANGE on a blocking socket). The invariant: a buffer
// too short for the code (or a GUID not 16 bytes) is an
// *errors.InputError naming it; otherwise Windows answers, and never
// reports more bytes than lpvOutBuffer holds.
func FuzzWSAIoctlBufferSizes(f *testing.F) {
	f.Add(uint8(0), guidBytes(windows.WSAID_CONNECTEX), uint8(8))
	f.Add(uint8(0), guidBytes(windows.WSAID_CONNECTEX), uint8(4))
	f.Add(uint8(0), make([]byte, 15), uint8(8))
	f.Add(uint8(1), []byte{1, 0, 0, 0}, uint8(0))
	f.Add(uint8(1), []byte{}, uint8(0))
	f.Add(uint8(2), []byte{}, uint8(4))
	f.Add(uint8(2), []byte{}, uint8(3))
	f.Fuzz(func(t *testing.T, which uint8, in []byte, outLen uint8) {
		codes := []uint32{SIO_GET_EXTENSION_FUNCTION_POINTER, FIONBIO, FIONREAD}
		code := codes[int(which)%len(codes)]
		s := newSocket(t, AF_INET, SOCK_STREAM)
		out := make([]byte, outLen)
		n, err := WSAIoctl(s, code, in, out)
		ptr := int(unsafe.Sizeof(uintptr(0)))
		var wantName string
		switch {
		case code == SIO_GET_EXTENSION_FUNCTION_POINTER && len(in) != 16:
			wantName = "lpvInBuffer"
		case code == SIO_GET_EXTENSION_FUNCTION_POINTER && int(outLen) < ptr:
			wantName = "lpvOutBuffer"
		case code == FIONBIO && len(in) < 4:
			wantName = "lpvInBuffer"
		case code == FIONREAD && outLen < 4:
			wantName = "lpvOutBuffer"
		}
		var input *wincgoerrors.InputError
		var api *wincgoerrors.WindowsAPIError
		switch {
		case wantName != "":
			require.ErrorAs(t, err, &input, "code %#x, %d bytes in, %d out", code, len(in), outLen)
			require.Equal(t, wantName, input.Name)
		case err == nil:
			require.LessOrEqual(t, n, int(outLen))
		case errors.As(err, &api):
		default:
			t.Fatalf("code %#x: error of type %T: %v", code, err, err)
		}
	})
}

// FuzzWSABufferCount drives dwBufferCount against slices of WSABUFs of
// every length and capacity, through WSARecv, WSASend, WSARecvFrom and
// WSASendTo on a value that is not a socket (so a call that passes the
// checks fails in Winsock at once, releasing what it pinned), and through
// the check itself with 64-bit counts. The invariant: an *errors.InputError
// naming dwBufferCount (or lpBuffers for an empty slice) exactly when the
// count is not 1 to len(lpBuffers), otherwise Winsock's WSAENOTSOCK; never
// a panic, nothing left pinned.
func FuzzWSABufferCount(f *testing.F) {
	f.Add(1, uint8(1), uint8(0), uint8(0), int64(1), int64(1))
	f.Add(0, uint8(1), uint8(2), uint8(1), int64(0), int64(4))
	f.Add(-1, uint8(2), uint8(0), uint8(2), int64(-1), int64(0))
	f.Add(3, uint8(2), uint8(1), uint8(3), int64(math.MaxUint32), int64(math.MaxUint32))
	f.Add(2, uint8(1), uint8(1), uint8(1), int64(math.MaxUint32+1), int64(math.MaxInt64))
	f.Add(math.MaxInt32, uint8(0), uint8(0), uint8(0), int64(math.MinInt64), int64(5))
	f.Fuzz(func(t *testing.T, count int, length, extra, which uint8, n64, bufs64 int64) {
		inFlight := overlapped.InFlight()
		length %= 8
		bufs := make([]wintypes.WSABUF, int(length)+int(extra%4))[:length]
		for i := range bufs[:cap(bufs)] {
			require.NoError(t, bufs[:cap(bufs)][i].Set(make([]byte, 1+i)))
		}
		var ov wintypes.OVERLAPPED
		var flags uint32
		var addr wintypes.RawSockaddr
		require.NoError(t, addr.SetAddrPort(ioLoopback))
		var err error
		name := [...]string{"WSARecv", "WSASend", "WSARecvFrom", "WSASendTo"}[which%4]
		switch which % 4 {
		case 0:
			_, err = WSARecv(bogusSocket, bufs, count, &flags, &ov)
		case 1:
			_, err = WSASend(bogusSocket, bufs, count, 0, &ov)
		case 2:
			addr.Reset()
			_, err = WSARecvFrom(bogusSocket, bufs, count, &flags, &addr, &ov)
		case 3:
			_, err = WSASendTo(bogusSocket, bufs, count, 0, &addr, &ov)
		}
		switch {
		case length == 0:
			testutil.RequireInputError(t, err, "lpBuffers")
		case count < 1 || count > int(length):
			testutil.RequireInputError(t, err, "dwBufferCount")
		default:
			testutil.RequireAPIError(t, err, name, WSAENOTSOCK)
		}
		require.Equal(t, inFlight, overlapped.InFlight(), "nothing left pinned")

		// The check alone, with counts no slice could have (a length is
		// never negative).
		if bufs64 < 0 {
			bufs64 = ^bufs64
		}
		n, err := bufferCount(n64, bufs64)
		switch {
		case bufs64 == 0:
			testutil.RequireInputError(t, err, "lpBuffers")
		case n64 < 1 || n64 > bufs64 || n64 > math.MaxUint32:
			testutil.RequireInputError(t, err, "dwBufferCount")
		default:
			require.NoError(t, err)
			require.Equal(t, uint32(n64), n)
		}
	})
}
