//go:build windows

package ws2_32_test

import (
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/windows"

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
		new(ws2_32.WSAEACCES), new(ws2_32.WSAEMSGSIZE), new(ws2_32.WSAEPROTOTYPE), new(ws2_32.WSAENOPROTOOPT),
		new(ws2_32.WSAEPROTONOSUPPORT), new(ws2_32.WSAESOCKTNOSUPPORT), new(ws2_32.WSAEOPNOTSUPP),
		new(ws2_32.WSAEAFNOSUPPORT), new(ws2_32.WSAEADDRINUSE), new(ws2_32.WSAEADDRNOTAVAIL), new(ws2_32.WSAEISCONN),
		new(ws2_32.WSAENOTCONN), new(ws2_32.WSAESHUTDOWN), new(ws2_32.WSAECONNREFUSED), new(ws2_32.WSA_IO_PENDING),
		new(ws2_32.WSA_OPERATION_ABORTED),
	}
	// C ints: WSASocket's af, type and protocol, Listen's backlog,
	// Shutdown's how, the level and optname of Setsockopt and Getsockopt.
	_ = []*int32{
		new(ws2_32.AF_UNSPEC), new(ws2_32.AF_INET), new(ws2_32.AF_INET6),
		new(ws2_32.SOCK_STREAM), new(ws2_32.SOCK_DGRAM), new(ws2_32.IPPROTO_TCP), new(ws2_32.IPPROTO_UDP),
		new(ws2_32.SOMAXCONN), new(ws2_32.SD_RECEIVE), new(ws2_32.SD_SEND), new(ws2_32.SD_BOTH),
		new(ws2_32.SOL_SOCKET), new(ws2_32.SO_REUSEADDR), new(ws2_32.SO_EXCLUSIVEADDRUSE), new(ws2_32.SO_LINGER),
		new(ws2_32.SO_RCVBUF), new(ws2_32.SO_SNDBUF), new(ws2_32.SO_ERROR), new(ws2_32.SO_TYPE),
		new(ws2_32.SO_UPDATE_ACCEPT_CONTEXT), new(ws2_32.SO_UPDATE_CONNECT_CONTEXT), new(ws2_32.TCP_NODELAY),
	}
	// WSASocket's dwFlags, Ioctlsocket's cmd, WSAIoctl's dwIoControlCode.
	_ = []*uint32{
		new(ws2_32.WSA_FLAG_OVERLAPPED), new(ws2_32.WSA_FLAG_NO_HANDLE_INHERIT),
		new(ws2_32.FIONBIO), new(ws2_32.FIONREAD), new(ws2_32.SIO_GET_EXTENSION_FUNCTION_POINTER),
	}
	_ = []*wintypes.SOCKET{new(ws2_32.INVALID_SOCKET)}
	_ = []*wintypes.WSAEVENT{new(ws2_32.WSA_INVALID_EVENT)}
)

// TestSocketConstantsMatchXSys compares the values wincgo takes from
// mingw-w64's headers with golang.org/x/sys/windows's, written
// independently.
func TestSocketConstantsMatchXSys(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"AF_UNSPEC", int64(ws2_32.AF_UNSPEC), windows.AF_UNSPEC},
		{"AF_INET", int64(ws2_32.AF_INET), windows.AF_INET},
		{"AF_INET6", int64(ws2_32.AF_INET6), windows.AF_INET6},
		{"SOCK_STREAM", int64(ws2_32.SOCK_STREAM), windows.SOCK_STREAM},
		{"SOCK_DGRAM", int64(ws2_32.SOCK_DGRAM), windows.SOCK_DGRAM},
		{"IPPROTO_TCP", int64(ws2_32.IPPROTO_TCP), windows.IPPROTO_TCP},
		{"IPPROTO_UDP", int64(ws2_32.IPPROTO_UDP), windows.IPPROTO_UDP},
		{"WSA_FLAG_OVERLAPPED", int64(ws2_32.WSA_FLAG_OVERLAPPED), windows.WSA_FLAG_OVERLAPPED},
		{"WSA_FLAG_NO_HANDLE_INHERIT", int64(ws2_32.WSA_FLAG_NO_HANDLE_INHERIT), windows.WSA_FLAG_NO_HANDLE_INHERIT},
		{"SOMAXCONN", int64(ws2_32.SOMAXCONN), windows.SOMAXCONN},
		{"SD_RECEIVE", int64(ws2_32.SD_RECEIVE), windows.SHUT_RD},
		{"SD_SEND", int64(ws2_32.SD_SEND), windows.SHUT_WR},
		{"SD_BOTH", int64(ws2_32.SD_BOTH), windows.SHUT_RDWR},
		{"SOL_SOCKET", int64(ws2_32.SOL_SOCKET), windows.SOL_SOCKET},
		{"SO_REUSEADDR", int64(ws2_32.SO_REUSEADDR), windows.SO_REUSEADDR},
		{"SO_EXCLUSIVEADDRUSE", int64(ws2_32.SO_EXCLUSIVEADDRUSE), ^int64(windows.SO_REUSEADDR)}, // ((int)(~SO_REUSEADDR))
		{"SO_LINGER", int64(ws2_32.SO_LINGER), windows.SO_LINGER},
		{"SO_RCVBUF", int64(ws2_32.SO_RCVBUF), windows.SO_RCVBUF},
		{"SO_SNDBUF", int64(ws2_32.SO_SNDBUF), windows.SO_SNDBUF},
		{"SO_UPDATE_ACCEPT_CONTEXT", int64(ws2_32.SO_UPDATE_ACCEPT_CONTEXT), windows.SO_UPDATE_ACCEPT_CONTEXT},
		{"SO_UPDATE_CONNECT_CONTEXT", int64(ws2_32.SO_UPDATE_CONNECT_CONTEXT), windows.SO_UPDATE_CONNECT_CONTEXT},
		{"TCP_NODELAY", int64(ws2_32.TCP_NODELAY), windows.TCP_NODELAY},
		{"SIO_GET_EXTENSION_FUNCTION_POINTER", int64(ws2_32.SIO_GET_EXTENSION_FUNCTION_POINTER), windows.SIO_GET_EXTENSION_FUNCTION_POINTER},
		// _IOW('f', 126, u_long) and _IOR('f', 127, u_long): x/sys has neither.
		{"FIONBIO", int64(ws2_32.FIONBIO), 0x8004667e},
		{"FIONREAD", int64(ws2_32.FIONREAD), 0x4004667f},
		{"WSAEACCES", int64(ws2_32.WSAEACCES), int64(windows.WSAEACCES)},
		{"WSAEADDRINUSE", int64(ws2_32.WSAEADDRINUSE), int64(windows.WSAEADDRINUSE)},
		{"WSAENOTCONN", int64(ws2_32.WSAENOTCONN), int64(windows.WSAENOTCONN)},
		{"WSAENOPROTOOPT", int64(ws2_32.WSAENOPROTOOPT), int64(windows.WSAENOPROTOOPT)},
		{"WSA_IO_PENDING", int64(ws2_32.WSA_IO_PENDING), int64(windows.ERROR_IO_PENDING)},
		{"WSA_OPERATION_ABORTED", int64(ws2_32.WSA_OPERATION_ABORTED), int64(windows.ERROR_OPERATION_ABORTED)},
	} {
		assert.Equal(t, c.want, c.got, c.name)
	}
}
