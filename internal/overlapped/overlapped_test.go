package overlapped

import (
	"sync/atomic"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
)

// The registry's state machine, driven step by step. Windows' part (it sets
// Internal to STATUS_PENDING when it starts an operation, and writes the
// count then the final status when the operation completes) is played by
// winStarts and winCompletes on a fakeOverlapped; the starting call's part
// by Begin and Settle; the observers' by collectLikeGOR
// (GetOverlappedResult: Generation, then Collect with it) and
// collectLikePort (a completion port's drain: Collect with 0).

// fakeOverlapped has the layout of Windows' OVERLAPPED: the registry reads
// only its first word.
type fakeOverlapped struct {
	Internal, InternalHigh uintptr
	Offset, OffsetHigh     uint32
	HEvent                 uintptr
}

func (o *fakeOverlapped) ptr() unsafe.Pointer { return unsafe.Pointer(o) }
func (o *fakeOverlapped) addr() uintptr       { return uintptr(unsafe.Pointer(o)) }

// winStarts does what Windows does to ov when it starts an operation.
func winStarts(ov *fakeOverlapped) { atomic.StoreUintptr(&ov.Internal, StatusPending) }

// winCompletes does what Windows does to ov when its operation completes
// successfully with n bytes.
func winCompletes(ov *fakeOverlapped, n int) {
	atomic.StoreUintptr(&ov.InternalHigh, uintptr(n))
	atomic.StoreUintptr(&ov.Internal, 0)
}

// collectLikeGOR is GetOverlappedResult's part: the generation noted before
// its wait, then Collect with it.
func collectLikeGOR(ov *fakeOverlapped) { Collect(ov.addr(), Generation(ov.addr())) }

// collectLikePort is a completion port drain's part.
func collectLikePort(ov *fakeOverlapped) { Collect(ov.addr(), 0) }

// entryOf returns the state and generation of the operation in flight on
// ov; ok is false when none is.
func entryOf(ov *fakeOverlapped) (st state, gen uint64, ok bool) {
	registry.Lock()
	defer registry.Unlock()
	op, ok := registry.m[ov.addr()]
	if !ok {
		return 0, 0, false
	}
	return op.state, op.gen, true
}

// startOp begins an operation on ov with a fresh buffer and plays Windows
// starting it.
func startOp(t testing.TB, ov *fakeOverlapped) *Op {
	t.Helper()
	op, err := Begin(ov.ptr(), make([]byte, 8))
	require.NoError(t, err)
	winStarts(ov)
	return op
}

// requireInUse asserts that Begin refuses ov as in flight.
func requireInUse(t testing.TB, ov *fakeOverlapped) {
	t.Helper()
	_, err := Begin(ov.ptr(), nil)
	var inputErr *wincgoerrors.InputError
	require.ErrorAs(t, err, &inputErr, "Begin accepted an OVERLAPPED in flight")
	assert.Equal(t, "lpOverlapped", inputErr.Name)
	assert.Contains(t, inputErr.Error(), "still in progress")
}

// TestCollectorAfterStartReturn: the usual order. The starting call
// returns ERROR_IO_PENDING (state pending), observers that look before
// completion release nothing, the first one after completion releases it,
// later ones find nothing.
func TestCollectorAfterStartReturn(t *testing.T) {
	begun, released := Counts()
	ov := new(fakeOverlapped)
	op := startOp(t, ov)
	st, gen, ok := entryOf(ov)
	require.True(t, ok)
	assert.Equal(t, starting, st)
	assert.NotZero(t, gen)
	assert.Equal(t, gen, Generation(ov.addr()))

	op.Settle(true)
	st, _, ok = entryOf(ov)
	require.True(t, ok)
	assert.Equal(t, pending, st)
	requireInUse(t, ov)

	// Not complete yet: neither a GetOverlappedResult nor a port drain
	// releases it.
	collectLikeGOR(ov)
	collectLikePort(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "released while Windows still uses it")

	winCompletes(ov, 5)
	Collect(ov.addr(), gen)
	_, _, ok = entryOf(ov)
	require.False(t, ok, "not released once complete")
	assert.Zero(t, Generation(ov.addr()))
	collectLikePort(ov)
	Collect(ov.addr(), gen)
	b, r := Counts()
	assert.Equal(t, uint64(1), b-begun)
	assert.Equal(t, uint64(1), r-released, "released exactly once")

	// Reusable at once.
	op, err := Begin(ov.ptr(), nil)
	require.NoError(t, err)
	op.Settle(false)
}

// TestCollectorBeforeStartReturn: the operation completes and is observed
// (its event waited on, then GetOverlappedResult; or a port packet
// dequeued) while the starting call has not returned yet. The observers
// leave the operation to the starting call, which releases it when it
// returns, though it returns ERROR_IO_PENDING.
func TestCollectorBeforeStartReturn(t *testing.T) {
	for name, observe := range map[string]func(*fakeOverlapped){"GetOverlappedResult": collectLikeGOR, "port": collectLikePort} {
		t.Run(name, func(t *testing.T) {
			begun, released := Counts()
			ov := new(fakeOverlapped)
			op := startOp(t, ov)
			winCompletes(ov, 3)
			observe(ov)
			observe(ov)
			st, _, ok := entryOf(ov)
			require.True(t, ok, "an observer released an operation whose starting call runs")
			assert.Equal(t, starting, st)

			op.Settle(true)
			_, _, ok = entryOf(ov)
			require.False(t, ok, "the starting call left a completed operation pinned")
			b, r := Counts()
			assert.Equal(t, uint64(1), b-begun)
			assert.Equal(t, uint64(1), r-released, "released exactly once")

			op, err := Begin(ov.ptr(), nil)
			require.NoError(t, err, "reusable")
			op.Settle(false)
		})
	}
}

// TestDoubleCollectors: two GetOverlappedResult calls collect one
// operation; the first releases it and the OVERLAPPED is reused at once for
// a second operation. The second collector, which started collecting the
// first operation, never releases the second, in progress or even complete
// (generation); only an observer of the second does.
func TestDoubleCollectors(t *testing.T) {
	begun, released := Counts()
	ov := new(fakeOverlapped)
	startOp(t, ov).Settle(true)
	// Both collectors note the operation registered, then wait.
	gen1, gen2 := Generation(ov.addr()), Generation(ov.addr())
	require.Equal(t, gen1, gen2)
	winCompletes(ov, 4)
	Collect(ov.addr(), gen1)
	_, _, ok := entryOf(ov)
	require.False(t, ok)

	// Reused at once.
	startOp(t, ov).Settle(true)
	_, newGen, ok := entryOf(ov)
	require.True(t, ok)
	require.NotEqual(t, gen1, newGen)

	// The late collector of the first operation ends its call: the second
	// operation, in progress, stays; complete, it stays all the same.
	Collect(ov.addr(), gen2)
	st, _, ok := entryOf(ov)
	require.True(t, ok, "a collector of the first operation released the second while in progress")
	assert.Equal(t, pending, st)
	winCompletes(ov, 6)
	Collect(ov.addr(), gen2)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "a collector of the first operation released the second")

	// Its own collector does.
	collectLikeGOR(ov)
	_, _, ok = entryOf(ov)
	require.False(t, ok)
	b, r := Counts()
	assert.Equal(t, uint64(2), b-begun)
	assert.Equal(t, uint64(2), r-released)
}

// TestStalePacket: a handle associated with a completion port queues a
// packet even for an operation that completed at once, which its starting
// call released. When that packet is dequeued after the OVERLAPPED was
// reused, it must not release the new operation: not while its starting
// call runs (Internal may still show the old completion), nor once it is
// pending.
func TestStalePacket(t *testing.T) {
	ov := new(fakeOverlapped)
	op := startOp(t, ov)
	winCompletes(ov, 2)
	op.Settle(false)
	_, _, ok := entryOf(ov)
	require.False(t, ok, "completed at once and still registered")

	// The second operation is registered, Windows has not started it yet:
	// Internal still shows the first completion when the packet arrives.
	op, err := Begin(ov.ptr(), make([]byte, 8))
	require.NoError(t, err)
	collectLikePort(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok)
	winStarts(ov)
	op.Settle(true)
	st, _, ok := entryOf(ov)
	require.True(t, ok, "the starting call released an operation in progress")
	assert.Equal(t, pending, st)

	// The same stale packet, dequeued now.
	collectLikePort(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "a stale packet released an operation in progress")

	winCompletes(ov, 1)
	collectLikePort(ov)
	_, _, ok = entryOf(ov)
	require.False(t, ok)
}

// TestFailedAtOnce: a starting call that failed at once is released by
// Settle although Windows left Internal at STATUS_PENDING (it fails before
// any I/O request exists): nothing is pending, and the OVERLAPPED is
// reusable at once.
func TestFailedAtOnce(t *testing.T) {
	begun, released := Counts()
	ov := new(fakeOverlapped)
	startOp(t, ov).Settle(false)
	_, _, ok := entryOf(ov)
	require.False(t, ok)
	assert.False(t, Done(ov.ptr()), "Windows left STATUS_PENDING")
	collectLikePort(ov)
	collectLikeGOR(ov)
	op, err := Begin(ov.ptr(), nil)
	require.NoError(t, err)
	op.Settle(false)
	b, r := Counts()
	assert.Equal(t, uint64(2), b-begun)
	assert.Equal(t, uint64(2), r-released)
}

// TestPinsReleasedWithTheOperation: the registry holds the OVERLAPPED and
// buffer while the operation is in flight, and nothing once it is
// released: no pinned memory outlives its operation.
func TestPinsReleasedWithTheOperation(t *testing.T) {
	ov, buf := new(fakeOverlapped), make([]byte, 32)
	op, err := Begin(ov.ptr(), buf)
	require.NoError(t, err)
	winStarts(ov)
	got, gotBuf, ok := Lookup(ov.addr())
	require.True(t, ok)
	assert.Equal(t, ov.ptr(), got)
	assert.Same(t, &buf[0], &gotBuf[0])
	op.Settle(true)
	_, _, ok = Lookup(ov.addr())
	require.True(t, ok, "pending: still held")
	winCompletes(ov, 1)
	collectLikePort(ov)
	_, _, ok = Lookup(ov.addr())
	require.False(t, ok, "released: nothing held")
	registry.Lock()
	defer registry.Unlock()
	for _, spare := range registry.free {
		assert.Nil(t, spare.ov, "a spare record keeps an OVERLAPPED")
		assert.Nil(t, spare.buf, "a spare record keeps a buffer")
	}
}

// TestFreeListIsBounded registers more operations at once than the
// registry keeps spare records for, and releases them all: the free list
// keeps spares of them, cleared, and the next operation reuses one.
func TestFreeListIsBounded(t *testing.T) {
	const n = spares + 44
	ovs := make([]*fakeOverlapped, n)
	ops := make([]*Op, n)
	buf := make([]byte, 16)
	for i := range ovs {
		ovs[i] = new(fakeOverlapped)
		var err error
		ops[i], err = Begin(ovs[i].ptr(), buf)
		require.NoError(t, err)
	}
	for i := range ovs {
		ops[i].Settle(false)
	}
	registry.Lock()
	free := append([]*Op(nil), registry.free...)
	registry.Unlock()
	require.Len(t, free, spares, "bounded")
	for _, op := range free {
		assert.Zero(t, op.state)
		assert.Zero(t, op.gen)
		assert.Nil(t, op.ov)
		assert.Nil(t, op.buf)
	}
	op, err := Begin(ovs[0].ptr(), buf)
	require.NoError(t, err)
	assert.Same(t, free[len(free)-1], op, "reused from the free list")
	op.Settle(false)
}

// TestBeginSettleAllocatesNothing: once the free list holds a record, an
// operation's registration and release allocate nothing (the Pinner's
// storage is reused through the runtime's own cache).
func TestBeginSettleAllocatesNothing(t *testing.T) {
	ov, buf := new(fakeOverlapped), make([]byte, 64)
	allocs := testing.AllocsPerRun(100, func() {
		op, err := Begin(ov.ptr(), buf)
		if err != nil {
			panic(err)
		}
		winStarts(ov)
		op.Settle(true)
		winCompletes(ov, 64)
		collectLikeGOR(ov)
		if _, _, ok := Lookup(ov.addr()); ok {
			panic("not released")
		}
	})
	assert.Zero(t, allocs)
}

// End, for each way a starting call returns: the count of a synchronous
// success from InternalHigh, nothing yet for a pending one (released only
// by a later Collect), the call's own error for an immediate failure; and
// memory pinned with Pin is held exactly as long as the OVERLAPPED.
func TestEnd(t *testing.T) {
	fn := &check.Func{Name: "WSARecv", Returned: "SOCKET_ERROR"}
	extra := new([64]byte)
	cases := []struct {
		name      string
		r         check.Result
		completed bool // Windows finished before the starting call returned
		wantN     int
		wantErr   syscall.Errno
		pending   bool // End returns the bare ErrPending
		inFlight  bool
	}{
		{name: "synchronous success", r: check.Result{Func: fn}, completed: true, wantN: 7},
		{name: "pending", r: check.Result{Func: fn, Status: check.Status{LastError: ErrorIOPending, Failed: true}}, pending: true, inFlight: true},
		// Still reported pending: its packet comes all the same.
		{name: "pending, done since", r: check.Result{Func: fn, Status: check.Status{LastError: ErrorIOPending, Failed: true}}, completed: true, pending: true},
		{name: "failed at once", r: check.Result{Func: fn, Status: check.Status{LastError: 10054, Failed: true}}, wantErr: 10054},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			begun, released := Counts()
			ov := new(fakeOverlapped)
			op, err := Begin(ov.ptr(), make([]byte, 8))
			require.NoError(t, err)
			op.Pin(unsafe.Pointer(extra))
			op.Pin(nil) // nothing to pin: ignored
			winStarts(ov)
			if c.completed {
				winCompletes(ov, 7)
			}
			n, err := op.End(c.r)
			assert.Equal(t, c.wantN, n)
			switch {
			case c.pending:
				// The Errno itself, not a WindowsAPIError: pending is
				// not a failure.
				assert.Equal(t, error(syscall.Errno(997)), err)
				assert.ErrorIs(t, err, ErrPending)
			case c.wantErr != 0:
				var apiErr *wincgoerrors.WindowsAPIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, c.wantErr, apiErr.Errno)
				assert.Equal(t, "WSARecv", apiErr.Function)
			default:
				require.NoError(t, err)
			}
			_, _, ok := entryOf(ov)
			assert.Equal(t, c.inFlight, ok, "registered after End")
			if c.inFlight {
				winCompletes(ov, 3)
				collectLikePort(ov)
				_, _, ok = entryOf(ov)
				assert.False(t, ok, "released by the port's packet")
			}
			b, r := Counts()
			assert.Equal(t, begun+1, b)
			assert.Equal(t, released+1, r, "released exactly once")
		})
	}
}

// TestEndPendingAllocatesNothing: the pending result is a constant in an
// interface, static data; a new error per pending operation would cost an
// allocation on a server's hot path.
func TestEndPendingAllocatesNothing(t *testing.T) {
	fn := &check.Func{Name: "ReadFile", Returned: "FALSE"}
	r := check.Result{Func: fn, Status: check.Status{LastError: ErrorIOPending, Failed: true}}
	ov := new(fakeOverlapped)
	buf := make([]byte, 8)
	var err error
	allocs := testing.AllocsPerRun(100, func() {
		op, _ := Begin(ov.ptr(), buf)
		winStarts(ov)
		winCompletes(ov, 1) // done since: End releases it, ov is reusable
		_, err = op.End(r)
	})
	require.ErrorIs(t, err, ErrPending)
	assert.Zero(t, allocs)
}
