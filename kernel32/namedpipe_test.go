//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func init() {
	// pipe-client connects to the named pipe args[0] (waiting for an
	// instance), writes args[2] messages "message i;" (one write each),
	// then reads one reply and fails unless it is args[1].
	testutil.Role("pipe-client", func(args []string) (err error) {
		name, reply := args[0], args[1]
		count, err := strconv.Atoi(args[2])
		if err != nil {
			return err
		}
		if err := WaitNamedPipe(name, 20000); err != nil {
			return err
		}
		h, err := CreateFile(name, GENERIC_READ|GENERIC_WRITE, wintypes.Opt[uint32](0), nil,
			wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, h)
		for i := range count {
			if _, err := WriteFile(h, []byte(fmt.Sprintf("message %d;", i)), nil, nil); err != nil {
				return err
			}
		}
		buf := make([]byte, 64)
		n, err := ReadFile(h, buf, nil, nil)
		if err != nil {
			return err
		}
		if string(buf[:n]) != reply {
			return fmt.Errorf("reply %q, expected %q", buf[:n], reply)
		}
		return nil
	})
}

// TestNamedPipeServerAndChildClientThroughPort serves a client in a child
// process over an overlapped named pipe, in byte and message mode, with
// every completion (connect, reads, write) dequeued from a completion
// port.
func TestNamedPipeServerAndChildClientThroughPort(t *testing.T) {
	for _, mode := range []struct {
		name     string
		pipeMode uint32
	}{
		{"byte", PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT},
		{"message", PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT},
	} {
		t.Run(mode.name, func(t *testing.T) {
			const messages = 20
			name := `\\.\pipe\` + testutil.UniqueName("wincgo-child")
			server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, mode.pipeMode, 1, 4096, 4096, 0, nil)
			require.NoError(t, err)
			closeAtCleanup(t, server)
			port := newPort(t)
			_, err = CreateIoCompletionPort(server, port, 1, 0)
			require.NoError(t, err)
			before := pendingOps()

			connectOv := new(wintypes.OVERLAPPED)
			connected, err := ConnectNamedPipe(server, connectOv)
			requirePending(t, 0, err)
			require.False(t, connected, "no client yet: the connect is pending")

			cmd := testutil.Command(t, "pipe-client", name, "done", strconv.Itoa(messages))
			out := &strings.Builder{}
			cmd.Stdout, cmd.Stderr = out, out
			require.NoError(t, cmd.Start())
			defer func() { assert.NoError(t, cmd.Wait(), "child: %s", out) }()

			_, _, ov, err := GetQueuedCompletionStatus(port, 30000)
			require.NoError(t, err)
			require.Equal(t, connectOv.Address(), ov, "the first packet is the connect")

			// Read until every message arrived; in message mode each read
			// is exactly one message.
			var got strings.Builder
			var reads []string
			readOv := new(wintypes.OVERLAPPED)
			buf := make([]byte, 256)
			want := ""
			for i := range messages {
				want += fmt.Sprintf("message %d;", i)
			}
			for got.Len() < len(want) {
				_, err := ReadFile(server, buf, nil, readOv)
				requireStarted(t, err) // a packet either way: not in skip mode
				n, _, ov, err := GetQueuedCompletionStatus(port, 30000)
				require.NoError(t, err)
				require.Equal(t, readOv.Address(), ov)
				got.Write(buf[:n])
				reads = append(reads, string(buf[:n]))
			}
			assert.Equal(t, want, got.String())
			if mode.name == "message" {
				require.Len(t, reads, messages, "message mode: one read, one message")
				assert.Equal(t, "message 7;", reads[7])
			}

			writeOv := new(wintypes.OVERLAPPED)
			_, err = WriteFile(server, []byte("done"), nil, writeOv)
			requireStarted(t, err)
			n, _, ov, err := GetQueuedCompletionStatus(port, 30000)
			require.NoError(t, err)
			require.Equal(t, writeOv.Address(), ov)
			require.Equal(t, uint32(4), n)

			// The client closes: the next read completes with
			// ERROR_BROKEN_PIPE, through the port.
			_, err = ReadFile(server, buf, nil, readOv)
			function := "ReadFile"
			if errors.Is(err, ERROR_IO_PENDING) {
				_, _, ov, err = GetQueuedCompletionStatus(port, 30000)
				require.Equal(t, readOv.Address(), ov)
				function = "GetQueuedCompletionStatus"
			}
			testutil.RequireAPIError(t, err, function, ERROR_BROKEN_PIPE)
			assert.Equal(t, before, pendingOps(), "nothing stays pinned")
		})
	}
}

// writeAllOverlapped writes data to the overlapped handle h and waits for
// the write.
func writeAllOverlapped(t *testing.T, h wintypes.HANDLE, data string) {
	t.Helper()
	ov := new(wintypes.OVERLAPPED)
	_, err := WriteFile(h, []byte(data), nil, ov)
	requireStarted(t, err)
	n, err := GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	require.Equal(t, len(data), n)
}

func TestNamedPipeMessageModeMoreData(t *testing.T) {
	for _, overlapped := range []bool{false, true} {
		t.Run(fmt.Sprintf("overlapped=%v", overlapped), func(t *testing.T) {
			server, client, _ := overlappedPipe(t, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_WAIT, false)
			// The overlapped server end reads with an OVERLAPPED; the
			// synchronous client end (switched to message reads) without.
			reader := server
			var ov *wintypes.OVERLAPPED
			if overlapped {
				ov = new(wintypes.OVERLAPPED)
				_, err := WriteFile(client, []byte("0123456789"), nil, nil)
				require.NoError(t, err)
				_, err = WriteFile(client, []byte("next"), nil, nil)
				require.NoError(t, err)
			} else {
				reader = client
				require.NoError(t, SetNamedPipeHandleState(client, wintypes.Opt[uint32](PIPE_READMODE_MESSAGE), nil, nil))
				writeAllOverlapped(t, server, "0123456789")
				writeAllOverlapped(t, server, "next")
			}
			before := pendingOps()
			buf := make([]byte, 4)
			function := ""
			read := func() (int, error) {
				function = "ReadFile"
				n, err := ReadFile(reader, buf, nil, ov)
				if errors.Is(err, ERROR_IO_PENDING) {
					function = "GetOverlappedResult"
					return GetOverlappedResult(reader, ov, true)
				}
				return n, err
			}
			var parts []string
			for range 2 {
				n, err := read()
				testutil.RequireAPIError(t, err, function, ERROR_MORE_DATA)
				parts = append(parts, string(buf[:n]))
			}
			n, err := read()
			require.NoError(t, err, "the end of the message")
			parts = append(parts, string(buf[:n]))
			assert.Equal(t, []string{"0123", "4567", "89"}, parts)
			n, err = read()
			require.NoError(t, err)
			assert.Equal(t, "next", string(buf[:n]), "the next message is whole")
			assert.Equal(t, before, pendingOps())
		})
	}
}

func TestGetNamedPipeInfo(t *testing.T) {
	server, client, _ := overlappedPipe(t, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_WAIT, false)
	info, err := GetNamedPipeInfo(server)
	require.NoError(t, err)
	assert.Equal(t, uint32(PIPE_SERVER_END|PIPE_TYPE_MESSAGE), info.Flags)
	assert.Equal(t, uint32(1), info.MaxInstances)
	info, err = GetNamedPipeInfo(client)
	require.NoError(t, err)
	assert.Equal(t, uint32(PIPE_CLIENT_END|PIPE_TYPE_MESSAGE), info.Flags)

	_, err = GetNamedPipeInfo(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "GetNamedPipeInfo", ERROR_INVALID_HANDLE)
	_, err = GetNamedPipeInfo(0)
	testutil.RequireInputError(t, err, "hNamedPipe")
}

func TestWaitNamedPipe(t *testing.T) {
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-wait")
	err := WaitNamedPipe(name, 0)
	testutil.RequireAPIError(t, err, "WaitNamedPipeW", ERROR_FILE_NOT_FOUND)

	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	closeAtCleanup(t, server)
	ov := new(wintypes.OVERLAPPED)
	_, err = ConnectNamedPipe(server, ov)
	requirePending(t, 0, err)
	require.NoError(t, WaitNamedPipe(name, 1000), "an instance listens")

	client, err := CreateFile(name, GENERIC_READ, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, client)
	_, err = GetOverlappedResult(server, ov, true)
	require.NoError(t, err)

	// The only instance is taken: the wait times out.
	start := time.Now()
	err = WaitNamedPipe(name, 200)
	testutil.RequireAPIError(t, err, "WaitNamedPipeW", ERROR_SEM_TIMEOUT)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)
	_, err = CreateFile(name, GENERIC_READ, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_PIPE_BUSY)
}

func TestConnectAndDisconnectNamedPipe(t *testing.T) {
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-connect")
	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	closeAtCleanup(t, server)
	for round := range 2 {
		// A synchronous connect waits for the client.
		done := make(chan error, 1)
		go func() {
			connected, err := ConnectNamedPipe(server, nil)
			if err == nil && !connected {
				err = fmt.Errorf("not connected")
			}
			done <- err
		}()
		require.NoError(t, WaitNamedPipe(name, 10000))
		client, err := CreateFile(name, GENERIC_READ|GENERIC_WRITE, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
		require.NoError(t, err, "round %d", round)
		closeClient := closeAtCleanup(t, client)
		require.NoError(t, <-done)

		// Disconnected by the server: the client's end is dead.
		require.NoError(t, DisconnectNamedPipe(server))
		_, err = WriteFile(client, []byte("x"), nil, nil)
		testutil.RequireAPIError(t, err, "WriteFile", ERROR_PIPE_NOT_CONNECTED)
		closeClient()
	}
	err = DisconnectNamedPipe(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "DisconnectNamedPipe", ERROR_INVALID_HANDLE)
	_, err = ConnectNamedPipe(testutil.InvalidHandle, nil)
	testutil.RequireAPIError(t, err, "ConnectNamedPipe", ERROR_INVALID_HANDLE)
	_, err = ConnectNamedPipe(testutil.InvalidHandle, new(wintypes.OVERLAPPED))
	testutil.RequireAPIError(t, err, "ConnectNamedPipe", ERROR_INVALID_HANDLE)
	testutil.RequireInputError(t, DisconnectNamedPipe(0), "hNamedPipe")
	_, err = ConnectNamedPipe(0, nil)
	testutil.RequireInputError(t, err, "hNamedPipe")
}

// TestNamedPipeServerClosesWhileConnecting closes the server end while its
// ConnectNamedPipe is pending on a port: the packet reports the aborted
// connect, nothing stays pinned, and a late client finds no pipe.
func TestNamedPipeServerClosesWhileConnecting(t *testing.T) {
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-close")
	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	port := newPort(t)
	_, err = CreateIoCompletionPort(server, port, 3, 0)
	require.NoError(t, err)
	before := pendingOps()
	ov := new(wintypes.OVERLAPPED)
	connected, err := ConnectNamedPipe(server, ov)
	requirePending(t, 0, err)
	require.False(t, connected)
	require.NoError(t, CloseHandle(server))

	_, key, addr, err := GetQueuedCompletionStatus(port, 10000)
	require.Equal(t, ov.Address(), addr)
	assert.Equal(t, uintptr(3), key)
	if testutil.IsWine() {
		// Wine 8 completes the pending connect with code 676, which
		// winerror.h does not define (Windows: the close cancels it).
		testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", syscall.Errno(676))
	} else {
		testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_OPERATION_ABORTED)
	}
	assert.Equal(t, before, pendingOps())
	_, err = CreateFile(name, GENERIC_READ, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_FILE_NOT_FOUND)
}

// TestNamedPipeServerClosesWhileReading closes the server end while a read
// is pending, on the server end itself or on the client's, collected
// through a port: the read completes with an error through the port,
// nothing stays pinned, and the client's next operation fails typed.
func TestNamedPipeServerClosesWhileReading(t *testing.T) {
	for _, clientReads := range []bool{false, true} {
		t.Run(fmt.Sprintf("clientReads=%v", clientReads), func(t *testing.T) {
			server, client, closeServer := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, clientReads)
			reader := server
			if clientReads {
				reader = client
			}
			port := newPort(t)
			_, err := CreateIoCompletionPort(reader, port, 4, 0)
			require.NoError(t, err)
			before := pendingOps()
			addr, bufFreed, ovFreed := startDroppedPortRead(t, reader)
			require.Equal(t, before+1, pendingOps())
			closeServer()

			n, key, got, err := GetQueuedCompletionStatus(port, 10000)
			require.Equal(t, addr, got, "the read's packet, not a time-out: %v", err)
			assert.Equal(t, uintptr(4), key)
			assert.Zero(t, n)
			switch {
			case clientReads:
				// The other end went away.
				testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_BROKEN_PIPE)
			case testutil.IsWine():
				// Wine 8.0 completes the reads pending on a pipe end being
				// closed with STATUS_PIPE_BROKEN, not as cancelled.
				testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_BROKEN_PIPE)
			default:
				testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_OPERATION_ABORTED)
			}
			assert.Equal(t, before, pendingOps())
			requireFreed(t, bufFreed, ovFreed)

			if clientReads {
				_, err = ReadFile(client, make([]byte, 4), nil, new(wintypes.OVERLAPPED))
				testutil.RequireAPIError(t, err, "ReadFile", ERROR_BROKEN_PIPE)
				assert.Equal(t, before, pendingOps(), "a read that fails at once is not registered")
				return
			}
			_, err = WriteFile(client, []byte("anyone?"), nil, nil)
			require.Error(t, err)
			var code error = ERROR_NO_DATA
			if !assert.ErrorIs(t, err, code) {
				testutil.RequireAPIError(t, err, "WriteFile", ERROR_BROKEN_PIPE)
			}
		})
	}
}

func TestCreateNamedPipeFailures(t *testing.T) {
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-fail")
	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	closeAtCleanup(t, server)
	// One instance allowed, one exists.
	_, err = CreateNamedPipe(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	testutil.RequireAPIError(t, err, "CreateNamedPipeW", ERROR_PIPE_BUSY)
	// Not under \\.\pipe\.
	_, err = CreateNamedPipe(`C:\not-a-pipe`, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	testutil.RequireAPIError(t, err, "CreateNamedPipeW", ERROR_INVALID_NAME)
	// Message reads on a byte pipe.
	_, err = CreateNamedPipe(name+"-2", PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE|PIPE_READMODE_MESSAGE, 1, 0, 0, 0, nil)
	testutil.RequireAPIError(t, err, "CreateNamedPipeW", ERROR_INVALID_PARAMETER)
}

func TestCreateNamedPipeBadInput(t *testing.T) {
	long := `\\.\pipe\` + strings.Repeat("x", 256-9+1)
	for _, tc := range []struct {
		name, param        string
		lpName             string
		openMode, pipeMode uint32
		instances          uint32
	}{
		{"empty name", "lpName", "", PIPE_ACCESS_DUPLEX, 0, 1},
		{"NUL", "lpName", `\\.\pipe\a` + "\x00b", PIPE_ACCESS_DUPLEX, 0, 1},
		{"257 characters", "lpName", long, PIPE_ACCESS_DUPLEX, 0, 1},
		{"no access", "dwOpenMode", `\\.\pipe\x`, FILE_FLAG_OVERLAPPED, 0, 1},
		{"unknown open flag", "dwOpenMode", `\\.\pipe\x`, PIPE_ACCESS_DUPLEX | 0x4, 0, 1},
		{"unknown pipe flag", "dwPipeMode", `\\.\pipe\x`, PIPE_ACCESS_DUPLEX, 0x10, 1},
		{"0 instances", "nMaxInstances", `\\.\pipe\x`, PIPE_ACCESS_DUPLEX, 0, 0},
		{"256 instances", "nMaxInstances", `\\.\pipe\x`, PIPE_ACCESS_DUPLEX, 0, 256},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CreateNamedPipe(tc.lpName, tc.openMode, tc.pipeMode, tc.instances, 0, 0, 0, nil)
			testutil.RequireInputError(t, err, tc.param)
		})
	}
	// 256 characters is the limit, not over it.
	ok := long[:len(long)-1]
	h, err := CreateNamedPipe(ok, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	require.NoError(t, CloseHandle(h))
	inputErr := testutil.InputErrorOf(t, WaitNamedPipe(long, 0), "lpNamedPipeName")
	assert.Contains(t, inputErr.Message, "256")
	testutil.RequireInputError(t, WaitNamedPipe("", 0), "lpNamedPipeName")
}

func TestNamedPipeFaults(t *testing.T) {
	for _, function := range []string{"CreateNamedPipeW", "ConnectNamedPipe", "GetNamedPipeInfo"} {
		t.Run(function, func(t *testing.T) {
			ret := uintptr(0)
			if function == "CreateNamedPipeW" {
				ret = uintptr(INVALID_HANDLE_VALUE)
			}
			defer injectFault(function, ret, ERROR_ACCESS_DENIED)()
			var err error
			switch function {
			case "CreateNamedPipeW":
				_, err = CreateNamedPipe(`\\.\pipe\x`, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, nil)
			case "ConnectNamedPipe":
				before := pendingOps()
				_, err = ConnectNamedPipe(testutil.InvalidHandle, new(wintypes.OVERLAPPED))
				assert.Equal(t, before, pendingOps(), "a failed start releases at once")
			case "GetNamedPipeInfo":
				_, err = GetNamedPipeInfo(testutil.InvalidHandle)
			}
			testutil.RequireAPIError(t, err, function, ERROR_ACCESS_DENIED)
		})
	}
}
