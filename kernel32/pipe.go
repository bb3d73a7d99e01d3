//go:build windows

package kernel32

import (
	"math"
	"runtime"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Read modes and wait modes of a pipe handle, for SetNamedPipeHandleState's
// lpMode: one read mode combined with one wait mode.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate
const (
	// PIPE_READMODE_BYTE: data is read as a stream of bytes (the default).
	PIPE_READMODE_BYTE uint32 = winconst.PIPE_READMODE_BYTE
	// PIPE_READMODE_MESSAGE: data is read as a stream of messages; refused
	// for a byte-type pipe, which every anonymous pipe is.
	PIPE_READMODE_MESSAGE uint32 = winconst.PIPE_READMODE_MESSAGE
	// PIPE_WAIT: blocking mode (the default); ReadFile waits for data.
	PIPE_WAIT uint32 = winconst.PIPE_WAIT
	// PIPE_NOWAIT: non-blocking mode; ReadFile on an empty pipe fails at
	// once with ERROR_NO_DATA. Microsoft keeps it for LAN Manager 2.0
	// compatibility and recommends overlapped I/O instead.
	PIPE_NOWAIT uint32 = winconst.PIPE_NOWAIT
)

// Windows error codes of pipe operations.
//
// See https://learn.microsoft.com/en-us/windows/win32/ipc/named-pipe-type-read-and-wait-modes
const (
	// ERROR_NO_DATA: a read on an empty pipe in PIPE_NOWAIT mode (and a
	// write on a pipe being closed).
	ERROR_NO_DATA syscall.Errno = winconst.ERROR_NO_DATA
	// ERROR_BROKEN_PIPE: the other end of the pipe is closed (and, for a
	// read, the pipe is empty).
	ERROR_BROKEN_PIPE syscall.Errno = winconst.ERROR_BROKEN_PIPE
)

// CreatePipe creates an anonymous pipe and returns its read and write ends.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-createpipe
//
// lpPipeAttributes may be nil: both handles are then not inheritable; with
// BInheritHandle true, child processes created with handle inheritance
// inherit both ends (make the end the parent keeps non-inheritable with
// SetHandleInformation). nSize is the pipe's buffer size in bytes, a hint
// Windows may round; 0 uses the system default.
//
// Unlike C, the two handles are returned rather than written through
// pointers. The caller closes both with CloseHandle. ReadFile on the read
// end returns ERROR_BROKEN_PIPE once every write end is closed and the
// pipe is empty.
//
// It returns an *errors.WindowsAPIError when Windows refuses.
func CreatePipe(lpPipeAttributes *wintypes.SECURITY_ATTRIBUTES, nSize uint32) (hReadPipe, hWritePipe wintypes.HANDLE, err error) {
	var r, w uintptr
	res := rawCreatePipe(&r, &w, lpPipeAttributes.Pointer(), nSize)
	runtime.KeepAlive(lpPipeAttributes)
	if err := res.Err(); err != nil {
		return 0, 0, err
	}
	return wintypes.HANDLE(r), wintypes.HANDLE(w), nil
}

// PeekNamedPipeResult is what PeekNamedPipe saw in a pipe (pywincffi's
// PeekNamedPipeResult).
type PeekNamedPipeResult struct {
	// LpBuffer holds the bytes peeked: exactly LpBytesRead of them, copied
	// into Go memory. They are still in the pipe.
	LpBuffer []byte
	// LpBytesRead is the number of bytes peeked: len(LpBuffer).
	LpBytesRead int
	// LpTotalBytesAvail is the number of bytes the pipe holds.
	LpTotalBytesAvail int
	// LpBytesLeftThisMessage is the number of bytes left in the current
	// message of a message-type pipe; Windows documents 0 for a byte-type
	// named pipe and for an anonymous pipe. (Wine 8.0 reports 0 minus
	// LpBytesRead there, wrapped around as a DWORD; int(DWORD) of that is
	// near 1<<32 on 64-bit and negative on 386, where int is 32 bits.)
	LpBytesLeftThisMessage int
}

// PeekNamedPipe copies up to nBufferSize bytes from a named or anonymous
// pipe without removing them, and reports how much data the pipe holds.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe
//
// hNamedPipe is a named pipe handle or the read end of an anonymous pipe,
// with GENERIC_READ access. nBufferSize is the most bytes to copy; 0 copies
// none (lpBuffer is then NULL, as pywincffi's callers use it to learn only
// the counts). Unlike C, there is no buffer to pass (pywincffi's form):
// the bytes peeked come back in the result's LpBuffer, a new slice of
// exactly LpBytesRead bytes, so nBufferSize describes no caller slice and
// is required.
//
// nBufferSize is a limit, not an allocation: PeekNamedPipe first asks
// Windows how many bytes the pipe holds and allocates no more than that,
// so peeking a 10-byte pipe with nBufferSize 1<<30 allocates 10 bytes, not
// 1 GiB (data arriving between the two calls is not peeked: at most what
// the first call saw is copied). That costs a second call into Windows;
// PeekNamedPipeInto takes MSDN's lpBuffer and peeks into it, with one
// call and no allocation, for loops that peek often.
//
// PeekNamedPipe does not wait for data: on an empty pipe it succeeds with
// zero counts, whatever the handle's wait mode.
//
// nBufferSize is a DWORD carried in an int (Go's type for sizes): a 64-bit
// caller can pass 0 to math.MaxUint32, a 386 caller 0 to math.MaxInt32,
// all a 32-bit int holds (and as much as a Go slice can hold there, so no
// peek is cut short by it; beware int(v) of a larger value, which wraps).
//
// It returns an *errors.InputError for a NULL hNamedPipe or an nBufferSize
// that is negative or does not fit a DWORD, and an *errors.WindowsAPIError
// when Windows refuses: ERROR_INVALID_HANDLE for a closed handle,
// ERROR_BROKEN_PIPE for a pipe whose write end is closed and which is
// empty.
func PeekNamedPipe(hNamedPipe wintypes.HANDLE, nBufferSize int) (PeekNamedPipeResult, error) {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return PeekNamedPipeResult{}, err
	}
	if nBufferSize < 0 || int64(nBufferSize) > math.MaxUint32 {
		return PeekNamedPipeResult{}, &wincgoerrors.InputError{Name: "nBufferSize", Value: nBufferSize,
			Message: "expected a size >= 0 that fits a DWORD"}
	}
	// Only the counts first: a caller's size is a limit, not a size to
	// allocate (1<<30 on a pipe holding 10 bytes).
	res, err := peekNamedPipe(hNamedPipe, nil)
	if err != nil || nBufferSize == 0 || res.LpTotalBytesAvail == 0 {
		return res, err
	}
	buf := make([]byte, min(nBufferSize, res.LpTotalBytesAvail))
	res, err = peekNamedPipe(hNamedPipe, buf)
	if err != nil {
		return PeekNamedPipeResult{}, err
	}
	res.LpBuffer = buf[:res.LpBytesRead:res.LpBytesRead]
	return res, nil
}

// PeekNamedPipeInto is PeekNamedPipe peeking into the caller's lpBuffer,
// for loops that must not allocate, with MSDN's parameters in MSDN's order.
// The result's LpBuffer is lpBuffer[:LpBytesRead].
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe
//
// nBufferSize is the most bytes to copy into lpBuffer: as for every count
// that describes a Go slice in wincgo, nil means len(lpBuffer), and
// wintypes.Opt(n) passes n, from 0 to len(lpBuffer). An empty or nil
// lpBuffer, or a zero nBufferSize, peeks only the counts (lpBuffer is then
// NULL).
//
// It returns an *errors.InputError for a NULL hNamedPipe or an
// nBufferSize that is negative, larger than len(lpBuffer) or larger than a
// DWORD (with nil, an lpBuffer longer than a DWORD can count; only on
// 64-bit: on 386 every count from 0 to len(lpBuffer) fits), and an
// *errors.WindowsAPIError when Windows refuses, as PeekNamedPipe does.
func PeekNamedPipeInto(hNamedPipe wintypes.HANDLE, lpBuffer []byte, nBufferSize *int) (PeekNamedPipeResult, error) {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return PeekNamedPipeResult{}, err
	}
	n, err := check.OptionalCount("nBufferSize", nBufferSize, "lpBuffer", len(lpBuffer), "bytes")
	if err != nil {
		return PeekNamedPipeResult{}, err
	}
	res, err := peekNamedPipe(hNamedPipe, lpBuffer[:n])
	if err != nil {
		return PeekNamedPipeResult{}, err
	}
	res.LpBuffer = lpBuffer[:res.LpBytesRead]
	return res, nil
}

// peekNamedPipe calls PeekNamedPipe with buf (checked by the caller to fit
// a DWORD). Windows copies into buf during the call only, so passing Go
// memory is allowed and nothing needs pinning.
func peekNamedPipe(hNamedPipe wintypes.HANDLE, buf []byte) (PeekNamedPipeResult, error) {
	var lpBuffer unsafe.Pointer
	if len(buf) > 0 {
		lpBuffer = unsafe.Pointer(&buf[0])
	}
	var read, avail, left uint32
	r := rawPeekNamedPipe(uintptr(hNamedPipe), lpBuffer, uint32(len(buf)), &read, &avail, &left)
	if err := r.Err(); err != nil {
		return PeekNamedPipeResult{}, err
	}
	if int(read) > len(buf) {
		return PeekNamedPipeResult{}, &wincgoerrors.InternalError{Message: "PeekNamedPipe reported more bytes read than the buffer holds"}
	}
	return PeekNamedPipeResult{LpBytesRead: int(read), LpTotalBytesAvail: int(avail), LpBytesLeftThisMessage: int(left)}, nil
}

// SetNamedPipeHandleState sets the read mode and the wait (blocking) mode
// of a pipe handle, named or anonymous.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate
//
// hNamedPipe needs GENERIC_WRITE access, or GENERIC_READ and
// FILE_WRITE_ATTRIBUTES for a read-only pipe (CreatePipe's read end has
// both). Each of the other parameters is optional: nil passes NULL and
// leaves that setting unchanged, as in C.
//
// lpMode is one read mode (PIPE_READMODE_BYTE or PIPE_READMODE_MESSAGE)
// combined with one wait mode (PIPE_WAIT or PIPE_NOWAIT).
// lpMaxCollectionCount and lpCollectDataTimeout control the buffering of
// the client end of a named pipe whose server is on another computer;
// Windows requires them to be nil otherwise.
//
// It returns an *errors.InputError for a NULL hNamedPipe or an lpMode with
// bits other than those four, and an *errors.WindowsAPIError when Windows
// refuses (ERROR_INVALID_HANDLE for a closed handle, ERROR_INVALID_PARAMETER
// for PIPE_READMODE_MESSAGE on a byte-type pipe or a collection setting on
// a local pipe).
func SetNamedPipeHandleState(hNamedPipe wintypes.HANDLE, lpMode *uint32, lpMaxCollectionCount *uint32, lpCollectDataTimeout *uint32) error {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return err
	}
	var mode, count, timeout uint32
	var pMode, pCount, pTimeout *uint32
	if lpMode != nil {
		if err := check.Flags("lpMode", *lpMode, PIPE_READMODE_BYTE|PIPE_READMODE_MESSAGE|PIPE_WAIT|PIPE_NOWAIT); err != nil {
			return err
		}
		mode, pMode = *lpMode, &mode
	}
	if lpMaxCollectionCount != nil {
		count, pCount = *lpMaxCollectionCount, &count
	}
	if lpCollectDataTimeout != nil {
		timeout, pTimeout = *lpCollectDataTimeout, &timeout
	}
	return rawSetNamedPipeHandleState(uintptr(hNamedPipe), pMode, pCount, pTimeout).Err()
}
