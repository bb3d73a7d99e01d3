//go:build windows

package ws2_32

import (
	"syscall"
	"unsafe"

	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Network events, for WSAEventSelect's lNetworkEvents and
// WSANETWORKEVENTS.LNetworkEvents, both uint32 bit sets (C's long, a
// 32-bit mask whose sign bit no event uses). FD_X is 1<<FD_X_BIT, and
// FD_X_BIT, an int, is the index of the event's error code in
// WSANETWORKEVENTS.IErrorCode.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect
const (
	// FD_READ: data can be read.
	FD_READ uint32 = winconst.FD_READ
	// FD_WRITE: data can be written (after connect or accept, and after a
	// send that failed with WSAEWOULDBLOCK).
	FD_WRITE uint32 = winconst.FD_WRITE
	// FD_OOB: out-of-band data can be read.
	FD_OOB uint32 = winconst.FD_OOB
	// FD_ACCEPT: a listening socket has a connection to accept.
	FD_ACCEPT uint32 = winconst.FD_ACCEPT
	// FD_CONNECT: a connect completed (successfully or not).
	FD_CONNECT uint32 = winconst.FD_CONNECT
	// FD_CLOSE: the peer closed the connection (or it was reset).
	FD_CLOSE uint32 = winconst.FD_CLOSE
	// FD_QOS: the socket's quality of service changed.
	FD_QOS uint32 = winconst.FD_QOS
	// FD_GROUP_QOS: reserved.
	FD_GROUP_QOS uint32 = winconst.FD_GROUP_QOS
	// FD_ROUTING_INTERFACE_CHANGE: the routing interface for the
	// destination given to WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE) changed.
	FD_ROUTING_INTERFACE_CHANGE uint32 = winconst.FD_ROUTING_INTERFACE_CHANGE
	// FD_ADDRESS_LIST_CHANGE: the local address list of the socket's
	// protocol family changed (WSAIoctl(SIO_ADDRESS_LIST_CHANGE)).
	FD_ADDRESS_LIST_CHANGE uint32 = winconst.FD_ADDRESS_LIST_CHANGE
	// FD_ALL_EVENTS: every event above.
	FD_ALL_EVENTS uint32 = winconst.FD_ALL_EVENTS

	FD_READ_BIT                     int = winconst.FD_READ_BIT
	FD_WRITE_BIT                    int = winconst.FD_WRITE_BIT
	FD_OOB_BIT                      int = winconst.FD_OOB_BIT
	FD_ACCEPT_BIT                   int = winconst.FD_ACCEPT_BIT
	FD_CONNECT_BIT                  int = winconst.FD_CONNECT_BIT
	FD_CLOSE_BIT                    int = winconst.FD_CLOSE_BIT
	FD_QOS_BIT                      int = winconst.FD_QOS_BIT
	FD_GROUP_QOS_BIT                int = winconst.FD_GROUP_QOS_BIT
	FD_ROUTING_INTERFACE_CHANGE_BIT int = winconst.FD_ROUTING_INTERFACE_CHANGE_BIT
	FD_ADDRESS_LIST_CHANGE_BIT      int = winconst.FD_ADDRESS_LIST_CHANGE_BIT
)

// WSA_INVALID_EVENT is the WSAEVENT WSACreateEvent returns when it fails:
// NULL ((WSAEVENT)NULL in winsock2.h, which cgo cannot import as a
// constant).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent
const WSA_INVALID_EVENT wintypes.WSAEVENT = 0

// WSACreateEvent creates a manual-reset, initially non-signalled, unnamed
// event object, for WSAEventSelect.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent
//
// The event is an ordinary event HANDLE (wintypes.WSAEVENT.Handle): the
// wait functions, kernel32.SetEvent and kernel32.ResetEvent accept it.
// Close it with WSACloseEvent.
//
// It returns an *errors.WindowsAPIError when Winsock cannot be initialised
// or the event cannot be created (WSA_NOT_ENOUGH_MEMORY).
func WSACreateEvent() (wintypes.WSAEVENT, error) {
	if err := startup(); err != nil {
		return WSA_INVALID_EVENT, err
	}
	r := rawWSACreateEvent()
	if err := r.Err(); err != nil {
		return WSA_INVALID_EVENT, err
	}
	return wintypes.WSAEVENT(r.Ret), nil
}

// WSACloseEvent closes an event object created by WSACreateEvent.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacloseevent
//
// hEvent is the event to close. Cancel its association with a socket
// first (WSAEventSelect with lNetworkEvents 0), or close the socket:
// Winsock would otherwise signal a closed, possibly reused, handle value.
//
// It returns an *errors.InputError for a NULL hEvent and an
// *errors.WindowsAPIError when Winsock refuses: WSA_INVALID_HANDLE for an
// event that is not open.
func WSACloseEvent(hEvent wintypes.WSAEVENT) error {
	if err := check.NonNull("hEvent", hEvent); err != nil {
		return err
	}
	if err := startup(); err != nil {
		return err
	}
	return rawWSACloseEvent(uintptr(hEvent)).Err()
}

// WSAEventSelect associates an event object with a set of network events
// of a socket: from then on, each of those events sets hEventObject, and
// WSAEnumNetworkEvents tells which ones occurred.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect
//
// s is the socket (wintypes.SocketFromConn gives a Go connection's or
// listener's; see the package documentation for who owns it). hEventObject
// is the event to set, usually from WSACreateEvent. lNetworkEvents is a
// combination of the FD_* flags; 0 cancels the association, and
// hEventObject may then be 0. A new call replaces the previous association
// of s.
//
// WSAEventSelect makes s non-blocking, as Go's own sockets already are.
// Go's Accept, Read and Write keep working on a net.Listener or net.Conn
// whose socket is selected: they use overlapped I/O, which non-blocking
// mode does not change (examples/demo relies on that, under Wine too).
// Sockets accepted from a listening socket that has an association
// inherit it; give each its own with another WSAEventSelect.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s, a NULL
// hEventObject with a non-zero lNetworkEvents, or a flag outside
// FD_ALL_EVENTS, and an *errors.WindowsAPIError carrying Winsock's code when
// it refuses: WSAENOTSOCK for a closed or bogus socket, WSAEINVAL.
func WSAEventSelect(s wintypes.SOCKET, hEventObject wintypes.WSAEVENT, lNetworkEvents uint32) error {
	if err := checkSocket(s); err != nil {
		return err
	}
	if err := check.Flags("lNetworkEvents", lNetworkEvents, FD_ALL_EVENTS); err != nil {
		return err
	}
	if lNetworkEvents != 0 {
		if err := check.NonNull("hEventObject", hEventObject); err != nil {
			return err
		}
	}
	if err := startup(); err != nil {
		return err
	}
	return rawWSAEventSelect(uintptr(s), uintptr(hEventObject), int32(lNetworkEvents)).Err()
}

// WSAEnumNetworkEvents returns the network events that occurred on a
// socket since the last call, clears that record and, if hEventObject is
// not 0, resets that event, all atomically: the next occurrence sets the
// event again.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaenumnetworkevents
//
// s is the socket, selected with WSAEventSelect. hEventObject is the event
// associated with it, to reset; 0 (NULL in C) resets none. Unlike C, the
// record is returned rather than written through lpNetworkEvents: its
// LNetworkEvents is the set of FD_* flags that occurred, and
// IErrorCode[FD_X_BIT] the error code of event FD_X (0 for success, a WSA
// code such as WSAECONNRESET or WSAECONNABORTED for FD_CLOSE otherwise);
// the codes of events that did not occur are 0.
//
// It returns an *errors.InputError for a NULL or INVALID_SOCKET s and an
// *errors.WindowsAPIError carrying Winsock's code when it refuses:
// WSAENOTSOCK for a closed or bogus socket, WSAEINVAL. On failure nothing
// is cleared or reset.
func WSAEnumNetworkEvents(s wintypes.SOCKET, hEventObject wintypes.WSAEVENT) (wintypes.WSANETWORKEVENTS, error) {
	var events wintypes.WSANETWORKEVENTS
	if err := checkSocket(s); err != nil {
		return events, err
	}
	if err := startup(); err != nil {
		return events, err
	}
	// events mirrors C's WSANETWORKEVENTS (wintypes asserts the layout) and
	// holds no Go pointer: Winsock may fill it in place. The shim is
	// noescape (cdefs/ws2_32/events.h): Winsock fills the record during the
	// call only, so it stays on the Go stack (no allocation).
	r := rawWSAEnumNetworkEvents(uintptr(s), uintptr(hEventObject), unsafe.Pointer(&events))
	if err := r.Err(); err != nil {
		return wintypes.WSANETWORKEVENTS{}, err
	}
	return events, nil
}

// WSAGetLastError returns the calling OS thread's last Winsock error.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsagetlasterror
//
// It is here for completeness (pywincffi has it) but rarely useful from
// Go: the value belongs to the OS thread, and Go moves goroutines between
// threads and makes Windows calls of its own between two cgo calls, so
// what a later call reads may be another call's error. Every wincgo
// ws2_32 wrapper already reads it in the same C call as the function and
// returns it in its *errors.WindowsAPIError. It is meaningful only on a
// goroutine locked to its thread (runtime.LockOSThread), right after a
// Winsock call made on that thread by other code (C code of your own, or a
// DLL) that does not report the error itself.
func WSAGetLastError() syscall.Errno {
	return syscall.Errno(rawWSAGetLastError())
}

// checkSocket refuses the SOCKET values that name no socket: 0, which
// Winsock never hands out (the Go zero value of a forgotten socket), and
// INVALID_SOCKET.
func checkSocket(s wintypes.SOCKET) error { return checkSocketNamed("s", s) }
