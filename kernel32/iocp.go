//go:build windows

package kernel32

import (
	"fmt"
	"sync"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// An I/O completion port is a queue of completion packets that one or more
// threads dequeue: the completions of the overlapped operations started on
// the file, pipe and socket handles associated with it, and the packets
// posted to it (PostQueuedCompletionStatus, and wincgo's registered waits,
// which turn any waitable object's signal into a packet). One goroutine
// blocked in GetQueuedCompletionStatusEx thus waits on any number of
// objects, with no 64-handle limit and nothing polled. Dequeuing the
// packet of an operation wincgo started collects it: see the package
// documentation, "Overlapped operations" (a program that only drains its
// port pins nothing for ever).

// Flags of RegisterWaitForSingleObject.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-registerwaitforsingleobject
const (
	// WT_EXECUTEDEFAULT: the callback runs on a thread-pool worker.
	WT_EXECUTEDEFAULT uint32 = winconst.WT_EXECUTEDEFAULT
	// WT_EXECUTEINWAITTHREAD: the callback runs on the wait thread itself;
	// for short callbacks, which wincgo's (one post to a port) is.
	WT_EXECUTEINWAITTHREAD uint32 = winconst.WT_EXECUTEINWAITTHREAD
	// WT_EXECUTEONLYONCE: the wait ends after the first callback. Use it
	// for objects that stay signalled, such as a process that exited:
	// without it, a packet is posted again and again.
	WT_EXECUTEONLYONCE uint32 = winconst.WT_EXECUTEONLYONCE
	// WT_EXECUTELONGFUNCTION: the callback may run long.
	WT_EXECUTELONGFUNCTION uint32 = winconst.WT_EXECUTELONGFUNCTION
	// WT_EXECUTEINPERSISTENTTHREAD: the callback runs on a thread that
	// never ends.
	WT_EXECUTEINPERSISTENTTHREAD uint32 = winconst.WT_EXECUTEINPERSISTENTTHREAD
	// WT_TRANSFER_IMPERSONATION: the callback runs with the registering
	// thread's access token.
	WT_TRANSFER_IMPERSONATION uint32 = winconst.WT_TRANSFER_IMPERSONATION
)

// Windows error codes of completion ports and cancellation.
const (
	// ERROR_ABANDONED_WAIT_0: the completion port was closed while
	// GetQueuedCompletionStatus(Ex) waited on it.
	ERROR_ABANDONED_WAIT_0 syscall.Errno = winconst.ERROR_ABANDONED_WAIT_0
	// ERROR_NOT_FOUND: CancelIoEx found no operation to cancel.
	ERROR_NOT_FOUND syscall.Errno = winconst.ERROR_NOT_FOUND
	// ERROR_WAIT_TIMEOUT is WAIT_TIMEOUT as the error code
	// GetQueuedCompletionStatus(Ex) report when dwMilliseconds elapse
	// with no packet (the same value as golang.org/x/sys/windows's
	// WAIT_TIMEOUT Errno).
	ERROR_WAIT_TIMEOUT syscall.Errno = winconst.WAIT_TIMEOUT
)

// CreateIoCompletionPort creates an I/O completion port, or associates a
// file, pipe or socket handle with an existing one.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-createiocompletionport
//
// To create a port, pass FileHandle INVALID_HANDLE_VALUE and
// ExistingCompletionPort 0; CompletionKey is then ignored. The caller owns
// the new port and closes it with CloseHandle (on Windows a goroutine
// waiting on it then gets ERROR_ABANDONED_WAIT_0; under Wine 8 its wait
// lasts until its time-out: to wake a waiter, post it a packet). NumberOfConcurrentThreads is how many
// threads Windows lets run packets from it at once; 0 means one per
// processor.
//
// To associate FileHandle (opened with FILE_FLAG_OVERLAPPED; a socket is a
// handle too: wintypes.HANDLE(s)) with ExistingCompletionPort, pass both:
// every overlapped operation on FileHandle then queues a packet carrying
// CompletionKey, a value of the caller's choosing (an index, a
// connection's id), to that port, and it returns ExistingCompletionPort
// itself, not a new handle (do not close it twice). A handle is associated
// with one port for its lifetime. NumberOfConcurrentThreads is ignored.
//
// Which sockets can be associated: those created overlapped
// (ws2_32.WSASocket with WSA_FLAG_OVERLAPPED) and not yet associated with
// another port. Their overlapped ws2_32.WSARecv, WSASend, WSARecvFrom,
// WSASendTo, AcceptEx (its packet comes with the listening socket's key)
// and ConnectEx then complete as packets with CompletionKey, and wincgo
// keeps the memory Winsock uses pinned until the packet is dequeued, as
// for ReadFile (README.md, "Sockets on the port"). Operations started
// outside wincgo (x/sys's WSARecv on such a socket) are not in its
// registry: keep their OVERLAPPED and buffers alive and pinned until their
// packet. Sockets of Go's net package (a net.Conn or net.Listener, and the
// descriptor their SyscallConn gives) cannot be associated: the Go runtime
// associated each with its own port when it created it, and Windows
// refuses a second association with ERROR_INVALID_PARAMETER. Create the
// socket with ws2_32.WSASocket instead; of Go's own sockets only the
// readiness reaches your port (ws2_32.WSAEventSelect with
// RegisterWaitForSingleObject).
//
// It returns an *errors.InputError for a NULL FileHandle (INVALID_HANDLE_VALUE
// creates a port) or for an ExistingCompletionPort given with
// INVALID_HANDLE_VALUE, and an *errors.WindowsAPIError when Windows refuses
// (NULL): ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER for a handle
// already associated with a port (another one or this one: a second
// association is refused either way; every socket of Go's net package is)
// or not opened for overlapped I/O. For an association, that error's
// message names these causes, which Windows' own text ("The parameter is
// incorrect") does not; it is still an *errors.WindowsAPIError matching
// errors.Is(err, ERROR_INVALID_PARAMETER) (x/sys's
// windows.ERROR_INVALID_PARAMETER too: the same syscall.Errno).
func CreateIoCompletionPort(FileHandle, ExistingCompletionPort wintypes.HANDLE, CompletionKey uintptr, NumberOfConcurrentThreads uint32) (wintypes.HANDLE, error) {
	if err := check.NonNull("FileHandle", FileHandle); err != nil {
		return 0, err
	}
	if FileHandle == INVALID_HANDLE_VALUE && ExistingCompletionPort != 0 {
		return 0, &wincgoerrors.InputError{Name: "ExistingCompletionPort", Value: ExistingCompletionPort,
			Message: "received a port with FileHandle INVALID_HANDLE_VALUE (create a port), expected 0 (NULL) to create one, or a FileHandle to associate with it"}
	}
	r := rawCreateIoCompletionPort(uintptr(FileHandle), uintptr(ExistingCompletionPort), CompletionKey, NumberOfConcurrentThreads)
	if err := r.Err(); err != nil {
		if code := syscall.Errno(r.LastError); FileHandle != INVALID_HANDLE_VALUE && code == ERROR_INVALID_PARAMETER {
			// Windows' "The parameter is incorrect" names neither cause.
			return 0, &wincgoerrors.WindowsAPIError{Function: r.Func.Name, Returned: r.Func.Returned, Errno: code,
				Message: wincgoerrors.Message(code) + associationHint}
		}
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// associationHint ends the message of CreateIoCompletionPort's
// ERROR_INVALID_PARAMETER for an association.
const associationHint = "; FileHandle may already be associated with a completion port (a socket from Go's net package" +
	" always is, with the Go runtime's own: create a socket to associate with ws2_32.WSASocket) or not be opened for overlapped I/O"

// Modes of SetFileCompletionNotificationModes; once set on a handle, a
// mode stays for the handle's lifetime.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-setfilecompletionnotificationmodes
const (
	// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: an overlapped operation that
	// succeeds in its starting call queues no packet to the handle's
	// completion port.
	FILE_SKIP_COMPLETION_PORT_ON_SUCCESS uint8 = winconst.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
	// FILE_SKIP_SET_EVENT_ON_HANDLE: Windows no longer signals the handle
	// itself when an operation completes (an event in the OVERLAPPED's
	// HEvent is still signalled).
	FILE_SKIP_SET_EVENT_ON_HANDLE uint8 = winconst.FILE_SKIP_SET_EVENT_ON_HANDLE
)

// SetFileCompletionNotificationModes sets how the completions of
// overlapped operations on FileHandle are notified: Flags is one or both
// of FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and FILE_SKIP_SET_EVENT_ON_HANDLE.
// A mode once set cannot be removed (a later call only adds modes).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-setfilecompletionnotificationmodes
//
// FileHandle is a file, pipe or socket handle (wintypes.HANDLE(s) for a
// socket) opened for overlapped I/O. Flags is C's UCHAR.
//
// With FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, an operation on a handle
// associated with a completion port that succeeds in its starting call
// queues no packet (by default it does, see CreateIoCompletionPort): the
// caller takes its result from the starting call, which saves a trip
// through the port per operation that completes at once (a read of data
// already there). wincgo releases such an operation's pinned memory in the
// starting call itself, whatever the mode, and ReadFile and WriteFile
// return its count, ConnectNamedPipe connected true (see the package
// documentation, "Overlapped operations"): nothing waits for the packet
// that does not come. An operation that goes pending still queues a
// packet when it completes, successfully or not. So in this mode the
// starting call's error says whether a packet comes: ERROR_IO_PENDING,
// wait for it; nil (even with a count of 0: a zero-byte read or write done
// at once, a socket's end of stream), none comes, the result is the
// call's; any other error, none comes either. A message read that returns
// ERROR_MORE_DATA at once (with its count) is not a success but a
// warning: Wine 8 queues no packet for it in this mode, and Microsoft does
// not say what Windows does: on a message-mode pipe in this mode, give
// reads room for the largest message.
//
// For a socket, Microsoft documents this mode as compatible only with
// Layered Service Providers (LSPs) that return Installable File System
// (IFS) handles: a non-IFS LSP is installed when a WSAPROTOCOL_INFO that
// WSAEnumProtocols returns lacks XP1_IFS_HANDLES (0x20000) in
// dwServiceFlags1, and the mode should then not be set on sockets. Go's
// runtime (internal/poll) makes that check before it sets the mode on
// its own sockets.
//
// With FILE_SKIP_SET_EVENT_ON_HANDLE, Windows does not signal the handle
// when an operation completes; an event in the OVERLAPPED's HEvent is still
// signalled. GetOverlappedResult with bWait true on an OVERLAPPED without
// an event waits on the handle, which this mode no longer signals: give
// such an OVERLAPPED an event, or collect its operations through the port.
//
// It returns an *errors.InputError for a NULL FileHandle or for Flags with
// bits outside the two modes, and an *errors.WindowsAPIError when Windows
// refuses (FALSE): ERROR_INVALID_HANDLE, ...
func SetFileCompletionNotificationModes(FileHandle wintypes.HANDLE, Flags uint8) error {
	if err := check.NonNull("FileHandle", FileHandle); err != nil {
		return err
	}
	const documented = FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE
	if err := check.Flags("Flags", uint32(Flags), uint32(documented)); err != nil {
		return err
	}
	return rawSetFileCompletionNotificationModes(uintptr(FileHandle), Flags).Err()
}

// GetQueuedCompletionStatus dequeues one completion packet from a
// completion port, waiting up to dwMilliseconds (INFINITE: for ever) for
// one.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatus
//
// Unlike C, the packet's three values are returned rather than written
// through pointers: the byte count, the completion key, and lpOverlapped as
// an address (compare it with OVERLAPPED.Address to find your operation; 0
// for a posted packet without one, such as a registered wait's). A packet
// of an operation wincgo started collects it (see the package
// documentation, "Overlapped operations").
//
// Errors, as in C, come in two kinds, told apart by lpOverlapped:
//
//   - lpOverlapped != 0 with an *errors.WindowsAPIError: a packet was
//     dequeued, and it reports that its operation failed; the error carries
//     the operation's code (ERROR_OPERATION_ABORTED after CancelIoEx or a
//     close, ERROR_BROKEN_PIPE, ERROR_MORE_DATA for a message read into a
//     too small buffer, whose count is returned too, ...).
//   - lpOverlapped == 0 with an error: nothing was dequeued.
//     ERROR_WAIT_TIMEOUT when dwMilliseconds elapsed,
//     ERROR_ABANDONED_WAIT_0 when the port was closed,
//     ERROR_INVALID_HANDLE, ...
//
// It returns an *errors.InputError for a NULL CompletionPort.
func GetQueuedCompletionStatus(CompletionPort wintypes.HANDLE, dwMilliseconds uint32) (lpNumberOfBytesTransferred uint32, lpCompletionKey uintptr, lpOverlapped uintptr, err error) {
	if err := check.NonNull("CompletionPort", CompletionPort); err != nil {
		return 0, 0, 0, err
	}
	var n uint32
	var key, ov uintptr
	// ov receives an address, which stays an integer: overlapped.Collect
	// looks it up, never turns it into a pointer.
	r := rawGetQueuedCompletionStatus(uintptr(CompletionPort), &n, unsafe.Pointer(&key), unsafe.Pointer(&ov), dwMilliseconds)
	if ov != 0 {
		overlapped.Collect(ov, 0)
	}
	return n, key, ov, r.Err()
}

// GetQueuedCompletionStatusEx dequeues up to ulCount completion packets at
// once into lpCompletionPortEntries, waiting up to dwMilliseconds
// (INFINITE: for ever) for at least one, and returns how many it
// dequeued.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatusex
//
// lpCompletionPortEntries is the caller's buffer, reused from call to
// call: a dequeue allocates nothing. ulCount, from 1 to
// len(lpCompletionPortEntries), is the most packets to dequeue; the first n
// entries are filled (unlike C, n is returned rather than written through
// ulNumEntriesRemoved). Each entry's DwNumberOfBytesTransferred,
// LpCompletionKey and LpOverlapped are the packet's values; unlike
// GetQueuedCompletionStatus, an operation's failure is not reported as
// an error (its status is in Internal, an NTSTATUS; GetOverlappedResult
// turns it into the Windows error). Packets of operations wincgo started
// collect them (see the package documentation, "Overlapped operations").
// fAlertable true lets queued APCs run, and the
// call then fails with WAIT_IO_COMPLETION if one ran before a packet came.
//
// It returns an *errors.InputError for a NULL CompletionPort or an ulCount
// outside 1..len(lpCompletionPortEntries), and an *errors.WindowsAPIError
// when nothing was dequeued: ERROR_WAIT_TIMEOUT when dwMilliseconds
// elapsed, ERROR_ABANDONED_WAIT_0 when the port was closed,
// ERROR_INVALID_HANDLE, ...
func GetQueuedCompletionStatusEx(CompletionPort wintypes.HANDLE, lpCompletionPortEntries []wintypes.OVERLAPPED_ENTRY, ulCount int, dwMilliseconds uint32, fAlertable bool) (int, error) {
	if err := check.NonNull("CompletionPort", CompletionPort); err != nil {
		return 0, err
	}
	count, err := check.Count("ulCount", int64(ulCount), "lpCompletionPortEntries", len(lpCompletionPortEntries), "entries")
	if err != nil {
		return 0, err
	}
	if count == 0 {
		return 0, &wincgoerrors.InputError{Name: "ulCount", Value: ulCount,
			Message: "received 0, expected room for at least one packet (1 to len(lpCompletionPortEntries))"}
	}
	r := rawGetQueuedCompletionStatusEx(uintptr(CompletionPort), unsafe.Pointer(unsafe.SliceData(lpCompletionPortEntries)),
		count, dwMilliseconds, check.BOOL(fAlertable))
	if err := r.Err(); err != nil {
		return 0, err
	}
	n := int(uint32(r.Out))
	for i := range lpCompletionPortEntries[:n] {
		if ov := lpCompletionPortEntries[i].LpOverlapped; ov != 0 {
			overlapped.Collect(ov, 0)
		}
	}
	return n, nil
}

// PostQueuedCompletionStatus posts a completion packet to a completion
// port: a way to wake a goroutine waiting on the port, or to hand it work.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-postqueuedcompletionstatus
//
// dwNumberOfBytesTransferred, dwCompletionKey and lpOverlapped are what the
// receiver gets back, as is: Windows does not interpret them. lpOverlapped
// is an address (an integer), never dereferenced by Windows or wincgo; 0
// is fine.
//
// It returns an *errors.InputError for a NULL CompletionPort and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE, ...
func PostQueuedCompletionStatus(CompletionPort wintypes.HANDLE, dwNumberOfBytesTransferred uint32, dwCompletionKey uintptr, lpOverlapped uintptr) error {
	if err := check.NonNull("CompletionPort", CompletionPort); err != nil {
		return err
	}
	// lpOverlapped crosses as an integer (wincgo:address): an arbitrary
	// address, which Go must not turn into a pointer.
	return rawPostQueuedCompletionStatus(uintptr(CompletionPort), dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped).Err()
}

// CancelIoEx cancels the pending overlapped operations of hFile started
// by any thread of this process: the one started with lpOverlapped, or all
// of them when lpOverlapped is nil.
//
// See https://learn.microsoft.com/en-us/windows/win32/fileio/cancelioex-func
//
// Cancellation is a request: a cancelled operation still completes, with
// ERROR_OPERATION_ABORTED (or normally, if it finished first), and is
// collected as any other (see the package documentation, "Overlapped
// operations"); lpOverlapped is in use until then.
//
// It returns an *errors.InputError for a NULL hFile, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_NOT_FOUND when no
// such operation is pending (it completed already), ERROR_INVALID_HANDLE.
func CancelIoEx(hFile wintypes.HANDLE, lpOverlapped *wintypes.OVERLAPPED) error {
	if err := check.NonNull("hFile", hFile); err != nil {
		return err
	}
	return rawCancelIoEx(uintptr(hFile), unsafe.Pointer(lpOverlapped)).Err()
}

// CancelIo cancels the pending overlapped operations of hFile that the
// calling OS thread started.
//
// See https://learn.microsoft.com/en-us/windows/win32/fileio/cancelio
//
// A goroutine is not an OS thread: Go moves goroutines between threads, so
// the operations "this thread" started are only knowable between
// runtime.LockOSThread and UnlockOSThread around both the starting call and
// CancelIo. CancelIoEx, which cancels by handle (and OVERLAPPED) whatever
// thread started the operation, is what Go programs should use. As with
// CancelIoEx, the cancelled operations complete with
// ERROR_OPERATION_ABORTED and are collected as usual.
//
// It returns an *errors.InputError for a NULL hFile and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE, ...
// (Having nothing to cancel is not an error.)
func CancelIo(hFile wintypes.HANDLE) error {
	if err := check.NonNull("hFile", hFile); err != nil {
		return err
	}
	return rawCancelIo(uintptr(hFile)).Err()
}

// portWaits maps the wait handles RegisterWaitForSingleObject returned to
// the id of their entry in the C table the callback reads
// (cdefs/kernel32/iocp_bridge.h), which UnregisterWaitEx removes. No Go
// memory is handed to the thread pool: the wait's context is the id.
var portWaits = struct {
	sync.Mutex
	m map[wintypes.HANDLE]uintptr
}{m: map[wintypes.HANDLE]uintptr{}}

// RegisterWaitForSingleObject makes Windows' thread pool wait on hObject
// and, each time it is signalled (or dwMilliseconds elapse), post a
// completion packet with dwCompletionKey to CompletionPort: any waitable
// object (a process, an event, a WSAEVENT, a mutex, ...) becomes a packet
// on the port, alongside the I/O completions, with no 64-handle limit.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-registerwaitforsingleobject
//
// Unlike C, there is no callback and context to pass: wincgo's callback is
// C code (no Go runs on the pool's threads, and there is no goroutine or
// OS thread per wait) that posts the packet: LpCompletionKey
// dwCompletionKey, LpOverlapped 0, and as byte count WAIT_OBJECT_0 when
// hObject was signalled, WAIT_TIMEOUT when dwMilliseconds (INFINITE: never)
// elapsed. Its context is an entry of a table in C memory (the port and
// the key) that UnregisterWaitEx removes.
//
// dwFlags combines WT_* flags: WT_EXECUTEONLYONCE for objects that stay
// signalled (a process that exited, a manual-reset event: otherwise
// packets keep coming), and WT_EXECUTEINWAITTHREAD, which suits the short
// callback. An auto-reset event is reset by the wait itself, so each
// SetEvent gives one packet.
//
// hObject must stay open while the wait is registered (closing it is
// undefined, says Microsoft). Every successful call must be matched by
// UnregisterWaitEx(h, INVALID_HANDLE_VALUE), even after a
// WT_EXECUTEONLYONCE wait fired, to free it and its table entry.
//
// It returns the wait handle, an *errors.InputError for a NULL hObject or
// CompletionPort or an undocumented flag, and an *errors.WindowsAPIError
// when Windows refuses (or, naming PortWaitAdd, when the table got no
// memory: ERROR_NOT_ENOUGH_MEMORY).
func RegisterWaitForSingleObject(hObject wintypes.HANDLE, CompletionPort wintypes.HANDLE, dwCompletionKey uintptr, dwMilliseconds uint32, dwFlags uint32) (wintypes.HANDLE, error) {
	if err := check.NonNull("hObject", hObject); err != nil {
		return 0, err
	}
	if err := check.NonNull("CompletionPort", CompletionPort); err != nil {
		return 0, err
	}
	const documented = WT_EXECUTEDEFAULT | WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE |
		WT_EXECUTELONGFUNCTION | WT_EXECUTEINPERSISTENTTHREAD | WT_TRANSFER_IMPERSONATION
	if err := check.Flags("dwFlags", dwFlags, documented); err != nil {
		return 0, err
	}
	// The entry exists before the wait does: the callback may run before
	// RegisterWaitForSingleObject returns.
	add := rawPortWaitAdd(uintptr(CompletionPort), dwCompletionKey)
	if err := add.Err(); err != nil {
		return 0, err
	}
	// The map's lock is held across the call so that UnregisterWaitEx on
	// the new handle (from another goroutine that somehow guessed it)
	// cannot run before the handle is recorded.
	portWaits.Lock()
	defer portWaits.Unlock()
	// The "port" variant passes wincgo's C callback (cdefs/kernel32/iocp.h).
	r := rawRegisterWaitForSingleObjectPort(uintptr(hObject), add.Ret, dwMilliseconds, dwFlags)
	if err := r.Err(); err != nil {
		rawPortWaitRemove(add.Ret)
		return 0, err
	}
	portWaits.m[wintypes.HANDLE(r.Out)] = add.Ret
	return wintypes.HANDLE(r.Out), nil
}

// UnregisterWaitEx cancels a wait RegisterWaitForSingleObject registered,
// waits until none of its callbacks is running, and frees it.
//
// See https://learn.microsoft.com/en-us/windows/win32/sync/unregisterwaitex
//
// CompletionEvent must be INVALID_HANDLE_VALUE: UnregisterWaitEx then does
// not return until every callback of the wait that had started has
// finished, and then removes the wait's table entry, after which no packet
// of this wait is posted, even by a callback Windows runs late (Wine 8 does,
// see cdefs/kernel32/iocp_bridge.h). This is what makes unregistering safe
// while a callback is running: it may still post one last packet before
// UnregisterWaitEx returns, never after. (Windows also accepts NULL, return
// at once, or an event to signal later; with those wincgo could not know
// when to remove the entry, so they are refused.) Packets already posted
// stay in the port. Do not call it from a callback of the same wait
// (wincgo's callbacks are C; there is no such place).
//
// It returns an *errors.InputError for a WaitHandle RegisterWaitForSingleObject
// did not return or that was unregistered already, or for a CompletionEvent
// other than INVALID_HANDLE_VALUE, and an *errors.WindowsAPIError when
// Windows refuses; the wait then stays registered, and the call may be
// repeated. One failure is not a refusal: ERROR_IO_PENDING means, as for
// UnregisterWait, that the wait is unregistered but one of its callbacks
// was still to run. The wait is gone (do not call again) and, as after a
// success, no packet of it follows. Windows documents that code only for
// the forms that do not wait; Wine 8 returns it from this one too, now and
// then, when the wait fired as it was cancelled
// (TestUnregisterWaitExWhileCallbacksRun).
func UnregisterWaitEx(WaitHandle wintypes.HANDLE, CompletionEvent wintypes.HANDLE) error {
	if CompletionEvent != INVALID_HANDLE_VALUE {
		return &wincgoerrors.InputError{Name: "CompletionEvent", Value: CompletionEvent,
			Message: fmt.Sprintf("received %v, expected INVALID_HANDLE_VALUE (wait for the callbacks, then free the wait)", CompletionEvent)}
	}
	portWaits.Lock()
	id, ok := portWaits.m[WaitHandle]
	delete(portWaits.m, WaitHandle)
	portWaits.Unlock()
	if !ok {
		return &wincgoerrors.InputError{Name: "WaitHandle", Value: WaitHandle,
			Message: fmt.Sprintf("received %v, expected a wait handle RegisterWaitForSingleObject returned and not yet unregistered", WaitHandle)}
	}
	// Without the lock: UnregisterWaitEx waits for running callbacks.
	r := rawUnregisterWaitEx(uintptr(WaitHandle), uintptr(INVALID_HANDLE_VALUE))
	err := r.Err()
	if err != nil && syscall.Errno(r.LastError) != ERROR_IO_PENDING {
		// Still registered: keep it, so that a retry can remove it.
		portWaits.Lock()
		portWaits.m[WaitHandle] = id
		portWaits.Unlock()
		return err
	}
	rawPortWaitRemove(id)
	return err
}

// registeredWaits returns the number of waits registered and not yet
// unregistered (for tests), after checking that the C table has an entry
// for each and no other.
func registeredWaits() int {
	portWaits.Lock()
	defer portWaits.Unlock()
	if n := rawPortWaitCount().Ret; n != uintptr(len(portWaits.m)) {
		panic(fmt.Sprintf("kernel32: %d registered waits, %d entries in the C table", len(portWaits.m), n))
	}
	return len(portWaits.m)
}
