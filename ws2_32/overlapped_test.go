//go:build windows

package ws2_32

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func TestWSASendWSARecvRoundTrip(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)

	// A receive posted before any data is pending: 0 and WSA_IO_PENDING.
	rbuf := make([]byte, 64)
	rb := wsabufs(t, rbuf)
	var rov, sov wintypes.OVERLAPPED
	var flags uint32
	n, err := WSARecv(c.server, rb, 1, &flags, &rov)
	require.ErrorIs(t, err, WSA_IO_PENDING)
	assert.Equal(t, WSA_IO_PENDING, err, "the bare Errno")
	assert.Zero(t, n, "pending")
	_, _, pinned := overlapped.Lookup(rov.Address())
	assert.True(t, pinned, "a pending receive stays pinned")

	// Gather: two buffers sent as one stream.
	p.started(WSASend(c.client, wsabufs(t, []byte("hello, "), []byte("world")), 2, 0, &sov))
	assert.Equal(t, 12, p.done(c.client, &sov), "WSASend's count")
	assert.Equal(t, 12, p.done(c.server, &rov), "WSARecv's count")
	assert.Equal(t, "hello, world", string(rbuf[:12]))
	assert.Zero(t, flags)

	// Scatter: 2 of 3 WSABUFs used; the third is not written.
	a, b, unused := make([]byte, 3), make([]byte, 10), []byte("untouched")
	rb = wsabufs(t, a, b, unused)
	p.started(WSASend(c.client, wsabufs(t, []byte("abcdefgh")), 1, 0, &sov))
	assert.Equal(t, 8, p.done(c.client, &sov))
	// The data may be there already: a receive that completes at once
	// returns its count and still posts a packet.
	n = p.started(WSARecv(c.server, rb, 2, &flags, &rov))
	got := p.done(c.server, &rov)
	if n != 0 {
		assert.Equal(t, got, n, "the count of a receive that completed at once")
	}
	assert.Equal(t, 8, got)
	assert.Equal(t, "abc", string(a))
	assert.Equal(t, "defgh", string(b[:5]))
	assert.Equal(t, "untouched", string(unused))

	// The peer's graceful close: a receive of 0 bytes.
	require.NoError(t, Shutdown(c.client, SD_SEND))
	p.started(WSARecv(c.server, wsabufs(t, rbuf), 1, &flags, &rov))
	assert.Zero(t, p.done(c.server, &rov), "end of stream")
}

func TestWSASendToWSARecvFromUDP(t *testing.T) {
	p := newIOPort(t)
	r, raddr := p.boundSocket(SOCK_DGRAM)
	s, saddr := p.boundSocket(SOCK_DGRAM)

	buf := make([]byte, 32)
	var from, to wintypes.RawSockaddr
	from.Reset()
	var rov, sov wintypes.OVERLAPPED
	var flags uint32
	n, err := WSARecvFrom(r, wsabufs(t, buf), 1, &flags, &from, &rov)
	require.ErrorIs(t, err, WSA_IO_PENDING, "nothing sent yet")
	assert.Zero(t, n)

	require.NoError(t, to.SetAddrPort(raddr))
	p.started(WSASendTo(s, wsabufs(t, []byte("dgram")), 1, 0, &to, &sov))
	assert.Equal(t, 5, p.done(s, &sov))
	assert.Equal(t, 5, p.done(r, &rov))
	assert.Equal(t, "dgram", string(buf[:5]))
	// Winsock wrote the source address after WSARecvFrom returned.
	got, err := from.AddrPort()
	require.NoError(t, err)
	assert.Equal(t, saddr, got, "the source address")

	// lpFrom nil: the address is not wanted.
	p.started(WSARecvFrom(r, wsabufs(t, buf), 1, &flags, nil, &rov))
	p.started(WSASendTo(s, wsabufs(t, []byte("two")), 1, 0, &to, &sov))
	p.done(s, &sov)
	assert.Equal(t, 3, p.done(r, &rov))
	assert.Equal(t, "two", string(buf[:3]))
}

func TestWSAGetOverlappedResultWaitsForPendingRecv(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	ev := newWSAEvent(t)

	buf := make([]byte, 16)
	// WSAGetOverlappedResult with fWait waits on the event (MSDN: hEvent
	// must be valid then).
	rov := wintypes.OVERLAPPED{HEvent: ev.Handle()}
	var sov wintypes.OVERLAPPED
	var flags uint32
	p.started(WSARecv(c.server, wsabufs(t, buf), 1, &flags, &rov))

	// Still in progress: WSA_IO_INCOMPLETE, nothing released.
	_, _, err := WSAGetOverlappedResult(c.server, &rov, false)
	testutil.RequireAPIError(t, err, "WSAGetOverlappedResult", WSA_IO_INCOMPLETE)
	_, _, pinned := overlapped.Lookup(rov.Address())
	require.True(t, pinned)

	p.started(WSASend(c.client, wsabufs(t, []byte("late")), 1, 0, &sov))
	n, gotFlags, err := WSAGetOverlappedResult(c.server, &rov, true)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	assert.Zero(t, gotFlags)
	assert.Equal(t, "late", string(buf[:4]))
	_, _, pinned = overlapped.Lookup(rov.Address())
	assert.False(t, pinned, "collected by WSAGetOverlappedResult")

	// The port still gets both packets: wait for them before reusing the
	// OVERLAPPEDs.
	e := p.await(&rov)
	assert.Equal(t, uint32(4), e.DwNumberOfBytesTransferred)
	assert.Equal(t, 4, p.done(c.client, &sov))
	// Asked again, the same answer.
	n, _, err = WSAGetOverlappedResult(c.server, &rov, false)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
}

// TestOverlappedIOWindowsFailures: what Winsock answers for a handle that
// is not a socket and for a closed one, and, by fault injection, a failure
// it cannot be made to give on demand; every failure releases the pins.
func TestOverlappedIOWindowsFailures(t *testing.T) {
	p := newIOPort(t)
	closed := p.socket(SOCK_DGRAM)
	p.closeSocket(closed)
	buf := make([]byte, 8)
	var to wintypes.RawSockaddr
	require.NoError(t, to.SetAddrPort(ioLoopback))
	for _, s := range []struct {
		name string
		s    wintypes.SOCKET
	}{{"bogus", bogusSocket}, {"closed", closed}} {
		for _, c := range []struct {
			name string
			call func(ov *wintypes.OVERLAPPED) error
		}{
			{"WSARecv", func(ov *wintypes.OVERLAPPED) error {
				var flags uint32
				_, err := WSARecv(s.s, wsabufs(t, buf), 1, &flags, ov)
				return err
			}},
			{"WSARecvFrom", func(ov *wintypes.OVERLAPPED) error {
				var flags uint32
				var from wintypes.RawSockaddr
				from.Reset()
				_, err := WSARecvFrom(s.s, wsabufs(t, buf), 1, &flags, &from, ov)
				return err
			}},
			{"WSASend", func(ov *wintypes.OVERLAPPED) error {
				_, err := WSASend(s.s, wsabufs(t, buf), 1, 0, ov)
				return err
			}},
			{"WSASendTo", func(ov *wintypes.OVERLAPPED) error {
				_, err := WSASendTo(s.s, wsabufs(t, buf), 1, 0, &to, ov)
				return err
			}},
		} {
			t.Run(s.name+"/"+c.name, func(t *testing.T) {
				inFlight := overlapped.InFlight()
				var ov wintypes.OVERLAPPED
				testutil.RequireAPIError(t, c.call(&ov), c.name, WSAENOTSOCK)
				assert.Equal(t, inFlight, overlapped.InFlight(), "released")
			})
		}
	}
	t.Run("WSAGetOverlappedResult", func(t *testing.T) {
		var ov wintypes.OVERLAPPED
		_, _, err := WSAGetOverlappedResult(bogusSocket, &ov, false)
		testutil.RequireAPIError(t, err, "WSAGetOverlappedResult", WSAENOTSOCK)
	})

	// Faults: a failure at once on a real socket (the network went down)
	// releases the pins, and the buffers are not touched.
	c := p.connect(nil, 0, true)
	for _, f := range []struct {
		name string
		call func(ov *wintypes.OVERLAPPED) (int, error)
	}{
		{"WSARecv", func(ov *wintypes.OVERLAPPED) (int, error) {
			var flags uint32
			return WSARecv(c.server, wsabufs(t, buf), 1, &flags, ov)
		}},
		{"WSARecvFrom", func(ov *wintypes.OVERLAPPED) (int, error) {
			var flags uint32
			var from wintypes.RawSockaddr
			from.Reset()
			return WSARecvFrom(c.server, wsabufs(t, buf), 1, &flags, &from, ov)
		}},
		{"WSASend", func(ov *wintypes.OVERLAPPED) (int, error) {
			return WSASend(c.client, wsabufs(t, buf), 1, 0, ov)
		}},
		{"WSASendTo", func(ov *wintypes.OVERLAPPED) (int, error) {
			return WSASendTo(c.client, wsabufs(t, buf), 1, 0, nil, ov)
		}},
	} {
		t.Run("fault/"+f.name, func(t *testing.T) {
			defer injectFault(f.name, ^uintptr(0), WSAENETDOWN)()
			inFlight := overlapped.InFlight()
			var ov wintypes.OVERLAPPED
			n, err := f.call(&ov)
			testutil.RequireAPIError(t, err, f.name, WSAENETDOWN)
			assert.Zero(t, n)
			assert.Equal(t, inFlight, overlapped.InFlight(), "released")
		})
	}
	t.Run("fault/WSARecv WSAEMSGSIZE keeps the count", func(t *testing.T) {
		defer injectFault("WSARecv", ^uintptr(0), WSAEMSGSIZE)()
		// Winsock leaves the count of a truncated message in the
		// OVERLAPPED, as for a success.
		ov := wintypes.OVERLAPPED{InternalHigh: 5}
		var flags uint32
		n, err := WSARecv(c.server, wsabufs(t, buf), 1, &flags, &ov)
		testutil.RequireAPIError(t, err, "WSARecv", WSAEMSGSIZE)
		assert.Equal(t, 5, n)
	})
	t.Run("fault/WSAGetOverlappedResult", func(t *testing.T) {
		defer injectFault("WSAGetOverlappedResult", 0, WSAEINVAL)()
		var ov wintypes.OVERLAPPED
		n, _, err := WSAGetOverlappedResult(c.server, &ov, false)
		testutil.RequireAPIError(t, err, "WSAGetOverlappedResult", WSAEINVAL)
		assert.Zero(t, n)
	})
}

// TestOverlappedIOBadInput: refused before C sees anything, with nothing
// pinned.
func TestOverlappedIOBadInput(t *testing.T) {
	inFlight := overlapped.InFlight()
	const s = bogusSocket
	var ov wintypes.OVERLAPPED
	var flags uint32
	one := wsabufs(t, make([]byte, 4))
	two := wsabufs(t, make([]byte, 4), make([]byte, 4))
	var addr, tooLong, tooShort wintypes.RawSockaddr
	require.NoError(t, addr.SetAddrPort(ioLoopback))
	tooLong.Reset()
	tooLong.Len++
	tooShort.Reset()
	tooShort.Len = 15
	recv := func(s wintypes.SOCKET, b []wintypes.WSABUF, n int, f *uint32, o *wintypes.OVERLAPPED) error {
		_, err := WSARecv(s, b, n, f, o)
		return err
	}
	recvFrom := func(from *wintypes.RawSockaddr) error {
		_, err := WSARecvFrom(s, one, 1, &flags, from, &ov)
		return err
	}
	send := func(s wintypes.SOCKET, b []wintypes.WSABUF, n int, o *wintypes.OVERLAPPED) error {
		_, err := WSASend(s, b, n, 0, o)
		return err
	}
	sendTo := func(to *wintypes.RawSockaddr) error {
		_, err := WSASendTo(s, one, 1, 0, to, &ov)
		return err
	}
	for _, c := range []struct {
		name, param string
		err         error
	}{
		{"WSARecv NULL s", "s", recv(0, one, 1, &flags, &ov)},
		{"WSARecv INVALID_SOCKET", "s", recv(INVALID_SOCKET, one, 1, &flags, &ov)},
		{"WSARecv no WSABUF", "lpBuffers", recv(s, nil, 1, &flags, &ov)},
		{"WSARecv count 0", "dwBufferCount", recv(s, one, 0, &flags, &ov)},
		{"WSARecv count negative", "dwBufferCount", recv(s, one, -1, &flags, &ov)},
		{"WSARecv count past the slice", "dwBufferCount", recv(s, two, 3, &flags, &ov)},
		{"WSARecv count past a resliced slice", "dwBufferCount", recv(s, two[:1], 2, &flags, &ov)},
		{"WSARecv nil lpFlags", "lpFlags", recv(s, one, 1, nil, &ov)},
		{"WSARecv nil lpOverlapped", "lpOverlapped", recv(s, one, 1, &flags, nil)},
		{"WSARecvFrom lpFrom.Len too long", "lpFrom.Len", recvFrom(&tooLong)},
		{"WSARecvFrom lpFrom.Len too short", "lpFrom.Len", recvFrom(&tooShort)},
		{"WSARecvFrom lpFrom not Reset", "lpFrom.Len", recvFrom(&wintypes.RawSockaddr{})},
		{"WSASend NULL s", "s", send(0, one, 1, &ov)},
		{"WSASend count past the slice", "dwBufferCount", send(s, one, 2, &ov)},
		{"WSASend no WSABUF", "lpBuffers", send(s, []wintypes.WSABUF{}, 1, &ov)},
		{"WSASend nil lpOverlapped", "lpOverlapped", send(s, one, 1, nil)},
		{"WSASendTo lpTo.Len too long", "lpTo.Len", sendTo(&tooLong)},
		{"WSASendTo lpTo unset", "lpTo.Len", sendTo(&wintypes.RawSockaddr{})},
	} {
		t.Run(c.name, func(t *testing.T) {
			testutil.RequireInputError(t, c.err, c.param)
		})
	}
	t.Run("WSAGetOverlappedResult", func(t *testing.T) {
		_, _, err := WSAGetOverlappedResult(0, &ov, false)
		testutil.RequireInputError(t, err, "s")
		_, _, err = WSAGetOverlappedResult(s, nil, false)
		testutil.RequireInputError(t, err, "lpOverlapped")
	})
	t.Run("dwBufferCount over a DWORD", func(t *testing.T) {
		// A slice of 2^32 WSABUFs cannot be made: the check itself.
		_, err := bufferCount(math.MaxUint32+1, math.MaxUint32+2)
		testutil.RequireInputError(t, err, "dwBufferCount")
		n, err := bufferCount(math.MaxUint32, math.MaxUint32)
		require.NoError(t, err)
		assert.Equal(t, uint32(math.MaxUint32), n)
	})
	assert.Equal(t, inFlight, overlapped.InFlight(), "nothing pinned")
}

// TestOverlappedIORefusesAnOVERLAPPEDInUse: a pending receive's OVERLAPPED
// given to another operation is refused, whichever.
func TestOverlappedIORefusesAnOVERLAPPEDInUse(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	var ov wintypes.OVERLAPPED
	var flags uint32
	buf := make([]byte, 4)
	p.started(WSARecv(c.server, wsabufs(t, buf), 1, &flags, &ov))
	_, err := WSARecv(c.server, wsabufs(t, buf), 1, &flags, &ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	_, err = WSASend(c.client, wsabufs(t, buf), 1, 0, &ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	// Completed by the peer's data, it is released by its packet.
	var sov wintypes.OVERLAPPED
	p.started(WSASend(c.client, wsabufs(t, []byte("ping")), 1, 0, &sov))
	p.done(c.client, &sov)
	assert.Equal(t, 4, p.done(c.server, &ov))
}
