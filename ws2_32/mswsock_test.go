//go:build windows

package ws2_32

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// TestAcceptExConnectExThenGetpeername: a connection made through the port
// with AcceptEx and ConnectEx, then SO_UPDATE_ACCEPT_CONTEXT and
// SO_UPDATE_CONNECT_CONTEXT: each end's Getpeername is the other's
// Getsockname.
func TestAcceptExConnectExThenGetpeername(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	assert.Zero(t, c.received, "no receive-data length: AcceptEx completes with the connection")

	serverName, err := Getsockname(c.server)
	require.NoError(t, err)
	clientName, err := Getsockname(c.client)
	require.NoError(t, err)
	assert.Equal(t, c.listenAddr, serverName, "the accepted socket has the listener's address")

	serverPeer, err := Getpeername(c.server)
	require.NoError(t, err)
	assert.Equal(t, clientName, serverPeer)
	clientPeer, err := Getpeername(c.client)
	require.NoError(t, err)
	assert.Equal(t, c.listenAddr, clientPeer)
}

// TestAcceptExReceivesFirstData: ConnectEx sends data with the connection;
// AcceptEx, given a receive-data length, completes with the first bytes,
// and GetAcceptExSockaddrs reads both addresses from its buffer.
func TestAcceptExReceivesFirstData(t *testing.T) {
	p := newIOPort(t)
	c := p.connect([]byte("first bytes"), 64, true)
	assert.Equal(t, 11, c.received, "AcceptEx's count")
	assert.Equal(t, "first bytes", string(c.accepted[:c.received]))

	local, remote, err := GetAcceptExSockaddrs(c.accepted, c.receive, AcceptExAddressLength, AcceptExAddressLength)
	require.NoError(t, err)
	serverName, err := Getsockname(c.server)
	require.NoError(t, err)
	clientName, err := Getsockname(c.client)
	require.NoError(t, err)
	serverPeer, err := Getpeername(c.server)
	require.NoError(t, err)
	assert.Equal(t, serverName, local, "local")
	assert.Equal(t, c.listenAddr, local)
	assert.Equal(t, clientName, remote, "remote")
	assert.Equal(t, serverPeer, remote)
}

// TestAcceptExWithoutUpdateAcceptContext: until SO_UPDATE_ACCEPT_CONTEXT,
// the accepted socket is not the listener's connection for getpeername
// and shutdown (twisted#7818); likewise a ConnectEx socket without
// SO_UPDATE_CONNECT_CONTEXT.
func TestAcceptExWithoutUpdateAcceptContext(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, false)
	_, serverPeerErr := Getpeername(c.server)
	serverShutdownErr := Shutdown(c.server, SD_BOTH)
	_, clientPeerErr := Getpeername(c.client)
	clientShutdownErr := Shutdown(c.client, SD_BOTH)
	if testutil.IsWine() {
		// Wine 8 keeps the connection's state on the accepted and the
		// connecting socket themselves: both calls work without the
		// update (what twisted#7818 saw fail on Windows works here).
		assert.NoError(t, serverPeerErr, "Wine: getpeername on the accepted socket")
		assert.NoError(t, serverShutdownErr, "Wine: shutdown on the accepted socket")
		assert.NoError(t, clientPeerErr, "Wine: getpeername on the ConnectEx socket")
		assert.NoError(t, clientShutdownErr, "Wine: shutdown on the ConnectEx socket")
		return
	}
	// MSDN (SO_UPDATE_ACCEPT_CONTEXT, SO_UPDATE_CONNECT_CONTEXT): the
	// update is needed for getpeername, getsockname, getsockopt,
	// setsockopt and shutdown to work; without it Windows answers
	// WSAENOTCONN (twisted#7818 met it in shutdown).
	testutil.RequireAPIError(t, serverPeerErr, "getpeername", WSAENOTCONN)
	testutil.RequireAPIError(t, serverShutdownErr, "shutdown", WSAENOTCONN)
	testutil.RequireAPIError(t, clientPeerErr, "getpeername", WSAENOTCONN)
	testutil.RequireAPIError(t, clientShutdownErr, "shutdown", WSAENOTCONN)
}

// TestConnectExNeedsABoundSocket: ConnectEx does not bind implicitly as
// connect does: Winsock refuses an unbound socket with WSAEINVAL (MSDN,
// ConnectEx) before anything is pending.
func TestConnectExNeedsABoundSocket(t *testing.T) {
	p := newIOPort(t)
	_, addr := p.listener()
	s := p.socket(SOCK_STREAM)
	var name wintypes.RawSockaddr
	require.NoError(t, name.SetAddrPort(addr))
	var ov wintypes.OVERLAPPED
	inFlight := overlapped.InFlight()
	_, err := ConnectEx(s, &name, []byte("data"), &ov)
	testutil.RequireAPIError(t, err, "ConnectEx", WSAEINVAL)
	assert.Equal(t, inFlight, overlapped.InFlight(), "released")
}

// TestConnectExRefused: nobody listens: the connect fails on completion,
// with WSAECONNREFUSED from WSAGetOverlappedResult.
func TestConnectExRefused(t *testing.T) {
	p := newIOPort(t)
	s, ov, _, err := p.connectRefused()
	function := "ConnectEx"
	if ioStarted(err) {
		// Pending, as usual: the refusal comes with the completion.
		function = "WSAGetOverlappedResult"
		_, _, err = p.result(s, ov)
	}
	testutil.RequireAPIError(t, err, function, WSAECONNREFUSED)
}

func TestTransmitFile(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	body := strings.Repeat("file body ", 100)
	path := filepath.Join(testutil.TempDir(t), "transmit.txt")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	h, err := kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil, wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
	require.NoError(t, err)
	defer testutil.CloseWith(t, kernel32.CloseHandle, h)

	var tfb wintypes.TRANSMIT_FILE_BUFFERS
	require.NoError(t, tfb.SetHead([]byte("HEAD:")))
	require.NoError(t, tfb.SetTail([]byte(":TAIL")))
	want := "HEAD:" + body + ":TAIL"
	var ov wintypes.OVERLAPPED
	p.started(TransmitFile(c.client, h, 0, 0, &ov, &tfb, 0))
	assert.Equal(t, string(p.recvAll(c.server, len(want))), want)
	assert.Equal(t, len(want), p.done(c.client, &ov), "TransmitFile's count: head, file and tail")

	// No file: the head and tail only.
	require.NoError(t, tfb.SetTail(nil))
	p.started(TransmitFile(c.client, 0, 0, 0, &ov, &tfb, 0))
	assert.Equal(t, "HEAD:", string(p.recvAll(c.server, 5)))
	assert.Equal(t, 5, p.done(c.client, &ov))
}

// TestDisconnectEx: the peer sees the end of the stream; with
// TF_REUSE_SOCKET the socket can connect again (Windows) - not under Wine.
func TestDisconnectEx(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	// The server disconnects first, so that TIME_WAIT is its, not that of
	// the client socket to be reused.
	var ov wintypes.OVERLAPPED
	p.startedErr(DisconnectEx(c.server, &ov, 0))
	p.done(c.server, &ov)
	var flags uint32
	p.started(WSARecv(c.client, wsabufs(t, make([]byte, 8)), 1, &flags, &ov))
	assert.Zero(t, p.done(c.client, &ov), "the peer's end of stream")
	p.startedErr(DisconnectEx(c.client, &ov, TF_REUSE_SOCKET))
	p.done(c.client, &ov)

	// Reuse: the disconnected socket connects again, to a new accept.
	server := p.socket(SOCK_STREAM)
	accepted := make([]byte, acceptBufferLen(0))
	var aov, cov wintypes.OVERLAPPED
	p.started(AcceptEx(c.listener, server, accepted, 0, AcceptExAddressLength, AcceptExAddressLength, &aov))
	var name wintypes.RawSockaddr
	require.NoError(t, name.SetAddrPort(c.listenAddr))
	_, err := ConnectEx(c.client, &name, nil, &cov)
	if ioStarted(err) {
		_, _, err = p.result(c.client, &cov)
	}
	if testutil.IsWine() {
		// Wine 8's DisconnectEx reports success with TF_REUSE_SOCKET but
		// does not reset the socket: it is still connected, and ConnectEx
		// says so.
		// (ConnectEx fails at once.)
		testutil.RequireAPIError(t, err, "ConnectEx", WSAEISCONN)
		return
	}
	// MSDN (DisconnectEx): with TF_REUSE_SOCKET the socket handle can be
	// passed to AcceptEx or ConnectEx again.
	require.NoError(t, err)
	p.done(c.listener, &aov)
}

// TestDisconnectExWithoutOVERLAPPED: a nil lpOverlapped waits for the
// disconnect.
func TestDisconnectExWithoutOVERLAPPED(t *testing.T) {
	p := newIOPort(t)
	c := p.connect(nil, 0, true)
	inFlight := overlapped.InFlight()
	require.NoError(t, DisconnectEx(c.client, nil, 0))
	assert.Equal(t, inFlight, overlapped.InFlight())
	var ov wintypes.OVERLAPPED
	var flags uint32
	p.started(WSARecv(c.server, wsabufs(t, make([]byte, 8)), 1, &flags, &ov))
	assert.Zero(t, p.done(c.server, &ov), "the peer's end of stream")
}

// TestMswsockWindowsFailures: what Winsock answers for a handle that is
// not a socket and a closed one, and faults it cannot be made to give on
// demand; every failure releases the pins.
func TestMswsockWindowsFailures(t *testing.T) {
	p := newIOPort(t)
	// Created first: a socket created after closed is closed may get its
	// value.
	accept := p.socket(SOCK_STREAM)
	closed := p.socket(SOCK_STREAM)
	p.closeSocket(closed)
	var name wintypes.RawSockaddr
	require.NoError(t, name.SetAddrPort(ioLoopback))
	var tfb wintypes.TRANSMIT_FILE_BUFFERS
	require.NoError(t, tfb.SetHead([]byte("head")))
	calls := func(s, accept wintypes.SOCKET) []struct {
		name string
		call func(ov *wintypes.OVERLAPPED) error
	} {
		return []struct {
			name string
			call func(ov *wintypes.OVERLAPPED) error
		}{
			{"AcceptEx", func(ov *wintypes.OVERLAPPED) error {
				_, err := AcceptEx(s, accept, make([]byte, acceptBufferLen(0)), 0, AcceptExAddressLength, AcceptExAddressLength, ov)
				return err
			}},
			{"ConnectEx", func(ov *wintypes.OVERLAPPED) error {
				_, err := ConnectEx(s, &name, []byte("x"), ov)
				return err
			}},
			{"DisconnectEx", func(ov *wintypes.OVERLAPPED) error { return DisconnectEx(s, ov, 0) }},
			{"TransmitFile", func(ov *wintypes.OVERLAPPED) error {
				_, err := TransmitFile(s, 0, 0, 0, ov, &tfb, 0)
				return err
			}},
		}
	}
	for _, s := range []struct {
		name string
		s    wintypes.SOCKET
	}{{"bogus", bogusSocket}, {"closed", closed}} {
		for _, c := range calls(s.s, accept) {
			t.Run(s.name+"/"+c.name, func(t *testing.T) {
				inFlight := overlapped.InFlight()
				var ov wintypes.OVERLAPPED
				testutil.RequireAPIError(t, c.call(&ov), c.name, WSAENOTSOCK)
				assert.Equal(t, inFlight, overlapped.InFlight(), "released")
			})
		}
	}
	conn := p.connect(nil, 0, true)
	for _, c := range calls(conn.client, accept) {
		if c.name == "AcceptEx" {
			// On the listener, with a fresh socket to accept into.
			c = calls(conn.listener, accept)[0]
		}
		t.Run("fault/"+c.name, func(t *testing.T) {
			defer injectFault(c.name, 0, WSAENETDOWN)()
			inFlight := overlapped.InFlight()
			var ov wintypes.OVERLAPPED
			testutil.RequireAPIError(t, c.call(&ov), c.name, WSAENETDOWN)
			assert.Equal(t, inFlight, overlapped.InFlight(), "released")
		})
	}
	t.Run("fault/DisconnectEx without OVERLAPPED", func(t *testing.T) {
		defer injectFault("DisconnectEx", 0, WSAENETDOWN)()
		testutil.RequireAPIError(t, DisconnectEx(conn.client, nil, 0), "DisconnectEx", WSAENETDOWN)
	})
	// GetAcceptExSockaddrs cannot fail (VOID), but a buffer AcceptEx never
	// filled holds no address: refused, never read past the buffer.
	t.Run("GetAcceptExSockaddrs unfilled buffer", func(t *testing.T) {
		_, _, err := GetAcceptExSockaddrs(make([]byte, acceptBufferLen(0)), 0, AcceptExAddressLength, AcceptExAddressLength)
		var inputErr *wincgoerrors.InputError
		require.True(t, errors.As(err, &inputErr), "got %v", err)
	})
}

// TestMswsockBadInput: refused before C sees anything, nothing pinned.
func TestMswsockBadInput(t *testing.T) {
	inFlight := overlapped.InFlight()
	const s, s2 = bogusSocket, bogusSocket + 4
	var ov wintypes.OVERLAPPED
	l := AcceptExAddressLength
	buf := make([]byte, acceptBufferLen(16))
	accept := func(ls, as wintypes.SOCKET, b []byte, recv, local, remote uint32, o *wintypes.OVERLAPPED) error {
		_, err := AcceptEx(ls, as, b, recv, local, remote, o)
		return err
	}
	sockaddrs := func(b []byte, recv, local, remote uint32) error {
		_, _, err := GetAcceptExSockaddrs(b, recv, local, remote)
		return err
	}
	var name, unset, tooLong wintypes.RawSockaddr
	require.NoError(t, name.SetAddrPort(ioLoopback))
	tooLong.Reset()
	tooLong.Len++
	connect := func(s wintypes.SOCKET, n *wintypes.RawSockaddr, o *wintypes.OVERLAPPED) error {
		_, err := ConnectEx(s, n, nil, o)
		return err
	}
	transmit := func(s wintypes.SOCKET, o *wintypes.OVERLAPPED, flags uint32) error {
		_, err := TransmitFile(s, 0, 0, 0, o, nil, flags)
		return err
	}
	for _, c := range []struct {
		name, param string
		err         error
	}{
		{"AcceptEx NULL listener", "sListenSocket", accept(0, s2, buf, 16, l, l, &ov)},
		{"AcceptEx INVALID_SOCKET listener", "sListenSocket", accept(INVALID_SOCKET, s2, buf, 16, l, l, &ov)},
		{"AcceptEx NULL accept socket", "sAcceptSocket", accept(s, 0, buf, 16, l, l, &ov)},
		{"AcceptEx local slot short", "dwLocalAddressLength", accept(s, s2, buf, 16, l-1, l, &ov)},
		{"AcceptEx remote slot short", "dwRemoteAddressLength", accept(s, s2, buf, 16, l, 16, &ov)},
		{"AcceptEx buffer shorter than the lengths", "lpOutputBuffer", accept(s, s2, buf[:len(buf)-1], 16, l, l, &ov)},
		{"AcceptEx nil buffer", "lpOutputBuffer", accept(s, s2, nil, 0, l, l, &ov)},
		{"AcceptEx lengths overflowing 32 bits", "lpOutputBuffer", accept(s, s2, buf, ^uint32(0), l, l, &ov)},
		{"AcceptEx nil lpOverlapped", "lpOverlapped", accept(s, s2, buf, 16, l, l, nil)},
		{"GetAcceptExSockaddrs slot short", "dwRemoteAddressLength", sockaddrs(buf, 16, l, l-1)},
		{"GetAcceptExSockaddrs buffer short", "lpOutputBuffer", sockaddrs(buf, 17, l, l)},
		{"ConnectEx NULL s", "s", connect(0, &name, &ov)},
		{"ConnectEx nil name", "name", connect(s, nil, &ov)},
		{"ConnectEx name unset", "name.Len", connect(s, &unset, &ov)},
		{"ConnectEx name.Len too long", "name.Len", connect(s, &tooLong, &ov)},
		{"ConnectEx nil lpOverlapped", "lpOverlapped", connect(s, &name, nil)},
		{"DisconnectEx NULL s", "s", DisconnectEx(0, &ov, 0)},
		{"DisconnectEx flag other than TF_REUSE_SOCKET", "dwFlags", DisconnectEx(s, &ov, TF_DISCONNECT)},
		{"TransmitFile NULL hSocket", "hSocket", transmit(0, &ov, 0)},
		{"TransmitFile INVALID_SOCKET", "hSocket", transmit(INVALID_SOCKET, &ov, 0)},
		{"TransmitFile undocumented flag", "dwReserved", transmit(s, &ov, 0x100)},
		{"TransmitFile nil lpOverlapped", "lpOverlapped", transmit(s, nil, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			testutil.RequireInputError(t, c.err, c.param)
		})
	}
	assert.Equal(t, inFlight, overlapped.InFlight(), "nothing pinned")
}

func TestAcceptExAddressLength(t *testing.T) {
	// sizeof(SOCKADDR_INET) + 16, as MSDN asks of each address slot.
	assert.Equal(t, uint32(28+16), AcceptExAddressLength)
}

// TestGetAcceptExSockaddrsStaysInsideTheBuffer: whatever address and
// length Winsock answers, sockaddrIn reads only lpOutputBuffer's bytes.
func TestGetAcceptExSockaddrsStaysInsideTheBuffer(t *testing.T) {
	buf := make([]byte, 100)
	base := uintptr(unsafe.Pointer(&buf[0]))
	for _, c := range []struct {
		name string
		addr uintptr
		n    int32
	}{
		{"below the buffer", base - 1, 16},
		{"past the buffer", base + 100, 16},
		{"running past the end", base + 90, 16},
		{"negative length", base, -1},
		{"longer than SOCKADDR_INET", base, 29},
		{"NULL", 0, 16},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sockaddrIn(buf, "LocalSockaddr", c.addr, c.n)
			testutil.RequireInputError(t, err, "LocalSockaddr")
		})
	}
	t.Run("an address at the end", func(t *testing.T) {
		var sa wintypes.RawSockaddr
		require.NoError(t, sa.SetAddrPort(netip.MustParseAddrPort("127.0.0.1:80")))
		copy(buf[84:], unsafe.Slice((*byte)(unsafe.Pointer(&sa.Addr)), 16))
		got, err := sockaddrIn(buf, "RemoteSockaddr", base+84, 16)
		require.NoError(t, err)
		assert.Equal(t, netip.MustParseAddrPort("127.0.0.1:80"), got)
	})
}
