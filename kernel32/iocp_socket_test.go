//go:build windows

package kernel32

import (
	"io"
	"net"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// dequeueOne waits for one packet on port with GetQueuedCompletionStatusEx.
func dequeueOne(t *testing.T, port wintypes.HANDLE) wintypes.OVERLAPPED_ENTRY {
	t.Helper()
	entries := make([]wintypes.OVERLAPPED_ENTRY, 1)
	n, err := GetQueuedCompletionStatusEx(port, entries, 1, 10000, false)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	return entries[0]
}

// TestCompletionPortSocket associates a socket this program created itself
// (WSASocket with WSA_FLAG_OVERLAPPED, through x/sys: no runtime port owns
// it) with a wincgo port: an overlapped WSARecv and WSASend complete as
// packets carrying the socket's key, dequeued with
// GetQueuedCompletionStatusEx. A socket of Go's net package cannot be
// associated: the runtime's port owns it.
func TestCompletionPortSocket(t *testing.T) {
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, ln.Close()) })
	port := newPort(t)

	s, err := windows.WSASocket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP, nil, 0, windows.WSA_FLAG_OVERLAPPED)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, windows.Closesocket(s)) })
	_, err = CreateIoCompletionPort(wintypes.HANDLE(s), port, 31, 0)
	require.NoError(t, err)

	accepted := make(chan *net.TCPConn, 1)
	go func() {
		c, err := ln.AcceptTCP()
		assert.NoError(t, err)
		accepted <- c
	}()
	require.NoError(t, windows.Connect(s, &windows.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: ln.Addr().(*net.TCPAddr).Port}))
	peer := <-accepted
	require.NotNil(t, peer)
	t.Cleanup(func() { assert.NoError(t, peer.Close()) })
	require.NoError(t, peer.SetDeadline(time.Now().Add(20*time.Second)))

	before := pendingOps()
	// A receive with nothing to receive yet: pending. Its buffer and
	// OVERLAPPED are this test's (x/sys, not wincgo, started it: nothing is
	// registered), kept alive until the packet came.
	recvBuf := make([]byte, 16)
	recvOv := new(windows.Overlapped)
	var flags uint32
	err = windows.WSARecv(s, &windows.WSABuf{Len: uint32(len(recvBuf)), Buf: &recvBuf[0]}, 1, nil, &flags, recvOv, nil)
	require.ErrorIs(t, err, windows.ERROR_IO_PENDING)
	_, err = peer.Write([]byte("ping"))
	require.NoError(t, err)
	e := dequeueOne(t, port)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 31, LpOverlapped: uintptr(unsafe.Pointer(recvOv)), Internal: e.Internal, DwNumberOfBytesTransferred: 4}, e)
	assert.Equal(t, "ping", string(recvBuf[:4]))
	runtime.KeepAlive(recvOv)

	// A send: it may complete at once, and its packet comes all the same.
	sendBuf := []byte("pong!")
	sendOv := new(windows.Overlapped)
	err = windows.WSASend(s, &windows.WSABuf{Len: uint32(len(sendBuf)), Buf: &sendBuf[0]}, 1, nil, 0, sendOv, nil)
	if err != nil {
		require.ErrorIs(t, err, windows.ERROR_IO_PENDING)
	}
	e = dequeueOne(t, port)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 31, LpOverlapped: uintptr(unsafe.Pointer(sendOv)), Internal: e.Internal, DwNumberOfBytesTransferred: 5}, e)
	runtime.KeepAlive(sendOv)
	runtime.KeepAlive(sendBuf)
	got := make([]byte, 5)
	_, err = io.ReadFull(peer, got)
	require.NoError(t, err)
	assert.Equal(t, "pong!", string(got))
	assert.Equal(t, before, pendingOps(), "packets of operations wincgo did not start release nothing")

	// Go's own sockets belong to the runtime's port.
	raw, err := peer.SyscallConn()
	require.NoError(t, err)
	var assocErr error
	require.NoError(t, raw.Control(func(fd uintptr) {
		_, assocErr = CreateIoCompletionPort(wintypes.HANDLE(fd), port, 32, 0)
	}))
	testutil.RequireAPIError(t, assocErr, "CreateIoCompletionPort", ERROR_INVALID_PARAMETER)
}
