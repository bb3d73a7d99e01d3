//go:build windows

package kernel32

import (
	"syscall"

	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Windows error codes that kernel32's functions report, as syscall.Errno
// values, so that errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND) works on
// the errors wincgo returns.
//
// See https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
const (
	ERROR_SUCCESS           syscall.Errno = winconst.ERROR_SUCCESS
	ERROR_FILE_NOT_FOUND    syscall.Errno = winconst.ERROR_FILE_NOT_FOUND
	ERROR_PATH_NOT_FOUND    syscall.Errno = winconst.ERROR_PATH_NOT_FOUND
	ERROR_ACCESS_DENIED     syscall.Errno = winconst.ERROR_ACCESS_DENIED
	ERROR_INVALID_HANDLE    syscall.Errno = winconst.ERROR_INVALID_HANDLE
	ERROR_INVALID_PARAMETER syscall.Errno = winconst.ERROR_INVALID_PARAMETER
	ERROR_ALREADY_EXISTS    syscall.Errno = winconst.ERROR_ALREADY_EXISTS
)

// INVALID_HANDLE_VALUE is the handle value several functions return on
// failure (CreateFile, GetStdHandle). It is also the value of the current
// process's pseudo-handle, which is why it is not refused as input.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle
const INVALID_HANDLE_VALUE wintypes.HANDLE = winconst.WINCGO_INVALID_HANDLE_VALUE
