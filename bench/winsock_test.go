//go:build windows

package bench

import (
	"net"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// x/sys has no WSAEnumNetworkEvents: its users load it, as here.
var procWSAEnumNetworkEvents = windows.NewLazySystemDLL("ws2_32.dll").NewProc("WSAEnumNetworkEvents")

// xsysNetworkEvents is WSANETWORKEVENTS as an x/sys user declares it.
type xsysNetworkEvents struct {
	NetworkEvents int32
	ErrorCode     [10]int32
}

// BenchmarkWSAEnumNetworkEvents enumerates a listening socket's events
// (none pending): the reactor's call after each socket wake-up.
func BenchmarkWSAEnumNetworkEvents(b *testing.B) {
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.Close(b, ln) })
	s, err := wintypes.SocketFromConn(ln)
	if err != nil {
		b.Fatal(err)
	}
	ev, err := ws2_32.WSACreateEvent()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, ws2_32.WSACloseEvent, ev) })
	if err := ws2_32.WSAEventSelect(s, ev, ws2_32.FD_ACCEPT); err != nil {
		b.Fatal(err)
	}
	ne := new(xsysNetworkEvents)
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if got, err := ws2_32.WSAEnumNetworkEvents(s, ev); err != nil || got.LNetworkEvents != 0 {
					b.Fatal(got, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if r, events := floorWSAEnumNetworkEvents(uintptr(s), uintptr(ev)); r != 0 || events != 0 {
					b.Fatal(r, events)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				r, _, err := procWSAEnumNetworkEvents.Call(uintptr(s), uintptr(ev), uintptr(unsafe.Pointer(ne)))
				if r != 0 || ne.NetworkEvents != 0 {
					b.Fatal(r, err)
				}
			}
		}},
	)
}
