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

	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// The registry's state machine is internal/overlapped's, tested there
// natively. These tests drive kernel32's side of it: beginOverlapped and
// endOverlapped around a starting call, GetOverlappedResult, the port,
// with Windows' part played on Internal by winStarts and winCompletes
// where Windows cannot be made to do it on cue.

// statusPending is STATUS_PENDING as OVERLAPPED.Internal holds it.
const statusPending = uintptr(overlapped.StatusPending)

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

// requirePending fails t unless an overlapped starting call returned
// (n, err) for a pending operation: 0 and ERROR_IO_PENDING, the bare
// syscall.Errno (not a *errors.WindowsAPIError: pending is no failure),
// which x/sys/windows's constant matches too.
func requirePending(t testing.TB, n int, err error) {
	t.Helper()
	require.Equal(t, error(ERROR_IO_PENDING), err, "pending: the bare Errno")
	require.ErrorIs(t, err, windows.ERROR_IO_PENDING)
	require.Zero(t, n, "pending: no count yet")
}

// requireStarted fails t unless err says an overlapped operation started:
// nil (done at once) or ERROR_IO_PENDING (pending); which one is Windows'
// choice (a file read may go either way).
func requireStarted(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		requirePending(t, 0, err)
	}
}

// registered reports whether an operation is in flight on ov.
func registered(ov *wintypes.OVERLAPPED) bool {
	_, _, ok := overlapped.Lookup(ov.Address())
	return ok
}

// TestOverlappedCollectedBeforeStartReturn: the operation completes and is
// collected by GetOverlappedResult (after a wait on its event, or a poll
// with HasOverlappedIoCompleted) while the starting call has not returned
// yet. GetOverlappedResult returns the result and leaves the operation to
// the starting call, whose endOverlapped releases it though it reports
// ERROR_IO_PENDING, returning 0 (the count is GetOverlappedResult's).
func TestOverlappedCollectedBeforeStartReturn(t *testing.T) {
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
	} {
		t.Run(observer.name, func(t *testing.T) {
			begun, released := overlapped.Counts()
			ov := new(wintypes.OVERLAPPED)
			op, err := beginOverlapped(ov, make([]byte, 8))
			require.NoError(t, err)
			winStarts(ov)
			winCompletes(ov, 3)
			observer.observe(t, ov)
			observer.observe(t, ov)
			require.True(t, registered(ov), "an observer released an operation whose starting call runs")

			n, err := op.End(boolResult("ReadFile", 0, ioPending))
			requirePending(t, n, err) // the count is GetOverlappedResult's
			require.False(t, registered(ov), "the starting call left a completed operation pinned")
			b, r := overlapped.Counts()
			assert.Equal(t, uint64(1), b-begun)
			assert.Equal(t, uint64(1), r-released, "released exactly once")

			// The result is still there to collect, and ov is reusable.
			n, err = GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, false)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			op, err = beginOverlapped(ov, nil)
			require.NoError(t, err)
			_, err = op.End(boolResult("ReadFile", 1, 0))
			require.NoError(t, err)
		})
	}
}

// TestOverlappedEndResults: endOverlapped turns the starting call's
// result into ReadFile's: the count of an operation that completed at
// once, the Windows error of one that failed at once (released, and
// HasOverlappedIoCompleted false: Windows left STATUS_PENDING), 0 and
// ERROR_IO_PENDING for one pending, whose OVERLAPPED every starting call refuses until it
// is collected.
func TestOverlappedEndResults(t *testing.T) {
	begun, released := overlapped.Counts()
	ov := new(wintypes.OVERLAPPED)

	op, err := beginOverlapped(ov, nil)
	require.NoError(t, err)
	winStarts(ov)
	winCompletes(ov, 7)
	n, err := op.End(boolResult("WriteFile", 1, 0))
	require.NoError(t, err)
	assert.Equal(t, 7, n)

	op, err = beginOverlapped(ov, nil)
	require.NoError(t, err)
	winStarts(ov)
	_, err = op.End(boolResult("WriteFile", 0, uint32(ERROR_INVALID_HANDLE)))
	testutil.RequireAPIError(t, err, "WriteFile", ERROR_INVALID_HANDLE)
	assert.False(t, registered(ov))
	assert.False(t, HasOverlappedIoCompleted(ov))

	op, err = beginOverlapped(ov, nil)
	require.NoError(t, err)
	winStarts(ov)
	n, err = op.End(boolResult("WriteFile", 0, ioPending))
	requirePending(t, n, err)
	_, err = WriteFile(wintypes.HANDLE(testutil.InvalidHandle), []byte("x"), nil, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	winCompletes(ov, 1)
	n, err = GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, false)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.False(t, registered(ov))

	b, r := overlapped.Counts()
	assert.Equal(t, uint64(3), b-begun)
	assert.Equal(t, uint64(3), r-released)
}

// TestOverlappedCollectRaceStress races, on a real overlapped named pipe
// under load (busy goroutines on every P, a garbage collection every
// millisecond), a starter (ReadFile) against a collector in another
// goroutine that waits on the OVERLAPPED's event and then collects: with
// GetOverlappedResult, with HasOverlappedIoCompleted then
// GetOverlappedResult, or as a completion port's drain would
// (overlapped.Collect with generation 0). The data for each read is written by a third
// goroutine, at the same time as the read starts (so that it completes at
// once, or just after going pending: the collector then often finishes
// before ReadFile returns) or after ReadFile returned (pending). After each
// read, its OVERLAPPED must be released; at the end, every operation was
// released exactly once and every OVERLAPPED is reusable.
func TestOverlappedCollectRaceStress(t *testing.T) {
	const duration, gcEvery = 3 * time.Second, time.Millisecond
	server, client, _ := newPipePair(t)
	event := newEvent(t, true, false)
	begun, released := overlapped.Counts()

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
		if err != nil {
			requirePending(t, n, err)
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
		require.False(t, registered(ov), "iteration %d: still registered after collection (collector mode %d, pending %v, collected before ReadFile returned %v)",
			i, i%3, err != nil, first)
	}
	stopLoad()
	t.Logf("%d reads: %d went pending, %d of them collected by the other goroutine before ReadFile returned", iterations, pending, collectedFirst)
	require.NotZero(t, pending, "no read went pending: the test proves nothing")

	b, r := overlapped.Counts()
	assert.Equal(t, uint64(iterations), b-begun)
	assert.Equal(t, uint64(iterations), r-released, "every read released exactly once")

	// Every OVERLAPPED is reusable: an overlapped write with each.
	for i, ov := range ovs {
		*ov = wintypes.OVERLAPPED{HEvent: event}
		_, err := WriteFile(client, []byte{byte(i)}, nil, ov)
		requireStarted(t, err)
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
		overlapped.Collect(ov.Address(), 0)
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
	testutil.RequireAPIError(t, err, "ReadFile", ERROR_INVALID_HANDLE)
	assert.False(t, HasOverlappedIoCompleted(ov), "failed at once: Windows left STATUS_PENDING")
	assert.Equal(t, statusPending, ov.Internal)
	assert.False(t, registered(ov))

	// Reusable at once: a write that completes reports true.
	path := filepath.Join(testutil.TempDir(t), "reuse.bin")
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, nil, nil, wintypes.Opt[uint32](FILE_FLAG_OVERLAPPED))
	*ov = wintypes.OVERLAPPED{HEvent: newEvent(t, true, false)}
	_, err = WriteFile(h, []byte("data"), nil, ov)
	requireStarted(t, err)
	n, err := GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	assert.True(t, HasOverlappedIoCompleted(ov))

	// So does an operation that completed with an error (past the end).
	ov.Offset = 100
	_, err = ReadFile(h, make([]byte, 4), wintypes.Opt(4), ov)
	if errors.Is(err, ERROR_IO_PENDING) {
		_, err = GetOverlappedResult(h, ov, true)
		assert.True(t, HasOverlappedIoCompleted(ov), "an operation that went pending and failed is complete")
	}
	assert.ErrorIs(t, err, syscall.Errno(ERROR_HANDLE_EOF))
	assert.False(t, registered(ov))
}

// TestBytesParametersHoldNoGoPointers: the shims' wincgo:no-go-pointers parameters
// (cdefs/README.md) take their memory as uint8_t *, which cgo does not
// check for unpinned Go pointers inside it. That is sound only because the
// wrappers pass nothing but []byte buffers, wintypes.OVERLAPPEDs and
// OVERLAPPED_ENTRY arrays (GetQueuedCompletionStatusEx) there,
// memory that holds no Go pointer: this pins that down for OVERLAPPED
// (a new field of pointer type would fail here, not silently in C).
func TestBytesParametersHoldNoGoPointers(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[wintypes.OVERLAPPED](), reflect.TypeFor[wintypes.OVERLAPPED_ENTRY](), reflect.TypeFor[byte]()} {
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
// TestOverlappedPinsGoWithTheOperation: memory pinned for an operation is
// unpinned when Windows is done with it, not later: dropped by the caller,
// it is freed by the next garbage collections.
func TestOverlappedPinsGoWithTheOperation(t *testing.T) {
	bufFreed, ovFreed := settleDropped(t)
	requireFreed(t, bufFreed, ovFreed)
}

// settleDropped settles, as completed at once, an operation on an
// OVERLAPPED and a buffer it keeps no reference to, and returns channels
// closed when the garbage collector frees them.
//
//go:noinline
func settleDropped(t *testing.T) (bufFreed, ovFreed chan struct{}) {
	buf, ov, bufFreed, ovFreed := watchedMemory()
	op, err := beginOverlapped(ov, buf)
	require.NoError(t, err)
	ov.InternalHigh = uintptr(len(buf))
	n, err := op.End(boolResult("ReadFile", 1, 0))
	require.NoError(t, err)
	require.Equal(t, len(buf), n)
	require.False(t, registered(ov))
	return bufFreed, ovFreed
}

// boolResult is the raw result of a BOOL function, failed by the
// generator's default rule (FALSE), as ReadFile's or WriteFile's would be.
func boolResult(function string, ret uintptr, lastError uint32) check.Result {
	return check.Result{Func: &check.Func{Name: function, Returned: "FALSE"}, Ret: ret,
		Status: check.Status{LastError: lastError, Failed: ret == 0}}
}
