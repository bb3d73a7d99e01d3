//go:build windows

package kernel32

import (
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// The registry's state machine, driven step by step: Windows' part (it sets
// Internal to STATUS_PENDING when it starts an operation and writes the
// final status when the operation completes) is played by winStarts and
// winCompletes, the starting call's by beginOverlapped/endOverlapped, the
// observers' by GetOverlappedResult's steps (overlappedGeneration, then
// collectOverlapped) and overlappedCompleted (a completion port's drain).

// winStarts does what Windows does to ov when it starts an operation.
func winStarts(ov *wintypes.OVERLAPPED) { atomic.StoreUintptr(&ov.Internal, statusPending) }

// winCompletes does what Windows does to ov when its operation completes
// successfully with n bytes.
func winCompletes(ov *wintypes.OVERLAPPED, n int) {
	atomic.StoreUintptr(&ov.InternalHigh, uintptr(n))
	atomic.StoreUintptr(&ov.Internal, 0)
}

// ioPending is the starting call's last error for an operation in progress.
const ioPending = uint32(ERROR_IO_PENDING)

// entryOf returns the state and generation of the operation in progress on
// ov (starting or pending); ok is false when none is: ov has no entry, or
// a warm one (its operation settled, its memory still pinned; see
// warmEntryOf).
func entryOf(ov *wintypes.OVERLAPPED) (state overlappedState, gen uint64, ok bool) {
	overlappedOps.Lock()
	defer overlappedOps.Unlock()
	op, ok := overlappedOps.m[overlappedKey(ov)]
	if !ok || op.state == overlappedWarm {
		return 0, 0, false
	}
	return op.state, op.gen, true
}

// warmEntryOf reports whether ov has a warm entry, and the buffer it pins.
func warmEntryOf(ov *wintypes.OVERLAPPED) (buf []byte, warm bool) {
	overlappedOps.Lock()
	defer overlappedOps.Unlock()
	op, ok := overlappedOps.m[overlappedKey(ov)]
	if !ok || op.state != overlappedWarm {
		return nil, false
	}
	return op.buf, true
}

// countsNow returns how many operations were registered and released so
// far: each is released exactly once, so the two move together.
func countsNow() (begun, released uint64) {
	return overlappedCounts.begun.Load(), overlappedCounts.released.Load()
}

// startOp registers an operation on ov with a fresh buffer, and plays
// Windows starting it.
func startOp(t *testing.T, ov *wintypes.OVERLAPPED) *overlappedOp {
	t.Helper()
	op, err := beginOverlapped(ov, make([]byte, 8))
	require.NoError(t, err)
	winStarts(ov)
	return op
}

// TestOverlappedStateCollectorAfterStartReturn: the usual order. The
// starting call returns ERROR_IO_PENDING (state pending), observers that
// look before completion release nothing, the first one after completion
// releases it, later ones find nothing.
func TestOverlappedStateCollectorAfterStartReturn(t *testing.T) {
	begun, released := countsNow()
	ov := new(wintypes.OVERLAPPED)
	op := startOp(t, ov)
	state, gen, ok := entryOf(ov)
	require.True(t, ok)
	assert.Equal(t, overlappedStarting, state)
	assert.NotZero(t, gen)

	n, err := endOverlapped("ReadFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	assert.Zero(t, n)
	state, _, ok = entryOf(ov)
	require.True(t, ok)
	assert.Equal(t, overlappedPending, state)

	// Not complete yet: neither a GetOverlappedResult nor a port drain
	// releases it.
	collectOverlapped(ov, overlappedGeneration(ov))
	overlappedCompleted(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "released while Windows still uses it")

	winCompletes(ov, 5)
	collectOverlapped(ov, gen)
	_, _, ok = entryOf(ov)
	require.False(t, ok, "not released once complete")
	overlappedCompleted(ov)
	collectOverlapped(ov, gen)
	b, r := countsNow()
	assert.Equal(t, uint64(1), b-begun)
	assert.Equal(t, uint64(1), r-released, "released exactly once")

	// Reusable at once.
	op, err = beginOverlapped(ov, nil)
	require.NoError(t, err)
	_, err = endOverlapped("ReadFile", op, ov, 1, 0)
	require.NoError(t, err)
}

// TestOverlappedStateCollectorBeforeStartReturn: the race of issue 7. The
// operation completes and is observed (its event waited on, then
// GetOverlappedResult; or a port packet dequeued) while the starting call
// has not returned yet. The observers leave the entry to the starting
// call, which releases it when it returns, though it returns
// ERROR_IO_PENDING.
func TestOverlappedStateCollectorBeforeStartReturn(t *testing.T) {
	for _, observer := range []struct {
		name    string
		observe func(t *testing.T, ov *wintypes.OVERLAPPED)
	}{
		{"GetOverlappedResult", func(t *testing.T, ov *wintypes.OVERLAPPED) {
			n, err := GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, true)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
		}},
		{"HasOverlappedIoCompleted+GetOverlappedResult", func(t *testing.T, ov *wintypes.OVERLAPPED) {
			require.True(t, HasOverlappedIoCompleted(ov))
			n, err := GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, false)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
		}},
		{"port", func(_ *testing.T, ov *wintypes.OVERLAPPED) { overlappedCompleted(ov) }},
	} {
		t.Run(observer.name, func(t *testing.T) {
			begun, released := countsNow()
			ov := new(wintypes.OVERLAPPED)
			op := startOp(t, ov)
			winCompletes(ov, 3)
			observer.observe(t, ov)
			observer.observe(t, ov)
			state, _, ok := entryOf(ov)
			require.True(t, ok, "an observer released an operation whose starting call runs")
			assert.Equal(t, overlappedStarting, state)

			n, err := endOverlapped("ReadFile", op, ov, 0, ioPending)
			require.NoError(t, err)
			assert.Zero(t, n, "it went pending: the count is GetOverlappedResult's")
			_, _, ok = entryOf(ov)
			require.False(t, ok, "the starting call left a completed operation pinned")
			b, r := countsNow()
			assert.Equal(t, b-begun, r-released, "released exactly once")
			assert.Equal(t, uint64(1), r-released)

			// The result is still there to collect, and ov is reusable.
			n, err = GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, false)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			op, err = beginOverlapped(ov, nil)
			require.NoError(t, err)
			_, err = endOverlapped("ReadFile", op, ov, 1, 0)
			require.NoError(t, err)
		})
	}
}

// TestOverlappedStateDoubleCollectors: two GetOverlappedResult calls
// collect one operation; the first releases it and the OVERLAPPED is
// reused at once for a second operation. The second collector, which
// started collecting the first operation, never releases the second, in
// progress or even complete (generation); only an observer of the second
// does.
func TestOverlappedStateDoubleCollectors(t *testing.T) {
	begun, released := countsNow()
	ov := new(wintypes.OVERLAPPED)
	op := startOp(t, ov)
	_, err := endOverlapped("ReadFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	// Both collectors call GetOverlappedResult: each notes the operation
	// registered, then Windows' part of the call runs.
	gen1 := overlappedGeneration(ov)
	gen2 := overlappedGeneration(ov)
	require.Equal(t, gen1, gen2)
	winCompletes(ov, 4)
	collectOverlapped(ov, gen1)
	_, _, ok := entryOf(ov)
	require.False(t, ok)

	// Reused at once.
	op = startOp(t, ov)
	_, err = endOverlapped("ReadFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	_, newGen, ok := entryOf(ov)
	require.True(t, ok)
	require.NotEqual(t, gen1, newGen)

	// The late collector of the first operation ends its call: the second
	// operation, in progress, stays; complete, it stays all the same.
	collectOverlapped(ov, gen2)
	state, _, ok := entryOf(ov)
	require.True(t, ok, "a collector of the first operation released the second while in progress")
	assert.Equal(t, overlappedPending, state)
	winCompletes(ov, 6)
	collectOverlapped(ov, gen2)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "a collector of the first operation released the second")

	// Its own collector does.
	n, err := GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, false)
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	_, _, ok = entryOf(ov)
	require.False(t, ok)
	b, r := countsNow()
	assert.Equal(t, uint64(2), b-begun)
	assert.Equal(t, uint64(2), r-released)
}

// TestOverlappedStateStalePacket: a handle associated with a completion
// port queues a packet even for an operation that completed at once, which
// its starting call released. When that packet is dequeued after the
// OVERLAPPED was reused, it must not release the new operation: not while
// its starting call runs (Internal may still show the old completion), nor
// once it is pending.
func TestOverlappedStateStalePacket(t *testing.T) {
	ov := new(wintypes.OVERLAPPED)
	op := startOp(t, ov)
	winCompletes(ov, 2)
	n, err := endOverlapped("ReadFile", op, ov, 1, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "completed at once: the count")
	_, _, ok := entryOf(ov)
	require.False(t, ok, "completed at once and still registered")

	// The second operation is registered, Windows has not started it yet:
	// Internal still shows the first completion when the packet arrives.
	op, err = beginOverlapped(ov, make([]byte, 8))
	require.NoError(t, err)
	overlappedCompleted(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok)
	winStarts(ov)
	_, err = endOverlapped("ReadFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	state, _, ok := entryOf(ov)
	require.True(t, ok, "the starting call released an operation in progress")
	assert.Equal(t, overlappedPending, state)

	// The same stale packet, dequeued now.
	overlappedCompleted(ov)
	_, _, ok = entryOf(ov)
	require.True(t, ok, "a stale packet released an operation in progress")

	winCompletes(ov, 1)
	overlappedCompleted(ov)
	_, _, ok = entryOf(ov)
	require.False(t, ok)
}

// TestOverlappedStateReuseAfterRelease: an operation that completed or
// failed at once is released by its starting call; the OVERLAPPED is
// reusable at once, and nothing later releases the next operation early.
func TestOverlappedStateReuseAfterRelease(t *testing.T) {
	begun, released := countsNow()
	ov := new(wintypes.OVERLAPPED)

	op := startOp(t, ov)
	winCompletes(ov, 7)
	n, err := endOverlapped("WriteFile", op, ov, 1, 0)
	require.NoError(t, err)
	assert.Equal(t, 7, n)

	// Failed at once: Windows leaves Internal at STATUS_PENDING.
	op = startOp(t, ov)
	_, err = endOverlapped("WriteFile", op, ov, 0, uint32(ERROR_INVALID_HANDLE))
	fileRequireAPIError(t, err, "WriteFile", ERROR_INVALID_HANDLE)
	_, _, ok := entryOf(ov)
	require.False(t, ok)
	assert.False(t, HasOverlappedIoCompleted(ov))

	// In use: refused; released: accepted.
	op = startOp(t, ov)
	_, err = beginOverlapped(ov, nil)
	fileRequireInputError(t, err, "lpOverlapped")
	_, err = endOverlapped("WriteFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	_, err = beginOverlapped(ov, nil)
	fileRequireInputError(t, err, "lpOverlapped")
	winCompletes(ov, 1)
	overlappedCompleted(ov)
	op, err = beginOverlapped(ov, nil)
	require.NoError(t, err)
	_, err = endOverlapped("WriteFile", op, ov, 1, 0)
	require.NoError(t, err)

	b, r := countsNow()
	assert.Equal(t, uint64(4), b-begun)
	assert.Equal(t, uint64(4), r-released)
}

// TestOverlappedStateObserversRace: many observers (GetOverlappedResult's
// steps and port drains) hammer one OVERLAPPED while operations are
// started, complete before or after the starting call's return, and the
// OVERLAPPED is reused: every operation is released exactly once, and
// never while in progress. Meant for -race.
func TestOverlappedStateObserversRace(t *testing.T) {
	begun, released := countsNow()
	ov := new(wintypes.OVERLAPPED)
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; !stop.Load(); j++ {
				if j%2 == 0 {
					overlappedCompleted(ov)
				} else {
					collectOverlapped(ov, overlappedGeneration(ov))
				}
				runtime.Gosched()
			}
		}()
	}
	const ops = 3000
	for i := 0; i < ops; i++ {
		op, err := beginOverlapped(ov, nil)
		require.NoError(t, err, "operation %d: the previous one was not released", i)
		winStarts(ov)
		completeEarly := i%3 == 0
		if completeEarly {
			winCompletes(ov, i)
		}
		_, err = endOverlapped("ReadFile", op, ov, 0, ioPending)
		require.NoError(t, err)
		if !completeEarly {
			// In progress: the observers, running meanwhile, must leave it.
			for j := 0; j < 3; j++ {
				runtime.Gosched()
			}
			_, _, ok := entryOf(ov)
			require.True(t, ok, "operation %d released while in progress", i)
			winCompletes(ov, i)
		}
		// Wait until someone (the starting call, or an observer) released it.
		for {
			if _, _, ok := entryOf(ov); !ok {
				break
			}
			runtime.Gosched()
		}
	}
	stop.Store(true)
	wg.Wait()
	b, r := countsNow()
	assert.Equal(t, uint64(ops), b-begun)
	assert.Equal(t, uint64(ops), r-released, "each operation released exactly once")
}

// TestOverlappedCollectRaceStress races, on a real overlapped named pipe
// under load (busy goroutines on every P, a garbage collection every
// millisecond), a starter (ReadFile) against a collector in another
// goroutine that waits on the OVERLAPPED's event and then collects: with
// GetOverlappedResult, with HasOverlappedIoCompleted then
// GetOverlappedResult, or as a completion port's drain would
// (overlappedCompleted). The data for each read is written by a third
// goroutine, at the same time as the read starts (so that it completes at
// once, or just after going pending: the collector then often finishes
// before ReadFile returns) or after ReadFile returned (pending). After each
// read, its OVERLAPPED must be released; at the end, every operation was
// released exactly once and every OVERLAPPED is reusable.
func TestOverlappedCollectRaceStress(t *testing.T) {
	const duration, gcEvery = 3 * time.Second, time.Millisecond
	server, client, _ := newPipePair(t)
	event := newEvent(t, true, false)
	begun, released := countsNow()

	stopLoad := startLoad(gcEvery)
	defer stopLoad()

	type job struct {
		ov   *wintypes.OVERLAPPED
		mode int
	}
	jobs, results := make(chan job, 1), make(chan collectResult, 1)
	writes, wrote := make(chan []byte, 1), make(chan error, 1)
	defer close(jobs)
	defer close(writes)
	var collected atomic.Bool
	go func() {
		for j := range jobs {
			res := collect(client, event, j.ov, j.mode)
			collected.Store(true)
			results <- res
		}
	}()
	go func() {
		for p := range writes {
			var written uint32
			err := windows.WriteFile(server, p, &written, nil)
			if err == nil && int(written) != len(p) {
				err = fmt.Errorf("wrote %d bytes of %d", written, len(p))
			}
			wrote <- err
		}
	}()

	// Reused OVERLAPPEDs, and a fresh one every other iteration (which the
	// garbage collector frees once released).
	ovs := make([]*wintypes.OVERLAPPED, 8)
	for i := range ovs {
		ovs[i] = new(wintypes.OVERLAPPED)
	}
	var pending, collectedFirst int
	var iterations int
	for deadline := time.Now().Add(duration); time.Now().Before(deadline); iterations++ {
		i := iterations
		ov := ovs[i/2%len(ovs)]
		if i%2 == 1 {
			ov = new(wintypes.OVERLAPPED)
		}
		*ov = wintypes.OVERLAPPED{HEvent: event}
		require.NoError(t, ResetEvent(event))
		payload := binary.LittleEndian.AppendUint64(nil, uint64(i))
		buf := make([]byte, 16)
		writeAfter := i%4 == 3

		collected.Store(false)
		jobs <- job{ov, i % 3}
		if !writeAfter {
			writes <- payload
		}
		n, err := ReadFile(client, buf, nil, ov)
		first := collected.Load()
		if writeAfter {
			writes <- payload
		}
		res := <-results
		require.NoError(t, <-wrote)
		require.NoError(t, err, "iteration %d", i)
		if n == 0 {
			pending++
			if first {
				collectedFirst++
			}
		} else {
			require.Equal(t, len(payload), n, "iteration %d: completed at once", i)
		}
		require.NoError(t, res.err, "iteration %d, collector mode %d", i, i%3)
		require.Equal(t, len(payload), res.n, "iteration %d, collector mode %d", i, i%3)
		require.Empty(t, cmp.Diff(payload, buf[:len(payload)]), "iteration %d", i)
		_, _, registered := entryOf(ov)
		require.False(t, registered, "iteration %d: still registered after collection (collector mode %d, pending %v, collected before ReadFile returned %v)",
			i, i%3, n == 0, first)
	}
	stopLoad()
	t.Logf("%d reads: %d went pending, %d of them collected by the other goroutine before ReadFile returned", iterations, pending, collectedFirst)
	require.NotZero(t, pending, "no read went pending: the test proves nothing")

	b, r := countsNow()
	assert.Equal(t, uint64(iterations), b-begun)
	assert.Equal(t, uint64(iterations), r-released, "every read released exactly once")

	// Every OVERLAPPED is reusable: an overlapped write with each.
	for i, ov := range ovs {
		*ov = wintypes.OVERLAPPED{HEvent: event}
		_, err := WriteFile(client, []byte{byte(i)}, nil, ov)
		require.NoError(t, err, "OVERLAPPED %d", i)
		n, err := GetOverlappedResult(client, ov, true)
		require.NoError(t, err)
		require.Equal(t, 1, n)
	}
	got := make([]byte, 0, len(ovs))
	for len(got) < len(ovs) {
		chunk := make([]byte, len(ovs)-len(got))
		var read uint32
		require.NoError(t, windows.ReadFile(server, chunk, &read, nil))
		got = append(got, chunk[:read]...)
	}
	assert.Equal(t, []byte{0, 1, 2, 3, 4, 5, 6, 7}, got)
}

// collectResult is what collect found: the count, or an error.
type collectResult struct {
	n   int
	err error
}

// collect waits on event for ov's operation to complete and collects it,
// in one of three ways (mode): GetOverlappedResult waiting, polling with
// HasOverlappedIoCompleted then GetOverlappedResult, or as a completion
// port's drain, which learns that ov is done and finds the count in it.
func collect(hFile, event wintypes.HANDLE, ov *wintypes.OVERLAPPED, mode int) (result collectResult) {
	ev, err := WaitForSingleObject(event, 10000)
	if err != nil {
		result.err = fmt.Errorf("waiting for the read: %w", err)
		return result
	}
	if ev != WAIT_OBJECT_0 {
		result.err = fmt.Errorf("waiting for the read: %#x", ev)
		return result
	}
	switch mode {
	case 0:
		result.n, result.err = GetOverlappedResult(hFile, ov, true)
	case 1:
		if !HasOverlappedIoCompleted(ov) {
			result.err = errors.New("event signalled, operation not complete")
			return result
		}
		result.n, result.err = GetOverlappedResult(hFile, ov, false)
	default:
		overlappedCompleted(ov)
		if status := uint32(atomic.LoadUintptr(&ov.Internal)); status != 0 {
			result.err = fmt.Errorf("completed with NTSTATUS %#x", status)
		}
		result.n = int(uint32(atomic.LoadUintptr(&ov.InternalHigh)))
	}
	return result
}

// startLoad keeps every P busy (goroutines spinning, yielding now and
// then so the test still progresses) and forces a garbage collection every
// gcEvery, with GOGC=1 in between, until the returned func is called
// (once or more).
func startLoad(gcEvery time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				for j := 0; j < 2000; j++ {
					x += j
				}
				runtime.Gosched()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(gcEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.GC()
			}
		}
	}()
	oldGC := debug.SetGCPercent(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			debug.SetGCPercent(oldGC)
		})
	}
}

// TestHasOverlappedIoCompletedAfterFailedStart: an overlapped ReadFile that
// fails at once leaves nothing pending and nothing registered, but
// Windows, which set Internal to STATUS_PENDING when it began, does not
// write a final status for an invalid handle (it fails before any I/O
// request exists: Windows documents the macro only after ERROR_IO_PENDING),
// so HasOverlappedIoCompleted reports false; Wine 8's ReadFile does the
// same (it sets the status block to STATUS_PENDING before NtReadFile, which
// returns STATUS_INVALID_HANDLE untouched). The OVERLAPPED is reusable at
// once all the same.
func TestHasOverlappedIoCompletedAfterFailedStart(t *testing.T) {
	ov := new(wintypes.OVERLAPPED)
	require.True(t, HasOverlappedIoCompleted(ov), "never used")
	_, err := ReadFile(wintypes.HANDLE(testutil.InvalidHandle), make([]byte, 8), wintypes.Opt(8), ov)
	fileRequireAPIError(t, err, "ReadFile", ERROR_INVALID_HANDLE)
	assert.False(t, HasOverlappedIoCompleted(ov), "failed at once: Windows left STATUS_PENDING")
	assert.Equal(t, statusPending, ov.Internal)
	_, _, registered := entryOf(ov)
	assert.False(t, registered)

	// Reusable at once: a write that completes reports true.
	path := filepath.Join(testutil.TempDir(t), "reuse.bin")
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, nil, nil, wintypes.Opt[uint32](FILE_FLAG_OVERLAPPED))
	*ov = wintypes.OVERLAPPED{HEvent: newEvent(t, true, false)}
	_, err = WriteFile(h, []byte("data"), nil, ov)
	require.NoError(t, err)
	n, err := GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	assert.True(t, HasOverlappedIoCompleted(ov))

	// So does an operation that completed with an error (past the end).
	ov.Offset = 100
	_, err = ReadFile(h, make([]byte, 4), wintypes.Opt(4), ov)
	if err == nil {
		_, err = GetOverlappedResult(h, ov, true)
		assert.True(t, HasOverlappedIoCompleted(ov), "an operation that went pending and failed is complete")
	}
	assert.ErrorIs(t, err, syscall.Errno(ERROR_HANDLE_EOF))
	_, _, registered = entryOf(ov)
	assert.False(t, registered)
}

// TestBytesParametersHoldNoGoPointers: the shims' wincgo:bytes parameters
// (cdefs/README.md) take their memory as uint8_t *, which cgo does not
// check for unpinned Go pointers inside it. That is sound only because the
// wrappers pass nothing but []byte buffers and wintypes.OVERLAPPEDs there,
// memory that holds no Go pointer: this pins that down for OVERLAPPED
// (a new field of pointer type would fail here, not silently in C).
func TestBytesParametersHoldNoGoPointers(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[wintypes.OVERLAPPED](), reflect.TypeFor[byte]()} {
		assert.Empty(t, goPointerFields(typ, typ.Name()), "%s holds Go pointers", typ)
	}
	// The walk itself finds them.
	type withPointer struct {
		N uint32
		P *byte
	}
	assert.Equal(t, []string{"withPointer.P"}, goPointerFields(reflect.TypeFor[withPointer](), "withPointer"))
}

// goPointerFields lists the paths, under name, of the fields of typ that
// hold Go pointers.
func goPointerFields(typ reflect.Type, name string) []string {
	switch typ.Kind() {
	case reflect.Struct:
		var found []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			found = append(found, goPointerFields(f.Type, name+"."+f.Name)...)
		}
		return found
	case reflect.Array:
		return goPointerFields(typ.Elem(), name+"[]")
	case reflect.Pointer, reflect.UnsafePointer, reflect.Slice, reflect.String, reflect.Map,
		reflect.Chan, reflect.Func, reflect.Interface:
		return []string{name}
	default:
		return nil
	}
}

// settleAtOnce registers an operation on ov and buf and settles it as one
// that completed at once (ReadFile returned TRUE).
func settleAtOnce(t *testing.T, ov *wintypes.OVERLAPPED, buf []byte) {
	t.Helper()
	op, err := beginOverlapped(ov, buf)
	require.NoError(t, err)
	ov.InternalHigh = uintptr(len(buf))
	n, err := endOverlapped("ReadFile", op, ov, 1, 0)
	require.NoError(t, err)
	require.Equal(t, len(buf), n)
}

// TestOverlappedWarmEntryKeepsPins: a settled operation's entry stays
// warm, pinning its OVERLAPPED and buffer, and the next operation on the
// same OVERLAPPED with the same buffer pins nothing; a different buffer is
// pinned instead of the old one; no buffer keeps the old one.
func TestOverlappedWarmEntryKeepsPins(t *testing.T) {
	flushWarmOverlapped()
	t.Cleanup(flushWarmOverlapped)
	ov := new(wintypes.OVERLAPPED)
	buf, other := make([]byte, 32), make([]byte, 32)
	pinned := overlappedCounts.pinned.Load()

	settleAtOnce(t, ov, buf)
	assert.Equal(t, pinned+1, overlappedCounts.pinned.Load(), "the first operation pins")
	got, warm := warmEntryOf(ov)
	require.True(t, warm, "settled, the entry stays warm")
	assert.Same(t, &buf[0], &got[0])
	_, _, inProgress := entryOf(ov)
	assert.False(t, inProgress)
	assert.Zero(t, overlappedGeneration(ov), "a warm entry is no operation for GetOverlappedResult")
	// Nothing that observes completions touches a warm entry.
	overlappedCompleted(ov)
	collectOverlapped(ov, 0)
	_, warm = warmEntryOf(ov)
	require.True(t, warm)

	settleAtOnce(t, ov, buf)
	settleAtOnce(t, ov, buf[:8])
	assert.Equal(t, pinned+1, overlappedCounts.pinned.Load(), "the same buffer again: nothing to pin")
	settleAtOnce(t, ov, nil)
	assert.Equal(t, pinned+1, overlappedCounts.pinned.Load(), "no buffer: nothing to pin")
	got, warm = warmEntryOf(ov)
	require.True(t, warm)
	assert.Same(t, &buf[0], &got[0], "an operation without a buffer keeps the pinned one")

	settleAtOnce(t, ov, other)
	assert.Equal(t, pinned+2, overlappedCounts.pinned.Load(), "another buffer: pinned again")
	got, _ = warmEntryOf(ov)
	assert.Same(t, &other[0], &got[0])

	// A warm OVERLAPPED is not in use: a pending operation takes it over,
	// and is refused to the next starter until collected.
	op, err := beginOverlapped(ov, other)
	require.NoError(t, err)
	winStarts(ov)
	_, err = endOverlapped("ReadFile", op, ov, 0, ioPending)
	require.NoError(t, err)
	_, err = beginOverlapped(ov, other)
	var inputErr *wincgoerrors.InputError
	require.ErrorAs(t, err, &inputErr, "in use while pending")
	winCompletes(ov, 3)
	collectOverlapped(ov, overlappedGeneration(ov))
	_, warm = warmEntryOf(ov)
	assert.True(t, warm, "collected: warm again")

	flushWarmOverlapped()
	_, warm = warmEntryOf(ov)
	assert.False(t, warm, "flushed")
}

// TestOverlappedWarmEntriesAreBounded: past overlappedWarmEntries, the
// oldest warm entries go (unpinned, back on the free list); a buffer over
// overlappedWarmBuffer never stays warm.
func TestOverlappedWarmEntriesAreBounded(t *testing.T) {
	flushWarmOverlapped()
	t.Cleanup(flushWarmOverlapped)
	const extra = 10
	ovs := make([]*wintypes.OVERLAPPED, overlappedWarmEntries+extra)
	buf := make([]byte, 16)
	for i := range ovs {
		ovs[i] = new(wintypes.OVERLAPPED)
		settleAtOnce(t, ovs[i], buf)
	}
	overlappedOps.Lock()
	n := overlappedOps.warm.n
	overlappedOps.Unlock()
	assert.Equal(t, overlappedWarmEntries, n)
	for i, ov := range ovs {
		_, warm := warmEntryOf(ov)
		assert.Equal(t, i >= extra, warm, "entry %d: only the newest stay warm", i)
	}

	big := new(wintypes.OVERLAPPED)
	settleAtOnce(t, big, make([]byte, overlappedWarmBuffer+1))
	_, warm := warmEntryOf(big)
	assert.False(t, warm, "a buffer over overlappedWarmBuffer is unpinned at once")
	small := new(wintypes.OVERLAPPED)
	settleAtOnce(t, small, make([]byte, 1, overlappedWarmBuffer+1))
	_, warm = warmEntryOf(small)
	assert.False(t, warm, "the buffer's capacity counts, not its length")
}

// TestOverlappedWarmEntriesGoAtGC: memory a warm entry pins is unpinned
// after the next garbage collection, and freed by a later one once the
// caller dropped it.
func TestOverlappedWarmEntriesGoAtGC(t *testing.T) {
	bufFreed, ovFreed := settleDropped(t)
	requireFreed(t, bufFreed, ovFreed)
}

// settleDropped settles an operation on an OVERLAPPED and a buffer it keeps
// no reference to, and returns channels closed when the garbage collector
// frees them.
//
//go:noinline
func settleDropped(t *testing.T) (bufFreed, ovFreed chan struct{}) {
	buf, ov, bufFreed, ovFreed := watchedMemory()
	settleAtOnce(t, ov, buf)
	_, warm := warmEntryOf(ov)
	require.True(t, warm)
	return bufFreed, ovFreed
}
