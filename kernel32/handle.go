//go:build windows

package kernel32

import (
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Flags of GetHandleInformation and SetHandleInformation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-sethandleinformation
const (
	// HANDLE_FLAG_INHERIT: child processes created with handle inheritance
	// inherit the handle.
	HANDLE_FLAG_INHERIT uint32 = winconst.HANDLE_FLAG_INHERIT
	// HANDLE_FLAG_PROTECT_FROM_CLOSE: CloseHandle does not close the handle.
	HANDLE_FLAG_PROTECT_FROM_CLOSE uint32 = winconst.HANDLE_FLAG_PROTECT_FROM_CLOSE
)

// Options of DuplicateHandle.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-duplicatehandle
const (
	// DUPLICATE_CLOSE_SOURCE closes the source handle, even if an error occurs.
	DUPLICATE_CLOSE_SOURCE uint32 = winconst.DUPLICATE_CLOSE_SOURCE
	// DUPLICATE_SAME_ACCESS ignores dwDesiredAccess: the duplicate has the
	// source handle's access.
	DUPLICATE_SAME_ACCESS uint32 = winconst.DUPLICATE_SAME_ACCESS
)

// The standard devices of GetStdHandle.
//
// See https://learn.microsoft.com/en-us/windows/console/getstdhandle
const (
	STD_INPUT_HANDLE  uint32 = winconst.STD_INPUT_HANDLE
	STD_OUTPUT_HANDLE uint32 = winconst.STD_OUTPUT_HANDLE
	STD_ERROR_HANDLE  uint32 = winconst.STD_ERROR_HANDLE
)

// CloseHandle closes an open object handle.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle
//
// hObject is the handle to close. A handle wincgo borrowed from a Go value
// (wintypes.HandleFromFile) belongs to that value: close the value instead.
// CloseHandle on the pseudo-handle GetCurrentProcess returns succeeds and
// does nothing.
//
// It returns an *errors.InputError for a NULL hObject, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE for a
// handle that is not open (closed already, or never valid). A handle with
// HANDLE_FLAG_PROTECT_FROM_CLOSE set stays open; Windows reports that as
// ERROR_INVALID_HANDLE too.
func CloseHandle(hObject wintypes.HANDLE) error {
	if err := check.NonNull("hObject", hObject); err != nil {
		return err
	}
	return rawCloseHandle(uintptr(hObject)).Err()
}

// DuplicateHandle duplicates an object handle, in this process or into
// another one.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-duplicatehandle
//
// hSourceProcessHandle is the process that owns hSourceHandle, the handle to
// duplicate; hTargetProcessHandle is the process that receives the
// duplicate (GetCurrentProcess for this one). Both process handles need
// PROCESS_DUP_HANDLE access. dwDesiredAccess is the duplicate's access,
// ignored under DUPLICATE_SAME_ACCESS. bInheritHandle makes the duplicate
// inheritable by child processes. dwOptions is zero or more of
// DUPLICATE_CLOSE_SOURCE and DUPLICATE_SAME_ACCESS.
//
// Unlike C, the duplicate is returned rather than written through
// lpTargetHandle. It is a value in the target process: only that process
// can use or close it.
//
// It returns an *errors.InputError for a NULL handle or an undocumented
// option, and an *errors.WindowsAPIError when Windows refuses.
func DuplicateHandle(hSourceProcessHandle, hSourceHandle, hTargetProcessHandle wintypes.HANDLE, dwDesiredAccess uint32, bInheritHandle bool, dwOptions uint32) (wintypes.HANDLE, error) {
	if err := check.NonNull("hSourceProcessHandle", hSourceProcessHandle); err != nil {
		return 0, err
	}
	if err := check.NonNull("hSourceHandle", hSourceHandle); err != nil {
		return 0, err
	}
	if err := check.NonNull("hTargetProcessHandle", hTargetProcessHandle); err != nil {
		return 0, err
	}
	if err := check.Flags("dwOptions", dwOptions, DUPLICATE_CLOSE_SOURCE|DUPLICATE_SAME_ACCESS); err != nil {
		return 0, err
	}
	r := rawDuplicateHandle(uintptr(hSourceProcessHandle), uintptr(hSourceHandle),
		uintptr(hTargetProcessHandle), dwDesiredAccess, check.BOOL(bInheritHandle), dwOptions)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Out), nil
}

// GetHandleInformation returns the properties of an object handle: a
// combination of HANDLE_FLAG_INHERIT and HANDLE_FLAG_PROTECT_FROM_CLOSE.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-gethandleinformation
//
// hObject is the handle to inspect. Unlike C, the flags are returned rather
// than written through lpdwFlags.
//
// It returns an *errors.InputError for a NULL hObject and an
// *errors.WindowsAPIError when Windows refuses (ERROR_INVALID_HANDLE).
func GetHandleInformation(hObject wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hObject", hObject); err != nil {
		return 0, err
	}
	r := rawGetHandleInformation(uintptr(hObject))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return uint32(r.Out), nil
}

// SetHandleInformation sets properties of an object handle.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-sethandleinformation
//
// hObject is the handle to change. dwMask selects the flags to change and
// dwFlags gives their new values; both are combinations of
// HANDLE_FLAG_INHERIT and HANDLE_FLAG_PROTECT_FROM_CLOSE.
//
// It returns an *errors.InputError for a NULL hObject or an undocumented
// flag, and an *errors.WindowsAPIError when Windows refuses.
func SetHandleInformation(hObject wintypes.HANDLE, dwMask, dwFlags uint32) error {
	if err := check.NonNull("hObject", hObject); err != nil {
		return err
	}
	const documented = HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE
	if err := check.Flags("dwMask", dwMask, documented); err != nil {
		return err
	}
	if err := check.Flags("dwFlags", dwFlags, documented); err != nil {
		return err
	}
	return rawSetHandleInformation(uintptr(hObject), dwMask, dwFlags).Err()
}

// GetStdHandle returns the handle of a standard device: standard input,
// output or error.
//
// See https://learn.microsoft.com/en-us/windows/console/getstdhandle
//
// nStdHandle is STD_INPUT_HANDLE, STD_OUTPUT_HANDLE or STD_ERROR_HANDLE.
// The handle belongs to the process (Go's os.Stdin, os.Stdout and os.Stderr
// use the same ones): do not close it unless you mean to close that stream
// for the whole process.
//
// It returns 0 and no error when the process has no such handle (a GUI
// process, or one started without it), an *errors.InputError for any other
// nStdHandle, and an *errors.WindowsAPIError when Windows fails
// (INVALID_HANDLE_VALUE).
func GetStdHandle(nStdHandle uint32) (wintypes.HANDLE, error) {
	// A switch, not check.OneOf's loop: the call itself stays in user
	// space (~50 ns), where a loop shows.
	switch nStdHandle {
	case STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE:
	default:
		return 0, check.OneOf("nStdHandle", nStdHandle, STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE)
	}
	r := rawGetStdHandle(nStdHandle)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}
