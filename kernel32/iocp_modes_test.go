//go:build windows

package kernel32

import (
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// portPipe is an overlapped named pipe whose server end is associated with
// a new port under key 1, and whose client end (synchronous) writes the
// data the server reads: a read of data already in the pipe completes in
// ReadFile itself, on Windows and under Wine, so the synchronous success
// does not depend on timing.
func portPipe(t *testing.T) (port, server, client wintypes.HANDLE) {
	t.Helper()
	port = newPort(t)
	server, client, _ = overlappedPipe(t, PIPE_TYPE_BYTE, false)
	got, err := CreateIoCompletionPort(server, port, 1, 0)
	require.NoError(t, err)
	require.Equal(t, port, got)
	return port, server, client
}

// readAtOnce writes data into the pipe, then reads it on server with ov:
// the read must complete in ReadFile, which returns its count and releases
// its pins before it returns.
func readAtOnce(t *testing.T, server, client wintypes.HANDLE, ov *wintypes.OVERLAPPED, data string) {
	t.Helper()
	_, err := WriteFile(client, []byte(data), nil, nil)
	require.NoError(t, err)
	begun, released := overlapped.Counts()
	inFlight := overlapped.InFlight()
	buf := make([]byte, 64)
	n, err := ReadFile(server, buf, nil, ov)
	require.NoError(t, err)
	require.Equal(t, len(data), n, "the data was there: the read completed in ReadFile")
	assert.Equal(t, data, string(buf[:n]))
	b, r := overlapped.Counts()
	assert.Equal(t, [2]uint64{begun + 1, released + 1}, [2]uint64{b, r}, "registered and released in ReadFile")
	assert.Equal(t, inFlight, overlapped.InFlight(), "nothing left pinned")
}

// A synchronous success queues a packet by default; with
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS it queues none, and an operation
// that goes pending still does. The pins are released in the starting call
// in both modes: a packet of an operation already released releases
// nothing, and no packet is needed to release one.
func TestSetFileCompletionNotificationModes(t *testing.T) {
	port, server, client := portPipe(t)
	entries := make([]wintypes.OVERLAPPED_ENTRY, 4)

	// Default mode: the synchronous success posts a packet all the same.
	syncOv := new(wintypes.OVERLAPPED)
	readAtOnce(t, server, client, syncOv, "default")
	n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 10000, false)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 1, LpOverlapped: syncOv.Address(), DwNumberOfBytesTransferred: 7}, entries[0])
	assert.Zero(t, pendingOps(), "the packet of a released operation releases nothing more")

	require.NoError(t, SetFileCompletionNotificationModes(server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))

	// Skip mode: no packet for the synchronous success...
	*syncOv = wintypes.OVERLAPPED{}
	readAtOnce(t, server, client, syncOv, "skipped")
	_, err = GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
	// ... while a read that goes pending (the pipe is empty) still
	// completes as a packet, and is the first packet queued: had the
	// synchronous success queued one, even late, it would come first.
	pendingOv := new(wintypes.OVERLAPPED)
	buf := make([]byte, 64)
	got, err := ReadFile(server, buf, nil, pendingOv)
	requirePending(t, got, err)
	assert.Equal(t, 1, pendingOps(), "pinned until its packet is dequeued")
	_, err = WriteFile(client, []byte("pending"), nil, nil)
	require.NoError(t, err)
	n, err = GetQueuedCompletionStatusEx(port, entries, len(entries), 10000, false)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 1, LpOverlapped: pendingOv.Address(), DwNumberOfBytesTransferred: 7}, entries[0])
	assert.Equal(t, "pending", string(buf[:7]))
	assert.Zero(t, pendingOps(), "released by its packet")

	// Modes add up and stay: setting them again, both at once, succeeds.
	require.NoError(t, SetFileCompletionNotificationModes(server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS|FILE_SKIP_SET_EVENT_ON_HANDLE))
	*syncOv = wintypes.OVERLAPPED{}
	readAtOnce(t, server, client, syncOv, "still skipped")
	_, err = GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
}

// In FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode the starting call's error
// alone says whether a packet comes, whatever the count: a zero-byte read
// or write done at once returns 0 and nil and queues nothing, one that goes
// pending returns 0 and ERROR_IO_PENDING and queues a packet when it
// completes. (Before, both returned 0 and nil.) Completion at once or
// pending is decided by the pipe's state, not by timing: data in the pipe,
// or room in it, completes at once; an empty pipe, or a full one, makes
// the operation wait.
func TestSkipModeZeroBytePendingOrNot(t *testing.T) {
	port, server, client := portPipe(t)
	require.NoError(t, SetFileCompletionNotificationModes(server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
	entries := make([]wintypes.OVERLAPPED_ENTRY, 4)
	noPacket := func(what string) {
		t.Helper()
		_, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false)
		testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
		assert.Zero(t, pendingOps(), "%s: released in the starting call", what)
	}

	// A zero-byte write, the pipe having room: done at once, no packet.
	ov := new(wintypes.OVERLAPPED)
	n, err := WriteFile(server, nil, nil, ov)
	require.NoError(t, err, "a write with room completes at once")
	assert.Zero(t, n)
	noPacket("zero-byte write")

	// A zero-byte read with data in the pipe: done at once, no packet
	// (the data stays for the next read).
	_, err = WriteFile(client, []byte("data"), nil, nil)
	require.NoError(t, err)
	*ov = wintypes.OVERLAPPED{}
	n, err = ReadFile(server, nil, nil, ov)
	require.NoError(t, err, "a read with data there completes at once")
	assert.Zero(t, n)
	noPacket("zero-byte read")
	buf := make([]byte, 8)
	*ov = wintypes.OVERLAPPED{}
	n, err = ReadFile(server, buf, nil, ov)
	require.NoError(t, err)
	require.Equal(t, "data", string(buf[:n]), "the zero-byte read consumed nothing")
	noPacket("read")

	// A zero-byte read of the empty pipe waits for data: pending, and its
	// packet (0 bytes) comes once the client writes.
	*ov = wintypes.OVERLAPPED{}
	n, err = ReadFile(server, nil, nil, ov)
	requirePending(t, n, err)
	assert.Equal(t, 1, pendingOps(), "pinned until its packet is dequeued")
	_, err = WriteFile(client, []byte("wake"), nil, nil)
	require.NoError(t, err)
	e := dequeueOne(t, port)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 1, LpOverlapped: ov.Address()}, e, "0 bytes, its packet")
	assert.Zero(t, pendingOps(), "released by its packet")
	*ov = wintypes.OVERLAPPED{}
	n, err = ReadFile(server, buf, nil, ov)
	require.NoError(t, err)
	require.Equal(t, "wake", string(buf[:n]))
	noPacket("read")

	// A write into a full pipe (the client reads nothing) waits for room:
	// pending, and its packet comes once the client has read.
	big := make([]byte, 64<<10) // past the pipe's 4096-byte buffer
	*ov = wintypes.OVERLAPPED{}
	n, err = WriteFile(server, big, nil, ov)
	requirePending(t, n, err)
	assert.Equal(t, 1, pendingOps())
	chunk := make([]byte, 4096)
	for read := 0; read < len(big); {
		m, err := ReadFile(client, chunk, nil, nil)
		require.NoError(t, err)
		read += m
	}
	e = dequeueOne(t, port)
	assert.Equal(t, wintypes.OVERLAPPED_ENTRY{LpCompletionKey: 1, LpOverlapped: ov.Address(), DwNumberOfBytesTransferred: uint32(len(big))}, e)
	assert.Zero(t, pendingOps())
	noPacket("nothing else")
}

// FILE_SKIP_SET_EVENT_ON_HANDLE: an operation that completes no longer
// signals the handle, which is what a wait on an OVERLAPPED without an
// event (GetOverlappedResult's) waits on.
func TestSetFileCompletionNotificationModesSkipSetEvent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		Flags uint8
		want  uint32
	}{
		{name: "default", want: WAIT_OBJECT_0},
		{name: "FILE_SKIP_SET_EVENT_ON_HANDLE", Flags: FILE_SKIP_SET_EVENT_ON_HANDLE, want: WAIT_TIMEOUT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port, server, client := portPipe(t)
			if tc.Flags != 0 {
				require.NoError(t, SetFileCompletionNotificationModes(server, tc.Flags))
			}
			// A read that goes pending (the pipe is empty), completed by a
			// write: its packet says it is over.
			ov := new(wintypes.OVERLAPPED)
			n, err := ReadFile(server, make([]byte, 8), nil, ov)
			requirePending(t, n, err)
			_, err = WriteFile(client, []byte("set"), nil, nil)
			require.NoError(t, err)
			e := dequeueOne(t, port)
			require.Equal(t, ov.Address(), e.LpOverlapped)
			got, err := WaitForSingleObject(server, 0)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "the handle's state once the read completed")
		})
	}
}

func TestSetFileCompletionNotificationModesFailure(t *testing.T) {
	err := SetFileCompletionNotificationModes(testutil.InvalidHandle, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)
	testutil.RequireAPIError(t, err, "SetFileCompletionNotificationModes", ERROR_INVALID_HANDLE)
	// Windows refuses little else on a valid handle: injected.
	_, server, _ := portPipe(t)
	defer injectFault("SetFileCompletionNotificationModes", 0, ERROR_ACCESS_DENIED)()
	err = SetFileCompletionNotificationModes(server, FILE_SKIP_SET_EVENT_ON_HANDLE)
	testutil.RequireAPIError(t, err, "SetFileCompletionNotificationModes", ERROR_ACCESS_DENIED)
}

func TestSetFileCompletionNotificationModesBadInput(t *testing.T) {
	_, server, _ := portPipe(t)
	for _, tc := range []struct {
		name       string
		FileHandle wintypes.HANDLE
		Flags      uint8
		param      string
	}{
		{name: "NULL handle", FileHandle: 0, Flags: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, param: "FileHandle"},
		{name: "undocumented bit", FileHandle: server, Flags: 0x4, param: "Flags"},
		{name: "a mode and an undocumented bit", FileHandle: server, Flags: FILE_SKIP_SET_EVENT_ON_HANDLE | 0x80, param: "Flags"},
		{name: "every bit", FileHandle: server, Flags: 0xff, param: "Flags"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := SetFileCompletionNotificationModes(tc.FileHandle, tc.Flags)
			testutil.RequireInputError(t, err, tc.param)
		})
	}
}

// requireAssociatedError asserts that err is CreateIoCompletionPort's
// ERROR_INVALID_PARAMETER for a handle already associated with a port, as
// errors.Is sees it and with a message saying why.
func requireAssociatedError(t *testing.T, err error) {
	t.Helper()
	e := testutil.APIErrorOf(t, err, "CreateIoCompletionPort", ERROR_INVALID_PARAMETER)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_PARAMETER)
	assert.Equal(t, syscall.Errno(87), e.Errno)
	assert.Equal(t, wincgoerrors.Message(ERROR_INVALID_PARAMETER)+associationHint, e.Message)
	for _, s := range []string{"already be associated with a completion port", "Go's net package", "ws2_32.WSASocket"} {
		assert.Contains(t, err.Error(), s)
	}
}

// A socket of Go's net package belongs to the runtime's port: associating
// it with another is refused, and the error says why.
func TestCreateIoCompletionPortGoSocket(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, ln.Close()) })
	raw, err := ln.(*net.TCPListener).SyscallConn()
	require.NoError(t, err)
	port := newPort(t)
	var assocErr error
	require.NoError(t, raw.Control(func(fd uintptr) {
		_, assocErr = CreateIoCompletionPort(wintypes.HANDLE(fd), port, 1, 0)
	}))
	requireAssociatedError(t, assocErr)
}

// A handle wincgo associated is refused by a second port, and by its own
// port a second time (Wine 8 as Windows); the message names the causes.
// Other failures, and a failure to create a port, keep Windows' message as
// it is.
func TestCreateIoCompletionPortAlreadyAssociated(t *testing.T) {
	port, server, _ := portPipe(t)
	_, err := CreateIoCompletionPort(server, newPort(t), 2, 0)
	requireAssociatedError(t, err)
	_, err = CreateIoCompletionPort(server, port, 3, 0)
	requireAssociatedError(t, err)
	// A handle opened without FILE_FLAG_OVERLAPPED (an anonymous pipe's),
	// which Microsoft says must not be associated, gets the same code
	// (measured under Wine 8), hence the message's second cause.
	r, w, err := CreatePipe(nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, r)
	closeAtCleanup(t, w)
	_, err = CreateIoCompletionPort(r, port, 5, 0)
	requireAssociatedError(t, err)

	_, err = CreateIoCompletionPort(testutil.InvalidHandle, port, 4, 0)
	e := testutil.APIErrorOf(t, err, "CreateIoCompletionPort", ERROR_INVALID_HANDLE)
	assert.Equal(t, wincgoerrors.Message(ERROR_INVALID_HANDLE), e.Message)
	func() {
		defer injectFault("CreateIoCompletionPort", 0, ERROR_INVALID_PARAMETER)()
		_, err = CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0)
	}()
	e = testutil.APIErrorOf(t, err, "CreateIoCompletionPort", ERROR_INVALID_PARAMETER)
	assert.Equal(t, wincgoerrors.Message(ERROR_INVALID_PARAMETER), e.Message, "creating a port: no association to blame")
}
