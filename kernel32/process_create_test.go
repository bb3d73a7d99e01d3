//go:build windows

package kernel32

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func init() {
	// pc-print-env: prints the value of the variable args[0] and the
	// current directory, one per line.
	testutil.Role("pc-print-env", func(args []string) error {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		fmt.Printf("%s\n%s\n", os.Getenv(args[0]), wd)
		return nil
	})
	// pc-wait-event: prints "ready", waits for the named event args[0]
	// to be set, then exits 0.
	testutil.Role("pc-wait-event", func(args []string) error {
		ev, err := OpenEvent(SYNCHRONIZE, false, args[0])
		if err != nil {
			return err
		}
		fmt.Println("ready")
		_, err = WaitForSingleObject(ev, INFINITE)
		return err
	})
	// pc-tree: starts a grandchild (pc-wait-event on an event nobody
	// sets, so it runs until killed) with CreateProcess, prints its pid,
	// and sleeps.
	testutil.Role("pc-tree", func(args []string) error {
		pi, err := spawnRole("pc-wait-event", []string{args[0]}, nil, 0, "", nil)
		if err != nil {
			return err
		}
		if err := CloseHandle(pi.HThread); err != nil {
			return err
		}
		fmt.Println(pi.DwProcessId)
		time.Sleep(time.Hour)
		return nil
	})
}

// selfCommandLine is the command line re-executing the test binary in a
// role with args (testutil.Command's).
func selfCommandLine(args []string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return CommandLine(append([]string{exe, "-test.run=^$", "--"}, args...)...), nil
}

// spawnRole starts the test binary in role with CreateProcess: with
// inherit (may be empty) as the only inherited handles through a
// PROC_THREAD_ATTRIBUTE_HANDLE_LIST, stdout and stderr (when not 0) as
// its standard output, extraEnv added to this process's environment. It
// is what children themselves use too, so it reports errors rather than
// failing a test.
func spawnRole(role string, args []string, extraEnv []string, flags uint32, dir string, stdout *wintypes.HANDLE) (wintypes.PROCESS_INFORMATION, error) {
	cmd, err := selfCommandLine(args)
	if err != nil {
		return wintypes.PROCESS_INFORMATION{}, err
	}
	env, err := NewEnvironmentBlockFromList(append(append(os.Environ(), testutil.RoleEnv(role)), extraEnv...))
	if err != nil {
		return wintypes.PROCESS_INFORMATION{}, err
	}
	// A plain STARTUPINFO without a handle list: a STARTUPINFOEX needs a
	// list.
	var si wintypes.LPSTARTUPINFO = &wintypes.STARTUPINFO{}
	inherit := false
	if stdout != nil {
		list, err := InitializeProcThreadAttributeList(1)
		if err != nil {
			return wintypes.PROCESS_INFORMATION{}, err
		}
		defer DeleteProcThreadAttributeList(list)
		if err := UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{*stdout}); err != nil {
			return wintypes.PROCESS_INFORMATION{}, err
		}
		si = &STARTUPINFOEX{AttributeList: list, StartupInfo: wintypes.STARTUPINFO{
			DwFlags: STARTF_USESTDHANDLES, HStdOutput: *stdout, HStdError: *stdout}}
		inherit = true
	}
	return CreateProcess("", cmd, nil, nil, inherit, flags, env, dir, si)
}

// inheritablePipe returns a pipe whose write end is inheritable and read
// end is not, and closeW, which closes the write end (once: a second
// CloseHandle could close a handle the runtime has since been given the
// same value for). The test closes both ends at the latest.
func inheritablePipe(t *testing.T) (r, w wintypes.HANDLE, closeW func() error) {
	t.Helper()
	r, w, err := CreatePipe(nil, 0)
	require.NoError(t, err)
	require.NoError(t, SetHandleInformation(w, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT))
	var once sync.Once
	closeW = func() error {
		err := error(nil)
		once.Do(func() { err = CloseHandle(w) })
		return err
	}
	t.Cleanup(func() {
		assert.NoError(t, CloseHandle(r))
		assert.NoError(t, closeW())
	})
	return r, w, closeW
}

// readAll reads a pipe until the writers are gone (ERROR_BROKEN_PIPE).
func readAll(h wintypes.HANDLE) (string, error) {
	var out bytes.Buffer
	buf := make([]byte, 4096)
	for {
		n, err := ReadFile(h, buf, nil, nil)
		out.Write(buf[:n])
		if errors.Is(err, windows.ERROR_BROKEN_PIPE) {
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
	}
}

// closeProcess closes a child's handles at the end of the test, ending it
// first if it still runs.
func closeProcess(t *testing.T, pi wintypes.PROCESS_INFORMATION) {
	t.Helper()
	t.Cleanup(func() {
		if ev, _ := WaitForSingleObject(pi.HProcess, 0); ev != WAIT_OBJECT_0 {
			// It may have exited since: the wait below is what counts.
			_ = TerminateProcess(pi.HProcess, 1)
			_, err := WaitForSingleObject(pi.HProcess, 10000)
			assert.NoError(t, err)
		}
		assert.NoError(t, CloseHandle(pi.HThread))
		assert.NoError(t, CloseHandle(pi.HProcess))
	})
}

// runPrinting spawns role with stdout on a fresh pipe, reads everything
// it prints, waits for it to exit and returns the output and exit code.
func runPrinting(t *testing.T, role string, args, extraEnv []string, dir string) (string, uint32) {
	t.Helper()
	r, w, closeW := inheritablePipe(t)
	pi, err := spawnRole(role, args, extraEnv, 0, dir, &w)
	require.NoError(t, err)
	closeProcess(t, pi)
	// Only the child holds the write end now: EOF comes when it exits.
	require.NoError(t, closeW())
	out, err := readAll(r)
	require.NoError(t, err)
	ev, err := WaitForSingleObject(pi.HProcess, 30000)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	code, err := GetExitCodeProcess(pi.HProcess)
	require.NoError(t, err)
	return out, code
}

func TestCreateProcessEnvironmentAndDirectory(t *testing.T) {
	dir := testutil.TempDir(t)
	out, code := runPrinting(t, "pc-print-env", []string{"WINCGO_TEST_MU"}, []string{"WINCGO_TEST_MU=µ ☃ 1"}, dir)
	require.Zero(t, code, out)
	lines := strings.Split(strings.TrimRight(out, "\r\n"), "\n")
	require.Len(t, lines, 2, out)
	assert.Equal(t, "µ ☃ 1", lines[0], "the non-ASCII value round-trips")
	wantDir, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	gotDir, err := filepath.EvalSymlinks(strings.TrimSpace(lines[1]))
	require.NoError(t, err)
	assert.True(t, strings.EqualFold(wantDir, gotDir), "child's directory %q, want %q", gotDir, wantDir)
}

func TestCreateProcessSuspendedJobResume(t *testing.T) {
	job, err := CreateJobObject(nil, "")
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, job)
	r, w, closeW := inheritablePipe(t)
	pi, err := spawnRole("pc-print-env", []string{"WINCGO_TEST_X"}, []string{"WINCGO_TEST_X=suspended"}, CREATE_SUSPENDED, "", &w)
	require.NoError(t, err)
	closeProcess(t, pi)
	require.NoError(t, closeW())
	// Suspended: nothing runs until resumed.
	ev, err := WaitForSingleObject(pi.HProcess, 200)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_TIMEOUT), ev)
	require.NoError(t, AssignProcessToJobObject(job, pi.HProcess))
	acct, err := QueryInformationJobObjectBasicAccounting(job)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), acct.ActiveProcesses)
	assert.Equal(t, uint32(1), acct.TotalProcesses)
	prev, err := SuspendThread(pi.HThread)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), prev, "created suspended: count 1")
	prev, err = ResumeThread(pi.HThread)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), prev)
	prev, err = ResumeThread(pi.HThread)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), prev, "1: the thread now runs")
	out, err := readAll(r)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "suspended"), out)
	ev, err = WaitForSingleObject(pi.HProcess, 30000)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	prev, err = ResumeThread(pi.HThread)
	if err == nil {
		// The thread has ended; Windows still answers with its count.
		assert.Zero(t, prev)
	}
}

func TestCreateProcessBadExeFormat(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "notexe.exe")
	require.NoError(t, os.WriteFile(path, []byte("this is not a program\r\n"), 0o600))
	_, err := CreateProcess(path, CommandLine(path), nil, nil, false, 0, nil, "", &wintypes.STARTUPINFO{})
	testutil.RequireAPIError(t, err, "CreateProcessW", ERROR_BAD_EXE_FORMAT)
}

func TestCreateProcessFailures(t *testing.T) {
	si := &wintypes.STARTUPINFO{}
	missing := filepath.Join(testutil.TempDir(t), "missing.exe")
	_, err := CreateProcess(missing, CommandLine(missing), nil, nil, false, 0, nil, "", si)
	testutil.RequireAPIError(t, err, "CreateProcessW", ERROR_FILE_NOT_FOUND)
	exe, err := os.Executable()
	require.NoError(t, err)
	_, err = CreateProcess("", CommandLine(exe), nil, nil, false, 0, nil, `C:\wincgo\no\such\dir`, si)
	testutil.RequireAPIError(t, err, "CreateProcessW", windows.ERROR_DIRECTORY)
	disarm := injectFault("CreateProcessW", 0, ERROR_ACCESS_DENIED)
	_, err = CreateProcess("", CommandLine(exe), nil, nil, false, 0, nil, "", si)
	disarm()
	testutil.RequireAPIError(t, err, "CreateProcessW", ERROR_ACCESS_DENIED)
}

func TestCreateProcessBadInput(t *testing.T) {
	si := &wintypes.STARTUPINFO{}
	var nilSI *STARTUPINFOEX
	create := func(app, cmdLine string, flags uint32, dir string, si wintypes.LPSTARTUPINFO) func() error {
		return func() error { _, err := CreateProcess(app, cmdLine, nil, nil, false, flags, nil, dir, si); return err }
	}
	for _, c := range []struct {
		name, param string
		call        func() error
		message     string // a part of the message, if checked
		value       any    // the error's Value, if checked
	}{
		{"lpCommandLine=empty", "lpCommandLine", create("", "", 0, "", si), "", nil},
		{"lpCommandLine=MAX_COMMAND_LINE+1", "lpCommandLine", create("", strings.Repeat("a", MAX_COMMAND_LINE+1), 0, "", si),
			"32767 UTF-16 units, more than MAX_COMMAND_LINE (32766)", nil},
		{"lpCommandLine=NUL", "lpCommandLine", create("", "a\x00b", 0, "", si), "", nil},
		{"lpApplicationName=MAX_PATH+1", "lpApplicationName", create(strings.Repeat("a", wintypes.MAX_PATH+1), "a", 0, "", si),
			"261 UTF-16 units, more than MAX_PATH (260)", nil},
		{"lpCurrentDirectory=NUL", "lpCurrentDirectory", create("", "a", 0, "a\x00", si), "", nil},
		{"lpCurrentDirectory=MAX_PATH", "lpCurrentDirectory", create("", "a", 0, `C:\`+strings.Repeat("d", wintypes.MAX_PATH-3), si),
			"260 UTF-16 units, more than MAX_PATH - 1 (259)", nil},
		{"lpStartupInfo=nil", "lpStartupInfo", create("", "a", 0, "", nil), "", nil},
		{"lpStartupInfo=nil*STARTUPINFOEX", "lpStartupInfo", create("", "a", 0, "", nilSI), "", nil},
		// Another implementation of the interface, whose memory wincgo
		// does not know.
		{"lpStartupInfo=foreign", "lpStartupInfo", createProcessForeign, "", "*kernel32.foreignStartupInfo"},
		{"dwCreationFlags=EXTENDED_STARTUPINFO_PRESENT", "dwCreationFlags", create("", "a", EXTENDED_STARTUPINFO_PRESENT, "", si), "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := testutil.InputErrorOf(t, c.call(), c.param)
			assert.Contains(t, e.Error(), c.message)
			if c.value != nil {
				assert.Equal(t, c.value, e.Value)
			}
		})
	}
}

func TestCommandLineRoundTrip(t *testing.T) {
	args := []string{`a b`, `"quoted"`, `back\slash\`, ``, `µ`}
	out, code := runPrinting(t, "pc-print-args", args, nil, "")
	require.Zero(t, code, out)
	assert.Equal(t, strings.Join(args, "|")+"\n", strings.ReplaceAll(out, "\r\n", "\n"))
}

// foreignStartupInfo implements wintypes.LPSTARTUPINFO outside wintypes.
type foreignStartupInfo struct{ wintypes.STARTUPINFO }

func (f *foreignStartupInfo) Cb() uint32     { return f.STARTUPINFO.Cb() }
func (f *foreignStartupInfo) Extended() bool { return false }

// createProcessForeign calls CreateProcess with a
// foreignStartupInfo and returns its error.
func createProcessForeign() error {
	_, err := CreateProcess("", "a", nil, nil, false, 0, nil, "", &foreignStartupInfo{})
	return err
}

// TestCommandLineIsEscapeArgs: CommandLine, which leaves the arguments
// that need no quoting as they are, gives syscall.EscapeArg's line, also
// past the 16 arguments it keeps on the stack.
func TestCommandLineIsEscapeArgs(t *testing.T) {
	args := []string{`C:\dir\a.exe`, `a b`, "tab\there", `"q"`, `back\slash\`, `x\"y`, ``, `µ`, `\\server\share\`, `-flag=1`}
	args = append(args, args...)
	for n := range len(args) + 1 {
		quoted := make([]string, n)
		for i, a := range args[:n] {
			quoted[i] = syscall.EscapeArg(a)
		}
		assert.Equal(t, strings.Join(quoted, " "), CommandLine(args[:n]...), "%d arguments", n)
	}
}

// A command line of exactly MAX_COMMAND_LINE characters reaches the child
// whole.
func TestCreateProcessCommandLineAtLimit(t *testing.T) {
	short, err := selfCommandLine([]string{"x"})
	require.NoError(t, err)
	pad := strings.Repeat("x", MAX_COMMAND_LINE-len(utf16.Encode([]rune(short)))+1)
	args := []string{pad}
	cmd, err := selfCommandLine(args)
	require.NoError(t, err)
	require.Equal(t, MAX_COMMAND_LINE, len(utf16.Encode([]rune(cmd))))
	out, code := runPrinting(t, "pc-print-args", args, nil, "")
	require.Zero(t, code, "%.200s", out)
	// Compared without printing: a mismatch should not print 32 KiB.
	got := strings.TrimRight(out, "\r\n")
	assert.Equal(t, len(pad), len(got))
	assert.True(t, got == pad, "the child's argument differs from the one passed")
}

func init() {
	// pc-print-args: prints its arguments joined with "|".
	testutil.Role("pc-print-args", func(args []string) error {
		fmt.Println(strings.Join(args, "|"))
		return nil
	})
}

// TestProcessesIterator finds this process and its parent link in the
// iterator, and stops early without leaking the snapshot.
func TestProcessesIterator(t *testing.T) {
	self := uint32(os.Getpid())
	found := false
	n := 0
	for pe, err := range Processes() {
		require.NoError(t, err)
		n++
		if pe.Th32ProcessID == self {
			found = true
			exe, _ := os.Executable()
			assert.True(t, strings.EqualFold(filepath.Base(exe), pe.ExeFile()), pe.ExeFile())
		}
	}
	assert.True(t, found)
	assert.Greater(t, n, 1)
	for _, err := range Processes() {
		require.NoError(t, err)
		break
	}
	disarm := injectFault("CreateToolhelp32Snapshot", uintptr(INVALID_HANDLE_VALUE), ERROR_ACCESS_DENIED)
	var errs []error
	for _, err := range Processes() {
		errs = append(errs, err)
	}
	disarm()
	require.Len(t, errs, 1)
	testutil.RequireAPIError(t, errs[0], "CreateToolhelp32Snapshot", ERROR_ACCESS_DENIED)
	disarm = injectFault("Process32NextW", 0, ERROR_ACCESS_DENIED)
	errs = nil
	for _, err := range Processes() {
		errs = append(errs, err)
	}
	disarm()
	require.Len(t, errs, 2, "the first process, then the failure")
	assert.NoError(t, errs[0])
	testutil.RequireAPIError(t, errs[1], "Process32NextW", ERROR_ACCESS_DENIED)
}

// pidRunning reports whether the snapshot iterator lists pid.
func pidRunning(t *testing.T, pid uint32) bool {
	t.Helper()
	for pe, err := range Processes() {
		require.NoError(t, err)
		if pe.Th32ProcessID == pid {
			return true
		}
	}
	return false
}

// exitZeroChild returns the command line and environment of a child that
// exits at once with code 0 (the process-exit role).
func exitZeroChild(t *testing.T) (string, *EnvironmentBlock) {
	t.Helper()
	cmd, err := selfCommandLine([]string{"0"})
	require.NoError(t, err)
	env, err := NewEnvironmentBlockFromList(append(os.Environ(), testutil.RoleEnv("process-exit")))
	require.NoError(t, err)
	return cmd, env
}

// TestCreateProcessRefusesDeadList: a STARTUPINFOEX without a list, or
// whose list was deleted, is refused before Windows sees it, in either
// order (deleted, then put in the STARTUPINFOEX; put there, deleted, then
// passed): Windows would read a NULL list as "no list" and let the child
// inherit every inheritable handle, the leak the list is there to stop.
func TestCreateProcessRefusesDeadList(t *testing.T) {
	_, w, _ := inheritablePipe(t)
	cmd, env := exitZeroChild(t)
	newList := func() *ProcThreadAttributeList {
		list, err := InitializeProcThreadAttributeList(1)
		require.NoError(t, err)
		require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w}))
		return list
	}
	refused := func(si *STARTUPINFOEX, flags uint32, why string) {
		t.Helper()
		pi, err := CreateProcess("", cmd, nil, nil, true, flags, env, "", si)
		e := testutil.InputErrorOf(t, err, "lpStartupInfo")
		assert.Contains(t, e.Error(), why)
		assert.Equal(t, wintypes.PROCESS_INFORMATION{}, pi, "no child")
	}

	refused(&STARTUPINFOEX{}, 0, "AttributeList is nil")
	refused(&STARTUPINFOEX{}, EXTENDED_STARTUPINFO_PRESENT, "AttributeList is nil")

	// Deleted, then spawned with.
	list := newList()
	DeleteProcThreadAttributeList(list)
	refused(&STARTUPINFOEX{AttributeList: list}, 0, "was deleted")

	// Stored in the STARTUPINFOEX, deleted, then spawned with.
	list = newList()
	si := &STARTUPINFOEX{AttributeList: list, StartupInfo: wintypes.STARTUPINFO{
		DwFlags: STARTF_USESTDHANDLES, HStdOutput: w, HStdError: w}}
	require.NoError(t, list.Close())
	refused(si, EXTENDED_STARTUPINFO_PRESENT, "was deleted")

	// The same STARTUPINFOEX with a live list spawns.
	si.AttributeList = newList()
	defer testutil.Close(t, si.AttributeList)
	pi, err := CreateProcess("", cmd, nil, nil, true, 0, env, "", si)
	require.NoError(t, err)
	closeProcess(t, pi)
	ev, err := WaitForSingleObject(pi.HProcess, 30000)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	code, err := GetExitCodeProcess(pi.HProcess)
	require.NoError(t, err)
	assert.Zero(t, code)
}

// TestCreateProcessDeleteRace: spawns sharing one list race its delete.
// Each CreateProcess either starts its child with the list alive or is
// refused with an InputError; one that starts after the delete returned
// is always refused. Under -race, the detector checks the list's locking.
func TestCreateProcessDeleteRace(t *testing.T) {
	_, w, _ := inheritablePipe(t)
	cmd, env := exitZeroChild(t)
	list, err := InitializeProcThreadAttributeList(1)
	require.NoError(t, err)
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w}))
	si := &STARTUPINFOEX{AttributeList: list}

	const spawners, spawnsEach = 3, 4
	var (
		mu        sync.Mutex
		started   []wintypes.PROCESS_INFORMATION
		refusals  int
		lateStart int // spawns begun after the delete returned, and not refused
		deleted   bool
	)
	firstSpawn := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for range spawners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range spawnsEach {
				mu.Lock()
				after := deleted
				mu.Unlock()
				pi, err := CreateProcess("", cmd, nil, nil, true, 0, env, "", si)
				var inputErr *wincgoerrors.InputError
				mu.Lock()
				switch {
				case err == nil:
					started = append(started, pi)
					if after {
						lateStart++
					}
				case errors.As(err, &inputErr) && inputErr.Name == "lpStartupInfo":
					refusals++
				default:
					t.Errorf("CreateProcess: %v", err)
				}
				mu.Unlock()
				once.Do(func() { close(firstSpawn) })
			}
		}()
	}
	<-firstSpawn
	DeleteProcThreadAttributeList(list)
	mu.Lock()
	deleted = true
	mu.Unlock()
	wg.Wait()

	for _, pi := range started {
		closeProcess(t, pi)
	}
	assert.NotEmpty(t, started, "the first spawn ran before the delete")
	assert.Zero(t, lateStart, "a spawn begun after the delete returned started a child")
	assert.Equal(t, spawners*spawnsEach, len(started)+refusals)
	t.Logf("%d children started, %d spawns refused", len(started), refusals)
}
