//go:build windows

package kernel32

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// TestNamedPipeServerClosesWhileClientWaits: a client waits for an
// instance of a pipe whose only instance is taken (WaitNamedPipe, as a
// client does before CreateFile) when the server closes it: the wait ends
// with a typed error rather than hang (at its time-out: Wine 8, like
// Windows, keeps a waiter queued when the instances go away, and reports
// ERROR_SEM_TIMEOUT then), and the pipe is gone.
func TestNamedPipeServerClosesWhileClientWaits(t *testing.T) {
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-close-wait")
	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	closeServer := closeAtCleanup(t, server)
	first, err := CreateFile(name, GENERIC_READ, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, first)

	const timeout = 1000 // ms
	waited := make(chan error, 1)
	go func() { waited <- WaitNamedPipe(name, timeout) }()
	// The waiter must be waiting when the server closes; there is no
	// signal for "is in WaitNamedPipe", so give it its start: whether or
	// not it has started, the outcome asserted below is the same (a
	// client that comes after the close finds no pipe).
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	closeServer()

	select {
	case err = <-waited:
	case <-time.After(30 * time.Second):
		t.Fatal("WaitNamedPipe hangs after the server closed")
	}
	took := time.Since(start)
	require.Error(t, err)
	if errors.Is(err, ERROR_FILE_NOT_FOUND) {
		// The waiter started after the close: no pipe by that name.
		testutil.RequireAPIError(t, err, "WaitNamedPipeW", ERROR_FILE_NOT_FOUND)
	} else {
		testutil.RequireAPIError(t, err, "WaitNamedPipeW", ERROR_SEM_TIMEOUT)
	}
	t.Logf("WaitNamedPipe returned %v, %v after the close", err, took)
	_, err = CreateFile(name, GENERIC_READ, wintypes.Opt[uint32](0), nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_FILE_NOT_FOUND)
}

// TestNamedPipeServerClosesWhileClientReads: the server closes while the
// client's overlapped read, collected through a port, is pending: the
// packet reports ERROR_BROKEN_PIPE, the read's memory is released, and the
// client's next read fails typed at once.
func TestNamedPipeServerClosesWhileClientReads(t *testing.T) {
	_, client, closeServer, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, true)
	port := newPort(t)
	_, err := CreateIoCompletionPort(client, port, 6, 0)
	require.NoError(t, err)
	before := pendingOps()
	addr, bufFreed, ovFreed := startDroppedPortRead(t, client)
	require.Equal(t, before+1, pendingOps())
	closeServer()

	n, key, got, err := GetQueuedCompletionStatus(port, 10000)
	require.Equal(t, addr, got, "the read's packet, not a time-out: %v", err)
	assert.Equal(t, uintptr(6), key)
	assert.Zero(t, n)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_BROKEN_PIPE)
	assert.Equal(t, before, pendingOps())
	requireFreed(t, bufFreed, ovFreed)

	_, err = ReadFile(client, make([]byte, 4), nil, new(wintypes.OVERLAPPED))
	testutil.RequireAPIError(t, err, "ReadFile", ERROR_BROKEN_PIPE)
	assert.Equal(t, before, pendingOps(), "a read that fails at once is not registered")
}
