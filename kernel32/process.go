//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"syscall"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Access rights of process objects, for OpenProcess's dwDesiredAccess
// (SYNCHRONIZE, which waiting on a process needs, is declared with the
// events' rights).
//
// See https://learn.microsoft.com/en-us/windows/win32/procthread/process-security-and-access-rights
const (
	// PROCESS_TERMINATE: TerminateProcess may be used.
	PROCESS_TERMINATE uint32 = winconst.PROCESS_TERMINATE
	// PROCESS_CREATE_THREAD: threads may be created in the process.
	PROCESS_CREATE_THREAD uint32 = winconst.PROCESS_CREATE_THREAD
	// PROCESS_VM_OPERATION: the process's address space may be changed.
	PROCESS_VM_OPERATION uint32 = winconst.PROCESS_VM_OPERATION
	// PROCESS_VM_READ: the process's memory may be read.
	PROCESS_VM_READ uint32 = winconst.PROCESS_VM_READ
	// PROCESS_VM_WRITE: the process's memory may be written.
	PROCESS_VM_WRITE uint32 = winconst.PROCESS_VM_WRITE
	// PROCESS_DUP_HANDLE: DuplicateHandle may duplicate handles from or
	// into the process.
	PROCESS_DUP_HANDLE uint32 = winconst.PROCESS_DUP_HANDLE
	// PROCESS_CREATE_PROCESS: the process may be used as a parent.
	PROCESS_CREATE_PROCESS uint32 = winconst.PROCESS_CREATE_PROCESS
	// PROCESS_SET_QUOTA: the process's memory limits may be set.
	PROCESS_SET_QUOTA uint32 = winconst.PROCESS_SET_QUOTA
	// PROCESS_SET_INFORMATION: some process information (priority class)
	// may be set.
	PROCESS_SET_INFORMATION uint32 = winconst.PROCESS_SET_INFORMATION
	// PROCESS_QUERY_INFORMATION: process information (exit code, token,
	// priority) may be read; it implies PROCESS_QUERY_LIMITED_INFORMATION.
	PROCESS_QUERY_INFORMATION uint32 = winconst.PROCESS_QUERY_INFORMATION
	// PROCESS_SUSPEND_RESUME: the process may be suspended and resumed.
	PROCESS_SUSPEND_RESUME uint32 = winconst.PROCESS_SUSPEND_RESUME
	// PROCESS_QUERY_LIMITED_INFORMATION: some process information (exit
	// code, identifier, image name) may be read; granted more widely than
	// PROCESS_QUERY_INFORMATION.
	PROCESS_QUERY_LIMITED_INFORMATION uint32 = winconst.PROCESS_QUERY_LIMITED_INFORMATION
	// PROCESS_ALL_ACCESS: every right on a process object.
	PROCESS_ALL_ACCESS uint32 = winconst.PROCESS_ALL_ACCESS
)

// STILL_ACTIVE (259) is the exit code GetExitCodeProcess reports for a
// process that has not exited. A process may also exit with 259 itself, so
// the code alone does not tell whether the process runs: wait on it
// (WaitForSingleObject with a zero time-out), as PidExists does.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getexitcodeprocess
const STILL_ACTIVE uint32 = winconst.STILL_ACTIVE

// What CreateToolhelp32Snapshot includes in a snapshot, for dwFlags.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-createtoolhelp32snapshot
const (
	// TH32CS_SNAPHEAPLIST: the heaps of th32ProcessID.
	TH32CS_SNAPHEAPLIST uint32 = winconst.TH32CS_SNAPHEAPLIST
	// TH32CS_SNAPPROCESS: every process in the system (Process32First,
	// Process32Next).
	TH32CS_SNAPPROCESS uint32 = winconst.TH32CS_SNAPPROCESS
	// TH32CS_SNAPTHREAD: every thread in the system.
	TH32CS_SNAPTHREAD uint32 = winconst.TH32CS_SNAPTHREAD
	// TH32CS_SNAPMODULE: the modules of th32ProcessID.
	TH32CS_SNAPMODULE uint32 = winconst.TH32CS_SNAPMODULE
	// TH32CS_SNAPMODULE32: the 32-bit modules of a 64-bit th32ProcessID,
	// with TH32CS_SNAPMODULE.
	TH32CS_SNAPMODULE32 uint32 = winconst.TH32CS_SNAPMODULE32
	// TH32CS_SNAPALL: heaps, processes, threads and modules.
	TH32CS_SNAPALL uint32 = winconst.TH32CS_SNAPALL
	// TH32CS_INHERIT: the snapshot handle is inheritable.
	TH32CS_INHERIT uint32 = winconst.TH32CS_INHERIT
)

// ERROR_NO_MORE_FILES is what Process32First and Process32Next report when
// the snapshot holds no (more) processes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32nextw
const ERROR_NO_MORE_FILES syscall.Errno = winconst.ERROR_NO_MORE_FILES

// OpenProcess opens an existing local process object.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess
//
// dwDesiredAccess is the access wanted: PROCESS_* rights and SYNCHRONIZE
// (to wait on the process). bInheritHandle makes the handle inheritable by
// child processes. dwProcessId is the process identifier. For the current
// process, GetCurrentProcess needs no handle at all.
//
// The caller closes the handle with CloseHandle. A process handle keeps
// the process object (its exit code, its identifier) alive after the
// process exits, until every handle is closed.
//
// It returns an *errors.WindowsAPIError when Windows refuses:
// ERROR_INVALID_PARAMETER when no process has that identifier (also for 0,
// the System Idle Process), ERROR_ACCESS_DENIED when the process exists
// but may not be opened with that access (the System process, CSRSS,
// another user's or a protected process).
func OpenProcess(dwDesiredAccess uint32, bInheritHandle bool, dwProcessId uint32) (wintypes.HANDLE, error) {
	r := rawOpenProcess(dwDesiredAccess, check.BOOL(bInheritHandle), dwProcessId)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// GetCurrentProcess returns the pseudo-handle of the current process.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentprocess
//
// The pseudo-handle is a constant (INVALID_HANDLE_VALUE's value, -1) that
// means "the calling process" wherever a process handle is accepted, with
// PROCESS_ALL_ACCESS. It is not a real handle: it needs no closing, and
// another process cannot use it (DuplicateHandle turns it into a real
// handle). Contrary to pywincffi's documentation, which says that closing
// it raises an error, CloseHandle on it succeeds and has no effect, as
// Microsoft documents: the pseudo-handle keeps working afterwards.
func GetCurrentProcess() wintypes.HANDLE {
	return wintypes.HANDLE(rawGetCurrentProcess().Ret)
}

// GetProcessId returns the identifier of a process.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocessid
//
// Process is a process handle with PROCESS_QUERY_LIMITED_INFORMATION (or
// PROCESS_QUERY_INFORMATION) access, or GetCurrentProcess's pseudo-handle.
// The identifier stays valid while a handle to the process is open, even
// after it exits; once every handle is closed, Windows may reuse it.
//
// It returns an *errors.InputError for a NULL Process, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func GetProcessId(Process wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("Process", Process); err != nil {
		return 0, err
	}
	r := rawGetProcessId(uintptr(Process))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return uint32(r.Ret), nil
}

// GetProcessHandleCount returns the number of handles open in a process.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocesshandlecount
//
// hProcess is a process handle with PROCESS_QUERY_INFORMATION or
// PROCESS_QUERY_LIMITED_INFORMATION access, or GetCurrentProcess's
// pseudo-handle. Unlike C, the count is returned rather than written
// through pdwHandleCount. It is a snapshot: other threads, the Go
// runtime's included, open and close handles at any time.
//
// Wine (8.0) does not count handles: it answers 0, with success, for every
// process.
//
// It returns an *errors.InputError for a NULL hProcess, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func GetProcessHandleCount(hProcess wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hProcess", hProcess); err != nil {
		return 0, err
	}
	r := rawGetProcessHandleCount(uintptr(hProcess))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return uint32(r.Out), nil
}

// GetExitCodeProcess returns the exit code of a process: STILL_ACTIVE while
// it runs.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getexitcodeprocess
//
// hProcess is a process handle with PROCESS_QUERY_LIMITED_INFORMATION (or
// PROCESS_QUERY_INFORMATION) access. Unlike C, the code is returned rather
// than written through lpExitCode. A process that exited with code 259
// also reports STILL_ACTIVE: to know whether it runs, wait on hProcess
// (WaitForSingleObject), or use PidExists.
//
// It returns an *errors.InputError for a NULL hProcess, and an
// *errors.WindowsAPIError when Windows refuses (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func GetExitCodeProcess(hProcess wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hProcess", hProcess); err != nil {
		return 0, err
	}
	var lpExitCode uint32
	r := rawGetExitCodeProcess(uintptr(hProcess), &lpExitCode)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return lpExitCode, nil
}

// TerminateProcess ends a process and all its threads, with uExitCode as
// its exit code.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-terminateprocess
//
// hProcess needs PROCESS_TERMINATE access. Termination is asynchronous:
// TerminateProcess returns once it has begun; wait on hProcess
// (SYNCHRONIZE access) to know the process has ended. The process gets no
// chance to clean up (no deferred calls, no DLL detach).
//
// It returns an *errors.InputError for a NULL hProcess, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED (no PROCESS_TERMINATE access, or a process that has
// already exited).
func TerminateProcess(hProcess wintypes.HANDLE, uExitCode uint32) error {
	if err := check.NonNull("hProcess", hProcess); err != nil {
		return err
	}
	return rawTerminateProcess(uintptr(hProcess), uExitCode).Err()
}

// CreateToolhelp32Snapshot takes a snapshot of the processes, threads,
// heaps or modules of the system or of one process.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-createtoolhelp32snapshot
//
// dwFlags is a combination of TH32CS_* flags. th32ProcessID is the process
// whose heaps or modules to include (TH32CS_SNAPHEAPLIST,
// TH32CS_SNAPMODULE, TH32CS_SNAPMODULE32, TH32CS_SNAPALL), 0 meaning the
// current process; Windows ignores it for processes and threads, which are
// always the whole system's. Walk the processes of a snapshot with
// Process32First and Process32Next. The caller closes the snapshot with
// CloseHandle.
//
// It returns an *errors.InputError for a dwFlags with undocumented bits,
// and an *errors.WindowsAPIError when Windows fails (it returns
// INVALID_HANDLE_VALUE): ERROR_INVALID_PARAMETER for a th32ProcessID that
// names no process, ERROR_ACCESS_DENIED for the Idle or a CSRSS process,
// ERROR_PARTIAL_COPY for a 64-bit process's modules from a 32-bit caller,
// ERROR_BAD_LENGTH when the process's modules change during the snapshot
// (try again).
func CreateToolhelp32Snapshot(dwFlags, th32ProcessID uint32) (wintypes.HANDLE, error) {
	const documented = TH32CS_SNAPALL | TH32CS_SNAPMODULE32 | TH32CS_INHERIT
	if err := check.Flags("dwFlags", dwFlags, documented); err != nil {
		return 0, err
	}
	r := rawCreateToolhelp32Snapshot(dwFlags, th32ProcessID)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// Process32First returns the first process of a snapshot, calling
// Process32FirstW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32firstw
//
// hSnapshot is a snapshot from CreateToolhelp32Snapshot with
// TH32CS_SNAPPROCESS. Unlike C, the entry is returned rather than written
// through lppe, and its dwSize is set for you. Process32First restarts the
// walk: Process32Next continues it.
//
// It returns an *errors.InputError for a NULL hSnapshot, and an
// *errors.WindowsAPIError when Windows fails: ERROR_NO_MORE_FILES when the
// snapshot holds no process information, ERROR_INVALID_HANDLE for a closed
// handle.
func Process32First(hSnapshot wintypes.HANDLE) (wintypes.PROCESSENTRY32, error) {
	var pe wintypes.PROCESSENTRY32
	if err := check.NonNull("hSnapshot", hSnapshot); err != nil {
		return pe, err
	}
	r := rawProcess32FirstW(uintptr(hSnapshot), pe.Pointer())
	if err := r.Err(); err != nil {
		return wintypes.PROCESSENTRY32{}, err
	}
	return pe, nil
}

// Process32Next returns the next process of a snapshot, calling
// Process32NextW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32nextw
//
// hSnapshot is a snapshot from CreateToolhelp32Snapshot with
// TH32CS_SNAPPROCESS, whose walk Process32First began. Unlike C, the entry
// is returned rather than written through lppe.
//
// It returns an *errors.InputError for a NULL hSnapshot, and an
// *errors.WindowsAPIError when Windows fails: ERROR_NO_MORE_FILES after the
// last process (the normal end of the walk), ERROR_INVALID_HANDLE for a
// closed handle.
func Process32Next(hSnapshot wintypes.HANDLE) (wintypes.PROCESSENTRY32, error) {
	var pe wintypes.PROCESSENTRY32
	if err := check.NonNull("hSnapshot", hSnapshot); err != nil {
		return pe, err
	}
	r := rawProcess32NextW(uintptr(hSnapshot), pe.Pointer())
	if err := r.Err(); err != nil {
		return wintypes.PROCESSENTRY32{}, err
	}
	return pe, nil
}

// reservedPids are the process identifiers pywincffi's pid_exists reports
// as existing without asking Windows: 0, the System Idle Process, which
// OpenProcess refuses with ERROR_INVALID_PARAMETER (the code that
// otherwise means "no such process"), and 4, the System process.
var reservedPids = [...]uint32{0, 4}

// PidExists reports whether a process with identifier pid exists
// (pywincffi's pid_exists).
//
// wait is how long, in milliseconds, to wait for the process to exit
// before deciding: 0 decides at once; with a longer wait, PidExists
// returns false as soon as the process exits within it.
//
// The decision, in order:
//
//   - pid 0 (the System Idle Process) and 4 (the System process) exist,
//     without asking Windows: OpenProcess cannot open them, and refuses 0
//     with ERROR_INVALID_PARAMETER, the code that otherwise means "no such
//     process". (Under Wine, which has no System process, 4 is reported
//     as existing all the same.)
//   - OpenProcess(SYNCHRONIZE, false, pid) failing with ERROR_ACCESS_DENIED
//     means the process exists (we may not open it, but there is something
//     to be denied); failing with ERROR_INVALID_PARAMETER means it does
//     not. Any other failure is returned.
//   - Waiting on the process: WAIT_OBJECT_0 means it has exited, so it no
//     longer exists (even though its process object lives on while some
//     handle to it is open, and even if it exited with code 259, which
//     GetExitCodeProcess cannot tell from STILL_ACTIVE); WAIT_TIMEOUT
//     means it is running. Any other result (WAIT_ABANDONED, which a
//     process cannot produce, or WAIT_FAILED) is returned as an error,
//     never guessed at.
//
// Identifiers are reused: a pid that existed may later name another
// process.
//
// It returns an *errors.WindowsAPIError when OpenProcess or
// WaitForSingleObject fails otherwise, and an *errors.NotImplementedError
// (pywincffi's PyWinCFFINotImplementedError; errors.As also finds it as an
// *errors.InternalError) for a wait result a process cannot produce. When
// closing the process handle it opened fails, PidExists returns that
// *errors.WindowsAPIError too, joined with any other error (errors.Join),
// beside the answer it found.
func PidExists(pid uint32, wait uint32) (exists bool, err error) {
	for _, p := range reservedPids {
		if pid == p {
			return true, nil
		}
	}
	// OpenProcess's result, not its error: the two answers its failure
	// gives are then told apart by code, without making an error.
	r := rawOpenProcess(SYNCHRONIZE, check.BOOL(false), pid)
	if r.Ret == 0 {
		switch syscall.Errno(r.LastError) {
		case ERROR_ACCESS_DENIED:
			return true, nil
		case ERROR_INVALID_PARAMETER:
			return false, nil
		}
		return false, r.Err()
	}
	hProcess := wintypes.HANDLE(r.Ret)
	defer func() {
		if closeErr := CloseHandle(hProcess); closeErr != nil {
			err = errors.Join(err, closeErr)
		}
	}()
	event, err := WaitForSingleObject(hProcess, wait)
	if err != nil {
		return false, err
	}
	switch event {
	case WAIT_OBJECT_0:
		return false, nil
	case WAIT_TIMEOUT:
		return true, nil
	default:
		return false, &wincgoerrors.NotImplementedError{InternalError: wincgoerrors.InternalError{Message: fmt.Sprintf(
			"PidExists(%d): WaitForSingleObject on a process returned %#x, which only a mutex can return; expected WAIT_OBJECT_0 or WAIT_TIMEOUT", pid, event)}}
	}
}
