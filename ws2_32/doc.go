//go:build windows

// Package ws2_32 binds the Winsock functions of ws2_32.dll that wincgo
// offers (pywincffi's pywincffi.ws2_32): the event-based notification an
// event loop needs, WSACreateEvent, WSAEventSelect, WSAEnumNetworkEvents
// and WSACloseEvent, and WSAGetLastError. A socket's WSAEVENT waits with
// kernel objects in user32.MsgWaitForMultipleObjects.
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
// Sockets come from Go's net package (wintypes.SocketFromConn on a
// *net.TCPListener or *net.TCPConn) or are raw SOCKET values the caller
// created. The Go object owns its socket: do not close its SOCKET yourself,
// close the Go object, and stop using the SOCKET value afterwards.
//
// # Conventions
//
// As everywhere in wincgo (see the README's Conventions,
// https://github.com/wincgo/wincgo#conventions), parameters are MSDN's, in
// MSDN's order, and constants have the type of the parameter or field they
// belong to: the FD_* events are uint32, like WSAEventSelect's
// lNetworkEvents and WSANETWORKEVENTS.LNetworkEvents, the FD_*_BIT indexes
// of WSANETWORKEVENTS.IErrorCode are ints, and the WSA* error codes are
// syscall.Errno values.
//
// # Errors
//
// Winsock reports failures through WSAGetLastError; each wrapper reads it
// in the same C call as the function, so the *errors.WindowsAPIError it
// returns carries the WSA code (errors.Is(err, ws2_32.WSAENOTSOCK)).
package ws2_32
