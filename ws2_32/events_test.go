//go:build windows

package ws2_32

import (
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// bogusSocket names no socket: socket values are handles, multiples of 4.
const bogusSocket = wintypes.SOCKET(0x7ffffff1)

func init() {
	// events-startup-without-net ends the Winsock initialisation Go's net
	// package made at init, as in a program that never imported net, then
	// checks that the wrappers initialise Winsock themselves.
	testutil.Role("events-startup-without-net", func([]string) (err error) {
		// WSACleanup undoes one WSAStartup: call it until none is left.
		cleanupErr := windows.WSACleanup()
		for cleanupErr == nil {
			cleanupErr = windows.WSACleanup()
		}
		// Winsock is now uninitialised for this process: a raw call says so.
		if err := windows.Closesocket(windows.Handle(bogusSocket)); !errors.Is(err, windows.WSANOTINITIALISED) {
			return fmt.Errorf("after WSACleanup, closesocket: %w, expected WSANOTINITIALISED", err)
		}
		ev, err := WSACreateEvent()
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, WSACloseEvent, ev)
		// Winsock is initialised: a bogus socket is reported as such.
		err = WSAEventSelect(bogusSocket, ev, FD_READ)
		if !errors.Is(err, WSAENOTSOCK) {
			return fmt.Errorf("WSAEventSelect: %w, expected WSAENOTSOCK", err)
		}
		return nil
	})
}

// newWSAEvent creates an event closed at the end of the test.
func newWSAEvent(t testing.TB) wintypes.WSAEVENT {
	t.Helper()
	ev, err := WSACreateEvent()
	require.NoError(t, err)
	require.NotEqual(t, WSA_INVALID_EVENT, ev)
	t.Cleanup(func() { testutil.CloseWith(t, WSACloseEvent, ev) })
	return ev
}

// listen returns a TCP listener on 127.0.0.1, closed at the end of the test.
func listen(t testing.TB) *net.TCPListener {
	t.Helper()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	t.Cleanup(func() { testutil.Close(t, ln) })
	return ln
}

func socketOf(t testing.TB, conn any) wintypes.SOCKET {
	t.Helper()
	s, err := wintypes.SocketFromConn(conn)
	require.NoError(t, err)
	return s
}

// requireWait waits up to 10 s for ev's state to be want.
func requireWait(t testing.TB, ev wintypes.WSAEVENT, ms uint32, want uint32) {
	t.Helper()
	got, err := kernel32.WaitForSingleObject(ev.Handle(), ms)
	require.NoError(t, err)
	require.Equal(t, want, got, "wait result (WAIT_OBJECT_0=%#x, WAIT_TIMEOUT=%#x)", kernel32.WAIT_OBJECT_0, kernel32.WAIT_TIMEOUT)
}

// connectedPair returns both ends of a TCP connection on 127.0.0.1.
func connectedPair(t *testing.T) (server, client net.Conn) {
	t.Helper()
	ln := listen(t)
	client, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { testutil.Close(t, client) })
	server, err = ln.Accept()
	require.NoError(t, err)
	t.Cleanup(func() { testutil.Close(t, server) })
	return server, client
}

// nextEvents waits for ev and enumerates s's events, resetting ev.
func nextEvents(t *testing.T, s wintypes.SOCKET, ev wintypes.WSAEVENT) wintypes.WSANETWORKEVENTS {
	t.Helper()
	requireWait(t, ev, 10000, kernel32.WAIT_OBJECT_0)
	ne, err := WSAEnumNetworkEvents(s, ev)
	require.NoError(t, err)
	return ne
}

func TestWSACreateEventIsManualResetAndUnsignalled(t *testing.T) {
	ev := newWSAEvent(t)
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT)
	require.NoError(t, kernel32.SetEvent(ev.Handle()))
	requireWait(t, ev, 0, kernel32.WAIT_OBJECT_0)
	requireWait(t, ev, 0, kernel32.WAIT_OBJECT_0) // manual reset: still signalled
	require.NoError(t, kernel32.ResetEvent(ev.Handle()))
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT)
}

func TestWSACreateEventFailure(t *testing.T) {
	// Windows will not run out of events on demand: inject the failure.
	defer injectFault("WSACreateEvent", 0, WSA_NOT_ENOUGH_MEMORY)()
	ev, err := WSACreateEvent()
	testutil.RequireAPIError(t, err, "WSACreateEvent", WSA_NOT_ENOUGH_MEMORY)
	assert.Equal(t, WSA_INVALID_EVENT, ev)
}

func TestWSACloseEvent(t *testing.T) {
	ev, err := WSACreateEvent()
	require.NoError(t, err)
	require.NoError(t, WSACloseEvent(ev))
	// Not ev again: its value may name a new handle by now (see
	// testutil.InvalidHandle).
	testutil.RequireAPIError(t, WSACloseEvent(testutil.InvalidHandle), "WSACloseEvent", WSA_INVALID_HANDLE)
	testutil.RequireInputError(t, WSACloseEvent(0), "hEvent")
}

func TestWSAEventSelectAcceptThenGoAcceptReadWrite(t *testing.T) {
	ln := listen(t)
	s := socketOf(t, ln)
	ev := newWSAEvent(t)
	require.NoError(t, WSAEventSelect(s, ev, FD_ACCEPT))
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT)

	client, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer testutil.Close(t, client)

	ne := nextEvents(t, s, ev)
	assert.Equal(t, FD_ACCEPT, ne.LNetworkEvents)
	assert.Zero(t, ne.IErrorCode[FD_ACCEPT_BIT])
	// WSAEnumNetworkEvents reset the event atomically.
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT)

	// Go's own Accept, Read and Write work on a selected (non-blocking)
	// socket: they are overlapped I/O. The reactor of examples/demo relies
	// on this.
	server, err := ln.Accept()
	require.NoError(t, err)
	defer testutil.Close(t, server)
	_, err = client.Write([]byte("ping"))
	require.NoError(t, err)
	buf := make([]byte, 4)
	_, err = io.ReadFull(server, buf)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf))
	_, err = server.Write([]byte("pong"))
	require.NoError(t, err)
	_, err = io.ReadFull(client, buf)
	require.NoError(t, err)
	assert.Equal(t, "pong", string(buf))
}

func TestWSAEventSelectReadThenClose(t *testing.T) {
	server, client := connectedPair(t)
	s := socketOf(t, server)
	ev := newWSAEvent(t)
	require.NoError(t, WSAEventSelect(s, ev, FD_READ|FD_CLOSE))

	_, err := client.Write([]byte("hello"))
	require.NoError(t, err)
	requireWait(t, ev, 10000, kernel32.WAIT_OBJECT_0)
	// hEventObject 0: the record is read and cleared, the event left set.
	ne, err := WSAEnumNetworkEvents(s, 0)
	require.NoError(t, err)
	assert.Equal(t, FD_READ, ne.LNetworkEvents)
	assert.Zero(t, ne.IErrorCode[FD_READ_BIT])
	requireWait(t, ev, 0, kernel32.WAIT_OBJECT_0)
	require.NoError(t, kernel32.ResetEvent(ev.Handle()))

	buf := make([]byte, 5)
	_, err = io.ReadFull(server, buf) // Go's Read re-enables FD_READ
	require.NoError(t, err)
	assert.Equal(t, "hello", string(buf))

	require.NoError(t, client.Close())
	var seen uint32
	for seen&FD_CLOSE == 0 {
		ne = nextEvents(t, s, ev)
		seen |= ne.LNetworkEvents
	}
	assert.Zero(t, ne.IErrorCode[FD_CLOSE_BIT], "a graceful close reports no error")
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT)
	n, err := server.Read(buf)
	assert.Zero(t, n)
	assert.ErrorIs(t, err, io.EOF)
}

func TestWSAEventSelectCloseByReset(t *testing.T) {
	server, client := connectedPair(t)
	s := socketOf(t, server)
	ev := newWSAEvent(t)
	require.NoError(t, WSAEventSelect(s, ev, FD_CLOSE))
	// SO_LINGER 0 makes Close send a reset instead of a FIN.
	require.NoError(t, client.(*net.TCPConn).SetLinger(0))
	require.NoError(t, client.Close())
	ne := nextEvents(t, s, ev)
	assert.Equal(t, FD_CLOSE, ne.LNetworkEvents)
	buf := make([]byte, 1)
	if testutil.IsWine() {
		// Wine 8.0 does not reset the connection: a linger-0 close reaches
		// the peer as a graceful one (observed every time: FD_CLOSE with
		// code 0, then EOF). Windows sends a reset, as documented.
		assert.Zero(t, ne.IErrorCode[FD_CLOSE_BIT], "Wine: FD_CLOSE of a linger-0 close carries no code")
		_, err := server.Read(buf)
		assert.ErrorIs(t, err, io.EOF)
		return
	}
	assert.Equal(t, int32(WSAECONNRESET), ne.IErrorCode[FD_CLOSE_BIT], "a reset reports WSAECONNRESET")
	_, err := server.Read(buf)
	assert.ErrorIs(t, err, WSAECONNRESET)
}

func TestWSAEventSelectCancel(t *testing.T) {
	server, client := connectedPair(t)
	s := socketOf(t, server)
	ev := newWSAEvent(t)
	require.NoError(t, WSAEventSelect(s, ev, FD_READ))
	require.NoError(t, WSAEventSelect(s, 0, 0)) // cancel: hEventObject may be NULL
	_, err := client.Write([]byte("x"))
	require.NoError(t, err)
	buf := make([]byte, 1)
	_, err = io.ReadFull(server, buf) // the data arrived...
	require.NoError(t, err)
	requireWait(t, ev, 0, kernel32.WAIT_TIMEOUT) // ...but the event was not set
}

func TestWSAEventSelectClosedAndBogusSocket(t *testing.T) {
	ev := newWSAEvent(t)
	ln := listen(t)
	s := socketOf(t, ln)
	require.NoError(t, ln.Close())
	for _, sock := range []wintypes.SOCKET{s, bogusSocket} {
		testutil.RequireAPIError(t, WSAEventSelect(sock, ev, FD_ACCEPT), "WSAEventSelect", WSAENOTSOCK)
		_, err := WSAEnumNetworkEvents(sock, ev)
		testutil.RequireAPIError(t, err, "WSAEnumNetworkEvents", WSAENOTSOCK)
	}
}

func TestWSAEventSelectBadInput(t *testing.T) {
	ev := newWSAEvent(t)
	s := socketOf(t, listen(t))
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"WSAEventSelect/s=0", "s", func() error { return WSAEventSelect(0, ev, FD_READ) }},
		{"WSAEventSelect/s=INVALID_SOCKET", "s", func() error { return WSAEventSelect(INVALID_SOCKET, ev, FD_READ) }},
		{"WSAEventSelect/lNetworkEvents=FD_ALL_EVENTS+1", "lNetworkEvents", func() error { return WSAEventSelect(s, ev, FD_ALL_EVENTS+1) }},
		{"WSAEventSelect/hEventObject=0", "hEventObject", func() error { return WSAEventSelect(s, 0, FD_ACCEPT) }},
		{"WSAEnumNetworkEvents/s=0", "s", func() error { _, err := WSAEnumNetworkEvents(0, ev); return err }},
		{"WSAEnumNetworkEvents/s=INVALID_SOCKET", "s", func() error { _, err := WSAEnumNetworkEvents(INVALID_SOCKET, ev); return err }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}

func TestWSAErrorsCarryTheCodeOfTheSameCall(t *testing.T) {
	s := socketOf(t, listen(t))
	ev := newWSAEvent(t)
	// Codes Winsock will not produce on demand on a healthy socket.
	defer injectFault("WSAEventSelect", ^uintptr(0), WSAENETDOWN)()
	defer injectFault("WSAEnumNetworkEvents", ^uintptr(0), WSAEINPROGRESS)()
	err := WSAEventSelect(s, ev, FD_ACCEPT)
	apiErr := testutil.APIErrorOf(t, err, "WSAEventSelect", WSAENETDOWN)
	assert.Equal(t, "SOCKET_ERROR", apiErr.Returned)
	_, err = WSAEnumNetworkEvents(s, ev)
	testutil.RequireAPIError(t, err, "WSAEnumNetworkEvents", WSAEINPROGRESS)
}

func TestWSAGetLastErrorReadsTheThreadsValue(t *testing.T) {
	// Meaningful only on one OS thread: lock it for the test.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wsaSetLastError := windows.NewLazySystemDLL("ws2_32.dll").NewProc("WSASetLastError")
	require.NoError(t, wsaSetLastError.Find())

	// Even on a locked thread the Go runtime may make Windows calls of its
	// own between two calls (observed: 1 run in a few read 0, the runtime
	// having cleared the value in between), which is exactly why the
	// wrappers read the code in the same C call. So each check gets a few
	// attempts and must hold at least once; a WSAGetLastError that did not
	// read the thread's value would fail every attempt.
	const attempts = 20
	seen := func(want syscall.Errno, setup func()) bool {
		for range attempts {
			setup()
			if WSAGetLastError() == want {
				return true
			}
		}
		return false
	}
	// A real Winsock failure on this thread, through another binding
	// (golang.org/x/sys/windows), which leaves the code on the thread.
	assert.True(t, seen(WSAENOTSOCK, func() {
		err := windows.Closesocket(windows.Handle(bogusSocket))
		require.ErrorIs(t, err, windows.WSAENOTSOCK)
	}), "WSAENOTSOCK after a failed closesocket")
	// WSASetLastError changes what it reads.
	assert.True(t, seen(WSAEWOULDBLOCK, func() { _, _, _ = wsaSetLastError.Call(uintptr(WSAEWOULDBLOCK)) }),
		"WSAEWOULDBLOCK after WSASetLastError")
}

func TestStartupFailure(t *testing.T) {
	require.NoError(t, wsaStartup(), "a further WSAStartup succeeds (Winsock counts them)")
	defer injectFault("WSAStartup", uintptr(WSASYSNOTREADY), WSASYSNOTREADY)()
	testutil.RequireAPIError(t, wsaStartup(), "WSAStartup", WSASYSNOTREADY)
}

func TestStartupWithoutNet(t *testing.T) {
	testutil.Run(t, "events-startup-without-net")
}

func BenchmarkWSAEnumNetworkEvents(b *testing.B) {
	ln := listen(b)
	s := socketOf(b, ln)
	ev := newWSAEvent(b)
	require.NoError(b, WSAEventSelect(s, ev, FD_ACCEPT))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WSAEnumNetworkEvents(s, ev); err != nil {
			b.Fatal(err)
		}
	}
}
