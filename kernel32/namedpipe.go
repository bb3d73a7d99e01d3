//go:build windows

package kernel32

import (
	"fmt"
	"runtime"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Open modes of CreateNamedPipe's dwOpenMode: one access direction,
// combined with FILE_FLAG_OVERLAPPED, FILE_FLAG_WRITE_THROUGH and
// FILE_FLAG_FIRST_PIPE_INSTANCE as wanted.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createnamedpipew
const (
	// PIPE_ACCESS_INBOUND: data flows from clients to the server only.
	PIPE_ACCESS_INBOUND uint32 = winconst.PIPE_ACCESS_INBOUND
	// PIPE_ACCESS_OUTBOUND: data flows from the server to clients only.
	PIPE_ACCESS_OUTBOUND uint32 = winconst.PIPE_ACCESS_OUTBOUND
	// PIPE_ACCESS_DUPLEX: data flows both ways.
	PIPE_ACCESS_DUPLEX uint32 = winconst.PIPE_ACCESS_DUPLEX
	// FILE_FLAG_FIRST_PIPE_INSTANCE fails the call (ERROR_ACCESS_DENIED)
	// if a pipe of that name exists already: no one else serves it.
	FILE_FLAG_FIRST_PIPE_INSTANCE uint32 = winconst.FILE_FLAG_FIRST_PIPE_INSTANCE
)

// Pipe modes of CreateNamedPipe's dwPipeMode: a type, a read mode
// (PIPE_READMODE_BYTE, PIPE_READMODE_MESSAGE, in pipe.go), a wait mode
// (PIPE_WAIT, PIPE_NOWAIT) and whether remote clients are accepted.
//
// See https://learn.microsoft.com/en-us/windows/win32/ipc/named-pipe-type-read-and-wait-modes
const (
	// PIPE_TYPE_BYTE: data is written as a stream of bytes.
	PIPE_TYPE_BYTE uint32 = winconst.PIPE_TYPE_BYTE
	// PIPE_TYPE_MESSAGE: each write is a message, read whole (with
	// PIPE_READMODE_MESSAGE) or in parts (ERROR_MORE_DATA).
	PIPE_TYPE_MESSAGE uint32 = winconst.PIPE_TYPE_MESSAGE
	// PIPE_ACCEPT_REMOTE_CLIENTS: clients on other machines may connect.
	PIPE_ACCEPT_REMOTE_CLIENTS uint32 = winconst.PIPE_ACCEPT_REMOTE_CLIENTS
	// PIPE_REJECT_REMOTE_CLIENTS: only local clients may connect.
	PIPE_REJECT_REMOTE_CLIENTS uint32 = winconst.PIPE_REJECT_REMOTE_CLIENTS
	// PIPE_UNLIMITED_INSTANCES, as nMaxInstances: as many instances as
	// resources allow.
	PIPE_UNLIMITED_INSTANCES uint32 = winconst.PIPE_UNLIMITED_INSTANCES
)

// Flags GetNamedPipeInfo reports, besides PIPE_TYPE_MESSAGE.
const (
	// PIPE_CLIENT_END: the handle is a client's end.
	PIPE_CLIENT_END uint32 = winconst.PIPE_CLIENT_END
	// PIPE_SERVER_END: the handle is the server's end.
	PIPE_SERVER_END uint32 = winconst.PIPE_SERVER_END
)

// Time-outs of WaitNamedPipe's nTimeOut (besides a count of milliseconds).
const (
	// NMPWAIT_USE_DEFAULT_WAIT: the nDefaultTimeOut the server gave
	// CreateNamedPipe.
	NMPWAIT_USE_DEFAULT_WAIT uint32 = winconst.NMPWAIT_USE_DEFAULT_WAIT
	// NMPWAIT_WAIT_FOREVER: wait until an instance is available.
	NMPWAIT_WAIT_FOREVER uint32 = winconst.NMPWAIT_WAIT_FOREVER
)

// Windows error codes of named pipes.
//
// See https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
const (
	// ERROR_PIPE_BUSY: every instance of the pipe is connected (CreateFile
	// by a client); wait with WaitNamedPipe.
	ERROR_PIPE_BUSY syscall.Errno = winconst.ERROR_PIPE_BUSY
	// ERROR_PIPE_CONNECTED: a client connected between CreateNamedPipe
	// and ConnectNamedPipe. ConnectNamedPipe reports it as success.
	ERROR_PIPE_CONNECTED syscall.Errno = winconst.ERROR_PIPE_CONNECTED
	// ERROR_PIPE_LISTENING: the server end waits for a client (a write or
	// a PIPE_NOWAIT read before one connected).
	ERROR_PIPE_LISTENING syscall.Errno = winconst.ERROR_PIPE_LISTENING
	// ERROR_PIPE_NOT_CONNECTED: no process is on the other end (the client
	// left; DisconnectNamedPipe was called).
	ERROR_PIPE_NOT_CONNECTED syscall.Errno = winconst.ERROR_PIPE_NOT_CONNECTED
	// ERROR_PIPE_LOCAL: the pipe is local only.
	ERROR_PIPE_LOCAL syscall.Errno = winconst.ERROR_PIPE_LOCAL
	// ERROR_BAD_PIPE: the pipe state is invalid (a mode the pipe type does
	// not allow).
	ERROR_BAD_PIPE syscall.Errno = winconst.ERROR_BAD_PIPE
	// ERROR_MORE_DATA: a message-mode read got only the start of a
	// message, as many bytes as the buffer held; read again for the rest.
	ERROR_MORE_DATA syscall.Errno = winconst.ERROR_MORE_DATA
	// ERROR_INVALID_NAME: a pipe name outside \\.\pipe\ (CreateNamedPipe).
	ERROR_INVALID_NAME syscall.Errno = winconst.ERROR_INVALID_NAME
	// ERROR_SEM_TIMEOUT: WaitNamedPipe's time-out elapsed.
	ERROR_SEM_TIMEOUT syscall.Errno = winconst.ERROR_SEM_TIMEOUT
)

// maxPipeNameLength is the longest pipe name, in UTF-16 characters, that
// CreateNamedPipe documents ("the entire pipe name string can be up to 256
// characters long").
const maxPipeNameLength = 256

// pipeNameLimit refuses a longer name, which Windows would not cut but
// refuse with a less telling error.
var pipeNameLimit = check.Limit{Max: maxPipeNameLength, Name: "the pipe name limit"}

// pipeNameBuf holds a converted pipe name on the stack: every name the
// limit lets through fits, NUL included, so the conversion allocates
// nothing (the shims taking names are noescape).
type pipeNameBuf [maxPipeNameLength + 1]uint16

// pipeName converts a pipe name for a W function into buf, refusing "" and
// a name longer than the documented limit (which Windows would not cut,
// but refuse with a less telling error).
func pipeName(buf []uint16, param, name string) ([]uint16, error) {
	if name == "" {
		return nil, &wincgoerrors.InputError{Name: param, Value: name, Message: `received "", expected a pipe name such as \\.\pipe\name`}
	}
	return check.UTF16Into(buf, param, name, pipeNameLimit)
}

// CreateNamedPipe creates an instance of a named pipe and returns its
// server end, calling CreateNamedPipeW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createnamedpipew
//
// lpName is `\\.\pipe\` followed by the pipe's name, at most 256
// characters in all. dwOpenMode is one of PIPE_ACCESS_INBOUND,
// PIPE_ACCESS_OUTBOUND and PIPE_ACCESS_DUPLEX, combined with
// FILE_FLAG_OVERLAPPED (overlapped I/O on this end: ConnectNamedPipe,
// ReadFile, WriteFile need an OVERLAPPED; and the end can be associated
// with a completion port), FILE_FLAG_WRITE_THROUGH and
// FILE_FLAG_FIRST_PIPE_INSTANCE. dwPipeMode combines PIPE_TYPE_BYTE or
// PIPE_TYPE_MESSAGE, PIPE_READMODE_BYTE or PIPE_READMODE_MESSAGE (message
// reads need a message-type pipe), PIPE_WAIT or PIPE_NOWAIT, and
// PIPE_ACCEPT_REMOTE_CLIENTS or PIPE_REJECT_REMOTE_CLIENTS. nMaxInstances
// (1 to PIPE_UNLIMITED_INSTANCES) is how many instances of this name may
// exist; every instance must ask for the same. nOutBufferSize and
// nInBufferSize are buffer sizes, hints Windows may round. nDefaultTimeOut
// is WaitNamedPipe's time-out for NMPWAIT_USE_DEFAULT_WAIT, in
// milliseconds (0: 50). lpSecurityAttributes may be nil.
//
// Clients connect by opening lpName with CreateFile (OPEN_EXISTING); the
// server accepts them with ConnectNamedPipe. The caller closes the handle
// with CloseHandle, which breaks the connection (the client's reads fail
// with ERROR_BROKEN_PIPE).
//
// It returns an *errors.InputError for an empty lpName, one with a NUL or
// longer than 256 characters, a dwOpenMode without an access direction or
// with undocumented bits, undocumented dwPipeMode bits, or nMaxInstances
// outside 1..PIPE_UNLIMITED_INSTANCES; and an *errors.WindowsAPIError
// (INVALID_HANDLE_VALUE) when Windows refuses: ERROR_INVALID_NAME for a
// name outside `\\.\pipe\`, ERROR_PIPE_BUSY when all nMaxInstances
// exist, ERROR_ACCESS_DENIED with FILE_FLAG_FIRST_PIPE_INSTANCE on an
// existing name, ERROR_INVALID_PARAMETER for a message read mode on a byte
// pipe, ...
func CreateNamedPipe(lpName string, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize, nDefaultTimeOut uint32, lpSecurityAttributes *wintypes.SECURITY_ATTRIBUTES) (wintypes.HANDLE, error) {
	var buf pipeNameBuf
	name, err := pipeName(buf[:], "lpName", lpName)
	if err != nil {
		return 0, err
	}
	const openFlags = FILE_FLAG_OVERLAPPED | FILE_FLAG_WRITE_THROUGH | FILE_FLAG_FIRST_PIPE_INSTANCE |
		winconst.WRITE_DAC | winconst.WRITE_OWNER | winconst.ACCESS_SYSTEM_SECURITY
	if err := check.Flags("dwOpenMode", dwOpenMode, PIPE_ACCESS_DUPLEX|openFlags); err != nil {
		return 0, err
	}
	if dwOpenMode&PIPE_ACCESS_DUPLEX == 0 {
		return 0, &wincgoerrors.InputError{Name: "dwOpenMode", Value: dwOpenMode,
			Message: fmt.Sprintf("received %#x, expected one of PIPE_ACCESS_INBOUND, PIPE_ACCESS_OUTBOUND, PIPE_ACCESS_DUPLEX", dwOpenMode)}
	}
	if err := check.Flags("dwPipeMode", dwPipeMode,
		PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_NOWAIT|PIPE_REJECT_REMOTE_CLIENTS); err != nil {
		return 0, err
	}
	if nMaxInstances < 1 || nMaxInstances > PIPE_UNLIMITED_INSTANCES {
		return 0, &wincgoerrors.InputError{Name: "nMaxInstances", Value: nMaxInstances,
			Message: fmt.Sprintf("received %d, expected 1 to %d (PIPE_UNLIMITED_INSTANCES)", nMaxInstances, PIPE_UNLIMITED_INSTANCES)}
	}
	r := rawCreateNamedPipeW(utf16Ptr(name), dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize,
		nInBufferSize, nDefaultTimeOut, lpSecurityAttributes.Pointer())
	runtime.KeepAlive(lpSecurityAttributes)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// ConnectNamedPipe lets the server end of a named pipe accept a client.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-connectnamedpipe
//
// hNamedPipe is a server end CreateNamedPipe returned (a new instance, or
// one DisconnectNamedPipe released). connected reports whether a client is
// connected when the call returns: Windows' ERROR_PIPE_CONNECTED (the
// client connected between CreateNamedPipe and this call) is reported as
// success, connected true, not as an error.
//
// lpOverlapped nil waits until a client connects (a handle opened without
// FILE_FLAG_OVERLAPPED). With an OVERLAPPED (required for an overlapped
// handle), the wait is an overlapped operation (see the package
// documentation, "Overlapped operations"): connected true and a nil error
// if a client was already connected (no packet is queued for it), false and
// ERROR_IO_PENDING (the bare syscall.Errno, as ReadFile returns it) if it is
// pending; then it completes when a client connects, collected by
// GetOverlappedResult or as a packet on the completion port hNamedPipe is
// associated with. Closing hNamedPipe or CancelIoEx ends the wait with
// ERROR_OPERATION_ABORTED (ERROR_BROKEN_PIPE under some versions).
//
// It returns an *errors.InputError for a NULL hNamedPipe or an lpOverlapped
// in use, and an *errors.WindowsAPIError when Windows refuses:
// ERROR_NO_DATA when a client connected and left before the call (call
// DisconnectNamedPipe, then ConnectNamedPipe again), ERROR_INVALID_HANDLE
// (and, for a client's end, ERROR_INVALID_FUNCTION), ...
func ConnectNamedPipe(hNamedPipe wintypes.HANDLE, lpOverlapped *wintypes.OVERLAPPED) (connected bool, err error) {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return false, err
	}
	if lpOverlapped == nil {
		r := rawConnectNamedPipe(uintptr(hNamedPipe), nil)
		if r.Ret == 0 && syscall.Errno(r.LastError) != ERROR_PIPE_CONNECTED {
			return false, r.Err()
		}
		return true, nil
	}
	op, err := beginOverlapped(lpOverlapped, nil)
	if err != nil {
		return false, err
	}
	r := rawConnectNamedPipe(uintptr(hNamedPipe), unsafe.Pointer(lpOverlapped))
	if r.Failed && syscall.Errno(r.LastError) == ERROR_PIPE_CONNECTED {
		// Done at once, and no packet is queued for it: settle it as a
		// success.
		r.Ret, r.Status = 1, check.Status{}
	}
	if _, err := op.End(r); err != nil {
		// Pending included: ERROR_IO_PENDING, as every overlapped
		// starter reports it.
		return false, err
	}
	return r.Ret != 0, nil
}

// DisconnectNamedPipe disconnects the server end of a named pipe from its
// client, so that the instance can accept another (ConnectNamedPipe).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-disconnectnamedpipe
//
// Data the client has not read is lost (FlushFileBuffers first to wait
// for it to be read); the client's end then fails with
// ERROR_PIPE_NOT_CONNECTED, and the client still closes its handle.
//
// It returns an *errors.InputError for a NULL hNamedPipe, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE,
// ERROR_INVALID_FUNCTION for a client's end, ...
func DisconnectNamedPipe(hNamedPipe wintypes.HANDLE) error {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return err
	}
	return rawDisconnectNamedPipe(uintptr(hNamedPipe)).Err()
}

// WaitNamedPipe waits until an instance of a named pipe is available for a
// client to connect to (its server called ConnectNamedPipe), calling
// WaitNamedPipeW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-waitnamedpipew
//
// lpNamedPipeName is the pipe's name (`\\.\pipe\name`, at most 256
// characters). nTimeOut is in milliseconds, or NMPWAIT_USE_DEFAULT_WAIT
// (the server's nDefaultTimeOut) or NMPWAIT_WAIT_FOREVER. A nil error
// does not reserve the instance: the client's CreateFile may still fail
// with ERROR_PIPE_BUSY when another client was faster, and then waits
// again.
//
// It returns an *errors.InputError for an empty lpNamedPipeName, one with a
// NUL or longer than 256 characters, and an *errors.WindowsAPIError when
// Windows refuses: ERROR_SEM_TIMEOUT when nTimeOut elapsed,
// ERROR_FILE_NOT_FOUND when no pipe of that name exists, ...
func WaitNamedPipe(lpNamedPipeName string, nTimeOut uint32) error {
	var buf pipeNameBuf
	name, err := pipeName(buf[:], "lpNamedPipeName", lpNamedPipeName)
	if err != nil {
		return err
	}
	return rawWaitNamedPipeW(utf16Ptr(name), nTimeOut).Err()
}

// NamedPipeInfo is what GetNamedPipeInfo reports of a named pipe.
type NamedPipeInfo struct {
	// Flags is PIPE_CLIENT_END or PIPE_SERVER_END, combined with
	// PIPE_TYPE_MESSAGE for a message-type pipe.
	Flags uint32
	// OutBufferSize and InBufferSize are the buffer sizes, in bytes, of
	// outgoing and incoming data (0: allocated as needed).
	OutBufferSize uint32
	InBufferSize  uint32
	// MaxInstances is the most instances the pipe may have;
	// PIPE_UNLIMITED_INSTANCES for no limit.
	MaxInstances uint32
}

// GetNamedPipeInfo reports the type, buffer sizes and instance limit of a
// named pipe.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-getnamedpipeinfo
//
// hNamedPipe is either end (a client's needs GENERIC_READ, or
// FILE_READ_ATTRIBUTES). Unlike C, the four values come back in a
// NamedPipeInfo rather than through pointers.
//
// It returns an *errors.InputError for a NULL hNamedPipe and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE, ...
func GetNamedPipeInfo(hNamedPipe wintypes.HANDLE) (NamedPipeInfo, error) {
	if err := check.NonNull("hNamedPipe", hNamedPipe); err != nil {
		return NamedPipeInfo{}, err
	}
	var info NamedPipeInfo
	r := rawGetNamedPipeInfo(uintptr(hNamedPipe), &info.Flags, &info.OutBufferSize, &info.InBufferSize, &info.MaxInstances)
	if err := r.Err(); err != nil {
		return NamedPipeInfo{}, err
	}
	return info, nil
}
