//go:build windows

package ws2_32

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Address families, for WSASocket's af (a C int). wintypes has the same
// values as uint16, the type of SOCKADDR_INET.Family.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
const (
	// AF_UNSPEC: no family (WSASocket then takes it from the type and
	// protocol, where a provider allows it).
	AF_UNSPEC int32 = winconst.AF_UNSPEC
	// AF_INET: IPv4.
	AF_INET int32 = winconst.AF_INET
	// AF_INET6: IPv6.
	AF_INET6 int32 = winconst.AF_INET6
)

// Socket types, for WSASocket's type.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
const (
	// SOCK_STREAM: a reliable, connected byte stream (TCP).
	SOCK_STREAM int32 = winconst.SOCK_STREAM
	// SOCK_DGRAM: connectionless datagrams (UDP).
	SOCK_DGRAM int32 = winconst.SOCK_DGRAM
)

// Protocols, for WSASocket's protocol (0 lets Winsock choose the one of
// the type). IPPROTO_TCP is also the level of TCP_NODELAY in Setsockopt
// and Getsockopt.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
const (
	// IPPROTO_TCP: TCP.
	IPPROTO_TCP int32 = winconst.IPPROTO_TCP
	// IPPROTO_UDP: UDP.
	IPPROTO_UDP int32 = winconst.IPPROTO_UDP
)

// Flags of WSASocket's dwFlags.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
const (
	// WSA_FLAG_OVERLAPPED creates a socket for overlapped I/O: WSARecv,
	// WSASend, AcceptEx, ConnectEx, ... with an OVERLAPPED, completed
	// through a completion port or the OVERLAPPED's event.
	WSA_FLAG_OVERLAPPED uint32 = winconst.WSA_FLAG_OVERLAPPED
	// WSA_FLAG_NO_HANDLE_INHERIT creates a socket that child processes do
	// not inherit (Windows 7 SP1 and later). Go's own sockets are never
	// inheritable either.
	WSA_FLAG_NO_HANDLE_INHERIT uint32 = winconst.WSA_FLAG_NO_HANDLE_INHERIT
)

// SOMAXCONN is Listen's backlog for "as long a queue as the provider
// allows". A negative backlog -N is SOMAXCONN_HINT(N): a queue of N
// connections, clamped by Windows to 200..65535.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen
const SOMAXCONN int32 = winconst.SOMAXCONN

// Directions of Shutdown's how.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-shutdown
const (
	// SD_RECEIVE: no more receives.
	SD_RECEIVE int32 = winconst.SD_RECEIVE
	// SD_SEND: no more sends; a TCP socket sends its FIN once the queued
	// data is sent.
	SD_SEND int32 = winconst.SD_SEND
	// SD_BOTH: both.
	SD_BOTH int32 = winconst.SD_BOTH
)

// SOL_SOCKET is the level of the socket options (SO_*) for Setsockopt and
// Getsockopt; IPPROTO_TCP is the level of TCP_NODELAY.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/sol-socket-socket-options
const SOL_SOCKET int32 = winconst.SOL_SOCKET

// Socket options, for the optname of Setsockopt and Getsockopt (level
// SOL_SOCKET), with the type of their value. Setsockopt and Getsockopt
// refuse a value whose size is not the type's (see Setsockopt).
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/sol-socket-socket-options
const (
	// SO_REUSEADDR (BOOL, 4 bytes) lets bind take a local address already
	// in use, even by an active socket of another process unless it set
	// SO_EXCLUSIVEADDRUSE. Its Windows meaning is much wider than POSIX's:
	// see MSDN's "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE".
	SO_REUSEADDR int32 = winconst.SO_REUSEADDR
	// SO_EXCLUSIVEADDRUSE (BOOL, 4 bytes), set before Bind, keeps every
	// other socket from binding the same address, SO_REUSEADDR or not.
	SO_EXCLUSIVEADDRUSE int32 = winconst.SO_EXCLUSIVEADDRUSE
	// SO_LINGER (wintypes.LINGER, 4 bytes) says what Closesocket does with
	// unsent data; see SetsockoptLinger.
	SO_LINGER int32 = winconst.SO_LINGER
	// SO_RCVBUF (int, 4 bytes): the receive buffer size, in bytes.
	SO_RCVBUF int32 = winconst.SO_RCVBUF
	// SO_SNDBUF (int, 4 bytes): the send buffer size, in bytes.
	SO_SNDBUF int32 = winconst.SO_SNDBUF
	// SO_ERROR (int, 4 bytes, Getsockopt only): the socket's pending
	// error, cleared by reading it.
	SO_ERROR int32 = winconst.SO_ERROR
	// SO_TYPE (int, 4 bytes, Getsockopt only): the socket's type,
	// SOCK_STREAM or SOCK_DGRAM.
	SO_TYPE int32 = winconst.SO_TYPE
	// SO_UPDATE_ACCEPT_CONTEXT (a SOCKET, pointer-sized: 8 bytes on amd64,
	// 4 on 386; Setsockopt only) gives a socket accepted by AcceptEx the
	// properties of its listening socket, the value; until it is set,
	// Getpeername, Getsockname and Shutdown fail on it. Use
	// SetsockoptSocket.
	//
	// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-acceptex
	SO_UPDATE_ACCEPT_CONTEXT int32 = winconst.SO_UPDATE_ACCEPT_CONTEXT
	// SO_UPDATE_CONNECT_CONTEXT (no value: optval nil; Setsockopt only)
	// gives a socket connected by ConnectEx the state of a connected
	// socket; until it is set, Getpeername, Getsockname and Shutdown fail
	// on it.
	//
	// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nc-mswsock-lpfn_connectex
	SO_UPDATE_CONNECT_CONTEXT int32 = winconst.SO_UPDATE_CONNECT_CONTEXT
)

// TCP_NODELAY (BOOL, 4 bytes; level IPPROTO_TCP) turns Nagle's algorithm
// off when non-zero: small sends go out at once instead of being
// coalesced.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options
const TCP_NODELAY int32 = winconst.TCP_NODELAY

// Commands of Ioctlsocket. They are uint32 (C's long holds them as
// negative numbers: FIONBIO is 0x8004667e).
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/winsock-ioctls
const (
	// FIONBIO sets the socket non-blocking when *argp is non-zero,
	// blocking when it is 0.
	FIONBIO uint32 = winconst.FIONBIO
	// FIONREAD sets *argp to the number of bytes a receive would return
	// at once (for a datagram socket, the size of the first datagram).
	FIONREAD uint32 = winconst.FIONREAD
)

// SIO_GET_EXTENSION_FUNCTION_POINTER is WSAIoctl's dwIoControlCode that
// returns the address of a Winsock extension function (AcceptEx,
// ConnectEx, ...) for the provider of the socket: lpvInBuffer holds the
// function's GUID (WSAID_X, 16 bytes), lpvOutBuffer receives the pointer
// (pointer-sized). wincgo's own extension wrappers ask for it themselves.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/sio-get-extension-function-pointer
const SIO_GET_EXTENSION_FUNCTION_POINTER uint32 = winconst.SIO_GET_EXTENSION_FUNCTION_POINTER

// sizeofBOOL is the size of the BOOL, int and DWORD option values.
const sizeofBOOL = unsafe.Sizeof(int32(0))

// optionSize returns the size Winsock documents for the value of the
// option (level, optname) and what that value is, for the message, when
// wincgo knows the option; ok is false for the others, whose size Windows
// alone checks.
func optionSize(level, optname int32) (size uintptr, what string, ok bool) {
	switch level {
	case SOL_SOCKET:
		switch optname {
		case SO_REUSEADDR, SO_EXCLUSIVEADDRUSE:
			return sizeofBOOL, "a BOOL", true
		case SO_RCVBUF, SO_SNDBUF, SO_ERROR, SO_TYPE:
			return sizeofBOOL, "an int", true
		case SO_LINGER:
			return unsafe.Sizeof(wintypes.LINGER{}), "a LINGER", true
		case SO_UPDATE_ACCEPT_CONTEXT:
			// A SOCKET is pointer-sized: twisted#5104 passed 4 bytes on
			// 64-bit Windows.
			return unsafe.Sizeof(wintypes.SOCKET(0)), "a SOCKET, pointer-sized", true
		case SO_UPDATE_CONNECT_CONTEXT:
			return 0, "no value (optval nil)", true
		}
	case IPPROTO_TCP:
		if optname == TCP_NODELAY {
			return sizeofBOOL, "a BOOL", true
		}
	}
	return 0, "", false
}

// checkOptlen refuses an option value of n bytes that cannot be the value
// of (level, optname): more than a C int can count, or, for an option
// wincgo knows, not its documented size (exact, so that a setter never
// passes a truncated or padded value; at least, so that a getter has room).
// It returns n as a C int.
func checkOptlen(level, optname int32, n int, exact bool) (int32, error) {
	if n > math.MaxInt32 {
		return 0, &wincgoerrors.InputError{Name: "optval", Value: n,
			Message: fmt.Sprintf("received %d bytes, more than optlen, a C int, can count (%d)", n, math.MaxInt32)}
	}
	size, what, ok := optionSize(level, optname)
	if !ok {
		return int32(n), nil
	}
	if exact && uintptr(n) != size {
		return 0, &wincgoerrors.InputError{Name: "optval", Value: n,
			Message: fmt.Sprintf("received %d bytes for option %#x of level %#x, expected %d, the size of its value, %s", n, uint32(optname), uint32(level), size, what)}
	}
	if !exact && uintptr(n) < size {
		return 0, &wincgoerrors.InputError{Name: "optval", Value: n,
			Message: fmt.Sprintf("received %d bytes for option %#x of level %#x, expected at least %d, the size of its value, %s", n, uint32(optname), uint32(level), size, what)}
	}
	return int32(n), nil
}

// checkIoctlBuffers refuses WSAIoctl buffers too short for a code wincgo
// knows: the input it reads (exactly a GUID for
// SIO_GET_EXTENSION_FUNCTION_POINTER) and the output it writes.
func checkIoctlBuffers(code uint32, inLen, outLen int) error {
	var in, out uintptr
	var exactIn bool
	var inWhat, outWhat string
	switch code {
	case SIO_GET_EXTENSION_FUNCTION_POINTER:
		in, exactIn, inWhat = sizeofGUID, true, "a GUID (WSAID_X)"
		out, outWhat = unsafe.Sizeof(uintptr(0)), "a function pointer"
	case FIONBIO:
		in, inWhat = sizeofBOOL, "a u_long"
	case FIONREAD:
		out, outWhat = sizeofBOOL, "a u_long"
	default:
		return nil
	}
	if (exactIn && uintptr(inLen) != in) || uintptr(inLen) < in {
		expected := fmt.Sprintf("at least %d", in)
		if exactIn {
			expected = fmt.Sprint(in)
		}
		return &wincgoerrors.InputError{Name: "lpvInBuffer", Value: inLen,
			Message: fmt.Sprintf("received %d bytes for code %#x, expected %s, the size of %s", inLen, code, expected, inWhat)}
	}
	if uintptr(outLen) < out {
		return &wincgoerrors.InputError{Name: "lpvOutBuffer", Value: outLen,
			Message: fmt.Sprintf("received %d bytes for code %#x, expected at least %d, the size of %s", outLen, code, out, outWhat)}
	}
	return nil
}

// sizeofGUID is the size of C's GUID, the WSAID_X of
// SIO_GET_EXTENSION_FUNCTION_POINTER (16 bytes).
const sizeofGUID uintptr = winconst.WINCGO_SIZEOF_GUID

// bytesPointer returns the first byte of b, or nil for an empty b (C gets
// NULL rather than a pointer to nothing).
func bytesPointer(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}

// WSASocket creates a socket (WSASocketW).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
//
// af is the address family (AF_INET, AF_INET6), typ the socket type
// (SOCK_STREAM, SOCK_DGRAM; MSDN's type, a Go keyword) and protocol the
// protocol (IPPROTO_TCP, IPPROTO_UDP, or 0 for the type's default).
// dwFlags is a combination of the WSA_FLAG_* flags;
// WSA_FLAG_OVERLAPPED|WSA_FLAG_NO_HANDLE_INHERIT is the one to use for
// overlapped I/O on a completion port (kernel32.CreateIoCompletionPort
// with wintypes.HANDLE(s)). Unlike C, there is no lpProtocolInfo or g:
// wincgo passes NULL and 0, which let Winsock pick the first provider of
// (af, typ, protocol) and create no group, as MSDN documents.
//
// The caller owns the socket: Closesocket it exactly once, and do not use
// the value afterwards (Windows reuses it). Unlike a socket from Go's net
// package, it is associated with no completion port yet, so it can join
// a wincgo one (a socket can be associated with one port only).
//
// It returns an *errors.WindowsAPIError carrying Winsock's code when it
// refuses: WSAEAFNOSUPPORT for an unsupported af, WSAESOCKTNOSUPPORT for a
// type the family does not have, WSAEPROTONOSUPPORT or WSAEPROTOTYPE for a
// protocol that does not fit, WSAEMFILE, WSAENOBUFS; the socket is then
// INVALID_SOCKET. wincgo does not check dwFlags: Windows defines more
// flags than this package names (multipoint, WSA_FLAG_REGISTERED_IO).
func WSASocket(af, typ, protocol int32, dwFlags uint32) (wintypes.SOCKET, error) {
	if err := startup(); err != nil {
		return INVALID_SOCKET, err
	}
	r := rawWSASocketW(af, typ, protocol, nil, 0, dwFlags)
	if err := r.Err(); err != nil {
		return INVALID_SOCKET, err
	}
	return wintypes.SOCKET(r.Ret), nil
}

// Closesocket closes a socket.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket
//
// s is the socket, one the caller owns (from WSASocket, or passed as the
// accept socket of AcceptEx); never one of Go's net package, which its Go
// object closes. Closing cancels the socket's pending overlapped
// operations: each still completes, with WSA_OPERATION_ABORTED (Wine 8:
// ERROR_HANDLES_CLOSED for a pending receive), on its completion port or
// OVERLAPPED, and wincgo keeps its memory pinned until then. With SO_LINGER on and a zero timeout the connection is reset
// rather than closed gracefully (see SetsockoptLinger). The value must not
// be used afterwards: Windows reuses it for new sockets and handles.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOTSOCK for a closed or bogus socket, WSAEWOULDBLOCK for a
// non-blocking socket lingering with a non-zero timeout.
func Closesocket(s wintypes.SOCKET) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if err := startup(); err != nil {
		return err
	}
	return rawclosesocket(uintptr(s)).Err()
}

// Bind gives a socket its local address.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-bind
//
// s is the socket. name is the address; unlike C, it is a netip.AddrPort,
// converted to the sockaddr_in (IPv4) or sockaddr_in6 (IPv6) and namelen C
// takes by wintypes.SockaddrFromAddrPort: port 0 lets Windows choose one
// (Getsockname tells which), an unspecified address (0.0.0.0, ::) binds
// every interface. An IPv4-mapped IPv6 address stays IPv6 (for a
// dual-stack AF_INET6 socket); unmap it for an AF_INET socket. ConnectEx
// needs a bound socket.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and for
// a name SockaddrFromAddrPort refuses (an invalid netip.AddrPort, an IPv6
// zone that is not a scope id number), named name, and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAEINVAL for a socket already bound, WSAEADDRINUSE or WSAEACCES for an
// address another socket holds (WSAEACCES: exclusively, see
// SO_EXCLUSIVEADDRUSE), WSAEADDRNOTAVAIL for an address of no local
// interface, WSAEFAULT for an address of the other family, WSAENOTSOCK.
func Bind(s wintypes.SOCKET, name netip.AddrPort) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	sa, namelen, err := wintypes.SockaddrFromAddrPort(name)
	if err != nil {
		return renameInputError(err, "name")
	}
	if err := startup(); err != nil {
		return err
	}
	// The shim is noescape (cdefs/ws2_32/socket.h): bind reads the address
	// during the call only, so sa stays on the stack.
	return rawbind(uintptr(s), unsafe.Pointer(&sa), namelen).Err()
}

// renameInputError gives an *errors.InputError from a conversion helper
// the name of the wrapper's parameter it converted.
func renameInputError(err error, name string) error {
	var input *wincgoerrors.InputError
	if errors.As(err, &input) {
		input.Name = name
	}
	return err
}

// Listen makes a bound stream socket listen for connections, accepted
// with AcceptEx.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen
//
// s is the socket, bound with Bind. backlog is the length of the queue of
// connections not yet accepted: SOMAXCONN for the provider's maximum, or
// a negative -N for SOMAXCONN_HINT(N) (N clamped to 200..65535); Windows
// takes any value and adjusts it, so wincgo checks none. Listening again
// changes the backlog.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAEINVAL for a socket not bound, WSAEOPNOTSUPP for a datagram socket,
// WSAEISCONN for a connected socket, WSAEADDRINUSE, WSAENOTSOCK.
func Listen(s wintypes.SOCKET, backlog int32) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if err := startup(); err != nil {
		return err
	}
	return rawlisten(uintptr(s), backlog).Err()
}

// Getsockname returns a socket's local address.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockname
//
// s is the socket, bound (by Bind, or implicitly by a connect). Unlike C,
// the address is returned as a netip.AddrPort rather than written through
// name and namelen (see wintypes.RawSockaddr.AddrPort: an IPv6 scope id
// becomes the zone). A socket accepted by AcceptEx or connected by
// ConnectEx needs SO_UPDATE_ACCEPT_CONTEXT or SO_UPDATE_CONNECT_CONTEXT
// first.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, and
// one naming Family or Len for an address wincgo does not convert (a
// family other than AF_INET and AF_INET6), and an *errors.WindowsAPIError
// carrying Winsock's code when it refuses: WSAEINVAL for a socket not
// bound, WSAENOTSOCK.
func Getsockname(s wintypes.SOCKET) (netip.AddrPort, error) {
	if err := checkSocket(s); err != nil {
		return netip.AddrPort{}, err
	}
	if err := startup(); err != nil {
		return netip.AddrPort{}, err
	}
	var name wintypes.RawSockaddr
	name.Reset()
	// noescape (cdefs/ws2_32/socket.h): written during the call only, so
	// name stays on the stack.
	r := rawgetsockname(uintptr(s), unsafe.Pointer(&name.Addr), &name.Len)
	if err := r.Err(); err != nil {
		return netip.AddrPort{}, err
	}
	return name.AddrPort()
}

// Getpeername returns the address of a connected socket's peer.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getpeername
//
// s is the socket: a connected stream socket, or a datagram socket with a
// default peer. Unlike C, the address is returned as a netip.AddrPort, as
// Getsockname does. A socket accepted by AcceptEx or connected by
// ConnectEx needs SO_UPDATE_ACCEPT_CONTEXT or SO_UPDATE_CONNECT_CONTEXT
// first, or Windows answers WSAENOTCONN (twisted#7818).
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, and
// one naming Family or Len for an address wincgo does not convert, and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOTCONN for a socket not connected, WSAENOTSOCK.
func Getpeername(s wintypes.SOCKET) (netip.AddrPort, error) {
	if err := checkSocket(s); err != nil {
		return netip.AddrPort{}, err
	}
	if err := startup(); err != nil {
		return netip.AddrPort{}, err
	}
	var name wintypes.RawSockaddr
	name.Reset()
	// noescape, as in Getsockname.
	r := rawgetpeername(uintptr(s), unsafe.Pointer(&name.Addr), &name.Len)
	if err := r.Err(); err != nil {
		return netip.AddrPort{}, err
	}
	return name.AddrPort()
}

// Shutdown disables receives, sends or both on a socket; it does not
// close it (Closesocket does).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-shutdown
//
// s is the socket, connected. how is SD_RECEIVE, SD_SEND or SD_BOTH;
// SD_SEND on a TCP socket sends a FIN once the queued data is sent, the
// graceful way to end a connection before Closesocket.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or a how
// that is none of the three, and an *errors.WindowsAPIError carrying
// Winsock's code when it refuses: WSAENOTCONN for a stream socket not
// connected, WSAENOTSOCK.
func Shutdown(s wintypes.SOCKET, how int32) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if err := check.OneOf("how", how, SD_RECEIVE, SD_SEND, SD_BOTH); err != nil {
		return err
	}
	if err := startup(); err != nil {
		return err
	}
	return rawshutdown(uintptr(s), how).Err()
}

// Setsockopt sets a socket option from its value's bytes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-setsockopt
//
// s is the socket. level is SOL_SOCKET, IPPROTO_TCP, ... and optname the
// option (SO_*, TCP_NODELAY, ...). optval is the value, in its C layout;
// unlike C, optlen is len(optval), and an empty optval passes NULL. The
// typed setters are easier: SetsockoptInt (BOOL and int options),
// SetsockoptLinger (SO_LINGER), SetsockoptSocket (SO_UPDATE_ACCEPT_CONTEXT).
// For the options this package defines, optval must be exactly the size
// of the option's value as MSDN documents it: 4 bytes for a BOOL or an
// int (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_RCVBUF, SO_SNDBUF,
// TCP_NODELAY), 4 for a LINGER, a pointer's size for
// SO_UPDATE_ACCEPT_CONTEXT's SOCKET (8 bytes on amd64: packed in 4, it
// would hand Windows half a socket, twisted#5104), none for
// SO_UPDATE_CONNECT_CONTEXT. Other options are passed as they are, and
// Windows checks them.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, an
// optval longer than a C int can count or of the wrong size for an option
// wincgo knows (the message names the size), and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOPROTOOPT for an option the level or the socket's type does not
// have, WSAEFAULT for an optval too short for an option wincgo does not
// know, WSAEINVAL, WSAENOTSOCK.
func Setsockopt(s wintypes.SOCKET, level, optname int32, optval []byte) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	optlen, err := checkOptlen(level, optname, len(optval), true)
	if err != nil {
		return err
	}
	return setsockopt(s, level, optname, bytesPointer(optval), optlen)
}

// setsockopt calls setsockopt after the checks, for every setter.
func setsockopt(s wintypes.SOCKET, level, optname int32, optval unsafe.Pointer, optlen int32) error {
	if err := startup(); err != nil {
		return err
	}
	// noescape (cdefs/ws2_32/socket.h): setsockopt reads optval during the
	// call only, so a setter's value stays on its stack.
	return rawsetsockopt(uintptr(s), level, optname, optval, optlen).Err()
}

// SetsockoptInt sets a socket option whose value is a BOOL, an int or a
// DWORD (4 bytes): SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_RCVBUF,
// SO_SNDBUF, TCP_NODELAY (level IPPROTO_TCP), ...
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-setsockopt
//
// s, level and optname are Setsockopt's. optval is the value (for a BOOL,
// 1 for TRUE, 0 for FALSE); wincgo passes its 4 bytes as optval and 4 as
// optlen.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or an
// option wincgo knows whose value is not 4 bytes (SO_LINGER: use
// SetsockoptLinger; SO_UPDATE_ACCEPT_CONTEXT on a 64-bit Windows: use
// SetsockoptSocket; SO_UPDATE_CONNECT_CONTEXT: use Setsockopt with a nil
// optval), and an *errors.WindowsAPIError as Setsockopt does.
func SetsockoptInt(s wintypes.SOCKET, level, optname, optval int32) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	optlen, err := checkOptlen(level, optname, int(unsafe.Sizeof(optval)), true)
	if err != nil {
		return err
	}
	return setsockopt(s, level, optname, unsafe.Pointer(&optval), optlen)
}

// SetsockoptLinger sets a socket's SO_LINGER option (level SOL_SOCKET):
// what Closesocket does with data not yet sent.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/so-linger
//
// s is the socket. l is the value (C's struct linger): Onoff 0 (the
// default) closes at once and sends the data in the background; Onoff
// non-zero with Linger 0 resets the connection (a "hard" close: the data
// is discarded); Onoff non-zero with Linger N makes Closesocket wait up
// to N seconds for the data to go (on a non-blocking socket it fails with
// WSAEWOULDBLOCK instead). Unlike C, there is no level, optname or
// optlen.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOPROTOOPT, WSAEINVAL, WSAENOTSOCK.
func SetsockoptLinger(s wintypes.SOCKET, l wintypes.LINGER) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	return setsockopt(s, SOL_SOCKET, SO_LINGER, unsafe.Pointer(&l), int32(unsafe.Sizeof(l)))
}

// SetsockoptSocket sets a socket option whose value is a SOCKET:
// SO_UPDATE_ACCEPT_CONTEXT (level SOL_SOCKET), which a socket accepted by
// AcceptEx needs, with the listening socket as the value, before
// Getpeername, Getsockname or Shutdown work on it (twisted#7818).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-acceptex
//
// s is the socket to set it on (the accepted one), level and optname are
// Setsockopt's. optval is the SOCKET; wincgo passes all of it,
// pointer-sized (8 bytes on amd64, 4 on 386), as MSDN's
// setsockopt(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&sListenSocket,
// sizeof(sListenSocket)) does: twisted#5104 packed it in 4 bytes.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or
// optval and for an option wincgo knows whose value is not a SOCKET, and
// an *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOTSOCK, WSAEINVAL, WSAEFAULT.
func SetsockoptSocket(s wintypes.SOCKET, level, optname int32, optval wintypes.SOCKET) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if err := check.NonNull("optval", optval); err != nil {
		return err
	}
	if optval == INVALID_SOCKET {
		return &wincgoerrors.InputError{Name: "optval", Value: optval, Message: "received INVALID_SOCKET, expected an open socket"}
	}
	optlen, err := checkOptlen(level, optname, int(unsafe.Sizeof(optval)), true)
	if err != nil {
		return err
	}
	return setsockopt(s, level, optname, unsafe.Pointer(&optval), optlen)
}

// Getsockopt reads a socket option into optval and returns the number of
// bytes Windows wrote.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockopt
//
// s is the socket, level and optname are Setsockopt's. optval receives
// the value, in its C layout; unlike C, optlen is len(optval) on input
// and the count returned on output. For the options this package defines,
// optval must have room for the value as MSDN documents it (see
// Setsockopt); Windows may write fewer bytes (a BOOL option as one byte:
// TCP_NODELAY, observed under Wine), so clear optval first. GetsockoptInt is easier for 4-byte values.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and an
// optval longer than a C int can count or shorter than the value of an
// option wincgo knows (the message names the size), and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOPROTOOPT for an option the level or the socket's type does not
// have (or that is set-only), WSAEFAULT for an optval too short for an
// option wincgo does not know, WSAEINVAL, WSAENOTSOCK.
func Getsockopt(s wintypes.SOCKET, level, optname int32, optval []byte) (int, error) {
	if err := checkSocket(s); err != nil {
		return 0, err
	}
	optlen, err := checkOptlen(level, optname, len(optval), false)
	if err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	// noescape (cdefs/ws2_32/socket.h): written during the call only.
	r := rawgetsockopt(uintptr(s), level, optname, bytesPointer(optval), &optlen)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return int(optlen), nil
}

// GetsockoptInt reads a socket option whose value is a BOOL, an int or a
// DWORD (4 bytes): SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_RCVBUF,
// SO_SNDBUF, SO_ERROR, SO_TYPE, TCP_NODELAY (level IPPROTO_TCP), ...
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockopt
//
// s, level and optname are Getsockopt's. Unlike C, the value is returned
// (a BOOL as 0 or non-zero: Windows may write it as a single byte, into a
// value wincgo zeroes first).
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or an
// option wincgo knows whose value is larger than 4 bytes
// (SO_UPDATE_ACCEPT_CONTEXT on a 64-bit Windows), and an
// *errors.WindowsAPIError as Getsockopt does.
func GetsockoptInt(s wintypes.SOCKET, level, optname int32) (int32, error) {
	if err := checkSocket(s); err != nil {
		return 0, err
	}
	var optval int32
	optlen, err := checkOptlen(level, optname, int(unsafe.Sizeof(optval)), false)
	if err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	// noescape (cdefs/ws2_32/socket.h): optval stays on the stack.
	r := rawgetsockopt(uintptr(s), level, optname, unsafe.Pointer(&optval), &optlen)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return optval, nil
}

// Ioctlsocket controls a socket's I/O mode.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-ioctlsocket
//
// s is the socket. cmd is FIONBIO (*argp non-zero: non-blocking, 0:
// blocking), FIONREAD (*argp receives the number of bytes readable at
// once) or SIOCATMARK; unlike C's long, it is a uint32, since FIONBIO's
// value has the sign bit set. argp points to the command's argument, read
// and written during the call only.
//
// A socket selected with WSAEventSelect cannot be made blocking (Windows
// answers WSAEINVAL): cancel the selection first.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s or a nil
// argp, and an *errors.WindowsAPIError carrying Winsock's code when it
// refuses: WSAEINVAL for FIONBIO 0 on a socket selected with
// WSAEventSelect, WSAEFAULT, WSAENOTSOCK; a command the provider does not
// know fails with a code of its own (WSAEOPNOTSUPP, observed under Wine).
func Ioctlsocket(s wintypes.SOCKET, cmd uint32, argp *uint32) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if argp == nil {
		// Value is a typed nil, not argp: storing argp would make it
		// escape, and every caller's argument with it.
		return &wincgoerrors.InputError{Name: "argp", Value: (*uint32)(nil), Message: "received nil, expected a pointer to the command's argument"}
	}
	if err := startup(); err != nil {
		return err
	}
	// int32(cmd): C's long has the same 32 bits.
	return rawioctlsocket(uintptr(s), int32(cmd), argp).Err()
}

// WSAIoctl controls a socket's mode or asks its provider for something
// (SIO_GET_EXTENSION_FUNCTION_POINTER, ...), synchronously, and returns
// the number of bytes written to lpvOutBuffer.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaioctl
//
// s is the socket. dwIoControlCode is the code (uint32, like FIONBIO, see
// MSDN's "Winsock IOCTLs"). lpvInBuffer is the input and lpvOutBuffer
// receives the output; unlike C, cbInBuffer and cbOutBuffer are their
// lengths (an empty one passes NULL and 0) and lpcbBytesReturned is the
// count returned. Unlike C, there is no lpOverlapped or
// lpCompletionRoutine: wincgo passes NULL, so the call is synchronous
// and Windows is done with both buffers when it returns (a code that
// would block blocks; one that only completes overlapped is not
// available).
//
// For the codes this package defines, the buffers must fit what the code
// reads and writes: SIO_GET_EXTENSION_FUNCTION_POINTER takes a 16-byte
// GUID and writes at least a pointer (8 bytes on amd64, 4 on 386),
// FIONBIO reads a 4-byte u_long and FIONREAD writes one. wincgo checks
// this before the call because a provider may write the full value
// whatever cbOutBuffer says (observed under Wine for
// SIO_GET_EXTENSION_FUNCTION_POINTER with a 4-byte buffer), which would
// overwrite Go memory; Windows documents WSAEFAULT.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, a
// buffer longer than a DWORD can count or too short for a code wincgo
// knows (the message names the size), and an *errors.WindowsAPIError
// carrying Winsock's code when it refuses: WSAEINVAL for a code it does
// not know or an input it refuses, WSAEFAULT for a buffer too short,
// WSAEOPNOTSUPP, WSAENOTSOCK.
func WSAIoctl(s wintypes.SOCKET, dwIoControlCode uint32, lpvInBuffer, lpvOutBuffer []byte) (int, error) {
	if err := checkSocket(s); err != nil {
		return 0, err
	}
	cbInBuffer, err := check.Len("lpvInBuffer", len(lpvInBuffer), "bytes")
	if err != nil {
		return 0, err
	}
	cbOutBuffer, err := check.Len("lpvOutBuffer", len(lpvOutBuffer), "bytes")
	if err != nil {
		return 0, err
	}
	if err := checkIoctlBuffers(dwIoControlCode, len(lpvInBuffer), len(lpvOutBuffer)); err != nil {
		return 0, err
	}
	if err := startup(); err != nil {
		return 0, err
	}
	var cbBytesReturned uint32
	// noescape (cdefs/ws2_32/socket.h): synchronous, every buffer is used
	// during the call only.
	r := rawWSAIoctl(uintptr(s), dwIoControlCode, bytesPointer(lpvInBuffer), cbInBuffer,
		bytesPointer(lpvOutBuffer), cbOutBuffer, &cbBytesReturned, nil, nil)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return int(cbBytesReturned), nil
}
