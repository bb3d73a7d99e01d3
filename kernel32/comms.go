//go:build windows

package kernel32

import (
	"unsafe"

	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Communications errors ClearCommError reports in lpErrors.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-clearcommerror
const (
	// CE_BREAK: the hardware detected a break condition.
	CE_BREAK uint32 = winconst.CE_BREAK
	// CE_FRAME: the hardware detected a framing error.
	CE_FRAME uint32 = winconst.CE_FRAME
	// CE_OVERRUN: a character-buffer overrun; the next character is lost.
	CE_OVERRUN uint32 = winconst.CE_OVERRUN
	// CE_RXOVER: an input buffer overflow (no room, or a character after
	// the end-of-file character).
	CE_RXOVER uint32 = winconst.CE_RXOVER
	// CE_RXPARITY: the hardware detected a parity error.
	CE_RXPARITY uint32 = winconst.CE_RXPARITY

	// The following are declared by Windows' headers but documented as
	// not supported: Windows does not report them.

	// CE_TXFULL: the output buffer was full (not supported).
	CE_TXFULL uint32 = winconst.CE_TXFULL
	// CE_PTO: a parallel device time-out (not supported).
	CE_PTO uint32 = winconst.CE_PTO
	// CE_IOE: a parallel device I/O error (not supported).
	CE_IOE uint32 = winconst.CE_IOE
	// CE_DNS: a parallel device was not selected (not supported).
	CE_DNS uint32 = winconst.CE_DNS
	// CE_OOP: a parallel device is out of paper (not supported).
	CE_OOP uint32 = winconst.CE_OOP
	// CE_MODE: the requested mode is not supported, or hFile is invalid
	// (not supported).
	CE_MODE uint32 = winconst.CE_MODE
)

// ClearCommError reports and clears a communications device's error
// flags, and returns its status.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-clearcommerror
//
// hFile is a communications device opened with CreateFile (a serial port,
// "\\.\COM1"). When the device's DCB has fAbortOnError set, an error stops
// every read and write on it until ClearCommError acknowledges it.
//
// Unlike C, the error mask and the status are returned rather than written
// through lpErrors and lpStat: lpErrors is a combination of CE_BREAK,
// CE_FRAME, CE_OVERRUN, CE_RXOVER and CE_RXPARITY (0 when no error
// occurred), lpStat the device's COMSTAT (bytes queued in each direction,
// the reasons transmission waits).
//
// It returns an *errors.InputError for a NULL hFile, and an
// *errors.WindowsAPIError when Windows refuses. Microsoft does not list the
// codes; ClearCommError asks the device's driver for its serial status, so
// a handle that is not a communications device fails with whatever its
// driver answers: ERROR_INVALID_HANDLE for a closed handle or an object
// that is not a file (an event), ERROR_INVALID_FUNCTION for a disk file or
// a pipe on Windows (Wine 8.0 answers ERROR_INVALID_HANDLE for a disk file
// and ERROR_NOT_SUPPORTED for a pipe).
func ClearCommError(hFile wintypes.HANDLE) (lpErrors uint32, lpStat wintypes.COMSTAT, err error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, wintypes.COMSTAT{}, err
	}
	// The shim is noescape (cdefs/kernel32/comms.h): it keeps neither
	// pointer, so both out-parameters stay on the stack.
	var errs uint32
	var stat wintypes.COMSTAT
	r := rawClearCommError(uintptr(hFile), &errs, unsafe.Pointer(&stat))
	if err := r.Err(); err != nil {
		return 0, wintypes.COMSTAT{}, err
	}
	return errs, stat, nil
}
