//go:build windows

package ws2_32_test

import (
	"syscall"

	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// Each constant has the Go type of the parameter, field or result it
// belongs to: new(X) of an untyped constant would be an *int and this
// would not compile (see kernel32/constants_test.go).
var (
	// WSAEventSelect's lNetworkEvents and WSANETWORKEVENTS.LNetworkEvents.
	_ = []*uint32{
		new(ws2_32.FD_READ), new(ws2_32.FD_WRITE), new(ws2_32.FD_OOB), new(ws2_32.FD_ACCEPT),
		new(ws2_32.FD_CONNECT), new(ws2_32.FD_CLOSE), new(ws2_32.FD_QOS), new(ws2_32.FD_GROUP_QOS),
		new(ws2_32.FD_ROUTING_INTERFACE_CHANGE), new(ws2_32.FD_ADDRESS_LIST_CHANGE), new(ws2_32.FD_ALL_EVENTS),
	}
	// Indexes of WSANETWORKEVENTS.IErrorCode.
	_ = []*int{
		new(ws2_32.FD_READ_BIT), new(ws2_32.FD_WRITE_BIT), new(ws2_32.FD_OOB_BIT), new(ws2_32.FD_ACCEPT_BIT),
		new(ws2_32.FD_CONNECT_BIT), new(ws2_32.FD_CLOSE_BIT), new(ws2_32.FD_QOS_BIT), new(ws2_32.FD_GROUP_QOS_BIT),
		new(ws2_32.FD_ROUTING_INTERFACE_CHANGE_BIT), new(ws2_32.FD_ADDRESS_LIST_CHANGE_BIT), new(wintypes.FD_MAX_EVENTS),
	}
	// Winsock's codes, as WindowsAPIError.Errno carries them.
	_ = []*syscall.Errno{
		new(ws2_32.WSA_INVALID_HANDLE), new(ws2_32.WSA_INVALID_PARAMETER), new(ws2_32.WSA_NOT_ENOUGH_MEMORY),
		new(ws2_32.WSAEFAULT), new(ws2_32.WSAEINVAL), new(ws2_32.WSAEMFILE), new(ws2_32.WSAEWOULDBLOCK),
		new(ws2_32.WSAEINPROGRESS), new(ws2_32.WSAENOTSOCK), new(ws2_32.WSAENETDOWN), new(ws2_32.WSAECONNABORTED),
		new(ws2_32.WSAECONNRESET), new(ws2_32.WSAENOBUFS), new(ws2_32.WSAEPROCLIM), new(ws2_32.WSASYSNOTREADY),
		new(ws2_32.WSAVERNOTSUPPORTED), new(ws2_32.WSANOTINITIALISED),
	}
	_ = []*wintypes.SOCKET{new(ws2_32.INVALID_SOCKET)}
	_ = []*wintypes.WSAEVENT{new(ws2_32.WSA_INVALID_EVENT)}
)
