//go:build windows

package kernel32

import (
	"errors"
	"testing"
	"time"

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
