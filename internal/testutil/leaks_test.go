//go:build windows

package testutil

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

func TestMain(m *testing.M) {
	// The leak-check-* roles run Main's leak-checked path around a fake
	// test run, as a package's TestMain does.
	Role("leak-check-leaks-event", func([]string) error {
		os.Exit(runWithLeakCheck(func() int {
			// A test that creates an event and never closes it.
			if _, err := windows.CreateEvent(nil, 1, 0, nil); err != nil {
				panic(err)
			}
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-leaks-port", func([]string) error {
		os.Exit(runWithLeakCheck(func() int {
			if _, err := windows.CreateIoCompletionPort(windows.InvalidHandle, 0, 0, 0); err != nil {
				panic(err)
			}
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-closes-port", func([]string) error {
		os.Exit(runWithLeakCheck(func() int {
			h, err := windows.CreateIoCompletionPort(windows.InvalidHandle, 0, 0, 0)
			if err != nil {
				panic(err)
			}
			if err := windows.CloseHandle(h); err != nil {
				panic(err)
			}
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-new-threads", func([]string) error {
		// Threads the runtime starts during the tests, with their
		// events and timers, are not a leak: 16 goroutines locked to
		// their threads and sleeping at once need 16 more threads.
		os.Exit(runWithLeakCheck(func() int {
			var wg sync.WaitGroup
			for range 16 {
				wg.Go(func() {
					runtime.LockOSThread()
					defer runtime.UnlockOSThread() // a locked goroutine's exit would end its thread
					time.Sleep(50 * time.Millisecond)
				})
			}
			wg.Wait()
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-hangs", func([]string) error {
		// A comparison that never ends: the watchdog reports it.
		leakCheckDeadline = 100 * time.Millisecond
		watchdog("a hung phase")
		select {}
	})
	Role("exit-at-once", func([]string) error { return nil })
	Main(m)
}

// runRole runs the test binary in role with WINCGO_LEAK_CHECK=mode
// (whatever the parent's environment says), and returns its exit code and
// output.
func runRole(t *testing.T, role, mode string) (int, string) {
	t.Helper()
	cmd := Command(t, role)
	cmd.Env = append(cmd.Env, leakEnv+"="+mode)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return 0, string(out)
	}
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr, "%s", out)
	return exitErr.ExitCode(), string(out)
}

// TestLeakCheckReportsEachLeakByType is the check's control: a file, a
// named pipe, a child process (with its thread), a completion port and a
// mutex left open are each reported, by value, type and what names it,
// and fail the check; an event, and the mutex OutputDebugString keeps,
// left open are listed but fail only when strict.
func TestLeakCheckReportsEachLeakByType(t *testing.T) {
	before := Handles()

	dir := TempDir(t)
	path := filepath.Join(dir, "leak-control.txt")
	file, err := windows.CreateFile(windows.StringToUTF16Ptr(path), windows.GENERIC_WRITE, 0, nil, windows.CREATE_NEW, 0, 0)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, file)
	pipeName := UniqueName("wincgo-leak-control")
	pipe, err := windows.CreateNamedPipe(windows.StringToUTF16Ptr(`\\.\pipe\`+pipeName), windows.PIPE_ACCESS_INBOUND, 0, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, pipe)
	child := startChild(t, "exit-at-once")
	defer CloseWith(t, windows.CloseHandle, child.Process)
	defer CloseWith(t, windows.CloseHandle, child.Thread)
	port, err := windows.CreateIoCompletionPort(windows.InvalidHandle, 0, 0, 0)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, port)
	event, err := windows.CreateEvent(nil, 1, 0, windows.StringToUTF16Ptr(UniqueName("wincgo-leak-control")))
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, event)
	mutex, err := windows.CreateMutex(nil, false, windows.StringToUTF16Ptr(UniqueName("wincgo-leak-control")))
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, mutex)
	// The mutex OutputDebugString keeps (opened here under its name, as
	// OutputDebugString opens it) is Windows' own.
	dbwin, err := windows.CreateMutex(nil, false, windows.StringToUTF16Ptr("DBWinMutex"))
	if err != nil && !errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		require.NoError(t, err)
	}
	defer CloseWith(t, windows.CloseHandle, dbwin)

	fresh := newHandles(before, Handles())
	fail, msg := leakReport(fresh, false, false)
	assert.True(t, fail, msg)
	// The failing handles come first, then the others.
	split := strings.Index(msg, "\nleak check: ")
	require.Positive(t, split, msg)
	leaks, others := msg[:split+1], msg[split+1:]
	assert.True(t, strings.HasPrefix(leaks, "FAIL: handle leak: "), msg)
	for _, want := range []string{
		fmt.Sprintf(`(?m)^  %#x File .*leak-control\.txt$`, file),
		fmt.Sprintf(`(?m)^  %#x File .*%s$`, pipe, pipeName),
		fmt.Sprintf(`(?m)^  %#x Process \(pid %d\)$`, child.Process, child.ProcessId),
		fmt.Sprintf(`(?m)^  %#x Thread of process %d$`, child.Thread, child.ProcessId),
		fmt.Sprintf(`(?m)^  %#x IoCompletion$`, port),
		fmt.Sprintf(`(?m)^  %#x Mutant .*wincgo-leak-control-[0-9a-f]+$`, mutex),
	} {
		assert.Regexp(t, want, leaks, "among the failing handles")
	}
	assert.Regexp(t, `^leak check: \d+ new handle\(s\) of types the Go runtime or Windows create on their own, not a failure \(WINCGO_LEAK_CHECK=strict fails on them, =v lists them\): .*Event ×\d+`, others)
	assert.Contains(t, others, "Mutant ×1")

	// Verbose: the others one by one, with their names.
	fail, msg = leakReport(fresh, false, true)
	assert.True(t, fail)
	assert.Regexp(t, fmt.Sprintf(`(?m)^leak check: .*, not a failure:\n(  .*\n)*  %#x Event .*wincgo-leak-control-[0-9a-f]+$`, event), msg)
	assert.Regexp(t, fmt.Sprintf(`(?m)^leak check: .*, not a failure:\n(  .*\n)*  %#x Mutant .*\\DBWinMutex$`, dbwin), msg)

	// Strict: the event fails too, and is listed with its name.
	fail, msg = leakReport(fresh, true, false)
	assert.True(t, fail)
	assert.Regexp(t, fmt.Sprintf(`(?m)^FAIL: handle leak \(WINCGO_LEAK_CHECK=strict\): .*\n(  .*\n)*  %#x Event .*wincgo-leak-control-[0-9a-f]+$`, event), msg)

	// Only the event: listed, not failing.
	fail, msg = leakReport([]Handle{{Value: uintptr(event), Type: "Event"}}, false, false)
	assert.False(t, fail, msg)
	assert.Contains(t, msg, "not a failure (WINCGO_LEAK_CHECK=strict fails on them, =v lists them): Event ×1\n")
}

// startChild starts the test binary in role through CreateProcess and
// returns both handles it gives, which the caller closes.
func startChild(t *testing.T, role string) *windows.ProcessInformation {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	block := envBlock(append(os.Environ(), RoleEnv(role)))
	cmd := windows.StringToUTF16Ptr(windows.ComposeCommandLine([]string{exe, "-test.run=^$"}))
	si := &windows.StartupInfo{Cb: uint32(unsafe.Sizeof(windows.StartupInfo{}))}
	pi := &windows.ProcessInformation{}
	require.NoError(t, windows.CreateProcess(nil, cmd, nil, nil, false, windows.CREATE_UNICODE_ENVIRONMENT, &block[0], nil, si, pi))
	return pi
}

// TestIsLeak: the types the Go runtime never creates fail, and a thread
// fails when it is another process's; the runtime's and Windows' own kinds
// do not, nor the mutexes Windows and Wine keep on their own.
func TestIsLeak(t *testing.T) {
	self := uint32(os.Getpid())
	for _, tc := range []struct {
		h    Handle
		name string
		want bool
	}{
		{Handle{Type: "File"}, `\Device\NamedPipe\x`, true},
		{Handle{Type: "Process"}, "", true},
		{Handle{Type: "Job"}, "", true},
		{Handle{Type: "IoCompletion"}, "", true},
		{Handle{Type: "Section"}, "", true},
		{Handle{Type: "Mutant"}, "", true},
		{Handle{Type: "Mutant"}, `\Sessions\1\BaseNamedObjects\wincgo-mutex-0123`, true},
		{Handle{Type: "Mutant"}, `\Sessions\1\BaseNamedObjects\DBWinMutex`, false},
		{Handle{Type: "Mutant"}, `\Sessions\1\BaseNamedObjects\display_device_init`, false},
		{Handle{Type: "Semaphore"}, "", true},
		{Handle{Type: "Thread", ThreadProcess: self + 4}, "", true},
		{Handle{Type: "Thread", ThreadProcess: self}, "", false},
		{Handle{Type: "Thread"}, "", false}, // its process unknown
		{Handle{Type: "Event"}, "", false},
		{Handle{Type: "Timer"}, "", false},
		{Handle{Type: "WaitCompletionPacket"}, "", false},
		{Handle{Type: "Key"}, "", false},
		{Handle{Type: "Desktop"}, "", false},
		{Handle{Type: "WindowStation"}, "", false},
		{Handle{Type: "type #0"}, "", false},
	} {
		assert.Equal(t, tc.want, isLeak(tc.h, tc.name), "%+v %s", tc.h, tc.name)
	}
}

// TestLeakCheckFailsTheRun: through Main's path, a leaked port makes the
// test binary exit 1 after its tests passed, a closed one does not; a
// leaked event fails only with WINCGO_LEAK_CHECK=strict.
func TestLeakCheckFailsTheRun(t *testing.T) {
	for _, tc := range []struct {
		role, mode string
		code       int
		want       string
	}{
		{"leak-check-leaks-port", "1", 1, `(?m)^FAIL: handle leak: the tests left 1 handle\(s\) open .*\n  0x[0-9a-f]+ IoCompletion$`},
		{"leak-check-closes-port", "1", 0, ``},
		{"leak-check-leaks-event", "1", 0, `(?m)^leak check: .*not a failure .*Event ×\d+`},
		{"leak-check-leaks-event", "strict", 1, `(?m)^FAIL: handle leak \(WINCGO_LEAK_CHECK=strict\)(.*\n)*  0x[0-9a-f]+ Event$`},
		{"leak-check-closes-port", "v", 0, `(?m)^leak check: \d+ handle\(s\) before the tests \(.*IoCompletion ×\d.*\), \d+ after \(.*\), \d+ new; cost \d`},
		{"leak-check-leaks-port", "0", 0, ``},
	} {
		code, out := runRole(t, tc.role, tc.mode)
		assert.Equal(t, tc.code, code, "%s with %s=%s:\n%s", tc.role, leakEnv, tc.mode, out)
		assert.Regexp(t, tc.want, out, "%s with %s=%s", tc.role, leakEnv, tc.mode)
		if tc.code == 0 {
			assert.NotContains(t, out, "FAIL", "%s with %s=%s", tc.role, leakEnv, tc.mode)
		}
	}
}

func TestLeakCheckAllowsNewRuntimeThreads(t *testing.T) {
	code, out := runRole(t, "leak-check-new-threads", "1")
	assert.Equal(t, 0, code, out)
	assert.NotContains(t, out, "FAIL")
}

func TestHandlesSeesAndTypesNewHandles(t *testing.T) {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, ev)
	pipe, err := windows.CreateNamedPipe(windows.StringToUTF16Ptr(`\\.\pipe\`+UniqueName("wincgo-handles")), windows.PIPE_ACCESS_INBOUND, 0, 1, 0, 0, 0, nil)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, pipe)
	want := map[uintptr]string{uintptr(ev): "Event", uintptr(pipe): "File"} // a named pipe is a File object
	for name, list := range map[string]func() []Handle{"Handles": Handles, "probeHandles": probeHandles} {
		got := map[uintptr]string{}
		for _, h := range list() {
			if _, ok := want[h.Value]; ok {
				got[h.Value] = h.Type
			}
		}
		assert.Equal(t, want, got, name)
	}
}

func TestLeakCheckWatchdogReportsAHang(t *testing.T) {
	code, out := runRole(t, "leak-check-hangs", "1")
	assert.Equal(t, 3, code, out)
	assert.Contains(t, out, "FAIL: testutil: a hung phase did not finish in 100ms; goroutines:")
	assert.Contains(t, out, "goroutine 1 [select (no cases)]")
}
