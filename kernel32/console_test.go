//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
)

func init() {
	// pc-console: runs in a console of its own (CREATE_NEW_CONSOLE; the
	// test binary under "go test" has none) and reports, one line each:
	// "attr <set> <read back>" for two attributes, "writeonly <error>"
	// for GetConsoleScreenBufferInfo on a GENERIC_WRITE buffer, and
	// "ctrlbreak <exit code>" (or "ctrlbreak error <code>") for a grandchild in its own process group
	// sent CTRL_BREAK_EVENT.
	testutil.Role("pc-console", func([]string) (err error) {
		h, err := CreateConsoleScreenBuffer(GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil)
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, h)
		for _, attr := range consoleAttrs {
			if err := SetConsoleTextAttribute(h, attr); err != nil {
				return err
			}
			info, err := GetConsoleScreenBufferInfo(h)
			if err != nil {
				return err
			}
			fmt.Printf("attr %d %d\n", attr, info.WAttributes)
		}
		wo, err := CreateConsoleScreenBuffer(GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, nil)
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, wo)
		_, err = GetConsoleScreenBufferInfo(wo)
		var apiErr *wincgoerrors.WindowsAPIError
		if errors.As(err, &apiErr) {
			fmt.Printf("writeonly %d\n", uint32(apiErr.Errno))
		} else {
			fmt.Printf("writeonly %v\n", err)
		}
		return ctrlBreakGrandchild()
	})
	// pc-ctrl-break: prints "ready", then exits 42 on Ctrl+Break (Go
	// delivers it as os.Interrupt), 1 if none comes within a minute.
	testutil.Role("pc-ctrl-break", func([]string) error {
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
		fmt.Println("ready")
		select {
		case <-c:
			os.Exit(42)
		case <-time.After(time.Minute):
		}
		os.Exit(1)
		return nil
	})
}

// consoleAttrs are the attributes pc-console sets and reads back.
var consoleAttrs = []uint16{
	FOREGROUND_RED | FOREGROUND_INTENSITY | BACKGROUND_BLUE,
	FOREGROUND_GREEN | BACKGROUND_RED | BACKGROUND_GREEN | COMMON_LVB_UNDERSCORE,
}

// ctrlBreakGrandchild starts pc-ctrl-break in a new process group on this
// console, waits for it to be ready, sends it CTRL_BREAK_EVENT and prints
// "ctrlbreak <exit code>".
func ctrlBreakGrandchild() (err error) {
	r, w, err := CreatePipe(nil, 0)
	if err != nil {
		return err
	}
	defer testutil.CloseJoin(&err, CloseHandle, r)
	if err := SetHandleInformation(w, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT); err != nil {
		return err
	}
	pi, err := spawnRole("pc-ctrl-break", nil, nil, CREATE_NEW_PROCESS_GROUP, "", &w)
	err = errors.Join(err, CloseHandle(w))
	if err != nil {
		return err
	}
	defer testutil.CloseJoin(&err, CloseHandle, pi.HThread)
	defer testutil.CloseJoin(&err, CloseHandle, pi.HProcess)
	buf := make([]byte, 16)
	if _, err := ReadFile(r, buf, nil, nil); err != nil {
		return err
	}
	if err := GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, pi.DwProcessId); err != nil {
		if termErr := TerminateProcess(pi.HProcess, 1); termErr != nil {
			return errors.Join(err, termErr)
		}
		if _, waitErr := WaitForSingleObject(pi.HProcess, 90000); waitErr != nil {
			return errors.Join(err, waitErr)
		}
		var apiErr *wincgoerrors.WindowsAPIError
		if !errors.As(err, &apiErr) {
			return err
		}
		fmt.Printf("ctrlbreak error %d\n", uint32(apiErr.Errno))
		return nil
	}
	if _, err := WaitForSingleObject(pi.HProcess, 90000); err != nil {
		return err
	}
	code, err := GetExitCodeProcess(pi.HProcess)
	if err != nil {
		return err
	}
	fmt.Printf("ctrlbreak %d\n", code)
	return nil
}

// runInNewConsole runs role in a child with a new console, its standard
// output on a pipe, and returns that output once the child has exited
// with code 0.
func runInNewConsole(t *testing.T, role string) string {
	t.Helper()
	r, w, closeW := inheritablePipe(t)
	pi, err := spawnRole(role, nil, nil, CREATE_NEW_CONSOLE, "", &w)
	require.NoError(t, err)
	closeProcess(t, pi)
	require.NoError(t, closeW())
	out, err := readAll(r)
	require.NoError(t, err)
	ev, err := WaitForSingleObject(pi.HProcess, 120000)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	code, err := GetExitCodeProcess(pi.HProcess)
	require.NoError(t, err)
	require.Zero(t, code, out)
	return out
}

// TestConsoleFunctions runs pc-console in a new console and checks what
// it saw: each attribute set is the one read back; a write-only buffer
// fails GetConsoleScreenBufferInfo with ERROR_ACCESS_DENIED (Microsoft:
// "The handle must have the GENERIC_READ access right"); Ctrl+Break
// reaches a process group.
func TestConsoleFunctions(t *testing.T) {
	out := runInNewConsole(t, "pc-console")
	var want []string
	for _, a := range consoleAttrs {
		want = append(want, fmt.Sprintf("attr %d %d", a, a))
	}
	if testutil.IsWine() {
		// Wine 8 refuses GetConsoleScreenBufferInfo on a write-only
		// buffer with ERROR_INVALID_HANDLE rather than
		// ERROR_ACCESS_DENIED, and its console (null graphics driver)
		// refuses GenerateConsoleCtrlEvent for a process group with
		// ERROR_INVALID_HANDLE: observed, not documented.
		want = append(want, fmt.Sprintf("writeonly %d", uint32(ERROR_INVALID_HANDLE)),
			fmt.Sprintf("ctrlbreak error %d", uint32(ERROR_INVALID_HANDLE)))
	} else {
		want = append(want, fmt.Sprintf("writeonly %d", uint32(ERROR_ACCESS_DENIED)), "ctrlbreak 42")
	}
	assert.Equal(t, want, strings.Split(strings.TrimSpace(strings.ReplaceAll(out, "\r\n", "\n")), "\n"))
}

func TestConsoleFailures(t *testing.T) {
	// A pipe is not a console buffer.
	_, w, _ := inheritablePipe(t)
	_, err := GetConsoleScreenBufferInfo(w)
	testutil.RequireAPIError(t, err, "GetConsoleScreenBufferInfo", ERROR_INVALID_HANDLE)
	err = SetConsoleTextAttribute(w, FOREGROUND_RED)
	testutil.RequireAPIError(t, err, "SetConsoleTextAttribute", ERROR_INVALID_HANDLE)
	disarm := injectFault("CreateConsoleScreenBuffer", uintptr(INVALID_HANDLE_VALUE), ERROR_ACCESS_DENIED)
	_, err = CreateConsoleScreenBuffer(GENERIC_READ, 0, nil)
	disarm()
	testutil.RequireAPIError(t, err, "CreateConsoleScreenBuffer", ERROR_ACCESS_DENIED)
	disarm = injectFault("GenerateConsoleCtrlEvent", 0, ERROR_INVALID_HANDLE)
	err = GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 1)
	disarm()
	testutil.RequireAPIError(t, err, "GenerateConsoleCtrlEvent", ERROR_INVALID_HANDLE)
}

func TestConsoleBadInput(t *testing.T) {
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"CreateConsoleScreenBuffer/dwDesiredAccess", "dwDesiredAccess", func() error {
			_, err := CreateConsoleScreenBuffer(GENERIC_READ|0x1, 0, nil)
			return err
		}},
		{"CreateConsoleScreenBuffer/dwShareMode", "dwShareMode", func() error {
			_, err := CreateConsoleScreenBuffer(GENERIC_READ, windows.FILE_SHARE_DELETE, nil)
			return err
		}},
		{"SetConsoleTextAttribute/hConsoleOutput=0", "hConsoleOutput", func() error { return SetConsoleTextAttribute(0, 0) }},
		{"GetConsoleScreenBufferInfo/hConsoleOutput=0", "hConsoleOutput", func() error { _, err := GetConsoleScreenBufferInfo(0); return err }},
		{"GenerateConsoleCtrlEvent/dwCtrlEvent=7", "dwCtrlEvent", func() error { return GenerateConsoleCtrlEvent(7, 0) }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}
