//go:build windows

// Package ws2_32 binds the Winsock functions of ws2_32.dll that wincgo
// offers (pywincffi's pywincffi.ws2_32): the event-based notification an
// event loop needs, WSACreateEvent, WSAEventSelect, WSAEnumNetworkEvents
// and WSACloseEvent, and WSAGetLastError; and a socket's life, WSASocket,
// Bind, Listen, Getsockname, Getpeername, Shutdown, Setsockopt and
// Getsockopt (with typed setters), Ioctlsocket, WSAIoctl and Closesocket;
// and overlapped socket I/O for a completion port, WSARecv, WSARecvFrom,
// WSASend, WSASendTo and WSAGetOverlappedResult, and the mswsock.h
// extensions AcceptEx, GetAcceptExSockaddrs, ConnectEx, DisconnectEx and
// TransmitFile.
//
// # Two ways to serve sockets
//
// By readiness, for a reactor: WSAEventSelect has a socket signal an
// event when it can be read, written or accepted on; the event waits with
// other kernel objects in user32.MsgWaitForMultipleObjects (examples/demo),
// or reaches a completion port through kernel32.RegisterWaitForSingleObject,
// and the program then calls again to read or write. This works on
// sockets of Go's net package too. See
// https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect
//
// By completion, for a proactor: a socket from WSASocket with
// WSA_FLAG_OVERLAPPED, associated with a port
// (kernel32.CreateIoCompletionPort), takes overlapped AcceptEx, ConnectEx,
// WSARecv, WSASend, WSARecvFrom and WSASendTo; each operation's
// completion is a packet on the port, the data already in the buffers
// (examples/proactor; README.md, "Sockets on the port",
// https://github.com/wincgo/wincgo#sockets-on-the-port). Sockets of Go's
// net package cannot take this way (see Sockets below). See
// https://learn.microsoft.com/en-us/windows/win32/fileio/i-o-completion-ports
//
// # Initialisation
//
// Winsock must be initialised (WSAStartup) before use. Go's net package
// does so when a program imports it, but a program using only this package
// would get WSANOTINITIALISED: so every wrapper here that calls Winsock
// first calls WSAStartup for version 2.2, once per process. Winsock
// counts its initialisations; wincgo never calls WSACleanup, so Winsock
// stays initialised until the process exits.
//
// # Sockets
//
// Sockets come from WSASocket, from Go's net package
// (wintypes.SocketFromConn on a *net.TCPListener or *net.TCPConn), or are
// raw SOCKET values the caller created otherwise.
//
// A socket from WSASocket is the caller's: it closes it with Closesocket,
// exactly once, and stops using the value afterwards (Windows reuses it).
// Created with WSA_FLAG_OVERLAPPED, it can join a wincgo completion port
// (kernel32.CreateIoCompletionPort with wintypes.HANDLE(s)).
//
// A socket from Go's net package belongs to its Go object: do not close
// its SOCKET yourself, close the Go object, and stop using the SOCKET
// value afterwards. It cannot join a wincgo completion port: Go's runtime
// already associated it with its own, and a socket has one port for
// life (Windows refuses a second with ERROR_INVALID_PARAMETER). Use
// WSASocket for sockets whose I/O goes through your port.
//
// # Overlapped I/O
//
// WSARecv, WSARecvFrom, WSASend, WSASendTo, AcceptEx, ConnectEx,
// DisconnectEx and TransmitFile start overlapped operations with the
// lifecycle of kernel32's ReadFile and WriteFile: see the kernel32 package
// documentation, "Overlapped operations"
// (https://pkg.go.dev/github.com/wincgo/wincgo/kernel32#hdr-Overlapped_operations):
// nil means completed at once, WSA_IO_PENDING (the bare syscall.Errno,
// which kernel32.ERROR_IO_PENDING matches too) pending, any other error
// failed with nothing pending.
// All the memory Winsock keeps while one is in flight stays pinned until
// it is collected, by its completion port packet
// (kernel32.GetQueuedCompletionStatus(Ex)) or by WSAGetOverlappedResult:
// the OVERLAPPED, the buffers, the WSABUF array, WSARecv's flags, the
// address (wintypes.RawSockaddr) and TransmitFile's TRANSMIT_FILE_BUFFERS
// with its head and tail. The extension functions are reached the
// documented way, through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER),
// once per process.
//
// # Conventions
//
// As everywhere in wincgo (see the README's Conventions,
// https://github.com/wincgo/wincgo#conventions), parameters are MSDN's, in
// MSDN's order, and constants have the type of the parameter or field they
// belong to: the FD_* events are uint32, like WSAEventSelect's
// lNetworkEvents and WSANETWORKEVENTS.LNetworkEvents, the FD_*_BIT indexes
// of WSANETWORKEVENTS.IErrorCode are ints, the AF_*, SOCK_*, IPPROTO_*,
// SOL_SOCKET, SO_*, TCP_NODELAY and SD_* values are int32 like the C ints
// they are passed as, the WSA_FLAG_* flags and the FIONBIO, FIONREAD and
// SIO_* codes are uint32, like the MSG_* flags (WSARecv's *lpFlags,
// WSASend's dwFlags) and the TF_* flags, and the WSA* error codes are syscall.Errno
// values. Addresses are netip.AddrPort values, converted to and from C's
// sockaddr by wintypes (SOCKADDR_INET).
//
// # Errors
//
// Winsock reports failures through WSAGetLastError; each wrapper reads it
// in the same C call as the function, so the *errors.WindowsAPIError it
// returns carries the WSA code (errors.Is(err, ws2_32.WSAENOTSOCK)).
package ws2_32
