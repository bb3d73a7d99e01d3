//go:build windows

package ws2_32

import (
	"errors"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// The hazards of issue 19, each pinned down by a test: memory Windows
// keeps stays pinned until its packet is dequeued (in another goroutine),
// a synchronous success posts a packet unless
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is set, cancel and close end
// pending operations with an aborted packet and release nothing before
// it, a reset peer's error matches what Go programs check.

// hzStarted requires err to say the operation started: nil (it completed
// at once) or WSA_IO_PENDING (it completes later).
func hzStarted(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		require.ErrorIs(t, err, WSA_IO_PENDING)
	}
}

// hzPending requires a start to have gone pending (count 0, WSA_IO_PENDING).
func hzPending(t testing.TB, n int, err error) {
	t.Helper()
	require.ErrorIs(t, err, WSA_IO_PENDING)
	require.Zero(t, n)
}

// hzConnect is p.connect without data, its listener closed (one socket
// fewer per connection): server and client of one TCP connection on the
// port, SO_UPDATE_*_CONTEXT set.
func hzConnect(p *ioPort) (server, client wintypes.SOCKET) {
	p.t.Helper()
	c := p.connect(nil, 0, true)
	p.closeSocket(c.listener)
	return c.server, c.client
}

// hzSend sends b on s and awaits its packet.
func hzSend(p *ioPort, s wintypes.SOCKET, b []byte) {
	p.t.Helper()
	var ov wintypes.OVERLAPPED
	_, err := WSASend(s, wsabufs(p.t, b), 1, 0, &ov)
	hzStarted(p.t, err)
	require.Equal(p.t, len(b), p.done(s, &ov))
}

// hzNoPacket requires the port to have no packet queued (a 0 ms wait
// times out).
func hzNoPacket(t testing.TB, port wintypes.HANDLE) {
	t.Helper()
	entries := make([]wintypes.OVERLAPPED_ENTRY, 4)
	n, err := kernel32.GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false)
	require.ErrorIs(t, err, kernel32.ERROR_WAIT_TIMEOUT, "a packet was queued: %+v", entries[:n])
}

// hzDrainOne dequeues one packet in another goroutine (the one that sees
// the completion, as in a server whose workers drain the port) and
// returns it.
func hzDrainOne(t testing.TB, port wintypes.HANDLE) <-chan wintypes.OVERLAPPED_ENTRY {
	t.Helper()
	got := make(chan wintypes.OVERLAPPED_ENTRY, 1)
	go func() {
		entries := make([]wintypes.OVERLAPPED_ENTRY, 1)
		n, err := kernel32.GetQueuedCompletionStatusEx(port, entries, 1, uint32(ioAwaitTimeout.Milliseconds()), false)
		if err != nil || n != 1 {
			t.Errorf("draining one packet: %d, %v", n, err)
			close(got)
			return
		}
		got <- entries[0]
	}()
	return got
}

// TestPendingRecvStaysPinnedUntilAnotherGoroutineDrainsIt: while a
// WSARecv (two WSABUFs) is pending, the registry holds its OVERLAPPED and
// first buffer pinned; the packet, dequeued in another goroutine, releases
// it. Likewise WSARecvFrom's address and its length, which Winsock writes
// only when the datagram arrives, after the call returned.
func TestPendingRecvStaysPinnedUntilAnotherGoroutineDrainsIt(t *testing.T) {
	t.Run("WSARecv", func(t *testing.T) {
		p := newIOPort(t)
		server, client := hzConnect(p)
		inFlight := overlapped.InFlight()
		first, second := make([]byte, 3), make([]byte, 8)
		ov := new(wintypes.OVERLAPPED)
		flags := new(uint32)
		n, err := WSARecv(server, wsabufs(t, first, second), 2, flags, ov)
		hzPending(t, n, err)
		pinnedOv, buf, ok := overlapped.Lookup(ov.Address())
		require.True(t, ok, "a pending receive is registered")
		assert.Equal(t, unsafe.Pointer(ov), pinnedOv)
		assert.Equal(t, unsafe.SliceData(first), unsafe.SliceData(buf), "its first buffer")
		assert.Equal(t, inFlight+1, overlapped.InFlight())

		got := hzDrainOne(t, p.h)
		var sov wintypes.OVERLAPPED
		_, err = WSASend(client, wsabufs(t, []byte("hello world")), 1, 0, &sov)
		hzStarted(t, err)
		// Two packets (the send's, the receive's): the drainer takes
		// whichever comes first, p.await the other.
		e, ok := <-got
		require.True(t, ok)
		if e.LpOverlapped == sov.Address() {
			e = p.await(ov)
		} else {
			p.await(&sov)
		}
		assert.Equal(t, ov.Address(), e.LpOverlapped)
		assert.Equal(t, uint32(11), e.DwNumberOfBytesTransferred)
		assert.Zero(t, e.Internal, "STATUS_SUCCESS")
		_, _, ok = overlapped.Lookup(ov.Address())
		assert.False(t, ok, "the packet, dequeued in another goroutine, released it")
		assert.Equal(t, inFlight, overlapped.InFlight())
		assert.Equal(t, "hel", string(first))
		assert.Equal(t, "lo world", string(second))
	})
	t.Run("WSARecvFrom", func(t *testing.T) {
		p := newIOPort(t)
		recv, _ := p.boundSocket(SOCK_DGRAM)
		send, from := p.boundSocket(SOCK_DGRAM)
		to, err := Getsockname(recv)
		require.NoError(t, err)
		inFlight := overlapped.InFlight()
		buf := make([]byte, 16)
		ov := new(wintypes.OVERLAPPED)
		flags := new(uint32)
		src := new(wintypes.RawSockaddr)
		src.Reset()
		n, err := WSARecvFrom(recv, wsabufs(t, buf), 1, flags, src, ov)
		hzPending(t, n, err)
		_, _, ok := overlapped.Lookup(ov.Address())
		require.True(t, ok)
		assert.Equal(t, int32(unsafe.Sizeof(src.Addr)), src.Len, "nothing written yet")

		got := hzDrainOne(t, p.h)
		var dst wintypes.RawSockaddr
		require.NoError(t, dst.SetAddrPort(to))
		var sov wintypes.OVERLAPPED
		_, err = WSASendTo(send, wsabufs(t, []byte("datagram")), 1, 0, &dst, &sov)
		hzStarted(t, err)
		// Two packets (the send's, the receive's): the drainer takes
		// whichever comes first, p.await the other.
		e, ok := <-got
		require.True(t, ok)
		if e.LpOverlapped == sov.Address() {
			e = p.await(ov)
		} else {
			p.await(&sov)
		}
		assert.Equal(t, ov.Address(), e.LpOverlapped)
		assert.Equal(t, uint32(8), e.DwNumberOfBytesTransferred)
		assert.Equal(t, inFlight, overlapped.InFlight(), "both released")
		assert.Equal(t, "datagram", string(buf[:8]))
		assert.Equal(t, int32(16), src.Len, "Winsock wrote the length at completion: a sockaddr_in")
		got2, err := src.AddrPort()
		require.NoError(t, err)
		assert.Equal(t, from, got2, "and the source address")
	})
}

// TestSynchronousSuccessPacketUnlessSkipMode: a WSARecv whose data is
// already there completes in the call, which releases its pins. By
// default Windows still queues a packet for it (which releases nothing
// more); with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS none comes. In skip
// mode a receive with no data still goes pending and gets a packet, and
// the end of the stream is a synchronous (0, nil) with no packet.
func TestSynchronousSuccessPacketUnlessSkipMode(t *testing.T) {
	for _, skip := range []bool{false, true} {
		name := "default"
		if skip {
			name = "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS"
		}
		t.Run(name, func(t *testing.T) {
			p := newIOPort(t)
			server, client := hzConnect(p)
			if skip {
				require.NoError(t, kernel32.SetFileCompletionNotificationModes(wintypes.HANDLE(server), kernel32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
			}
			inFlight := overlapped.InFlight()

			// Data there before the receive: a MSG_PEEK receive that
			// went pending (and got its packet) or completed at once
			// proves it arrived.
			hzSend(p, client, []byte("ready"))
			peek := make([]byte, 5)
			var pov wintypes.OVERLAPPED
			peekFlags := MSG_PEEK
			n, err := WSARecv(server, wsabufs(t, peek), 1, &peekFlags, &pov)
			hzStarted(t, err)
			if err != nil || !skip {
				n = p.done(server, &pov)
			}
			require.Equal(t, 5, n, "peeked")

			begun, released := overlapped.Counts()
			a, b := make([]byte, 2), make([]byte, 8)
			var ov wintypes.OVERLAPPED
			var flags uint32
			n, err = WSARecv(server, wsabufs(t, a, b), 2, &flags, &ov)
			require.NoError(t, err, "completed in the call")
			assert.Equal(t, 5, n)
			assert.Equal(t, "ready", string(a)+string(b[:3]))
			_, _, ok := overlapped.Lookup(ov.Address())
			assert.False(t, ok, "the call released its pins")
			begun2, released2 := overlapped.Counts()
			assert.Equal(t, begun+1, begun2)
			assert.Equal(t, released+1, released2, "released once, in the call")
			if skip {
				hzNoPacket(t, p.h)
			} else {
				e := p.await(&ov)
				assert.Equal(t, uint32(5), e.DwNumberOfBytesTransferred, "the packet of a synchronous success")
				_, released3 := overlapped.Counts()
				assert.Equal(t, released2, released3, "the packet released nothing more")
			}
			assert.Equal(t, inFlight, overlapped.InFlight())

			// No data: pending, and a packet in both modes.
			var lov wintypes.OVERLAPPED
			late := make([]byte, 4)
			n, err = WSARecv(server, wsabufs(t, late), 1, &flags, &lov)
			hzPending(t, n, err)
			hzSend(p, client, []byte("late"))
			assert.Equal(t, 4, p.done(server, &lov))
			assert.Equal(t, "late", string(late))

			// The peer's graceful close: a pending receive ends with 0
			// bytes (its packet proves the FIN arrived); the next one
			// completes in the call with (0, nil), the end of the
			// stream, and only the default mode queues a packet for it.
			var fov wintypes.OVERLAPPED
			n, err = WSARecv(server, wsabufs(t, late), 1, &flags, &fov)
			hzPending(t, n, err)
			require.NoError(t, Shutdown(client, SD_SEND))
			assert.Zero(t, p.done(server, &fov), "end of stream")
			var eov wintypes.OVERLAPPED
			n, err = WSARecv(server, wsabufs(t, late), 1, &flags, &eov)
			require.NoError(t, err, "end of stream: a synchronous success")
			assert.Zero(t, n)
			if skip {
				hzNoPacket(t, p.h)
			} else {
				assert.Zero(t, p.await(&eov).DwNumberOfBytesTransferred)
			}
			assert.Equal(t, inFlight, overlapped.InFlight())
		})
	}
}

// hzWine is what Wine 8 reports instead of an aborted operation: the
// packet's NTSTATUS (0: any) and GetOverlappedResult's code.
type hzWine struct {
	status windows.NTStatus
	code   syscall.Errno
}

// Wine 8 (measured) does not cancel the operations pending on a socket
// closesocket closes: the receive ends with STATUS_HANDLES_CLOSED (a
// warning status; ERROR_HANDLES_CLOSED, 676), as Wine ends I/O on any
// handle closed under it, and the send with ERROR_INVALID_HANDLE (6),
// from STATUS_INVALID_HANDLE or STATUS_OBJECT_TYPE_MISMATCH (both seen,
// from one run to the next). Windows documents
// WSA_OPERATION_ABORTED.
var (
	hzWineClosedRecv = &hzWine{windows.STATUS_HANDLES_CLOSED, windows.ERROR_HANDLES_CLOSED}
	hzWineClosedSend = &hzWine{0, windows.ERROR_INVALID_HANDLE}
)

// hzAborted requires a dequeued packet and its OVERLAPPED to report an
// aborted operation: the packet's NTSTATUS STATUS_CANCELLED,
// GetOverlappedResult's ERROR_OPERATION_ABORTED (995); under Wine, wine's
// values when not nil.
func hzAborted(t *testing.T, what string, s wintypes.SOCKET, e wintypes.OVERLAPPED_ENTRY, ov *wintypes.OVERLAPPED, wine *hzWine) {
	t.Helper()
	// bWait false: only the OVERLAPPED is read (s may be closed).
	_, err := kernel32.GetOverlappedResult(wintypes.HANDLE(s), ov, false)
	if wine != nil && testutil.IsWine() {
		t.Logf("%s: Wine %s ends it with NTSTATUS %#x, %v (Windows: STATUS_CANCELLED, 995)", what, testutil.WineVersion(), e.Internal, err)
		assert.ErrorIs(t, err, wine.code, what)
		if wine.status != 0 {
			assert.Equal(t, uintptr(uint32(wine.status)), e.Internal, "%s: the packet's NTSTATUS", what)
		}
		return
	}
	assert.ErrorIs(t, err, kernel32.ERROR_OPERATION_ABORTED, what)
	assert.Equal(t, uintptr(uint32(windows.STATUS_CANCELLED)), e.Internal, "%s: the packet's NTSTATUS", what)
}

// TestCancelIoExPendingWSARecv: a canceled receive's packet is aborted
// (995; WSA_OPERATION_ABORTED from WSAGetOverlappedResult) and releases
// every pin; nothing is released between the cancel and the packet.
func TestCancelIoExPendingWSARecv(t *testing.T) {
	p := newIOPort(t)
	server, _ := hzConnect(p)
	inFlight := overlapped.InFlight()
	begun, released := overlapped.Counts()
	var ov wintypes.OVERLAPPED
	var flags uint32
	n, err := WSARecv(server, wsabufs(t, make([]byte, 4), make([]byte, 4)), 2, &flags, &ov)
	hzPending(t, n, err)
	require.NoError(t, kernel32.CancelIoEx(wintypes.HANDLE(server), &ov))
	_, _, ok := overlapped.Lookup(ov.Address())
	assert.True(t, ok, "still pinned after the cancel: Windows reports the end with the packet")
	e := p.await(&ov)
	hzAborted(t, "CancelIoEx", server, e, &ov, nil)
	_, _, err = WSAGetOverlappedResult(server, &ov, false)
	assert.ErrorIs(t, err, WSA_OPERATION_ABORTED)
	assert.Equal(t, inFlight, overlapped.InFlight(), "released by the packet")
	begun2, released2 := overlapped.Counts()
	assert.Equal(t, begun+1, begun2)
	assert.Equal(t, released+1, released2, "released once")
}

// TestClosesocketWithRecvAndSendPending: closing a socket with a receive
// and a send in flight (the send pending because the peer reads nothing
// and the buffers are full) ends each with an aborted packet; nothing is
// released before its packet. (Wine 8 measured: with the peer's SO_RCVBUF
// also made small, neither packet comes until the peer closes too; the
// peer's receive buffer is left alone here.)
func TestClosesocketWithRecvAndSendPending(t *testing.T) {
	p := newIOPort(t)
	server, client := hzConnect(p)
	require.NoError(t, SetsockoptInt(client, SOL_SOCKET, SO_SNDBUF, 4096))
	inFlight := overlapped.InFlight()

	var rov wintypes.OVERLAPPED
	var flags uint32
	n, err := WSARecv(client, wsabufs(t, make([]byte, 16)), 1, &flags, &rov)
	hzPending(t, n, err)

	// Sends of 1 MiB until one stays pending (server never reads); those
	// done at once are awaited as they come.
	chunk := make([]byte, 1<<20)
	sov := new(wintypes.OVERLAPPED)
	for i := 0; ; i++ {
		require.Less(t, i, 64, "no send went pending after 64 MiB")
		*sov = wintypes.OVERLAPPED{}
		n, err = WSASend(client, wsabufs(t, chunk), 1, 0, sov)
		if errors.Is(err, WSA_IO_PENDING) {
			break
		}
		require.NoError(t, err)
		require.Equal(t, len(chunk), n)
		p.await(sov)
	}
	assert.Equal(t, inFlight+2, overlapped.InFlight(), "the receive and the send")

	p.closeSocket(client)
	for _, ov := range []*wintypes.OVERLAPPED{&rov, sov} {
		_, _, ok := overlapped.Lookup(ov.Address())
		assert.True(t, ok, "nothing released between the close and the packets")
	}
	e := p.await(&rov)
	hzAborted(t, "closesocket, receive", client, e, &rov, hzWineClosedRecv)
	e = p.await(sov)
	hzAborted(t, "closesocket, send", client, e, sov, hzWineClosedSend)
	assert.Equal(t, inFlight, overlapped.InFlight(), "every pin released")
	_ = server
}

// TestResetPeerErrors: a peer closing with SO_LINGER {1, 0} resets the
// connection; the pending receive's packet says ERROR_NETNAME_DELETED
// (64), as GetOverlappedResult does, and WSAGetOverlappedResult gives
// WSAECONNRESET; both match syscall.ECONNRESET and WSAECONNRESET with
// errors.Is, as Go programs check a reset.
func TestResetPeerErrors(t *testing.T) {
	p := newIOPort(t)
	server, client := hzConnect(p)
	inFlight := overlapped.InFlight()
	var ov wintypes.OVERLAPPED
	var flags uint32
	n, err := WSARecv(server, wsabufs(t, make([]byte, 8)), 1, &flags, &ov)
	hzPending(t, n, err)
	require.NoError(t, SetsockoptLinger(client, wintypes.LINGER{Onoff: 1, Linger: 0}))
	p.closeSocket(client)

	e := p.await(&ov)
	assert.Equal(t, uintptr(uint32(windows.STATUS_CONNECTION_RESET)), e.Internal, "the packet's NTSTATUS")
	_, portErr := kernel32.GetOverlappedResult(wintypes.HANDLE(server), &ov, false)
	testutil.RequireAPIError(t, portErr, "GetOverlappedResult", windows.ERROR_NETNAME_DELETED)
	_, _, wsaErr := WSAGetOverlappedResult(server, &ov, false)
	testutil.RequireAPIError(t, wsaErr, "WSAGetOverlappedResult", WSAECONNRESET)
	for _, err := range []error{portErr, wsaErr} {
		assert.ErrorIs(t, err, syscall.ECONNRESET, "what portable Go code checks")
		assert.ErrorIs(t, err, WSAECONNRESET, "what Go's net gives on Windows")
		assert.NotErrorIs(t, err, syscall.ECONNABORTED)
	}
	assert.Equal(t, inFlight, overlapped.InFlight())
}

// TestRefusedConnectErrors: a ConnectEx nobody accepts ends, on the
// port, with ERROR_CONNECTION_REFUSED (1225) (GetOverlappedResult) and
// WSAECONNREFUSED from WSAGetOverlappedResult; both match
// syscall.ECONNREFUSED with errors.Is.
func TestRefusedConnectErrors(t *testing.T) {
	p := newIOPort(t)
	s, ov, n, err := p.connectRefused()
	hzPending(t, n, err)
	p.await(ov)
	_, portErr := kernel32.GetOverlappedResult(wintypes.HANDLE(s), ov, false)
	testutil.RequireAPIError(t, portErr, "GetOverlappedResult", windows.ERROR_CONNECTION_REFUSED)
	_, _, wsaErr := WSAGetOverlappedResult(s, ov, false)
	testutil.RequireAPIError(t, wsaErr, "WSAGetOverlappedResult", WSAECONNREFUSED)
	for _, err := range []error{portErr, wsaErr} {
		assert.ErrorIs(t, err, syscall.ECONNREFUSED)
		assert.ErrorIs(t, err, WSAECONNREFUSED)
		assert.NotErrorIs(t, err, syscall.ECONNRESET)
	}
}
