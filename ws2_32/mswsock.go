//go:build windows

package ws2_32

import (
	"fmt"
	"net/netip"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Flags of TransmitFile (its last parameter, dwReserved in mswsock.h,
// dwFlags in MSDN's text) and of DisconnectEx (dwFlags: TF_REUSE_SOCKET
// only), uint32 like those parameters.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-transmitfile
const (
	// TF_DISCONNECT: start a transport-level disconnect once the data is
	// queued.
	TF_DISCONNECT uint32 = winconst.TF_DISCONNECT
	// TF_REUSE_SOCKET: with TF_DISCONNECT (or in DisconnectEx), prepare
	// the socket to be reused by AcceptEx or ConnectEx once the operation
	// completes.
	TF_REUSE_SOCKET uint32 = winconst.TF_REUSE_SOCKET
	// TF_USE_DEFAULT_WORKER: use the system's default thread (0).
	TF_USE_DEFAULT_WORKER uint32 = winconst.TF_USE_DEFAULT_WORKER
	// TF_USE_SYSTEM_THREAD: use system threads for long operations.
	TF_USE_SYSTEM_THREAD uint32 = winconst.TF_USE_SYSTEM_THREAD
	// TF_USE_KERNEL_APC: use kernel APCs instead of worker threads to read
	// the file.
	TF_USE_KERNEL_APC uint32 = winconst.TF_USE_KERNEL_APC
	// TF_WRITE_BEHIND: complete without waiting for the peer to
	// acknowledge the data (do not use with TF_DISCONNECT).
	TF_WRITE_BEHIND uint32 = winconst.TF_WRITE_BEHIND
)

// transmitFileFlags is every TF_* flag TransmitFile documents.
const transmitFileFlags = TF_DISCONNECT | TF_REUSE_SOCKET | TF_USE_DEFAULT_WORKER | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC | TF_WRITE_BEHIND

// AcceptExAddressLength is the smallest dwLocalAddressLength and
// dwRemoteAddressLength AcceptEx and GetAcceptExSockaddrs accept: MSDN
// wants each address slot "at least 16 bytes more than the maximum address
// length for the transport protocol in use", and wincgo takes the size of
// SOCKADDR_INET, which holds an IPv4 or an IPv6 address, plus 16 (44).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-acceptex
const AcceptExAddressLength uint32 = winconst.WINCGO_ACCEPTEX_ADDRESS_LENGTH

// AcceptEx accepts a connection on a listening socket into a socket the
// caller created, returns the local and remote addresses, and may receive
// the first block of data, as an overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-acceptex
//
// sListenSocket is a socket Listen was called on; sAcceptSocket a new,
// unbound and unconnected socket of the same family and type (WSASocket),
// which becomes the connection. lpOutputBuffer receives, in order, up to
// dwReceiveDataLength bytes of the connection's first data (0: do not
// wait for data, complete as soon as the connection arrives), the local
// address in a slot of dwLocalAddressLength bytes and the remote address
// in one of dwRemoteAddressLength bytes: each slot at least
// AcceptExAddressLength, and lpOutputBuffer at least as long as the three
// together. Read the addresses with GetAcceptExSockaddrs (with the same
// lengths), never by hand: their layout is Winsock's. The received count
// (lpdwBytesReceived) is not a parameter: it is NULL with an OVERLAPPED,
// as MSDN advises, and the count comes from AcceptEx's return, the port's
// packet (which arrives on sListenSocket's port, with its key) or
// WSAGetOverlappedResult.
//
// lpOverlapped is required: see kernel32's package documentation,
// "Overlapped operations", for the lifecycle. A nil error means the accept
// completed at once: AcceptEx returns the count of data received with it;
// WSA_IO_PENDING (the bare syscall.Errno: test it with errors.Is) means it
// is pending, with count 0; any other error, that nothing is pending.
// lpOutputBuffer and the OVERLAPPED stay pinned
// until it is collected.
//
// Once it completed, set SO_UPDATE_ACCEPT_CONTEXT on sAcceptSocket, whose
// value is sListenSocket (SetsockoptSocket): until then sAcceptSocket
// does not have the listening socket's properties, and getpeername,
// getsockname, shutdown and others fail on it (WSAENOTCONN).
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET socket, address slots
// shorter than AcceptExAddressLength, an lpOutputBuffer shorter than the
// three lengths, a nil lpOverlapped or one already in use, and an
// *errors.WindowsAPIError when Winsock refuses: WSAEINVAL (sListenSocket
// not listening, sAcceptSocket already bound or connected), WSAENOTSOCK,
// WSAECONNRESET (the peer reset the connection before it was accepted),
// ...
func AcceptEx(sListenSocket, sAcceptSocket wintypes.SOCKET, lpOutputBuffer []byte, dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength uint32, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	if err := checkSocketNamed("sListenSocket", sListenSocket); err != nil {
		return 0, err
	}
	if err := checkSocketNamed("sAcceptSocket", sAcceptSocket); err != nil {
		return 0, err
	}
	if err := checkAcceptExBuffer(lpOutputBuffer, dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength); err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		return 0, nilOverlapped()
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := overlapped.Begin(unsafe.Pointer(lpOverlapped), lpOutputBuffer)
	if err != nil {
		return 0, err
	}
	r := rawAcceptEx(uintptr(sListenSocket), uintptr(sAcceptSocket), unsafe.Pointer(unsafe.SliceData(lpOutputBuffer)),
		dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength, nil, unsafe.Pointer(lpOverlapped))
	return op.End(r)
}

// checkAcceptExBuffer checks AcceptEx's and GetAcceptExSockaddrs's output
// buffer against its three lengths: Winsock writes (and reads) all of it.
func checkAcceptExBuffer(buf []byte, receive, local, remote uint32) error {
	if local < AcceptExAddressLength {
		return &wincgoerrors.InputError{Name: "dwLocalAddressLength", Value: local,
			Message: fmt.Sprintf("received %d, expected at least AcceptExAddressLength (%d): the largest address plus 16 bytes", local, AcceptExAddressLength)}
	}
	if remote < AcceptExAddressLength {
		return &wincgoerrors.InputError{Name: "dwRemoteAddressLength", Value: remote,
			Message: fmt.Sprintf("received %d, expected at least AcceptExAddressLength (%d): the largest address plus 16 bytes", remote, AcceptExAddressLength)}
	}
	// In 64 bits: three DWORDs cannot overflow it.
	if need := uint64(receive) + uint64(local) + uint64(remote); uint64(len(buf)) < need {
		return &wincgoerrors.InputError{Name: "lpOutputBuffer", Value: len(buf),
			Message: fmt.Sprintf("received a %d-byte buffer, expected at least dwReceiveDataLength + dwLocalAddressLength + dwRemoteAddressLength = %d + %d + %d = %d bytes", len(buf), receive, local, remote, need)}
	}
	return nil
}

// GetAcceptExSockaddrs parses the local and remote addresses AcceptEx
// wrote into lpOutputBuffer.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-getacceptexsockaddrs
//
// lpOutputBuffer, dwReceiveDataLength, dwLocalAddressLength and
// dwRemoteAddressLength are exactly those AcceptEx was given, and the
// accept must have completed. The addresses are read by Winsock's own
// function, as MSDN requires; C's LocalSockaddr and RemoteSockaddr
// pointers into the buffer, and their lengths, become netip.AddrPorts
// (local is the address the connection was accepted on, remote the peer's).
//
// It returns an *errors.InputError for lengths and a buffer AcceptEx would
// have refused, or when Winsock's answer is not an IPv4 or IPv6 address
// inside lpOutputBuffer (a buffer AcceptEx did not fill), and an
// *errors.WindowsAPIError when the function cannot be had from Winsock
// (WSAIoctl's error).
func GetAcceptExSockaddrs(lpOutputBuffer []byte, dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength uint32) (local, remote netip.AddrPort, err error) {
	if err := checkAcceptExBuffer(lpOutputBuffer, dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength); err != nil {
		return netip.AddrPort{}, netip.AddrPort{}, err
	}
	if err := startup(); err != nil {
		return netip.AddrPort{}, netip.AddrPort{}, err
	}
	var localAddr, remoteAddr uintptr
	var localLen, remoteLen int32
	r := rawGetAcceptExSockaddrs(unsafe.Pointer(unsafe.SliceData(lpOutputBuffer)), dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength,
		&localAddr, &localLen, &remoteAddr, &remoteLen)
	if err := r.Err(); err != nil {
		return netip.AddrPort{}, netip.AddrPort{}, err
	}
	if local, err = sockaddrIn(lpOutputBuffer, "LocalSockaddr", localAddr, localLen); err != nil {
		return netip.AddrPort{}, netip.AddrPort{}, err
	}
	if remote, err = sockaddrIn(lpOutputBuffer, "RemoteSockaddr", remoteAddr, remoteLen); err != nil {
		return netip.AddrPort{}, netip.AddrPort{}, err
	}
	return local, remote, nil
}

// sockaddrIn converts the address of n bytes GetAcceptExSockaddrs
// returned at address addr, which points into buf: the pointer becomes an
// offset into buf, checked, and the bytes are copied out of the slice, so
// that nothing is read outside buf whatever Winsock answered.
func sockaddrIn(buf []byte, name string, addr uintptr, n int32) (netip.AddrPort, error) {
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	off := addr - base // wraps to a huge value below base
	if addr < base || off > uintptr(len(buf)) || n < 0 || uintptr(n) > uintptr(len(buf))-off || n > sizeofSockaddrInet {
		return netip.AddrPort{}, &wincgoerrors.InputError{Name: name, Value: fmt.Sprintf("%#x (%d bytes)", addr, n),
			Message: fmt.Sprintf("GetAcceptExSockaddrs answered an address of %d bytes at %#x, not inside lpOutputBuffer (%#x, %d bytes) or longer than SOCKADDR_INET: was it filled by a completed AcceptEx, with the same lengths?", n, addr, base, len(buf))}
	}
	var sa wintypes.RawSockaddr
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&sa.Addr)), unsafe.Sizeof(sa.Addr)), buf[off:off+uintptr(n)])
	sa.Len = n
	return sa.AddrPort()
}

// ConnectEx connects a socket to an address and may send the first block
// of data, as an overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nc-mswsock-lpfn_connectex
//
// s must be bound already (Bind, to port 0 for any): on an unbound socket
// Winsock refuses with WSAEINVAL, as MSDN documents (connect binds
// implicitly; ConnectEx does not). name is the address to connect to,
// MSDN's name and namelen in one object (set it with name.SetAddrPort).
// lpSendBuffer, possibly empty, is sent once the connection is made
// (TCP Fast Open-like); the count (lpdwBytesSent) is not a parameter: it
// is NULL with an OVERLAPPED, and the count of data sent comes from
// ConnectEx's return, the port's packet or WSAGetOverlappedResult.
//
// lpOverlapped is required: see kernel32's package documentation,
// "Overlapped operations", for the lifecycle. A nil error means the
// connect completed at once (with the count of lpSendBuffer sent),
// WSA_IO_PENDING (the bare syscall.Errno) that it is pending; lpSendBuffer, name and the OVERLAPPED stay pinned
// until it is collected. Once it completed, set SO_UPDATE_CONNECT_CONTEXT
// on s (Setsockopt with a nil optval) for getpeername,
// getsockname, shutdown and the rest to work on it.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, a nil name or one whose
// Len fits no address, an lpSendBuffer longer than a DWORD, a nil
// lpOverlapped or one already in use, and an *errors.WindowsAPIError when
// Winsock refuses: WSAEINVAL (s not bound, or listening), WSAEISCONN (s
// connected already), WSAECONNREFUSED (on completion: nobody listens
// there), WSAEAFNOSUPPORT, ...
func ConnectEx(s wintypes.SOCKET, name *wintypes.RawSockaddr, lpSendBuffer []byte, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	if err := checkSocketNamed("s", s); err != nil {
		return 0, err
	}
	if err := checkSockaddr("name", name, false); err != nil {
		return 0, err
	}
	n, err := check.Len("lpSendBuffer", len(lpSendBuffer), "bytes")
	if err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		return 0, nilOverlapped()
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := overlapped.Begin(unsafe.Pointer(lpOverlapped), lpSendBuffer)
	if err != nil {
		return 0, err
	}
	op.Pin(unsafe.Pointer(name))
	r := rawConnectEx(uintptr(s), unsafe.Pointer(&name.Addr), name.Len, unsafe.Pointer(bufferPtr(lpSendBuffer)), n, nil, unsafe.Pointer(lpOverlapped))
	return op.End(r)
}

// DisconnectEx closes a connection on a socket and, with TF_REUSE_SOCKET,
// prepares the socket to be given to AcceptEx or ConnectEx again.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nc-mswsock-lpfn_disconnectex
//
// s is a connected, connection-oriented socket. dwFlags is 0 or
// TF_REUSE_SOCKET. MSDN's dwReserved, which must be 0, is not a parameter.
//
// lpOverlapped may be nil: DisconnectEx then returns once the connection
// is closed. Otherwise the disconnect is an overlapped operation (see
// kernel32's package documentation, "Overlapped operations"): a nil error
// means it completed at once, WSA_IO_PENDING (the bare syscall.Errno: test
// it with errors.Is) that it is pending; collect it from the port or with
// WSAGetOverlappedResult.
//
// Under Wine 8, TF_REUSE_SOCKET reports success without resetting the
// socket: a later ConnectEx on it fails with WSAEISCONN. Create a new
// socket there instead of reusing one.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, a flag other than
// TF_REUSE_SOCKET or an lpOverlapped already in use, and an
// *errors.WindowsAPIError when Winsock refuses: WSAENOTCONN, WSAENOTSOCK,
// WSAEINVAL, ...
func DisconnectEx(s wintypes.SOCKET, lpOverlapped *wintypes.OVERLAPPED, dwFlags uint32) error {
	if err := checkSocketNamed("s", s); err != nil {
		return err
	}
	if err := check.Flags("dwFlags", dwFlags, TF_REUSE_SOCKET); err != nil {
		return err
	}
	if err := startup(); err != nil {
		return err
	}
	if lpOverlapped == nil {
		// No memory of Go's is kept: Winsock waits on its own.
		return rawDisconnectEx(uintptr(s), nil, dwFlags, 0).Err()
	}
	op, err := overlapped.Begin(unsafe.Pointer(lpOverlapped), nil)
	if err != nil {
		return err
	}
	_, err = op.End(rawDisconnectEx(uintptr(s), unsafe.Pointer(lpOverlapped), dwFlags, 0))
	return err
}

// TransmitFile sends a file's data, with optional data before and after
// it, on a connected socket, as an overlapped operation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-transmitfile
//
// hSocket is a connected, connection-oriented socket. hFile is an open
// file (kernel32.CreateFile, FILE_FLAG_SEQUENTIAL_SCAN advised), sent from
// its file pointer (or from lpOverlapped's Offset and OffsetHigh for a file
// opened with FILE_FLAG_OVERLAPPED), or 0 to send only the head and tail.
// nNumberOfBytesToWrite is how many bytes of the file to send, 0 for all
// of it; nNumberOfBytesPerSend the size of each send, 0 for the default.
// lpTransmitBuffers, optional, holds the data sent before and after the
// file (SetHead, SetTail). dwReserved is MSDN's dwFlags: zero or more TF_*
// flags (TF_DISCONNECT, TF_REUSE_SOCKET, TF_WRITE_BEHIND, ...).
//
// lpOverlapped is required: see kernel32's package documentation,
// "Overlapped operations", for the lifecycle. A nil error means the
// transmission completed at once: TransmitFile returns the count sent;
// WSA_IO_PENDING (the bare syscall.Errno) means it is pending, with count
// 0. The OVERLAPPED,
// lpTransmitBuffers and its head and tail stay pinned until it is
// collected: do not change them before.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET hSocket, an undocumented
// flag, a nil lpOverlapped or one already in use, and an
// *errors.WindowsAPIError when Winsock refuses: WSAENOTCONN, WSAENOTSOCK,
// WSAEINVAL, ERROR_INVALID_HANDLE (hFile), ...
func TransmitFile(hSocket wintypes.SOCKET, hFile wintypes.HANDLE, nNumberOfBytesToWrite, nNumberOfBytesPerSend uint32, lpOverlapped *wintypes.OVERLAPPED, lpTransmitBuffers *wintypes.TRANSMIT_FILE_BUFFERS, dwReserved uint32) (int, error) {
	if err := checkSocketNamed("hSocket", hSocket); err != nil {
		return 0, err
	}
	if err := check.Flags("dwReserved", dwReserved, transmitFileFlags); err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		return 0, nilOverlapped()
	}
	if err := startup(); err != nil {
		return 0, err
	}
	op, err := overlapped.Begin(unsafe.Pointer(lpOverlapped), nil)
	if err != nil {
		return 0, err
	}
	if lpTransmitBuffers != nil {
		op.Pin(unsafe.Pointer(lpTransmitBuffers))
		op.Pin(unsafe.Pointer(unsafe.SliceData(lpTransmitBuffers.Head())))
		op.Pin(unsafe.Pointer(unsafe.SliceData(lpTransmitBuffers.Tail())))
	}
	r := rawTransmitFile(uintptr(hSocket), uintptr(hFile), nNumberOfBytesToWrite, nNumberOfBytesPerSend,
		unsafe.Pointer(lpOverlapped), unsafe.Pointer(lpTransmitBuffers), dwReserved)
	return op.End(r)
}

// bufferPtr returns the address of b's first byte, nil for an empty b (a
// zero-length slice may point past its array).
func bufferPtr(b []byte) *byte {
	if len(b) == 0 {
		return nil
	}
	return &b[0]
}
