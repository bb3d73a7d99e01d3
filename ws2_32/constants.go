//go:build windows

package ws2_32

import (
	"syscall"

	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Winsock error codes, as WindowsAPIError.Errno carries them, typed so
// that errors.Is(err, ws2_32.WSAENOTSOCK) works.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2
const (
	// WSA_INVALID_HANDLE: the event handle is not valid (ERROR_INVALID_HANDLE).
	WSA_INVALID_HANDLE syscall.Errno = winconst.WSA_INVALID_HANDLE
	// WSA_INVALID_PARAMETER: a parameter is not valid (ERROR_INVALID_PARAMETER).
	WSA_INVALID_PARAMETER syscall.Errno = winconst.WSA_INVALID_PARAMETER
	// WSA_NOT_ENOUGH_MEMORY: out of memory (ERROR_NOT_ENOUGH_MEMORY).
	WSA_NOT_ENOUGH_MEMORY syscall.Errno = winconst.WSA_NOT_ENOUGH_MEMORY
	// WSAEFAULT: a pointer argument is not valid.
	WSAEFAULT syscall.Errno = winconst.WSAEFAULT
	// WSAEINVAL: an argument is not valid, or the socket is in a state
	// that does not allow the call.
	WSAEINVAL syscall.Errno = winconst.WSAEINVAL
	// WSAEMFILE: too many open sockets.
	WSAEMFILE syscall.Errno = winconst.WSAEMFILE
	// WSAEWOULDBLOCK: a non-blocking operation cannot complete at once.
	WSAEWOULDBLOCK syscall.Errno = winconst.WSAEWOULDBLOCK
	// WSAEINPROGRESS: a blocking operation is in progress.
	WSAEINPROGRESS syscall.Errno = winconst.WSAEINPROGRESS
	// WSAENOTSOCK: the descriptor is not a socket.
	WSAENOTSOCK syscall.Errno = winconst.WSAENOTSOCK
	// WSAENETDOWN: the network subsystem has failed.
	WSAENETDOWN syscall.Errno = winconst.WSAENETDOWN
	// WSAECONNABORTED: the connection was aborted by this host.
	WSAECONNABORTED syscall.Errno = winconst.WSAECONNABORTED
	// WSAECONNRESET: the connection was reset by the peer.
	WSAECONNRESET syscall.Errno = winconst.WSAECONNRESET
	// WSAENOBUFS: no buffer space is available.
	WSAENOBUFS syscall.Errno = winconst.WSAENOBUFS
	// WSAEPROCLIM: too many processes use Winsock (WSAStartup).
	WSAEPROCLIM syscall.Errno = winconst.WSAEPROCLIM
	// WSASYSNOTREADY: the network subsystem is not ready (WSAStartup).
	WSASYSNOTREADY syscall.Errno = winconst.WSASYSNOTREADY
	// WSAVERNOTSUPPORTED: the Winsock version asked for is not provided (WSAStartup).
	WSAVERNOTSUPPORTED syscall.Errno = winconst.WSAVERNOTSUPPORTED
	// WSANOTINITIALISED: WSAStartup has not succeeded (wincgo calls it for you).
	WSANOTINITIALISED syscall.Errno = winconst.WSANOTINITIALISED
	// WSAEACCES: access denied; bind: the address is held exclusively
	// (SO_EXCLUSIVEADDRUSE) by another socket.
	WSAEACCES syscall.Errno = winconst.WSAEACCES
	// WSAEMSGSIZE: a datagram was larger than the buffer (it was truncated)
	// or than the protocol allows.
	WSAEMSGSIZE syscall.Errno = winconst.WSAEMSGSIZE
	// WSAEPROTOTYPE: the protocol does not fit the socket type.
	WSAEPROTOTYPE syscall.Errno = winconst.WSAEPROTOTYPE
	// WSAENOPROTOOPT: the option is unknown, or not valid at that level or
	// for that socket type.
	WSAENOPROTOOPT syscall.Errno = winconst.WSAENOPROTOOPT
	// WSAEPROTONOSUPPORT: the protocol is not supported.
	WSAEPROTONOSUPPORT syscall.Errno = winconst.WSAEPROTONOSUPPORT
	// WSAESOCKTNOSUPPORT: the socket type is not supported in this address
	// family.
	WSAESOCKTNOSUPPORT syscall.Errno = winconst.WSAESOCKTNOSUPPORT
	// WSAEOPNOTSUPP: the operation is not supported on this socket (listen
	// on a datagram socket).
	WSAEOPNOTSUPP syscall.Errno = winconst.WSAEOPNOTSUPP
	// WSAEAFNOSUPPORT: the address family is not supported.
	WSAEAFNOSUPPORT syscall.Errno = winconst.WSAEAFNOSUPPORT
	// WSAEADDRINUSE: the local address is already in use.
	WSAEADDRINUSE syscall.Errno = winconst.WSAEADDRINUSE
	// WSAEADDRNOTAVAIL: the address is not valid on this computer.
	WSAEADDRNOTAVAIL syscall.Errno = winconst.WSAEADDRNOTAVAIL
	// WSAEISCONN: the socket is already connected.
	WSAEISCONN syscall.Errno = winconst.WSAEISCONN
	// WSAENOTCONN: the socket is not connected (or, accepted by AcceptEx
	// or connected by ConnectEx, lacks SO_UPDATE_ACCEPT_CONTEXT or
	// SO_UPDATE_CONNECT_CONTEXT).
	WSAENOTCONN syscall.Errno = winconst.WSAENOTCONN
	// WSAESHUTDOWN: the direction was shut down (Shutdown).
	WSAESHUTDOWN syscall.Errno = winconst.WSAESHUTDOWN
	// WSAECONNREFUSED: the peer refused the connection (no listener).
	WSAECONNREFUSED syscall.Errno = winconst.WSAECONNREFUSED
	// WSA_IO_PENDING: an overlapped operation was started and completes
	// later (ERROR_IO_PENDING).
	WSA_IO_PENDING syscall.Errno = winconst.WSA_IO_PENDING
	// WSA_OPERATION_ABORTED: an overlapped operation was cancelled, by
	// CancelIoEx or Closesocket (ERROR_OPERATION_ABORTED).
	WSA_OPERATION_ABORTED syscall.Errno = winconst.WSA_OPERATION_ABORTED
)

// INVALID_SOCKET is the SOCKET value Winsock uses for "no socket".
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/socket-data-type-2
const INVALID_SOCKET wintypes.SOCKET = winconst.INVALID_SOCKET
