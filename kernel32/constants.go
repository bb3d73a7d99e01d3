//go:build windows

package kernel32

/*
#include <stdint.h>
#include <winsock2.h>
#include <windows.h>

// INVALID_HANDLE_VALUE is a pointer cast in C; as an integer, cgo can
// export it as a constant.
#define WINCGO_INVALID_HANDLE_VALUE ((uintptr_t)INVALID_HANDLE_VALUE)
*/
import "C"

import (
	"syscall"

	"github.com/wincgo/wincgo/wintypes"
)

// Windows error codes that kernel32's functions report, as syscall.Errno
// values, so that errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND) works on
// the errors wincgo returns.
//
// See https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
const (
	ERROR_SUCCESS           syscall.Errno = C.ERROR_SUCCESS
	ERROR_FILE_NOT_FOUND    syscall.Errno = C.ERROR_FILE_NOT_FOUND
	ERROR_PATH_NOT_FOUND    syscall.Errno = C.ERROR_PATH_NOT_FOUND
	ERROR_ACCESS_DENIED     syscall.Errno = C.ERROR_ACCESS_DENIED
	ERROR_INVALID_HANDLE    syscall.Errno = C.ERROR_INVALID_HANDLE
	ERROR_INVALID_PARAMETER syscall.Errno = C.ERROR_INVALID_PARAMETER
	ERROR_ALREADY_EXISTS    syscall.Errno = C.ERROR_ALREADY_EXISTS
)

// INVALID_HANDLE_VALUE is the handle value several functions return on
// failure (CreateFile, GetStdHandle). It is also the value of the current
// process's pseudo-handle, which is why it is not refused as input.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle
const INVALID_HANDLE_VALUE wintypes.HANDLE = C.WINCGO_INVALID_HANDLE_VALUE
