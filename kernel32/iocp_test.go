//go:build windows

package kernel32

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"sync"
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

// newPort creates a completion port closed at the end of the test.
func newPort(t testing.TB) wintypes.HANDLE {
	t.Helper()
	port, err := CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0)
	require.NoError(t, err)
	require.NotZero(t, port)
	t.Cleanup(func() { assert.NoError(t, CloseHandle(port)) })
	return port
}

// overlappedPipe creates an overlapped named pipe server end of mode
// dwPipeMode, a client end opened with CreateFile (overlapped when
// clientOverlapped) connected to it; both closed at the end of the test,
// the server unless closed earlier through closeServer.
func overlappedPipe(t *testing.T, dwPipeMode uint32, clientOverlapped bool) (server, client wintypes.HANDLE, closeServer func()) {
	t.Helper()
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-iocp")
	server, err := CreateNamedPipe(name, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, dwPipeMode, 1, 4096, 4096, 0, nil)
	require.NoError(t, err)
	closeServer = closeAtCleanup(t, server)
	flags := uint32(FILE_ATTRIBUTE_NORMAL)
	if clientOverlapped {
		flags = FILE_FLAG_OVERLAPPED
	}
	client, err = CreateFile(name, GENERIC_READ|GENERIC_WRITE, wintypes.Opt[uint32](0), nil,
		wintypes.Opt[uint32](OPEN_EXISTING), &flags, 0)
	require.NoError(t, err)
	closeAtCleanup(t, client)
	ov := new(wintypes.OVERLAPPED)
	connected, err := ConnectNamedPipe(server, ov)
	require.NoError(t, err)
	require.True(t, connected, "the client connected first: ERROR_PIPE_CONNECTED is success")
	return server, client, closeServer
}

func TestCompletionPortPostAndDequeue(t *testing.T) {
	port := newPort(t)
	require.NoError(t, PostQueuedCompletionStatus(port, 7, 0xfeed, 0))
	require.NoError(t, PostQueuedCompletionStatus(port, 8, 0xbeef, 0x1000))

	n, key, ov, err := GetQueuedCompletionStatus(port, 1000)
	require.NoError(t, err)
	assert.Equal(t, []uintptr{7, 0xfeed, 0}, []uintptr{uintptr(n), key, ov})

	entries := make([]wintypes.OVERLAPPED_ENTRY, 4)
	got, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 1000, false)
	require.NoError(t, err)
	require.Equal(t, 1, got)
	assert.Equal(t, uintptr(0xbeef), entries[0].LpCompletionKey)
	assert.Equal(t, uintptr(0x1000), entries[0].LpOverlapped, "a posted address comes back as is")
	assert.Equal(t, uint32(8), entries[0].DwNumberOfBytesTransferred)

	// Empty port: a time-out, nothing dequeued.
	_, _, ov, err = GetQueuedCompletionStatus(port, 10)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_WAIT_TIMEOUT)
	assert.Zero(t, ov)
	got, err = GetQueuedCompletionStatusEx(port, entries, 1, 10, false)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
	assert.Zero(t, got)
}

func TestGetQueuedCompletionStatusExHonoursUlCount(t *testing.T) {
	port := newPort(t)
	for i := range 5 {
		require.NoError(t, PostQueuedCompletionStatus(port, uint32(i), uintptr(100+i), 0))
	}
	entries := make([]wintypes.OVERLAPPED_ENTRY, 8)
	// A canary past ulCount: Windows must not write there.
	entries[2].LpCompletionKey = 0xCA11
	n, err := GetQueuedCompletionStatusEx(port, entries, 2, 1000, false)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	assert.Equal(t, []uintptr{100, 101}, []uintptr{entries[0].LpCompletionKey, entries[1].LpCompletionKey})
	assert.Equal(t, uintptr(0xCA11), entries[2].LpCompletionKey)
	n, err = GetQueuedCompletionStatusEx(port, entries, len(entries), 1000, false)
	require.NoError(t, err)
	require.Equal(t, 3, n, "the rest, in order")
	assert.Equal(t, uintptr(104), entries[2].LpCompletionKey)
}

func TestGetQueuedCompletionStatusExAllocatesNothing(t *testing.T) {
	port := newPort(t)
	entries := make([]wintypes.OVERLAPPED_ENTRY, 16)
	allocs := testing.AllocsPerRun(200, func() {
		for i := range 16 {
			if err := PostQueuedCompletionStatus(port, 1, uintptr(i), 0); err != nil {
				panic(err)
			}
		}
		n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 1000, false)
		if err != nil || n == 0 {
			panic(err)
		}
		for n < 16 {
			m, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 1000, false)
			if err != nil {
				panic(err)
			}
			n += m
		}
	})
	assert.Zero(t, allocs)
	singles := testing.AllocsPerRun(200, func() {
		if err := PostQueuedCompletionStatus(port, 1, 2, 0); err != nil {
			panic(err)
		}
		if _, _, _, err := GetQueuedCompletionStatus(port, 1000); err != nil {
			panic(err)
		}
	})
	assert.Zero(t, singles)
}

func TestCompletionPortClosedWhileWaiting(t *testing.T) {
	port, err := CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 1)
	require.NoError(t, err)
	type result struct {
		err     error
		elapsed time.Duration
	}
	done := make(chan result, 1)
	entered := make(chan struct{})
	go func() {
		entries := make([]wintypes.OVERLAPPED_ENTRY, 1)
		close(entered)
		start := time.Now()
		_, err := GetQueuedCompletionStatusEx(port, entries, 1, 3000, false)
		done <- result{err, time.Since(start)}
	}()
	<-entered
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, CloseHandle(port))
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the wait never ended")
	}
	t.Logf("the wait ended after %v with %v", r.elapsed, r.err)
	if testutil.IsWine() {
		// Wine 8 does not end a wait in progress when the port is closed:
		// the wait lasts its whole time-out. (Post a packet to wake a
		// waiter: that works everywhere.)
		testutil.RequireAPIError(t, r.err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
		assert.GreaterOrEqual(t, r.elapsed, 2500*time.Millisecond)
		return
	}
	// Windows ends it with ERROR_ABANDONED_WAIT_0.
	testutil.RequireAPIError(t, r.err, "GetQueuedCompletionStatusEx", ERROR_ABANDONED_WAIT_0)
	assert.Less(t, r.elapsed, 2500*time.Millisecond)
}

func TestCompletionPortFailures(t *testing.T) {
	port := newPort(t)
	// Associating something that is not a handle.
	_, err := CreateIoCompletionPort(testutil.InvalidHandle, port, 1, 0)
	testutil.RequireAPIError(t, err, "CreateIoCompletionPort", ERROR_INVALID_HANDLE)
	_, _, _, err = GetQueuedCompletionStatus(testutil.InvalidHandle, 0)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_INVALID_HANDLE)
	_, err = GetQueuedCompletionStatusEx(testutil.InvalidHandle, make([]wintypes.OVERLAPPED_ENTRY, 1), 1, 0, false)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_INVALID_HANDLE)
	err = PostQueuedCompletionStatus(testutil.InvalidHandle, 0, 0, 0)
	testutil.RequireAPIError(t, err, "PostQueuedCompletionStatus", ERROR_INVALID_HANDLE)
	// A handle is associated with one port for its lifetime.
	server, _, _ := overlappedPipe(t, PIPE_TYPE_BYTE, false)
	_, err = CreateIoCompletionPort(server, port, 1, 0)
	require.NoError(t, err)
	_, err = CreateIoCompletionPort(server, newPort(t), 1, 0)
	testutil.RequireAPIError(t, err, "CreateIoCompletionPort", ERROR_INVALID_PARAMETER)
	// Creating fails only when Windows runs out of resources: injected.
	func() {
		defer injectFault("CreateIoCompletionPort", 0, windows.ERROR_NOT_ENOUGH_MEMORY)()
		_, err = CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0)
		testutil.RequireAPIError(t, err, "CreateIoCompletionPort", windows.ERROR_NOT_ENOUGH_MEMORY)
	}()
}

func TestCompletionPortBadInput(t *testing.T) {
	port := newPort(t)
	entries := make([]wintypes.OVERLAPPED_ENTRY, 2)
	getEx := func(port wintypes.HANDLE, entries []wintypes.OVERLAPPED_ENTRY, n int) func() error {
		return func() error { _, err := GetQueuedCompletionStatusEx(port, entries, n, 0, false); return err }
	}
	for _, c := range []struct {
		name, param string
		call        func() error
		message     string // a part of the message, if checked
	}{
		{"CreateIoCompletionPort/FileHandle=0", "FileHandle", func() error { _, err := CreateIoCompletionPort(0, 0, 0, 0); return err }, ""},
		{"CreateIoCompletionPort/ExistingCompletionPort", "ExistingCompletionPort", func() error {
			_, err := CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0)
			return err
		}, ""},
		{"GetQueuedCompletionStatus/CompletionPort=0", "CompletionPort", func() error { _, _, _, err := GetQueuedCompletionStatus(0, 0); return err }, ""},
		{"GetQueuedCompletionStatusEx/CompletionPort=0", "CompletionPort", getEx(0, entries, 1), ""},
		{"GetQueuedCompletionStatusEx/ulCount=-1", "ulCount", getEx(port, entries, -1), ""},
		{"GetQueuedCompletionStatusEx/ulCount=0", "ulCount", getEx(port, entries, 0), ""},
		{"GetQueuedCompletionStatusEx/ulCount=3", "ulCount", getEx(port, entries, 3), ""},
		{"GetQueuedCompletionStatusEx/ulCount=3,message", "ulCount", getEx(port, entries, 3),
			"received 3, more than the 2 entries of lpCompletionPortEntries"},
		{"GetQueuedCompletionStatusEx/lpCompletionPortEntries=nil", "ulCount", getEx(port, nil, 1), ""},
		{"PostQueuedCompletionStatus/CompletionPort=0", "CompletionPort", func() error { return PostQueuedCompletionStatus(0, 0, 0, 0) }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := testutil.InputErrorOf(t, c.call(), c.param)
			assert.Contains(t, e.Error(), c.message)
		})
	}
}

// TestCompletionPortDrainReleasesReads starts 10,000 overlapped reads on
// a pipe associated with a port and collects them only by dequeuing their
// packets with GetQueuedCompletionStatusEx: nothing stays pinned, and
// every byte arrives once, in order.
func TestCompletionPortDrainReleasesReads(t *testing.T) {
	const reads = 10000
	const window = 64 // reads in flight at once
	server, client, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, false)
	port := newPort(t)
	_, err := CreateIoCompletionPort(server, port, 42, 0)
	require.NoError(t, err)
	before := pendingOps()

	payload := randomBytes(t, reads)
	writeErr := make(chan error, 1)
	go func() {
		// The client writes in chunks while reads are in flight.
		for off := 0; off < len(payload); off += 500 {
			if _, err := WriteFile(client, payload[off:off+500], nil, nil); err != nil {
				writeErr <- err
				return
			}
		}
		writeErr <- nil
	}()

	type read struct {
		ov  *wintypes.OVERLAPPED
		buf []byte
		seq int
	}
	inFlight := map[uintptr]read{}
	got := make([]byte, reads)
	started, completed := 0, 0
	start := func() {
		r := read{ov: new(wintypes.OVERLAPPED), buf: make([]byte, 1), seq: started}
		_, err := ReadFile(server, r.buf, nil, r.ov)
		requireStarted(t, err) // the client writes meanwhile: either
		inFlight[r.ov.Address()] = r
		started++
	}
	for started < window {
		start()
	}
	entries := make([]wintypes.OVERLAPPED_ENTRY, 32)
	for completed < reads {
		n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 10000, false)
		require.NoError(t, err)
		for _, e := range entries[:n] {
			require.Equal(t, uintptr(42), e.LpCompletionKey)
			r, ok := inFlight[e.LpOverlapped]
			require.True(t, ok, "a packet for an unknown OVERLAPPED %#x", e.LpOverlapped)
			delete(inFlight, e.LpOverlapped)
			require.Equal(t, uint32(1), e.DwNumberOfBytesTransferred)
			got[r.seq] = r.buf[0]
			completed++
			if started < reads {
				start()
			}
		}
	}
	require.NoError(t, <-writeErr)
	assert.Empty(t, cmp.Diff(payload, got), "bytes lost, duplicated or reordered")
	assert.Equal(t, before, pendingOps(), "draining the port left reads pinned")
}

// startDroppedPortRead starts an overlapped read into memory it keeps no
// reference to and returns the OVERLAPPED's address and channels closed
// when the garbage collector frees the buffer and OVERLAPPED.
//
//go:noinline
func startDroppedPortRead(t *testing.T, h wintypes.HANDLE) (addr uintptr, bufFreed, ovFreed chan struct{}) {
	buf, ov, bufFreed, ovFreed := watchedMemory()
	n, err := ReadFile(h, buf, nil, ov)
	requirePending(t, n, err)
	require.False(t, HasOverlappedIoCompleted(ov), "the read did not go pending")
	return ov.Address(), bufFreed, ovFreed
}

// watchedMemory returns a 64-byte buffer filled with 0xEE and a zeroed
// OVERLAPPED, and channels closed when the garbage collector frees each:
// the memory of an operation whose caller then drops every reference.
func watchedMemory() (buf []byte, ov *wintypes.OVERLAPPED, bufFreed, ovFreed chan struct{}) {
	buf = bytes.Repeat([]byte{0xEE}, 64)
	ov = new(wintypes.OVERLAPPED)
	bufFreed, ovFreed = make(chan struct{}), make(chan struct{})
	runtime.AddCleanup(&buf[0], func(c chan struct{}) { close(c) }, bufFreed)
	runtime.AddCleanup(ov, func(c chan struct{}) { close(c) }, ovFreed)
	return buf, ov, bufFreed, ovFreed
}

// requireFreed collects garbage until both channels are closed.
func requireFreed(t *testing.T, bufFreed, ovFreed chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for (!isClosed(bufFreed) || !isClosed(ovFreed)) && time.Now().Before(deadline) {
		runtime.GC()
		runtime.Gosched()
	}
	assert.True(t, isClosed(bufFreed), "the buffer stayed pinned")
	assert.True(t, isClosed(ovFreed), "the OVERLAPPED stayed pinned")
}

func TestCancelIoExThroughThePort(t *testing.T) {
	server, _, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, false)
	port := newPort(t)
	_, err := CreateIoCompletionPort(server, port, 9, 0)
	require.NoError(t, err)
	before := pendingOps()

	// No one writes: the read stays pending, pinned while nothing else
	// references its memory.
	addr, bufFreed, ovFreed := startDroppedPortRead(t, server)
	require.Equal(t, before+1, pendingOps())
	churnHeap()
	assert.False(t, isClosed(bufFreed) || isClosed(ovFreed), "pending memory was freed")

	require.NoError(t, CancelIoEx(server, nil), "nil cancels every operation of the handle")
	n, key, ov, err := GetQueuedCompletionStatus(port, 10000)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_OPERATION_ABORTED)
	assert.Equal(t, addr, ov, "the error is the cancelled read's, not the wait's")
	assert.Equal(t, uintptr(9), key)
	assert.Zero(t, n)
	assert.Equal(t, before, pendingOps(), "the cancelled read stayed registered")
	requireFreed(t, bufFreed, ovFreed)
}

func TestCancelIoExOneOperation(t *testing.T) {
	server, client, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, true)
	before := pendingOps()
	readOv, writeOv := new(wintypes.OVERLAPPED), new(wintypes.OVERLAPPED)
	buf := make([]byte, 8)
	n, err := ReadFile(server, buf, nil, readOv)
	requirePending(t, n, err)
	require.False(t, HasOverlappedIoCompleted(readOv))

	// Nothing pending on writeOv: ERROR_NOT_FOUND.
	err = CancelIoEx(server, writeOv)
	testutil.RequireAPIError(t, err, "CancelIoEx", ERROR_NOT_FOUND)

	require.NoError(t, CancelIoEx(server, readOv))
	_, err = GetOverlappedResult(server, readOv, true)
	testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_OPERATION_ABORTED)
	assert.Equal(t, before, pendingOps())

	// The pipe still works afterwards.
	_, err = WriteFile(client, []byte("after"), nil, writeOv)
	requireStarted(t, err)
	_, err = GetOverlappedResult(client, writeOv, true)
	require.NoError(t, err)
	n, err = ReadFile(server, buf, nil, readOv)
	requireStarted(t, err)
	n2, err := GetOverlappedResult(server, readOv, true)
	require.NoError(t, err)
	assert.Equal(t, "after", string(buf[:max(n, n2)]))
	assert.Equal(t, before, pendingOps())
}

func TestCancelIoOnLockedThread(t *testing.T) {
	server, _, _ := overlappedPipe(t, PIPE_TYPE_BYTE|PIPE_READMODE_BYTE|PIPE_WAIT, false)
	before := pendingOps()
	ov := new(wintypes.OVERLAPPED)
	buf := make([]byte, 8)
	// CancelIo cancels what the calling OS thread started: both calls on
	// one locked thread.
	runtime.LockOSThread()
	n, err := ReadFile(server, buf, nil, ov)
	requirePending(t, n, err)
	require.NoError(t, CancelIo(server))
	runtime.UnlockOSThread()
	_, err = GetOverlappedResult(server, ov, true)
	testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_OPERATION_ABORTED)
	assert.Equal(t, before, pendingOps())
}

func TestCancelFailures(t *testing.T) {
	err := CancelIo(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "CancelIo", ERROR_INVALID_HANDLE)
	err = CancelIoEx(testutil.InvalidHandle, nil)
	testutil.RequireAPIError(t, err, "CancelIoEx", ERROR_INVALID_HANDLE)
	testutil.RequireInputError(t, CancelIo(0), "hFile")
	testutil.RequireInputError(t, CancelIoEx(0, nil), "hFile")
}

// dequeueAll dequeues packets until the port stays empty for quiet, and
// returns how many arrived per key.
func dequeueAll(t *testing.T, port wintypes.HANDLE, want int, quiet time.Duration) map[uintptr]int {
	t.Helper()
	got := map[uintptr]int{}
	entries := make([]wintypes.OVERLAPPED_ENTRY, 64)
	total := 0
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		wait := uint32(10000)
		if total >= want {
			wait = uint32(quiet / time.Millisecond)
		}
		n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), wait, false)
		if err != nil {
			testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
			if total >= want {
				return got
			}
			continue
		}
		for _, e := range entries[:n] {
			assert.Zero(t, e.LpOverlapped)
			assert.Equal(t, uint32(WAIT_OBJECT_0), e.DwNumberOfBytesTransferred)
			got[e.LpCompletionKey]++
			total++
		}
	}
	t.Fatalf("packets still arriving after 60 s: %d of %d", total, want)
	return nil
}

func init() {
	// exit-on-stdin-eof exits when its stdin is closed: a process whose
	// exit the test chooses.
	testutil.Role("exit-on-stdin-eof", func([]string) error {
		_, _ = io.Copy(io.Discard, os.Stdin)
		return nil
	})
}

// child is a process started in role exit-on-stdin-eof.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	handle wintypes.HANDLE
}

// startChildren starts n children that exit when their stdin is closed,
// each with a handle of its own to wait on, closed at the end of the test.
func startChildren(t *testing.T, n int) []child {
	t.Helper()
	out := make([]child, n)
	for i := range out {
		cmd := testutil.Command(t, "exit-on-stdin-eof")
		stdin, err := cmd.StdinPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		// The child cannot exit (its stdin is open), so its pid names it.
		h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(cmd.Process.Pid))
		require.NoError(t, err)
		out[i] = child{cmd: cmd, stdin: stdin, handle: wintypes.HANDLE(h)}
		t.Cleanup(func() {
			_ = stdin.Close()
			_ = cmd.Wait()
			assert.NoError(t, windows.CloseHandle(h))
		})
	}
	return out
}

// TestRegisteredWaitsOnOnePort registers 500 events and 100 child
// processes on one port, unregisters half of each before they fire, then
// fires them all: each registered one arrives exactly once with its key,
// none of the unregistered.
func TestRegisteredWaitsOnOnePort(t *testing.T) {
	const events, children = 500, 100
	port := newPort(t)
	before := registeredWaits()

	evs := make([]wintypes.HANDLE, events)
	waits := map[uintptr]wintypes.HANDLE{}
	for i := range evs {
		evs[i] = newEvent(t, false, false)
		w, err := RegisterWaitForSingleObject(evs[i], port, uintptr(i+1), INFINITE, WT_EXECUTEONLYONCE|WT_EXECUTEINWAITTHREAD)
		require.NoError(t, err)
		waits[uintptr(i+1)] = w
	}

	start := time.Now()
	procs := startChildren(t, children)
	for i, p := range procs {
		key := uintptr(10000 + i)
		w, err := RegisterWaitForSingleObject(p.handle, port, key, INFINITE, WT_EXECUTEONLYONCE|WT_EXECUTEINWAITTHREAD)
		require.NoError(t, err)
		waits[key] = w
	}
	require.Equal(t, before+events+children, registeredWaits())
	t.Logf("%d children started and registered in %v", children, time.Since(start))

	// Unregister the even keys before anything fires.
	want := map[uintptr]int{}
	for key, w := range waits {
		if key%2 == 0 {
			require.NoError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
			delete(waits, key)
		} else {
			want[key] = 1
		}
	}
	for _, ev := range evs {
		require.NoError(t, SetEvent(ev))
	}
	for _, p := range procs {
		require.NoError(t, p.stdin.Close())
	}
	got := dequeueAll(t, port, len(want), 500*time.Millisecond)
	assert.Empty(t, cmp.Diff(want, got), "each registered wait exactly once, no unregistered one")
	for _, p := range procs {
		require.NoError(t, p.cmd.Wait())
	}
	t.Logf("all exits arrived %v after start", time.Since(start))

	for _, w := range waits {
		require.NoError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "a wait that fired is still unregistered")
	}
	assert.Equal(t, before, registeredWaits())
}

// unregisterFired unregisters a wait that may be firing as it is
// unregistered. Windows waits for its callbacks and succeeds; Wine 8 can
// queue a callback after it finished waiting for them, and then says so
// with ERROR_IO_PENDING (see UnregisterWaitEx). Either way the wait is
// gone. It asserts (it runs on goroutines) and reports whether all held.
func unregisterFired(t *testing.T, w wintypes.HANDLE) bool {
	t.Helper()
	err := UnregisterWaitEx(w, INVALID_HANDLE_VALUE)
	if err == nil {
		return true
	}
	var apiErr *wincgoerrors.WindowsAPIError
	return assert.True(t, testutil.IsWine(), "only Wine 8 queues a callback after UnregisterWaitEx waited: %v", err) &&
		assert.ErrorAs(t, err, &apiErr) && assert.Equal(t, "UnregisterWaitEx", apiErr.Function) &&
		assert.ErrorIs(t, err, ERROR_IO_PENDING)
}

// TestUnregisterWaitExWhileCallbacksRun unregisters a wait whose callback
// runs again and again (a manual-reset event left signalled): once
// UnregisterWaitEx returned, no packet follows.
func TestUnregisterWaitExWhileCallbacksRun(t *testing.T) {
	port := newPort(t)
	for round := range 20 {
		ev := newEvent(t, true, true)
		w, err := RegisterWaitForSingleObject(ev, port, 5, INFINITE, WT_EXECUTEDEFAULT)
		require.NoError(t, err)
		entries := make([]wintypes.OVERLAPPED_ENTRY, 64)
		// Callbacks are running: packets keep coming.
		n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 10000, false)
		require.NoError(t, err, "round %d", round)
		require.NotZero(t, n)
		require.True(t, unregisterFired(t, w), "round %d", round)
		// The wait is gone: another call is bad input.
		testutil.RequireInputError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "WaitHandle")
		// Drain what was posted before it returned, then nothing more.
		for {
			if _, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false); err != nil {
				testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
				break
			}
		}
		_, err = GetQueuedCompletionStatusEx(port, entries, len(entries), 50, false)
		require.Error(t, err, "round %d: a packet after UnregisterWaitEx returned", round)
		testutil.RequireAPIError(t, err, "GetQueuedCompletionStatusEx", ERROR_WAIT_TIMEOUT)
	}
}

// TestUnregisteredWaitPostsNothing signals waits as they are unregistered,
// from several goroutines at once, each with its own port, and checks that
// no packet follows UnregisterWaitEx. Wine 8's thread pool can run a
// callback after UnregisterWaitEx with INVALID_HANDLE_VALUE returned TRUE
// (cdefs/kernel32/iocp_bridge.h): when the callback read a context wincgo
// had freed or reused, this test saw a late packet about once in 10,000
// waits under load. The race depends on the scheduler, so this test finds
// such a bug with some probability per run, and passes for certain without
// one.
func TestUnregisteredWaitPostsNothing(t *testing.T) {
	const goroutines = 4
	waits := 1000
	if runtime.GOARCH == "386" {
		// Wine 8's thread pool starts workers as these waits are
		// cancelled, each idle for 5 s with 2 MB of address space
		// reserved for its stack: 4000 waits made about 350 threads,
		// 1000 about 100, in the 2 GB of a 32-bit process.
		waits = 250
	}
	before := registeredWaits()
	var wg sync.WaitGroup
	for g := range goroutines {
		port := newPort(t)
		ev := newEvent(t, false, false)
		wg.Add(1)
		go func() {
			defer wg.Done()
			entries := make([]wintypes.OVERLAPPED_ENTRY, 16)
			for i := range waits {
				key := uintptr(g*waits + i + 1)
				w, err := RegisterWaitForSingleObject(ev, port, key, INFINITE, WT_EXECUTEONLYONCE)
				if !assert.NoError(t, err) {
					return
				}
				if !assert.NoError(t, SetEvent(ev)) {
					return
				}
				if !unregisterFired(t, w) {
					return
				}
				// What is in the port now was posted before
				// UnregisterWaitEx returned: this wait's packet, or none
				// (the wait was cancelled first). Any other key came late.
				for {
					n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 0, false)
					if err != nil {
						if !assert.ErrorIs(t, err, ERROR_WAIT_TIMEOUT) {
							return
						}
						break
					}
					for _, e := range entries[:n] {
						if !assert.Equal(t, key, e.LpCompletionKey, "a packet of an unregistered wait") {
							return
						}
					}
				}
				if !assert.NoError(t, ResetEvent(ev)) {
					return
				}
			}
			// A late callback of the last wait.
			n, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 50, false)
			assert.ErrorIs(t, err, ERROR_WAIT_TIMEOUT, "%d packets after the last UnregisterWaitEx", n)
		}()
	}
	wg.Wait()
	assert.Equal(t, before, registeredWaits())
}

// TestRegisteredWaitsChurn registers and unregisters waits in a random
// order, so that the C table the callbacks read (iocp_bridge.h) grows, and
// its entries collide (ids run over more values than the table has slots
// while the first waits stay) and are removed from the middle of their
// probe runs. Then it signals every wait still registered: each posts its
// packet once, and none of those unregistered does.
func TestRegisteredWaitsChurn(t *testing.T) {
	const ops, first, most = 5000, 10, 50
	port := newPort(t)
	before := registeredWaits()
	rng := rand.New(rand.NewPCG(1, 2))
	type reg struct {
		ev, w wintypes.HANDLE
		key   uintptr
	}
	var live, gone []reg
	for i := range ops {
		if len(live) >= most || (len(live) > first && rng.IntN(2) == 0) {
			// Any but the first waits, which stay registered throughout.
			j := first + rng.IntN(len(live)-first)
			require.NoError(t, UnregisterWaitEx(live[j].w, INVALID_HANDLE_VALUE))
			gone = append(gone, live[j])
			live = append(live[:j], live[j+1:]...)
			continue
		}
		r := reg{ev: newEvent(t, false, false), key: uintptr(i + 1)}
		var err error
		r.w, err = RegisterWaitForSingleObject(r.ev, port, r.key, INFINITE, WT_EXECUTEONLYONCE|WT_EXECUTEINWAITTHREAD)
		require.NoError(t, err)
		live = append(live, r)
	}
	require.Equal(t, before+len(live), registeredWaits())
	want := map[uintptr]int{}
	for _, r := range live {
		want[r.key] = 1
		require.NoError(t, SetEvent(r.ev))
	}
	for _, r := range gone {
		require.NoError(t, SetEvent(r.ev))
	}
	got := dequeueAll(t, port, len(want), 500*time.Millisecond)
	assert.Empty(t, cmp.Diff(want, got), "each registered wait once, no unregistered one")
	for _, r := range live {
		require.NoError(t, UnregisterWaitEx(r.w, INVALID_HANDLE_VALUE))
	}
	assert.Equal(t, before, registeredWaits())
	t.Logf("%d waits registered at the end, %d unregistered before", len(live), len(gone))
}

func TestRegisteredWaitTimeOut(t *testing.T) {
	port := newPort(t)
	ev := newEvent(t, true, false)
	w, err := RegisterWaitForSingleObject(ev, port, 77, 20, WT_EXECUTEONLYONCE)
	require.NoError(t, err)
	n, key, ov, err := GetQueuedCompletionStatus(port, 10000)
	require.NoError(t, err)
	assert.Equal(t, []uintptr{uintptr(WAIT_TIMEOUT), 77, 0}, []uintptr{uintptr(n), key, ov})
	require.NoError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
}

func TestRegisteredWaitFailures(t *testing.T) {
	port := newPort(t)
	ev := newEvent(t, true, false)
	before := registeredWaits()
	func() {
		defer injectFault("RegisterWaitForSingleObject", 0, windows.ERROR_NOT_ENOUGH_MEMORY)()
		_, err := RegisterWaitForSingleObject(ev, port, 1, INFINITE, 0)
		testutil.RequireAPIError(t, err, "RegisterWaitForSingleObject", windows.ERROR_NOT_ENOUGH_MEMORY)
	}()
	assert.Equal(t, before, registeredWaits())

	w, err := RegisterWaitForSingleObject(ev, port, 1, INFINITE, 0)
	require.NoError(t, err)
	func() {
		defer injectFault("UnregisterWaitEx", 0, ERROR_INVALID_HANDLE)()
		err := UnregisterWaitEx(w, INVALID_HANDLE_VALUE)
		testutil.RequireAPIError(t, err, "UnregisterWaitEx", ERROR_INVALID_HANDLE)
	}()
	assert.Equal(t, before+1, registeredWaits(), "a failed unregistration keeps the wait")
	require.NoError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "the retry")
	assert.Equal(t, before, registeredWaits())

	// The table gets no memory: no wait is registered.
	func() {
		defer injectFault("PortWaitAdd", 0, windows.ERROR_NOT_ENOUGH_MEMORY)()
		_, err := RegisterWaitForSingleObject(ev, port, 1, INFINITE, 0)
		testutil.RequireAPIError(t, err, "PortWaitAdd", windows.ERROR_NOT_ENOUGH_MEMORY)
	}()
	assert.Equal(t, before, registeredWaits())

	// ERROR_IO_PENDING is no refusal: unregistered, a callback still to
	// run (Wine 8, see UnregisterWaitEx). The wait is gone and no packet
	// of it follows. The fault keeps Windows from unregistering it, so
	// that its callback really runs afterwards: it posts nothing.
	w, err = RegisterWaitForSingleObject(ev, port, 2, INFINITE, 0)
	require.NoError(t, err)
	func() {
		defer injectFault("UnregisterWaitEx", 0, ERROR_IO_PENDING)()
		testutil.RequireAPIError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "UnregisterWaitEx", ERROR_IO_PENDING)
	}()
	assert.Equal(t, before, registeredWaits(), "unregistered")
	// A second call: the wait is gone.
	testutil.RequireInputError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "WaitHandle")
	require.NoError(t, SetEvent(ev))
	_, _, _, err = GetQueuedCompletionStatus(port, 200)
	testutil.RequireAPIError(t, err, "GetQueuedCompletionStatus", ERROR_WAIT_TIMEOUT)
	// Unregister it for real, below wincgo's bookkeeping (a wait firing
	// as it is unregistered: Wine 8 may say ERROR_IO_PENDING, as in
	// unregisterFired).
	require.NoError(t, ResetEvent(ev))
	if err := rawUnregisterWaitEx(uintptr(w), uintptr(INVALID_HANDLE_VALUE)).Err(); err != nil {
		require.True(t, testutil.IsWine(), "%v", err)
		testutil.RequireAPIError(t, err, "UnregisterWaitEx", ERROR_IO_PENDING)
	}
}

func TestRegisteredWaitBadInput(t *testing.T) {
	port := newPort(t)
	ev := newEvent(t, true, false)
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"hObject=0", "hObject", func() error { _, err := RegisterWaitForSingleObject(0, port, 1, INFINITE, 0); return err }},
		{"CompletionPort=0", "CompletionPort", func() error { _, err := RegisterWaitForSingleObject(ev, 0, 1, INFINITE, 0); return err }},
		{"dwFlags=0x40000000", "dwFlags", func() error { _, err := RegisterWaitForSingleObject(ev, port, 1, INFINITE, 0x40000000); return err }},
	} {
		t.Run("RegisterWaitForSingleObject/"+c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}

	// UnregisterWaitEx's cases are steps on one wait, in order.
	w, err := RegisterWaitForSingleObject(ev, port, 1, INFINITE, 0)
	require.NoError(t, err)
	testutil.RequireInputError(t, UnregisterWaitEx(w, 0), "CompletionEvent")
	testutil.RequireInputError(t, UnregisterWaitEx(w, ev), "CompletionEvent")
	require.NoError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
	testutil.RequireInputError(t, UnregisterWaitEx(w, INVALID_HANDLE_VALUE), "WaitHandle")
	testutil.RequireInputError(t, UnregisterWaitEx(testutil.InvalidHandle, INVALID_HANDLE_VALUE), "WaitHandle")
}

// TestRegisterWaitConcurrently registers and unregisters from several
// goroutines at once (for -race).
func TestRegisterWaitConcurrently(t *testing.T) {
	port := newPort(t)
	before := registeredWaits()
	var wg sync.WaitGroup
	for g := range 4 {
		ev := newEvent(t, false, false)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				w, err := RegisterWaitForSingleObject(ev, port, uintptr(g*1000+i), INFINITE, WT_EXECUTEONLYONCE)
				if !assert.NoError(t, err) {
					return
				}
				assert.NoError(t, SetEvent(ev))
				assert.True(t, unregisterFired(t, w))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, before, registeredWaits())
}
