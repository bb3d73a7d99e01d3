//go:build windows

package ws2_32

import (
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// Test helpers for sockets on a completion port, shared by the overlapped
// I/O tests (mswsock_test.go, overlapped_test.go) and meant for heavier
// ones: an ioPort is one completion port with the sockets a test created
// on it; it drains packets until the one of a given OVERLAPPED arrives,
// keeping the others for later awaits; at the end of the test it closes
// the sockets left, then checks that every socket it created is closed
// and that every operation's pins were released (overlapped.InFlight back
// to its value at the start). An ioPort is one goroutine's: a test that
// drains from several goroutines calls kernel32.GetQueuedCompletionStatusEx
// on p.h itself.

// ioLoopback is 127.0.0.1, port 0: Windows picks a port.
var ioLoopback = netip.MustParseAddrPort("127.0.0.1:0")

// ioAwaitTimeout bounds a wait for one packet: an operation that should
// complete on 127.0.0.1 does so in microseconds; this only turns a bug
// into a failure instead of a hung test.
const ioAwaitTimeout = 10 * time.Second

type ioPort struct {
	t testing.TB
	h wintypes.HANDLE
	// entries is GetQueuedCompletionStatusEx's buffer, reused.
	entries []wintypes.OVERLAPPED_ENTRY
	// early holds the packets dequeued before a test awaited them, by
	// OVERLAPPED address.
	early map[uintptr][]wintypes.OVERLAPPED_ENTRY
	// open and created are the sockets created through the port, open
	// ones and all of them.
	open    map[wintypes.SOCKET]bool
	created []wintypes.SOCKET
}

// newIOPort creates a completion port for the test, and registers the end
// of test checks (first, so that they run after every other cleanup of
// the test, when its sockets are closed).
func newIOPort(t testing.TB) *ioPort {
	t.Helper()
	inFlight := overlapped.InFlight()
	p := &ioPort{t: t, entries: make([]wintypes.OVERLAPPED_ENTRY, 8),
		early: map[uintptr][]wintypes.OVERLAPPED_ENTRY{}, open: map[wintypes.SOCKET]bool{}}
	t.Cleanup(func() {
		// Closing a socket ends its pending operations, whose packets
		// come after: drain them so that their pins are released, as a
		// program must.
		for s := range p.open {
			assert.NoError(t, Closesocket(s), "closing %v", s)
			delete(p.open, s)
		}
		p.drainUntilIdle(inFlight)
		testutil.CloseWith(t, kernel32.CloseHandle, p.h)
		assert.Equal(t, inFlight, overlapped.InFlight(), "operations still pinned at the end of the test")
		for _, s := range p.created {
			_, err := GetsockoptInt(s, SOL_SOCKET, SO_TYPE)
			assert.ErrorIs(t, err, WSAENOTSOCK, "%v left open", s)
		}
	})
	h, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 1)
	require.NoError(t, err)
	p.h = h
	return p
}

// drainUntilIdle dequeues packets (and forgets them) until the operations
// in flight are back to want, or briefly none comes.
func (p *ioPort) drainUntilIdle(want int) {
	deadline := time.Now().Add(ioAwaitTimeout)
	for overlapped.InFlight() > want && time.Now().Before(deadline) {
		if _, err := kernel32.GetQueuedCompletionStatusEx(p.h, p.entries, len(p.entries), 100, false); err != nil &&
			!errors.Is(err, kernel32.ERROR_WAIT_TIMEOUT) {
			p.t.Errorf("draining the port: %v", err)
			return
		}
	}
}

// socket creates an overlapped socket of the type (SOCK_STREAM: TCP,
// SOCK_DGRAM: UDP) for IPv4, associated with the port with its own value
// as the key; it is closed at the end of the test unless closeSocket
// closed it.
func (p *ioPort) socket(typ int32) wintypes.SOCKET {
	p.t.Helper()
	proto := IPPROTO_TCP
	if typ == SOCK_DGRAM {
		proto = IPPROTO_UDP
	}
	s, err := WSASocket(AF_INET, typ, proto, WSA_FLAG_OVERLAPPED|WSA_FLAG_NO_HANDLE_INHERIT)
	require.NoError(p.t, err)
	p.open[s] = true
	p.created = append(p.created, s)
	_, err = kernel32.CreateIoCompletionPort(wintypes.HANDLE(s), p.h, uintptr(s), 0)
	require.NoError(p.t, err)
	return s
}

// boundSocket is socket, bound to 127.0.0.1 on a port Windows picks; it
// returns the address too.
func (p *ioPort) boundSocket(typ int32) (wintypes.SOCKET, netip.AddrPort) {
	p.t.Helper()
	s := p.socket(typ)
	require.NoError(p.t, Bind(s, ioLoopback))
	addr, err := Getsockname(s)
	require.NoError(p.t, err)
	return s, addr
}

// listener is a TCP socket listening on 127.0.0.1, and its address.
func (p *ioPort) listener() (wintypes.SOCKET, netip.AddrPort) {
	p.t.Helper()
	s, addr := p.boundSocket(SOCK_STREAM)
	require.NoError(p.t, Listen(s, SOMAXCONN))
	return s, addr
}

// closeSocket closes s now (a test of what closing does).
func (p *ioPort) closeSocket(s wintypes.SOCKET) {
	p.t.Helper()
	require.NoError(p.t, Closesocket(s))
	delete(p.open, s)
}

// connectRefused starts a ConnectEx to an address of 127.0.0.1 that was
// just bound and is no longer, so that nobody listens there, and returns
// the socket, its OVERLAPPED and what ConnectEx returned.
func (p *ioPort) connectRefused() (wintypes.SOCKET, *wintypes.OVERLAPPED, int, error) {
	p.t.Helper()
	gone, addr := p.boundSocket(SOCK_STREAM)
	p.closeSocket(gone)
	s, _ := p.boundSocket(SOCK_STREAM)
	var name wintypes.RawSockaddr
	require.NoError(p.t, name.SetAddrPort(addr))
	ov := new(wintypes.OVERLAPPED)
	n, err := ConnectEx(s, &name, nil, ov)
	return s, ov, n, err
}

// await dequeues packets until the one of ov (the first one not awaited
// yet) and returns it; packets of other OVERLAPPEDs are kept for their
// own await. The packet collects ov's operation.
func (p *ioPort) await(ov *wintypes.OVERLAPPED) wintypes.OVERLAPPED_ENTRY {
	p.t.Helper()
	if e, ok := p.takeEarly(ov.Address()); ok {
		return e
	}
	deadline := time.Now().Add(ioAwaitTimeout)
	for time.Now().Before(deadline) {
		n, err := kernel32.GetQueuedCompletionStatusEx(p.h, p.entries, len(p.entries), 1000, false)
		if errors.Is(err, kernel32.ERROR_WAIT_TIMEOUT) {
			continue
		}
		require.NoError(p.t, err)
		for _, e := range p.entries[:n] {
			p.early[e.LpOverlapped] = append(p.early[e.LpOverlapped], e)
		}
		if e, ok := p.takeEarly(ov.Address()); ok {
			return e
		}
	}
	p.t.Fatalf("no packet for the OVERLAPPED at %#x in %v", ov.Address(), ioAwaitTimeout)
	return wintypes.OVERLAPPED_ENTRY{}
}

func (p *ioPort) takeEarly(addr uintptr) (wintypes.OVERLAPPED_ENTRY, bool) {
	q := p.early[addr]
	if len(q) == 0 {
		return wintypes.OVERLAPPED_ENTRY{}, false
	}
	e := q[0]
	if len(q) == 1 {
		delete(p.early, addr)
	} else {
		p.early[addr] = q[1:]
	}
	return e, true
}

// result awaits ov's packet and returns the operation's count and error,
// as WSAGetOverlappedResult reports them (the packet's status is an
// NTSTATUS; the Winsock code is WSAGetOverlappedResult's), checking that
// the packet carries the same count.
func (p *ioPort) result(s wintypes.SOCKET, ov *wintypes.OVERLAPPED) (int, uint32, error) {
	p.t.Helper()
	e := p.await(ov)
	n, flags, err := WSAGetOverlappedResult(s, ov, false)
	if err == nil {
		assert.Equal(p.t, uint32(n), e.DwNumberOfBytesTransferred, "the packet's count")
	}
	return n, flags, err
}

// ioStarted reports whether a starting call's error says the operation
// started: completed at once (nil) or pending (WSA_IO_PENDING).
func ioStarted(err error) bool { return err == nil || errors.Is(err, WSA_IO_PENDING) }

// started requires a starting call (WSARecv, AcceptEx, ...) to have
// started its operation, and returns its count (0 when pending).
func (p *ioPort) started(n int, err error) int {
	p.t.Helper()
	require.Truef(p.t, ioStarted(err), "the operation did not start: %v", err)
	return n
}

// startedErr is started for DisconnectEx, which returns no count.
func (p *ioPort) startedErr(err error) {
	p.t.Helper()
	p.started(0, err)
}

// done awaits ov's packet and requires the operation to have succeeded; it
// returns its count.
func (p *ioPort) done(s wintypes.SOCKET, ov *wintypes.OVERLAPPED) int {
	p.t.Helper()
	n, _, err := p.result(s, ov)
	require.NoError(p.t, err)
	return n
}

// acceptBufferLen is the size of an AcceptEx output buffer with room for
// receive bytes of data and the two addresses.
func acceptBufferLen(receive uint32) int { return int(receive + 2*AcceptExAddressLength) }

// ioConn is one connection made through the port: the accepted (server)
// and connecting (client) sockets, with AcceptEx's output buffer.
type ioConn struct {
	listener, server, client wintypes.SOCKET
	listenAddr               netip.AddrPort
	// name is listenAddr for ConnectEx.
	name wintypes.RawSockaddr
	// accepted is AcceptEx's output buffer; received the count of data
	// it received with the connection.
	accepted []byte
	received int
	receive  uint32
}

// connect makes a TCP connection on 127.0.0.1 through the port with
// AcceptEx and ConnectEx, as a server on the port does: ConnectEx sends
// send with the connection, AcceptEx waits for receive bytes of data with
// it (0: none). With update, SO_UPDATE_ACCEPT_CONTEXT and
// SO_UPDATE_CONNECT_CONTEXT are set afterwards, as MSDN requires for the
// other functions to work on the sockets.
func (p *ioPort) connect(send []byte, receive uint32, update bool) ioConn {
	p.t.Helper()
	l, laddr := p.listener()
	c := ioConn{listener: l, listenAddr: laddr, server: p.socket(SOCK_STREAM), receive: receive,
		accepted: make([]byte, acceptBufferLen(receive))}
	c.client, _ = p.boundSocket(SOCK_STREAM)
	var aov, cov wintypes.OVERLAPPED
	p.started(AcceptEx(l, c.server, c.accepted, receive, AcceptExAddressLength, AcceptExAddressLength, &aov))
	require.NoError(p.t, c.name.SetAddrPort(laddr))
	p.started(ConnectEx(c.client, &c.name, send, &cov))
	assert.Equal(p.t, len(send), p.done(c.client, &cov), "ConnectEx's count")
	c.received = p.done(l, &aov)
	if update {
		require.NoError(p.t, SetsockoptSocket(c.server, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, l))
		require.NoError(p.t, Setsockopt(c.client, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, nil))
	}
	return c
}

// recvAll receives exactly n bytes on s with WSARecv through the port.
func (p *ioPort) recvAll(s wintypes.SOCKET, n int) []byte {
	p.t.Helper()
	got := make([]byte, 0, n)
	buf := make([]byte, n)
	for len(got) < n {
		var b [1]wintypes.WSABUF
		require.NoError(p.t, b[0].Set(buf[:n-len(got)]))
		var ov wintypes.OVERLAPPED
		var flags uint32
		p.started(WSARecv(s, b[:], 1, &flags, &ov))
		k := p.done(s, &ov)
		require.NotZero(p.t, k, "the connection closed after %d of %d bytes", len(got), n)
		got = append(got, buf[:k]...)
	}
	return got
}

// wsabufs returns WSABUFs pointing at bufs.
func wsabufs(t testing.TB, bufs ...[]byte) []wintypes.WSABUF {
	t.Helper()
	w := make([]wintypes.WSABUF, len(bufs))
	for i, b := range bufs {
		require.NoError(t, w[i].Set(b))
	}
	return w
}
