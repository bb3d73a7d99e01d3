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
)

// INVALID_SOCKET is the SOCKET value Winsock uses for "no socket".
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/socket-data-type-2
const INVALID_SOCKET wintypes.SOCKET = winconst.INVALID_SOCKET
