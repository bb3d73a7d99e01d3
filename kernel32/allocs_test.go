//go:build windows

package kernel32

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// nameConversionAllocs is what converting one name costs, and
// longNameConversionAllocs one longer than 32 characters (the temporary
// paths here): nothing, since names up to MAX_PATH are converted into a
// stack buffer that the noescape shims leave on the stack.
const nameConversionAllocs, longNameConversionAllocs = 0, 0

// allocCase is one exported function's success path, run under
// testing.AllocsPerRun. op panics on any failure: a path that fails
// measures nothing.
type allocCase struct {
	name string
	// max is the allocations allowed per run: 0, except for the documented
	// exceptions, each with why.
	max float64
	why string
	op  func()
}

// must panics unless err is nil.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// must1 returns v, panicking unless err is nil.
func must1[T any](v T, err error) T {
	must(err)
	return v
}

// started returns v, panicking unless err says an overlapped operation
// started: nil (done at once) or ERROR_IO_PENDING, which must be the bare
// constant (a comparison that allocates nothing).
func started[T any](v T, err error) T {
	if err != nil && err != error(ERROR_IO_PENDING) { //nolint:errorlint // the bare constant is the contract
		panic(err)
	}
	return v
}

// pending returns v, panicking unless the operation went pending
// (ERROR_IO_PENDING, the bare constant): a row that says it measures the
// pending path must take it.
func pending[T any](v T, err error) T {
	if err != error(ERROR_IO_PENDING) { //nolint:errorlint // the bare constant is the contract
		panic(fmt.Sprint("not pending: ", err))
	}
	return v
}

// TestSuccessPathsAllocateNothing runs the success path of every exported
// function of the package and fails on any allocation beyond the listed
// exceptions: a wrapper costs its Windows call, not garbage.
func TestSuccessPathsAllocateNothing(t *testing.T) {
	dir := testutil.TempDir(t)
	event := newEvent(t, true, true)
	name := testutil.UniqueName("wincgo-allocs")
	named, _, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	closeAtCleanup(t, named)
	path := filepath.Join(dir, "allocs.bin")
	share := uint32(FILE_SHARE_READ | FILE_SHARE_WRITE)
	file := createFile(t, path, GENERIC_READ|GENERIC_WRITE, &share, nil, nil)
	data := randomBytes(t, 4096)
	_, err = WriteFile(file, data, nil, nil)
	require.NoError(t, err)
	buf := make([]byte, 4096)
	ov := &wintypes.OVERLAPPED{}
	r, w, err := CreatePipe(nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, r)
	closeAtCleanup(t, w)
	_, err = WriteFile(w, []byte("peek"), nil, nil)
	require.NoError(t, err)
	peekBuf := make([]byte, 4)
	snapshot, err := CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
	require.NoError(t, err)
	closeAtCleanup(t, snapshot)
	pid := uint32(os.Getpid())
	moved := [2]string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	require.NoError(t, os.WriteFile(moved[0], nil, 0o600))
	movedTo := 1

	cases := []allocCase{
		{name: "CreateEvent+CloseHandle (unnamed)", op: func() { must(CloseHandle(must1(createEvent("")))) }},
		{name: "CreateEvent (named, existing)+CloseHandle", max: nameConversionAllocs, why: "name conversion",
			op: func() { must(CloseHandle(must1(createEvent(name)))) }},
		{name: "OpenEvent+CloseHandle", max: nameConversionAllocs, why: "name conversion",
			op: func() { must(CloseHandle(must1(OpenEvent(SYNCHRONIZE, false, name)))) }},
		{name: "SetEvent", op: func() { must(SetEvent(event)) }},
		{name: "ResetEvent+SetEvent", op: func() { must(ResetEvent(event)); must(SetEvent(event)) }},
		{name: "WaitForSingleObject", op: func() { must1(WaitForSingleObject(event, 0)) }},
		{name: "DuplicateHandle+CloseHandle", op: func() {
			p := GetCurrentProcess()
			must(CloseHandle(must1(DuplicateHandle(p, event, p, 0, false, DUPLICATE_SAME_ACCESS))))
		}},
		{name: "GetHandleInformation", op: func() { must1(GetHandleInformation(event)) }},
		{name: "SetHandleInformation", op: func() { must(SetHandleInformation(event, HANDLE_FLAG_INHERIT, 0)) }},
		{name: "GetStdHandle", op: func() { must1(GetStdHandle(STD_OUTPUT_HANDLE)) }},
		{name: "GetFileType", op: func() { must1(GetFileType(file)) }},
		{name: "GetFileSizeEx", op: func() { must1(GetFileSizeEx(file)) }},
		{name: "CreateFile+CloseHandle", max: longNameConversionAllocs, why: "name conversion",
			op: func() { must(CloseHandle(must1(CreateFile(path, GENERIC_READ, &share, nil, nil, nil, 0)))) }},
		{name: "ReadFile+WriteFile (synchronous)", op: func() {
			must1(windows.Seek(file.Windows(), 0, 0))
			must1(WriteFile(file, data, nil, nil))
			must1(windows.Seek(file.Windows(), 0, 0))
			must1(ReadFile(file, buf, nil, nil))
		}},
		{name: "ReadFile+GetOverlappedResult (at an offset)", op: func() {
			*ov = wintypes.OVERLAPPED{Offset: 1024}
			started(ReadFile(file, buf[:1024], nil, ov))
			if n := must1(GetOverlappedResult(file, ov, true)); n != 1024 {
				panic(n)
			}
			if !HasOverlappedIoCompleted(ov) {
				panic("not completed")
			}
		}},
		{name: "WriteFile+GetOverlappedResult (at an offset)", op: func() {
			*ov = wintypes.OVERLAPPED{Offset: 1024}
			started(WriteFile(file, data[:1024], nil, ov))
			must1(GetOverlappedResult(file, ov, true))
		}},
		{name: "FlushFileBuffers", op: func() { must(FlushFileBuffers(file)) }},
		{name: "LockFileEx+UnlockFileEx", op: func() {
			*ov = wintypes.OVERLAPPED{}
			must(LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 1, 0, ov))
			*ov = wintypes.OVERLAPPED{}
			must(UnlockFileEx(file, 1, 0, ov))
		}},
		{name: "LockFileEx+UnlockFileEx (lpOverlapped nil)", op: func() {
			must(LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 1, 0, nil))
			must(UnlockFileEx(file, 1, 0, nil))
		}},
		{name: "MoveFileEx", max: 2 * longNameConversionAllocs, why: "name conversion, two names", op: func() {
			must(MoveFileEx(moved[1-movedTo], moved[movedTo], nil))
			movedTo = 1 - movedTo
		}},
		{name: "CreatePipe+CloseHandle", op: func() {
			r, w := must2(CreatePipe(nil, 0))
			must(CloseHandle(r))
			must(CloseHandle(w))
		}},
		{name: "PeekNamedPipe", max: 1, why: "returns the peeked bytes in a new slice, by design (PeekNamedPipeInto takes the caller's)",
			op: func() { must1(PeekNamedPipe(r, 4)) }},
		{name: "PeekNamedPipeInto", op: func() { must1(PeekNamedPipeInto(r, peekBuf, nil)) }},
		{name: "SetNamedPipeHandleState", op: func() {
			mode := uint32(PIPE_READMODE_BYTE | PIPE_WAIT)
			must(SetNamedPipeHandleState(r, &mode, nil, nil))
		}},
		{name: "GetCurrentProcess+GetProcessId", op: func() { must1(GetProcessId(GetCurrentProcess())) }},
		{name: "GetExitCodeProcess", op: func() { must1(GetExitCodeProcess(GetCurrentProcess())) }},
		{name: "GetProcessHandleCount", op: func() { must1(GetProcessHandleCount(GetCurrentProcess())) }},
		{name: "OpenProcess+CloseHandle", op: func() {
			must(CloseHandle(must1(OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid))))
		}},
		{name: "PidExists", op: func() {
			if !must1(PidExists(pid, 0)) {
				panic("this process does not exist")
			}
		}},
		{name: "CreateToolhelp32Snapshot+CloseHandle", op: func() {
			must(CloseHandle(must1(CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0))))
		}},
		{name: "Process32First+Process32Next", op: func() {
			must1(Process32First(snapshot))
			must1(Process32Next(snapshot))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := testing.AllocsPerRun(50, c.op)
			assert.LessOrEqual(t, got, c.max, "allocations per run (%s)", whyOr(c.why))
		})
	}

	// ClearCommError needs a serial port (see serialPairEnv): the host
	// provides one, or its success path cannot run at all.
	t.Run("ClearCommError", func(t *testing.T) {
		pair := os.Getenv(serialPairEnv)
		if pair == "" {
			t.Skipf("%s is not set: no serial port for ClearCommError's success path (build/test.sh provides one under Wine)", serialPairEnv)
		}
		port, err := windows.UTF16PtrFromString(`\\.\` + strings.TrimSpace(strings.Split(pair, ",")[0]))
		require.NoError(t, err)
		h, err := windows.CreateFile(port, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING, 0, 0)
		require.NoError(t, err)
		t.Cleanup(func() { testutil.CloseWith(t, windows.CloseHandle, h) })
		assert.Zero(t, testing.AllocsPerRun(50, func() { must2(ClearCommError(wintypes.FromWindows(h))) }))
	})

	// TerminateProcess succeeds once per process: one call per child, the
	// fewest allocations of three (the count is the whole process's, and a
	// runtime or os/exec goroutine may allocate during one of them; a
	// wrapper that allocates does so every time).
	t.Run("TerminateProcess", func(t *testing.T) {
		fewest := uint64(math.MaxUint64)
		for range 3 {
			child := testutil.StartSuspendedInheritingAll(t)
			h := wintypes.FromWindows(child.Handle)
			fewest = min(fewest, allocsOnce(func() { must(TerminateProcess(h, 3)) }))
		}
		assert.Zero(t, fewest)
	})
}

// createEvent is CreateEvent with the defaults, returning the handle only.
func createEvent(name string) (wintypes.HANDLE, error) {
	h, _, err := CreateEvent(true, false, nil, name)
	return h, err
}

// must2 returns a and b, panicking unless err is nil.
func must2[A, B any](a A, b B, err error) (A, B) {
	must(err)
	return a, b
}

// allocsOnce returns the allocations f makes, for a call that can succeed
// only once (testing.AllocsPerRun calls f at least twice).
func allocsOnce(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

func whyOr(why string) string {
	if why == "" {
		return "none allowed"
	}
	return fmt.Sprintf("allowed: %s", why)
}

// TestIOSuccessPathsAllocateNothing is TestSuccessPathsAllocateNothing for
// completion ports, cancellation, registered waits, named pipes and the
// waits: each success path as a program runs it, its overlapped operations
// collected by dequeuing their packets, under testing.AllocsPerRun (whose
// per-run average shows a rare allocation, such as a registry entry made
// anew, as a fraction).
func TestIOSuccessPathsAllocateNothing(t *testing.T) {
	port := newPort(t)
	entries := make([]wintypes.OVERLAPPED_ENTRY, 8)
	// awaitPackets dequeues packets until those of a and b (nil: none)
	// came, and fails on any other: nothing else is queued on port.
	awaitPackets := func(a, b *wintypes.OVERLAPPED) {
		seenA, seenB := a == nil, b == nil
		for !seenA || !seenB {
			n := must1(GetQueuedCompletionStatusEx(port, entries, len(entries), 30000, false))
			for _, e := range entries[:n] {
				switch {
				case !seenA && e.LpOverlapped == a.Address():
					seenA = true
				case !seenB && e.LpOverlapped == b.Address():
					seenB = true
				default:
					panic(fmt.Sprintf("unexpected packet %+v", e))
				}
			}
		}
	}
	openExisting, overlapped, noShare := uint32(OPEN_EXISTING), uint32(FILE_FLAG_OVERLAPPED), uint32(0)
	const pipeMode = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT

	// A connected pipe whose two ends are associated with port.
	pipeName := `\\.\pipe\` + testutil.UniqueName("wincgo-allocs")
	server := must1(CreateNamedPipe(pipeName, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, pipeMode, 1, 4096, 4096, 0, nil))
	closeAtCleanup(t, server)
	client := must1(CreateFile(pipeName, GENERIC_READ|GENERIC_WRITE, &noShare, nil, &openExisting, &overlapped, 0))
	closeAtCleanup(t, client)
	connected, err := ConnectNamedPipe(server, new(wintypes.OVERLAPPED))
	require.NoError(t, err)
	require.True(t, connected)
	_, err = CreateIoCompletionPort(server, port, 1, 0)
	require.NoError(t, err)
	_, err = CreateIoCompletionPort(client, port, 2, 0)
	require.NoError(t, err)
	// A listening instance for ConnectNamedPipe, and a name to create.
	listenName := `\\.\pipe\` + testutil.UniqueName("wincgo-allocs-listen")
	listener := must1(CreateNamedPipe(listenName, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, pipeMode, 1, 0, 0, 0, nil))
	closeAtCleanup(t, listener)
	_, err = CreateIoCompletionPort(listener, port, 3, 0)
	require.NoError(t, err)
	freshName := `\\.\pipe\` + testutil.UniqueName("wincgo-allocs-fresh")
	// A connected pipe whose server end is associated with port in
	// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode, its client synchronous:
	// reads of data already there complete at once and queue nothing (a
	// stray packet would make a later awaitPackets panic).
	skipName := `\\.\pipe\` + testutil.UniqueName("wincgo-allocs-skip")
	skipServer := must1(CreateNamedPipe(skipName, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, pipeMode, 1, 4096, 4096, 0, nil))
	closeAtCleanup(t, skipServer)
	skipClient := must1(CreateFile(skipName, GENERIC_READ|GENERIC_WRITE, &noShare, nil, &openExisting, nil, 0))
	closeAtCleanup(t, skipClient)
	connected, err = ConnectNamedPipe(skipServer, new(wintypes.OVERLAPPED))
	require.NoError(t, err)
	require.True(t, connected)
	_, err = CreateIoCompletionPort(skipServer, port, 9, 0)
	require.NoError(t, err)
	require.NoError(t, SetFileCompletionNotificationModes(skipServer, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
	skipOv := new(wintypes.OVERLAPPED)

	readOv, writeOv, connectOv := new(wintypes.OVERLAPPED), new(wintypes.OVERLAPPED), new(wintypes.OVERLAPPED)
	data := randomBytes(t, 1024)
	buf := make([]byte, 1024)
	unsignalled := newEvent(t, true, false)
	signalled := newEvent(t, true, true)
	autoReset := newEvent(t, false, false)

	cases := []allocCase{
		{name: "CreateIoCompletionPort (new port)+CloseHandle", op: func() {
			must(CloseHandle(must1(CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0))))
		}},
		{name: "CreateNamedPipe+CloseHandle", op: func() {
			must(CloseHandle(must1(CreateNamedPipe(freshName, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, pipeMode, 1, 0, 0, 0, nil))))
		}},
		{name: "CreateNamedPipe+CreateIoCompletionPort (association)+CloseHandle", op: func() {
			h := must1(CreateNamedPipe(freshName, PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED, pipeMode, 1, 0, 0, 0, nil))
			if got := must1(CreateIoCompletionPort(h, port, 4, 0)); got != port {
				panic(got)
			}
			must(CloseHandle(h))
		}},
		{name: "PostQueuedCompletionStatus+GetQueuedCompletionStatus", op: func() {
			must(PostQueuedCompletionStatus(port, 5, 6, 0))
			if n, key, ov, err := GetQueuedCompletionStatus(port, 30000); err != nil || n != 5 || key != 6 || ov != 0 {
				panic(fmt.Sprint(n, key, ov, err))
			}
		}},
		{name: "PostQueuedCompletionStatus+GetQueuedCompletionStatusEx", op: func() {
			must(PostQueuedCompletionStatus(port, 5, 6, 0))
			if n := must1(GetQueuedCompletionStatusEx(port, entries, len(entries), 30000, false)); n != 1 || entries[0].LpCompletionKey != 6 {
				panic(n)
			}
		}},
		{name: "SetFileCompletionNotificationModes", op: func() {
			must(SetFileCompletionNotificationModes(skipServer, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
		}},
		{name: "WriteFile+ReadFile (at once, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: no packet)", op: func() {
			*skipOv = wintypes.OVERLAPPED{}
			must1(WriteFile(skipClient, data[:64], nil, nil))
			if n := must1(ReadFile(skipServer, buf, nil, skipOv)); n != 64 {
				panic(n)
			}
		}},
		{name: "ReadFile+WriteFile (overlapped, named pipe, port)", op: func() {
			*readOv, *writeOv = wintypes.OVERLAPPED{}, wintypes.OVERLAPPED{}
			pending(ReadFile(server, buf, nil, readOv)) // the pipe is empty
			started(WriteFile(client, data, nil, writeOv))
			awaitPackets(readOv, writeOv)
			if readOv.InternalHigh != uintptr(len(data)) {
				panic(readOv.InternalHigh)
			}
		}},
		{name: "ReadFile (pending)+CancelIoEx", op: func() {
			*readOv = wintypes.OVERLAPPED{}
			pending(ReadFile(server, buf, nil, readOv))
			must(CancelIoEx(server, readOv))
			awaitPackets(readOv, nil)
		}},
		{name: "ReadFile (pending)+CancelIo", op: func() {
			// CancelIo cancels what its OS thread started.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			*readOv = wintypes.OVERLAPPED{}
			pending(ReadFile(server, buf, nil, readOv))
			must(CancelIo(server))
			awaitPackets(readOv, nil)
		}},
		{name: "ConnectNamedPipe (overlapped)+WaitNamedPipe+DisconnectNamedPipe", op: func() {
			*connectOv = wintypes.OVERLAPPED{}
			if pending(ConnectNamedPipe(listener, connectOv)) {
				panic("connected without a client")
			}
			must(WaitNamedPipe(listenName, 30000))
			c := must1(CreateFile(listenName, GENERIC_READ|GENERIC_WRITE, &noShare, nil, &openExisting, nil, 0))
			awaitPackets(connectOv, nil)
			must(DisconnectNamedPipe(listener))
			must(CloseHandle(c))
		}},
		{name: "GetNamedPipeInfo", op: func() {
			if info := must1(GetNamedPipeInfo(server)); info.Flags != PIPE_SERVER_END {
				panic(info.Flags)
			}
		}},
		{name: "RegisterWaitForSingleObject+UnregisterWaitEx", op: func() {
			w := must1(RegisterWaitForSingleObject(unsignalled, port, 7, INFINITE, WT_EXECUTEINWAITTHREAD))
			must(UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
		}},
		{name: "RegisterWaitForSingleObject+SetEvent+GetQueuedCompletionStatus+UnregisterWaitEx", op: func() {
			w := must1(RegisterWaitForSingleObject(autoReset, port, 8, INFINITE, WT_EXECUTEINWAITTHREAD|WT_EXECUTEONLYONCE))
			must(SetEvent(autoReset))
			if n, key, _, err := GetQueuedCompletionStatus(port, 30000); err != nil || key != 8 || n != WAIT_OBJECT_0 {
				panic(fmt.Sprint(n, key, err))
			}
			must(UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
		}},
		{name: "WaitForMultipleObjects (handles on the stack)", op: func() {
			handles := [3]wintypes.HANDLE{unsignalled, signalled, autoReset}
			if ev := must1(WaitForMultipleObjects(handles[:], false, 0, nil)); ev != WAIT_OBJECT_0+1 {
				panic(ev)
			}
		}},
		{name: "WaitForMultipleObjects (bWaitAll, nCount)", op: func() {
			handles := [2]wintypes.HANDLE{signalled, unsignalled}
			n := 1
			if ev := must1(WaitForMultipleObjects(handles[:], true, 0, &n)); ev != WAIT_OBJECT_0 {
				panic(ev)
			}
		}},
		{name: "GetCurrentThreadId", op: func() {
			if GetCurrentThreadId() == 0 {
				panic("thread 0")
			}
		}},
		{name: "SetLastError+GetLastError", op: func() {
			// Neither can fail, and the value read need not be the one set
			// (the runtime may call Windows on the thread in between: see
			// GetLastError; TestSetGetLastError checks the values).
			SetLastError(ERROR_MORE_DATA)
			lastErrorSink = GetLastError()
		}},
		{name: "GetTempPath", max: 1, why: "returns the path as a new string, by design (the buffer is on the stack up to MAX_PATH)",
			op: func() {
				if must1(GetTempPath()) == "" {
					panic("no temporary directory")
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := testing.AllocsPerRun(50, c.op)
			assert.LessOrEqual(t, got, c.max, "allocations per run (%s)", whyOr(c.why))
		})
	}
	assert.Zero(t, pendingOps(), "every operation collected")
}

// lastErrorSink keeps GetLastError's result used.
var lastErrorSink syscall.Errno

// TestFailuresAllocateOnce: a failing wrapper costs one allocation, its
// own error (Windows' message is cached per code), whatever the function's
// failure return; printing the error costs its string.
func TestFailuresAllocateOnce(t *testing.T) {
	const bad = wintypes.HANDLE(testutil.InvalidHandle)
	missing := testutil.UniqueName("missing")
	buf := make([]byte, 16)
	for _, c := range []struct {
		name string
		code syscall.Errno
		op   func() error
	}{
		{"SetEvent", ERROR_INVALID_HANDLE, func() error { return SetEvent(bad) }},
		{"ResetEvent", ERROR_INVALID_HANDLE, func() error { return ResetEvent(bad) }},
		{"WaitForSingleObject", ERROR_INVALID_HANDLE, func() error { _, err := WaitForSingleObject(bad, 0); return err }},
		{"GetExitCodeProcess", ERROR_INVALID_HANDLE, func() error { _, err := GetExitCodeProcess(bad); return err }},
		{"ReadFile", ERROR_INVALID_HANDLE, func() error { _, err := ReadFile(bad, buf, nil, nil); return err }},
		{"OpenEvent", ERROR_FILE_NOT_FOUND, func() error { _, err := OpenEvent(SYNCHRONIZE, false, missing); return err }},
	} {
		t.Run(c.name, func(t *testing.T) {
			first := c.op()
			require.ErrorIs(t, first, c.code)
			var got error
			assert.Equal(t, 1.0, testing.AllocsPerRun(50, func() { got = c.op() }), "a failure costs its error alone")
			assert.NotSame(t, first, got, "each failure has its own error")
			assert.Equal(t, first, got)
			assert.Equal(t, 1.0, testing.AllocsPerRun(50, func() { _ = got.Error() }), "printing costs the string alone")
		})
	}
}
