//go:build windows

package ws2_32

import (
	"fmt"
	"math"
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Flags of WSARecv and WSARecvFrom (*lpFlags, in and out) and of WSASend
// and WSASendTo (dwFlags), uint32 like those parameters (C's DWORD).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecv
const (
	// MSG_OOB: send or receive out-of-band data (stream sockets).
	MSG_OOB uint32 = winconst.MSG_OOB
	// MSG_PEEK: receive: copy the data into the buffers and leave it queued.
	MSG_PEEK uint32 = winconst.MSG_PEEK
	// MSG_DONTROUTE: send: the data is not to be routed (a provider may
	// ignore it).
	MSG_DONTROUTE uint32 = winconst.MSG_DONTROUTE
	// MSG_WAITALL: receive on a stream socket: complete only once the
	// buffers are full, the connection is closed, or the request canceled.
	MSG_WAITALL uint32 = winconst.MSG_WAITALL
	// MSG_PUSH_IMMEDIATE: receive on a stream socket: complete as soon as
	// possible, even with the buffers partly filled.
	MSG_PUSH_IMMEDIATE uint32 = winconst.MSG_PUSH_IMMEDIATE
	// MSG_PARTIAL: receive (out, message-oriented sockets): the data is
	// part of a message, the rest comes with the next receives.
	MSG_PARTIAL uint32 = winconst.MSG_PARTIAL
)

// WSA_IO_INCOMPLETE is WSAGetOverlappedResult's error for an operation
// still in progress when fWait is false (ERROR_IO_INCOMPLETE).
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2
const WSA_IO_INCOMPLETE syscall.Errno = winconst.WSA_IO_INCOMPLETE

// sizeofSockaddrIn is sizeof(struct sockaddr_in), the shortest address a
// RawSockaddr's Len may describe.
const sizeofSockaddrIn int32 = winconst.WINCGO_SIZEOF_SOCKADDR_IN

// sizeofSockaddrInet is RawSockaddr.Addr's size, the longest.
const sizeofSockaddrInet = int32(unsafe.Sizeof(wintypes.SOCKADDR_INET{}))

// WSARecv receives data from a connected socket into one or more buffers,
// as an overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecv
//
// s is a connected socket (or a bound connectionless one). lpBuffers are
// the buffers to fill, in order (wintypes.WSABUF.Set points one at a Go
// slice; an empty one makes a zero-byte receive, which completes when data
// arrives and reads none), and dwBufferCount how many of them to use, from
// the first: 1 to len(lpBuffers) (every WSABUF of the array is pinned
// all the same: cgo checks the whole array). lpFlags is in and out, as in C: MSG_PEEK,
// MSG_OOB, MSG_WAITALL, MSG_PUSH_IMMEDIATE or 0 in; MSG_PARTIAL may come
// out. lpNumberOfBytesRecvd is not a parameter: with an OVERLAPPED it is
// NULL, as MSDN advises, and the count comes from WSARecv's return, the
// port's packet or WSAGetOverlappedResult. lpCompletionRoutine is NULL
// (completion routines run as APCs on the calling thread, which a Go
// program does not control).
//
// lpOverlapped is required: wincgo's receives are overlapped operations
// (see kernel32's package documentation, "Overlapped operations", for
// their lifecycle; WSAGetOverlappedResult is WSARecv's
// GetOverlappedResult). A nil error means it completed at once: WSARecv
// returns its count (0 at the end of a stream); WSA_IO_PENDING (the bare
// syscall.Errno: test it with errors.Is) means it is pending, with count
// 0; any other error, that nothing is pending. The WSABUF array, each buffer, *lpFlags and the OVERLAPPED stay
// pinned until the operation is collected: do not read the buffers or
// reuse any of them before that.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, an lpBuffers or
// dwBufferCount that do not match, a nil lpFlags or lpOverlapped, or an
// lpOverlapped already in use, and an *errors.WindowsAPIError when
// Winsock refuses: WSAENOTSOCK, WSAENOTCONN, WSAECONNRESET,
// WSAESHUTDOWN, WSAEMSGSIZE (a message larger than the buffers: the
// count of what was received comes with it), ...
func WSARecv(s wintypes.SOCKET, lpBuffers []wintypes.WSABUF, dwBufferCount int, lpFlags *uint32, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	n, err := checkIO(s, lpBuffers, dwBufferCount, lpOverlapped)
	if err != nil {
		return 0, err
	}
	if err := checkFlags(lpFlags); err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := beginBuffers(lpOverlapped, lpBuffers)
	if err != nil {
		return 0, err
	}
	op.Pin(unsafe.Pointer(lpFlags))
	r := rawWSARecv(uintptr(s), unsafe.Pointer(&lpBuffers[0]), n, nil, lpFlags, unsafe.Pointer(lpOverlapped), nil)
	return endMsgSize(op, r, lpOverlapped)
}

// WSARecvFrom receives a datagram into one or more buffers, and the
// address it came from, as an overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecvfrom
//
// s is a bound socket (usually a UDP one). lpBuffers, dwBufferCount,
// lpFlags and lpOverlapped are as for WSARecv. lpFrom, optional (nil: the
// address is not wanted), receives the source address: MSDN's lpFrom and
// lpFromlen in one object (wintypes.RawSockaddr), whose Len must give the
// room Winsock may write, from the size of a sockaddr_in (16) to
// RawSockaddr.Addr's (28): call Reset before each receive. Winsock writes
// it when the datagram arrives, perhaps after WSARecvFrom returned: it is
// pinned with the buffers until the operation is collected; read it then
// with lpFrom.AddrPort().
//
// It returns an *errors.InputError as WSARecv does, and for an lpFrom.Len
// outside 16 to 28, and an *errors.WindowsAPIError when Winsock refuses:
// WSAENOTSOCK, WSAEINVAL (an unbound socket), WSAEMSGSIZE (a datagram
// larger than the buffers: they hold its first bytes, their count comes
// with the error, the rest is lost), ...
func WSARecvFrom(s wintypes.SOCKET, lpBuffers []wintypes.WSABUF, dwBufferCount int, lpFlags *uint32, lpFrom *wintypes.RawSockaddr, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	n, err := checkIO(s, lpBuffers, dwBufferCount, lpOverlapped)
	if err != nil {
		return 0, err
	}
	if err := checkFlags(lpFlags); err != nil {
		return 0, err
	}
	if err := checkSockaddr("lpFrom", lpFrom, true); err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := beginBuffers(lpOverlapped, lpBuffers)
	if err != nil {
		return 0, err
	}
	op.Pin(unsafe.Pointer(lpFlags))
	var from unsafe.Pointer
	var fromLen *int32
	if lpFrom != nil {
		// One pin for both: Len is in the same object.
		op.Pin(unsafe.Pointer(lpFrom))
		from, fromLen = unsafe.Pointer(&lpFrom.Addr), &lpFrom.Len
	}
	r := rawWSARecvFrom(uintptr(s), unsafe.Pointer(&lpBuffers[0]), n, nil, lpFlags, from, fromLen, unsafe.Pointer(lpOverlapped), nil)
	return endMsgSize(op, r, lpOverlapped)
}

// WSASend sends data from one or more buffers on a connected socket, as an
// overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasend
//
// s is a connected socket. lpBuffers and dwBufferCount are as for WSARecv:
// the buffers sent, in order (gather). dwFlags is 0 or MSG_DONTROUTE,
// MSG_OOB, MSG_PARTIAL. lpNumberOfBytesSent and lpCompletionRoutine are
// not parameters (NULL, as for WSARecv).
//
// lpOverlapped is required (see WSARecv): a nil error means the send
// completed at once, with its count; WSA_IO_PENDING (the bare
// syscall.Errno) that it is pending. The WSABUF array, which MSDN says "must remain valid for the
// duration of the send operation", each buffer and the OVERLAPPED stay
// pinned until the operation is collected: do not change them before.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, an lpBuffers or
// dwBufferCount that do not match, a nil lpOverlapped or one already in
// use, and an *errors.WindowsAPIError when Winsock refuses: WSAENOTSOCK,
// WSAENOTCONN, WSAECONNRESET, WSAESHUTDOWN, ...
func WSASend(s wintypes.SOCKET, lpBuffers []wintypes.WSABUF, dwBufferCount int, dwFlags uint32, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	n, err := checkIO(s, lpBuffers, dwBufferCount, lpOverlapped)
	if err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := beginBuffers(lpOverlapped, lpBuffers)
	if err != nil {
		return 0, err
	}
	r := rawWSASend(uintptr(s), unsafe.Pointer(&lpBuffers[0]), n, nil, dwFlags, unsafe.Pointer(lpOverlapped), nil)
	return op.End(r)
}

// WSASendTo sends a datagram from one or more buffers to an address, as an
// overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasendto
//
// s is a socket (usually UDP; bound implicitly if it is not). lpBuffers,
// dwBufferCount, dwFlags and lpOverlapped are as for WSASend. lpTo is the
// destination, MSDN's lpTo and iTolen in one object: set it with
// lpTo.SetAddrPort. It is ignored on a connected socket, and may then be
// nil. It stays pinned with the buffers until the operation is collected.
//
// It returns an *errors.InputError as WSASend does, and for an lpTo.Len
// outside 16 to 28, and an *errors.WindowsAPIError when Winsock refuses:
// WSAENOTSOCK, WSAEAFNOSUPPORT (an address of the other family),
// WSAEADDRNOTAVAIL, WSAEMSGSIZE (a datagram larger than the protocol
// allows), ...
func WSASendTo(s wintypes.SOCKET, lpBuffers []wintypes.WSABUF, dwBufferCount int, dwFlags uint32, lpTo *wintypes.RawSockaddr, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	n, err := checkIO(s, lpBuffers, dwBufferCount, lpOverlapped)
	if err != nil {
		return 0, err
	}
	if err := checkSockaddr("lpTo", lpTo, true); err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := beginBuffers(lpOverlapped, lpBuffers)
	if err != nil {
		return 0, err
	}
	var to unsafe.Pointer
	var toLen int32
	if lpTo != nil {
		op.Pin(unsafe.Pointer(lpTo))
		to, toLen = unsafe.Pointer(&lpTo.Addr), lpTo.Len
	}
	r := rawWSASendTo(uintptr(s), unsafe.Pointer(&lpBuffers[0]), n, nil, dwFlags, to, toLen, unsafe.Pointer(lpOverlapped), nil)
	return op.End(r)
}

// WSAGetOverlappedResult returns the result of an overlapped operation on
// a socket (WSARecv, WSASend, WSARecvFrom, WSASendTo, AcceptEx,
// ConnectEx, DisconnectEx, TransmitFile): the number of bytes it
// transferred and its flags, or its Winsock error. Seeing the operation
// complete, it also collects it, as kernel32.GetOverlappedResult does (see
// kernel32's package documentation, "Overlapped operations"): its memory
// is unpinned.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsagetoverlappedresult
//
// s is the socket the operation was started on and lpOverlapped the
// OVERLAPPED it was given. With fWait true it waits until the operation
// completes; with fWait false it returns at once. Unlike C, the count and
// flags are returned (lpcbTransfer, lpdwFlags). Where a completion port
// reports a Windows status (ERROR_NETNAME_DELETED for a reset connection),
// WSAGetOverlappedResult gives the Winsock code (WSAECONNRESET). Either
// error matches errors.Is(err, syscall.ECONNRESET), as Go programs check
// a reset (see errors.WindowsAPIError.Is).
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or a nil lpOverlapped, and
// an *errors.WindowsAPIError when the operation is still in progress with
// fWait false (WSA_IO_INCOMPLETE: nothing is released, call again later),
// when the operation failed (its own code: WSAECONNRESET,
// WSA_OPERATION_ABORTED when canceled, ...; WSAEMSGSIZE with the count of
// the truncated datagram), or when s is not a socket.
func WSAGetOverlappedResult(s wintypes.SOCKET, lpOverlapped *wintypes.OVERLAPPED, fWait bool) (cbTransfer int, dwFlags uint32, err error) {
	if err := checkSocketNamed("s", s); err != nil {
		return 0, 0, err
	}
	if lpOverlapped == nil {
		return 0, 0, nilOverlapped()
	}
	if err := startup(); err != nil {
		return 0, 0, err
	}
	// As in kernel32.GetOverlappedResult: this call collects the operation
	// registered now, not one started on the same OVERLAPPED after another
	// collector released it.
	gen := overlapped.Generation(lpOverlapped.Address())
	var transferred, flags uint32
	r := rawWSAGetOverlappedResult(uintptr(s), unsafe.Pointer(lpOverlapped), &transferred, check.BOOL(fWait), &flags)
	// Released only once Windows is done with it, whatever the call said.
	overlapped.Collect(lpOverlapped.Address(), gen)
	if err := r.Err(); err != nil {
		if syscall.Errno(r.LastError) == winconst.WSAEMSGSIZE {
			return int(transferred), flags, err
		}
		return 0, flags, err
	}
	return int(transferred), flags, nil
}

// checkIO checks what every WSARecv/WSASend-like call takes: a socket, its
// buffers and their count, an OVERLAPPED. It returns the count as a DWORD.
func checkIO(s wintypes.SOCKET, lpBuffers []wintypes.WSABUF, dwBufferCount int, lpOverlapped *wintypes.OVERLAPPED) (uint32, error) {
	if err := checkSocketNamed("s", s); err != nil {
		return 0, err
	}
	n, err := bufferCount(int64(dwBufferCount), int64(len(lpBuffers)))
	if err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		return 0, nilOverlapped()
	}
	return n, nil
}

// bufferCount checks dwBufferCount n against len(lpBuffers) bufs: 1 to
// bufs (Winsock would read WSABUFs past the slice), and a DWORD (a larger
// one would wrap). int64s so that the DWORD limit is testable on 386 and
// without a 4-gigaentry slice.
func bufferCount(n, bufs int64) (uint32, error) {
	switch {
	case bufs == 0:
		return 0, &wincgoerrors.InputError{Name: "lpBuffers", Value: "[]",
			Message: "received no WSABUF, expected at least one (an empty WSABUF makes a zero-byte operation)"}
	case n < 1 || n > bufs:
		return 0, &wincgoerrors.InputError{Name: "dwBufferCount", Value: n,
			Message: fmt.Sprintf("received %d, expected 1 to the %d WSABUFs of lpBuffers", n, bufs)}
	case n > math.MaxUint32:
		return 0, &wincgoerrors.InputError{Name: "dwBufferCount", Value: n,
			Message: fmt.Sprintf("received %d, which does not fit a DWORD", n)}
	}
	return uint32(n), nil
}

// checkSockaddr refuses a nil sa (unless optional) and a Len Winsock would
// read or write out of sa's bounds or that fits no address.
func checkSockaddr(name string, sa *wintypes.RawSockaddr, optional bool) error {
	if sa == nil {
		if optional {
			return nil
		}
		return &wincgoerrors.InputError{Name: name, Value: sa, Message: "received nil, expected an address (RawSockaddr.SetAddrPort)"}
	}
	if sa.Len < sizeofSockaddrIn || sa.Len > sizeofSockaddrInet {
		return &wincgoerrors.InputError{Name: name + ".Len", Value: sa.Len,
			Message: fmt.Sprintf("received %d, expected %d to %d, the size of a sockaddr_in to that of SOCKADDR_INET (SetAddrPort or Reset sets it)", sa.Len, sizeofSockaddrIn, sizeofSockaddrInet)}
	}
	return nil
}

// checkFlags refuses a nil lpFlags: the receives read and write it.
func checkFlags(lpFlags *uint32) error {
	if lpFlags == nil {
		return &wincgoerrors.InputError{Name: "lpFlags", Value: (*uint32)(nil), Message: "received nil, expected a pointer to the flags (0 for none): Winsock reads and writes them"}
	}
	return nil
}

// checkSocketNamed is checkSocket for a socket parameter not named s.
func checkSocketNamed(name string, s wintypes.SOCKET) error {
	if err := check.NonNull(name, s); err != nil {
		return err
	}
	if s == INVALID_SOCKET {
		return &wincgoerrors.InputError{Name: name, Value: s, Message: "received INVALID_SOCKET, expected an open socket"}
	}
	return nil
}

func nilOverlapped() error {
	return &wincgoerrors.InputError{Name: "lpOverlapped", Value: (*wintypes.OVERLAPPED)(nil),
		Message: "received nil, expected an OVERLAPPED: wincgo's socket I/O is overlapped (see kernel32's package documentation, \"Overlapped operations\")"}
}

// beginBuffers registers an operation on ov with the buffers bufs
// (len >= 1) and pins all Winsock keeps: the OVERLAPPED and the first
// buffer (Begin), the WSABUF array (its first element pins the whole
// array) and the other buffers. Those of every WSABUF of the array are
// pinned, up to its capacity, not only the dwBufferCount used: cgo checks
// the whole backing array of a slice element passed to C for unpinned Go
// pointers. With one buffer that is 3 pins, which runtime.Pinner keeps
// without allocating (up to 5).
func beginBuffers(ov *wintypes.OVERLAPPED, bufs []wintypes.WSABUF) (*overlapped.Op, error) {
	op, err := overlapped.Begin(unsafe.Pointer(ov), bufs[0].Bytes())
	if err != nil {
		return nil, err
	}
	op.Pin(unsafe.Pointer(&bufs[0]))
	all := bufs[:cap(bufs)]
	for i := 1; i < len(all); i++ {
		op.Pin(all[i].Pointer())
	}
	return op, nil
}

// endMsgSize is op.End for a receive: a message larger than the buffers
// (WSAEMSGSIZE at once) still filled them, and Winsock left the count in
// the OVERLAPPED, as for a success.
func endMsgSize(op *overlapped.Op, r check.Result, ov *wintypes.OVERLAPPED) (int, error) {
	count, err := op.End(r)
	if r.Failed && syscall.Errno(r.LastError) == winconst.WSAEMSGSIZE {
		return int(uint32(atomic.LoadUintptr(&ov.InternalHigh))), err
	}
	return count, err
}
