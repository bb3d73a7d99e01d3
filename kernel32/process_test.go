//go:build windows

package kernel32

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// noSuchPid names no process: Windows and Wine hand out small multiples of
// 4.
const noSuchPid = 0xFFFFFFF0

func init() {
	// process-block-stdin: reads its stdin to the end (blocks until the
	// parent closes it), then exits with the code in args[0].
	testutil.Role("process-block-stdin", func(args []string) error {
		code, err := strconv.Atoi(args[0])
		if err != nil {
			return err
		}
		if _, err := io.Copy(io.Discard, os.Stdin); err != nil {
			return err
		}
		os.Exit(code)
		return nil
	})
	// process-exit: exits at once with the code in args[0].
	testutil.Role("process-exit", func(args []string) error {
		code, err := strconv.Atoi(args[0])
		if err != nil {
			return err
		}
		os.Exit(code)
		return nil
	})
}

// startBlockedChild starts a child that runs until its stdin is closed
// and then exits with code 0; the test's cleanup closes its stdin and
// waits for it (a test may have terminated it with another code).
func startBlockedChild(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := testutil.Command(t, "process-block-stdin", "0")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		// The test may have waited for it already (which closes stdin).
		if cmd.ProcessState != nil {
			return
		}
		assert.NoError(t, stdin.Close())
		var exitErr *exec.ExitError
		if err := cmd.Wait(); err != nil && !errors.As(err, &exitErr) {
			t.Errorf("waiting for the child: %v", err)
		}
	})
	return cmd
}

func openProcess(t *testing.T, access uint32, pid uint32) wintypes.HANDLE {
	t.Helper()
	h, err := OpenProcess(access, false, pid)
	require.NoError(t, err)
	require.NotZero(t, h)
	t.Cleanup(func() { assert.NoError(t, CloseHandle(h)) })
	return h
}

// snapshotEntry walks a fresh TH32CS_SNAPPROCESS snapshot for pid.
func snapshotEntry(t *testing.T, pid uint32) (wintypes.PROCESSENTRY32, bool) {
	t.Helper()
	snap, err := CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, snap)
	pe, err := Process32First(snap)
	for ; err == nil; pe, err = Process32Next(snap) {
		if pe.Th32ProcessID == pid {
			return pe, true
		}
	}
	testutil.RequireAPIError(t, err, "Process32NextW", ERROR_NO_MORE_FILES)
	return wintypes.PROCESSENTRY32{}, false
}

// TestProcessLifecycle: a running child is opened by pid, its pid read
// back, seen STILL_ACTIVE and in a snapshot (with this process as parent),
// terminated with a chosen code, and that code observed.
func TestProcessLifecycle(t *testing.T) {
	cmd := startBlockedChild(t)
	pid := uint32(cmd.Process.Pid)

	h := openProcess(t, PROCESS_QUERY_LIMITED_INFORMATION|PROCESS_TERMINATE|SYNCHRONIZE, pid)
	got, err := GetProcessId(h)
	require.NoError(t, err)
	assert.Equal(t, pid, got)

	code, err := GetExitCodeProcess(h)
	require.NoError(t, err)
	assert.Equal(t, STILL_ACTIVE, code)

	exists, err := PidExists(pid, 0)
	require.NoError(t, err)
	assert.True(t, exists)

	pe, found := snapshotEntry(t, pid)
	require.True(t, found, "the snapshot contains the child")
	assert.Equal(t, uint32(os.Getpid()), pe.Th32ParentProcessID, "the child's parent is this process")
	exe, err := os.Executable()
	require.NoError(t, err)
	assert.Contains(t, exe, pe.ExeFile(), "SzExeFile is the executable's name")
	assert.NotEmpty(t, pe.ExeFile())

	const exitCode = 4242
	require.NoError(t, TerminateProcess(h, exitCode))
	event, err := WaitForSingleObject(h, 30000)
	require.NoError(t, err)
	require.Equal(t, WAIT_OBJECT_0, event)

	code, err = GetExitCodeProcess(h)
	require.NoError(t, err)
	assert.Equal(t, uint32(exitCode), code)
	var exitErr *exec.ExitError
	require.ErrorAs(t, cmd.Wait(), &exitErr)
	assert.Equal(t, exitCode, exitErr.ExitCode())

	exists, err = PidExists(pid, 0)
	require.NoError(t, err)
	assert.False(t, exists, "an exited process does not exist, though handles keep its object")

	// Terminating an exited process is refused (TerminateProcess's
	// remarks). Wine 8.0 accepts it and does nothing: the exit code stays.
	err = TerminateProcess(h, 1)
	if testutil.IsWine() {
		require.NoError(t, err)
	} else {
		testutil.RequireAPIError(t, err, "TerminateProcess", ERROR_ACCESS_DENIED)
	}
	code, err = GetExitCodeProcess(h)
	require.NoError(t, err)
	assert.Equal(t, uint32(exitCode), code, "the exit code of an exited process does not change")
}

// TestPidExistsExitCodeStillActive: a child that exits with code 259 looks
// running to GetExitCodeProcess (STILL_ACTIVE), but PidExists, which waits
// on the process, knows it has exited.
func TestPidExistsExitCodeStillActive(t *testing.T) {
	cmd := testutil.Command(t, "process-exit", strconv.Itoa(int(STILL_ACTIVE)))
	require.NoError(t, cmd.Start())
	defer func() {
		var exitErr *exec.ExitError
		assert.ErrorAs(t, cmd.Wait(), &exitErr, "the child exits with code 259")
	}()
	pid := uint32(cmd.Process.Pid)
	// os/exec holds a handle: the process object, and its pid, outlive
	// the process until cmd.Wait.
	h := openProcess(t, PROCESS_QUERY_LIMITED_INFORMATION|SYNCHRONIZE, pid)

	// With a wait, PidExists returns once the child has exited.
	exists, err := PidExists(pid, 30000)
	require.NoError(t, err)
	assert.False(t, exists)

	event, err := WaitForSingleObject(h, 0)
	require.NoError(t, err)
	require.Equal(t, WAIT_OBJECT_0, event, "the child has exited")
	code, err := GetExitCodeProcess(h)
	require.NoError(t, err)
	assert.Equal(t, STILL_ACTIVE, code, "exit code 259 reads as STILL_ACTIVE")

	exists, err = PidExists(pid, 0)
	require.NoError(t, err)
	assert.False(t, exists)
}

func TestPidExistsCurrentAndMissing(t *testing.T) {
	exists, err := PidExists(uint32(os.Getpid()), 0)
	require.NoError(t, err)
	assert.True(t, exists)

	exists, err = PidExists(noSuchPid, 0)
	require.NoError(t, err)
	assert.False(t, exists)
}

// TestPidExistsOpenProcessRules drives OpenProcess's failures: access
// denied means the process exists, an invalid parameter means it does
// not, anything else is an error.
func TestPidExistsOpenProcessRules(t *testing.T) {
	self := uint32(os.Getpid())

	disarm := injectFault("OpenProcess", 0, ERROR_ACCESS_DENIED)
	exists, err := PidExists(noSuchPid, 0)
	disarm()
	require.NoError(t, err)
	assert.True(t, exists, "a process we may not open exists")

	disarm = injectFault("OpenProcess", 0, ERROR_INVALID_PARAMETER)
	exists, err = PidExists(self, 0)
	disarm()
	require.NoError(t, err)
	assert.False(t, exists)

	disarm = injectFault("OpenProcess", 0, windows.ERROR_NOT_ENOUGH_MEMORY)
	exists, err = PidExists(self, 0)
	disarm()
	testutil.RequireAPIError(t, err, "OpenProcess", windows.ERROR_NOT_ENOUGH_MEMORY)
	assert.False(t, exists)
}

// TestPidExistsReservedPids: 0 (the System Idle Process) and 4 (System)
// exist without asking OpenProcess, which cannot open them: even an
// OpenProcess that would say "no such process" is not called.
func TestPidExistsReservedPids(t *testing.T) {
	defer injectFault("OpenProcess", 0, ERROR_INVALID_PARAMETER)()
	for _, pid := range []uint32{0, 4} {
		exists, err := PidExists(pid, 0)
		require.NoError(t, err)
		assert.True(t, exists, "pid %d", pid)
	}
}

// TestPidExistsWaitRules drives the wait's results a process cannot
// produce on demand: each is an error, never a guess.
func TestPidExistsWaitRules(t *testing.T) {
	self := uint32(os.Getpid())

	// pywincffi raises PyWinCFFINotImplementedError there: a
	// *NotImplementedError, which is also an *InternalError.
	disarm := injectFault("WaitForSingleObject", uintptr(WAIT_ABANDONED), 0)
	_, err := PidExists(self, 0)
	disarm()
	var notImplemented *wincgoerrors.NotImplementedError
	require.ErrorAs(t, err, &notImplemented)
	var internalErr *wincgoerrors.InternalError
	require.ErrorAs(t, err, &internalErr)
	assert.Contains(t, err.Error(), "0x80")

	disarm = injectFault("WaitForSingleObject", uintptr(WAIT_FAILED), ERROR_ACCESS_DENIED)
	_, err = PidExists(self, 0)
	disarm()
	testutil.RequireAPIError(t, err, "WaitForSingleObject", ERROR_ACCESS_DENIED)

	disarm = injectFault("WaitForSingleObject", 0x1234, 0)
	_, err = PidExists(self, 0)
	disarm()
	require.ErrorAs(t, err, &internalErr, "WaitForSingleObject itself refuses an undocumented result")

	// And the two documented results, driven the same way.
	disarm = injectFault("WaitForSingleObject", uintptr(WAIT_OBJECT_0), 0)
	exists, err := PidExists(self, 0)
	disarm()
	require.NoError(t, err)
	assert.False(t, exists)
	disarm = injectFault("WaitForSingleObject", uintptr(WAIT_TIMEOUT), 0)
	exists, err = PidExists(self, 0)
	disarm()
	require.NoError(t, err)
	assert.True(t, exists)
}

// TestPidExistsCloseHandleFails: PidExists returns the failure to close
// the process handle it opened, with its answer, joined with any other
// error. OpenProcess is made to return a handle the test opened itself, so
// that the handle CloseHandle (made to fail) does not close is still
// closed at the end.
func TestPidExistsCloseHandleFails(t *testing.T) {
	self := uint32(os.Getpid())
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, self)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, windows.CloseHandle(h)) })

	disarmOpen := injectFault("OpenProcess", uintptr(h), 0)
	defer disarmOpen()
	disarmClose := injectFault("CloseHandle", 0, ERROR_INVALID_HANDLE)
	defer disarmClose()

	exists, err := PidExists(self, 0)
	testutil.RequireAPIError(t, err, "CloseHandle", ERROR_INVALID_HANDLE)
	assert.True(t, exists, "the answer found before the close failed")

	// With a wait result a process cannot produce: both errors.
	disarmWait := injectFault("WaitForSingleObject", uintptr(WAIT_ABANDONED), 0)
	defer disarmWait()
	_, err = PidExists(self, 0)
	var notImplemented *wincgoerrors.NotImplementedError
	require.ErrorAs(t, err, &notImplemented)
	testutil.RequireAPIError(t, err, "CloseHandle", ERROR_INVALID_HANDLE)
}

// TestGetCurrentProcessPseudoHandle: the pseudo-handle is -1; closing it
// succeeds and does nothing (Microsoft's documentation; pywincffi's said
// it raised), and it keeps working afterwards.
func TestGetCurrentProcessPseudoHandle(t *testing.T) {
	h := GetCurrentProcess()
	assert.Equal(t, currentProcess, h)
	assert.Equal(t, wintypes.HANDLE(windows.CurrentProcess()), h)

	require.NoError(t, CloseHandle(h))
	require.NoError(t, CloseHandle(GetCurrentProcess()), "closing it again succeeds too")

	pid, err := GetProcessId(h)
	require.NoError(t, err)
	assert.Equal(t, uint32(os.Getpid()), pid)
	code, err := GetExitCodeProcess(h)
	require.NoError(t, err)
	assert.Equal(t, STILL_ACTIVE, code)
	ev := newEvent(t, true, false)
	dup, err := DuplicateHandle(h, ev, h, 0, false, DUPLICATE_SAME_ACCESS)
	require.NoError(t, err, "the pseudo-handle still names this process")
	require.NoError(t, CloseHandle(dup))
}

func TestOpenProcessFailures(t *testing.T) {
	_, err := OpenProcess(SYNCHRONIZE, false, noSuchPid)
	testutil.RequireAPIError(t, err, "OpenProcess", ERROR_INVALID_PARAMETER)

	_, err = OpenProcess(SYNCHRONIZE, false, 0)
	testutil.RequireAPIError(t, err, "OpenProcess", ERROR_INVALID_PARAMETER)
}

func TestOpenProcessInheritable(t *testing.T) {
	h, err := OpenProcess(SYNCHRONIZE, true, uint32(os.Getpid()))
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)
	flags, err := GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT)
}

// TestProcessAccessIsEnforced: a handle opened with SYNCHRONIZE only may
// not query or terminate.
func TestProcessAccessIsEnforced(t *testing.T) {
	cmd := startBlockedChild(t)
	h := openProcess(t, SYNCHRONIZE, uint32(cmd.Process.Pid))

	_, err := GetExitCodeProcess(h)
	testutil.RequireAPIError(t, err, "GetExitCodeProcess", ERROR_ACCESS_DENIED)
	_, err = GetProcessId(h)
	testutil.RequireAPIError(t, err, "GetProcessId", ERROR_ACCESS_DENIED)
	err = TerminateProcess(h, 1)
	testutil.RequireAPIError(t, err, "TerminateProcess", ERROR_ACCESS_DENIED)
}

func TestProcessFunctionsInvalidHandle(t *testing.T) {
	// A handle never open, not a closed one: a closed handle's value may
	// already name another handle of this process (see
	// testutil.InvalidHandle), which TerminateProcess must never reach.
	h := wintypes.HANDLE(testutil.InvalidHandle)

	_, err := GetProcessId(h)
	testutil.RequireAPIError(t, err, "GetProcessId", ERROR_INVALID_HANDLE)
	_, err = GetExitCodeProcess(h)
	testutil.RequireAPIError(t, err, "GetExitCodeProcess", ERROR_INVALID_HANDLE)
	err = TerminateProcess(h, 1)
	testutil.RequireAPIError(t, err, "TerminateProcess", ERROR_INVALID_HANDLE)
	_, err = Process32First(h)
	testutil.RequireAPIError(t, err, "Process32FirstW", ERROR_INVALID_HANDLE)
	_, err = Process32Next(h)
	testutil.RequireAPIError(t, err, "Process32NextW", ERROR_INVALID_HANDLE)
}

func TestProcessBadInput(t *testing.T) {
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"GetProcessId/Process=0", "Process", func() error { _, err := GetProcessId(0); return err }},
		{"GetExitCodeProcess/hProcess=0", "hProcess", func() error { _, err := GetExitCodeProcess(0); return err }},
		{"TerminateProcess/hProcess=0", "hProcess", func() error { return TerminateProcess(0, 1) }},
		{"Process32First/hSnapshot=0", "hSnapshot", func() error { _, err := Process32First(0); return err }},
		{"Process32Next/hSnapshot=0", "hSnapshot", func() error { _, err := Process32Next(0); return err }},
		{"CreateToolhelp32Snapshot/dwFlags=0x100", "dwFlags", func() error { _, err := CreateToolhelp32Snapshot(0x100, 0); return err }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}

func TestCreateToolhelp32SnapshotInherit(t *testing.T) {
	snap, err := CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS|TH32CS_INHERIT, 0)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, snap)
	flags, err := GetHandleInformation(snap)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT)

	// Process32First restarts the walk.
	first, err := Process32First(snap)
	require.NoError(t, err)
	_, err = Process32Next(snap)
	require.NoError(t, err)
	again, err := Process32First(snap)
	require.NoError(t, err)
	assert.Equal(t, first, again)
}

func TestCreateToolhelp32SnapshotFailures(t *testing.T) {
	// The modules of a process that does not exist.
	_, err := CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, noSuchPid)
	testutil.RequireAPIError(t, err, "CreateToolhelp32Snapshot", ERROR_INVALID_PARAMETER)

	// Windows returns INVALID_HANDLE_VALUE on failure, not NULL.
	disarm := injectFault("CreateToolhelp32Snapshot", uintptr(INVALID_HANDLE_VALUE), windows.ERROR_NOT_ENOUGH_MEMORY)
	_, err = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
	disarm()
	testutil.RequireAPIError(t, err, "CreateToolhelp32Snapshot", windows.ERROR_NOT_ENOUGH_MEMORY)

	// A snapshot without processes has no first process.
	snap, err := CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, snap)
	_, err = Process32First(snap)
	testutil.RequireAPIError(t, err, "Process32FirstW", ERROR_NO_MORE_FILES)
}

// TestGetProcessHandleCount: Windows counts the handles of this process
// and of a child, and opening handles raises this process's count.
func TestGetProcessHandleCount(t *testing.T) {
	cmd := startBlockedChild(t)
	child := openProcess(t, PROCESS_QUERY_LIMITED_INFORMATION, uint32(cmd.Process.Pid))

	before, err := GetProcessHandleCount(GetCurrentProcess())
	require.NoError(t, err)
	const n = 16
	for range n {
		h, _, err := CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		t.Cleanup(func() { assert.NoError(t, CloseHandle(h)) })
	}
	after, err := GetProcessHandleCount(GetCurrentProcess())
	require.NoError(t, err)
	childCount, err := GetProcessHandleCount(child)
	require.NoError(t, err)

	if testutil.IsWine() {
		// Wine 8.0 does not count handles: its
		// NtQueryInformationProcess(ProcessHandleCount) is a stub that
		// reports 0, with success, for every process.
		assert.Zero(t, before)
		assert.Zero(t, after)
		assert.Zero(t, childCount)
		return
	}
	// Other threads (the Go runtime's) may open or close a handle meanwhile,
	// so the 16 new events are asserted as growth, not as an exact sum.
	assert.Positive(t, before)
	assert.Greater(t, after, before)
	assert.GreaterOrEqual(t, after, uint32(n))
	assert.Positive(t, childCount, "a running process holds handles")
}

func TestGetProcessHandleCountFailure(t *testing.T) {
	cmd := startBlockedChild(t)
	h := openProcess(t, SYNCHRONIZE, uint32(cmd.Process.Pid))
	count, err := GetProcessHandleCount(h)
	if testutil.IsWine() {
		// Wine 8.0's stub checks neither the access nor the handle: it
		// answers 0 with success (see TestGetProcessHandleCount).
		require.NoError(t, err)
		assert.Zero(t, count)
	} else {
		testutil.RequireAPIError(t, err, "GetProcessHandleCount", ERROR_ACCESS_DENIED)
	}

	count, err = GetProcessHandleCount(wintypes.HANDLE(testutil.InvalidHandle))
	if testutil.IsWine() {
		require.NoError(t, err)
		assert.Zero(t, count)
	} else {
		testutil.RequireAPIError(t, err, "GetProcessHandleCount", ERROR_INVALID_HANDLE)
	}

	// Where Wine cannot fail, the failure path is driven by fault injection.
	disarm := injectFault("GetProcessHandleCount", 0, ERROR_ACCESS_DENIED)
	defer disarm()
	count, err = GetProcessHandleCount(GetCurrentProcess())
	testutil.RequireAPIError(t, err, "GetProcessHandleCount", ERROR_ACCESS_DENIED)
	assert.Zero(t, count)
}

func TestGetProcessHandleCountBadInput(t *testing.T) {
	_, err := GetProcessHandleCount(0)
	testutil.RequireInputError(t, err, "hProcess")
}
