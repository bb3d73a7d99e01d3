//go:build windows

package kernel32

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// dequeued is one packet as a drainer goroutine saw it.
type dequeued struct {
	key, addr uintptr
	n         uint32
	err       error
}

// drainOne dequeues one packet from port in another goroutine, as a
// proactor's loop would, and delivers it on the returned channel.
func drainOne(port wintypes.HANDLE) <-chan dequeued {
	c := make(chan dequeued, 1)
	go func() {
		entries := make([]wintypes.OVERLAPPED_ENTRY, 1)
		n, err := GetQueuedCompletionStatusEx(port, entries, 1, 10000, false)
		if err != nil || n != 1 {
			c <- dequeued{err: err}
			return
		}
		e := entries[0]
		c <- dequeued{key: e.LpCompletionKey, addr: e.LpOverlapped, n: e.DwNumberOfBytesTransferred}
	}()
	return c
}

// requireRefusedWhileInFlight checks that every function that starts an
// overlapped operation refuses ov, whose operation is in flight, as input,
// before calling Windows.
func requireRefusedWhileInFlight(t *testing.T, h wintypes.HANDLE, ov *wintypes.OVERLAPPED) {
	t.Helper()
	before := pendingOps()
	_, err := ReadFile(h, make([]byte, 4), nil, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	_, err = WriteFile(h, []byte("x"), nil, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	_, err = ConnectNamedPipe(h, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	testutil.RequireInputError(t, LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 1, 0, ov), "lpOverlapped")
	testutil.RequireInputError(t, UnlockFileEx(h, 1, 0, ov), "lpOverlapped")
	assert.Equal(t, before, pendingOps(), "a refusal registers nothing")
	assert.False(t, HasOverlappedIoCompleted(ov), "a refusal leaves the operation in flight alone")
}

// TestOverlappedReuseOnPort: an OVERLAPPED whose operation was started on
// a handle associated with a port is refused by every starting function
// while the operation is in flight, and accepted again once another
// goroutine dequeued its packet (which released it): no GetOverlappedResult
// needed.
func TestOverlappedReuseOnPort(t *testing.T) {
	server, client, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, false)
	port := newPort(t)
	_, err := CreateIoCompletionPort(server, port, 7, 0)
	require.NoError(t, err)
	before := pendingOps()

	ov := new(wintypes.OVERLAPPED)
	buf := make([]byte, 8)
	for round := range 3 {
		packet := drainOne(port)
		n, err := ReadFile(server, buf, nil, ov)
		requirePending(t, n, err) // nothing written yet: pending
		require.Equal(t, before+1, pendingOps())
		requireRefusedWhileInFlight(t, server, ov)

		_, err = WriteFile(client, []byte{byte('a' + round)}, nil, nil)
		require.NoError(t, err)
		p := <-packet
		require.NoError(t, p.err)
		assert.Equal(t, dequeued{key: 7, addr: ov.Address(), n: 1}, p)
		assert.Equal(t, byte('a'+round), buf[0])
		// Released by the other goroutine's dequeue.
		assert.Equal(t, before, pendingOps(), "round %d", round)
	}
	// GetOverlappedResult after the drain still reports the result.
	n, err := GetOverlappedResult(server, ov, false)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

// TestOverlappedReuseBeforeStalePacket: on a handle associated with a port,
// an operation that completes at once still queues a packet, but wincgo
// released it when the starting call returned, so the OVERLAPPED is
// accepted at once (wincgo cannot tell that its packet is still queued:
// the port documentation asks callers to wait for it). Reused before then,
// the stale packet, dequeued while the new operation is pending, must not
// release the new operation: only its own packet does.
func TestOverlappedReuseBeforeStalePacket(t *testing.T) {
	server, client, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, false)
	port := newPort(t)
	_, err := CreateIoCompletionPort(server, port, 8, 0)
	require.NoError(t, err)
	before := pendingOps()

	_, err = WriteFile(client, []byte("a"), nil, nil)
	require.NoError(t, err)
	ov := new(wintypes.OVERLAPPED)
	buf := make([]byte, 1)
	n, err := ReadFile(server, buf, nil, ov)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the byte was there: completed at once")
	require.Equal(t, before, pendingOps(), "released by the starting call")

	// Reused before its packet was dequeued: accepted, and pending.
	n, err = ReadFile(server, buf, nil, ov)
	requirePending(t, n, err)
	require.Equal(t, before+1, pendingOps())

	// The first read's packet: the new read stays registered (pinned).
	p := <-drainOne(port)
	require.NoError(t, p.err)
	assert.Equal(t, dequeued{key: 8, addr: ov.Address(), n: 1}, p)
	assert.Equal(t, before+1, pendingOps(), "a stale packet released the pending read")
	requireRefusedWhileInFlight(t, server, ov)

	// Its own packet releases it.
	packet := drainOne(port)
	_, err = WriteFile(client, []byte("b"), nil, nil)
	require.NoError(t, err)
	p = <-packet
	require.NoError(t, p.err)
	assert.Equal(t, dequeued{key: 8, addr: ov.Address(), n: 1}, p)
	assert.Equal(t, "b", string(buf))
	assert.Equal(t, before, pendingOps())
}
