//go:build windows

package bench

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/user32"
	"github.com/wincgo/wincgo/wintypes"
)

// x/sys has no MsgWaitForMultipleObjects: its users load it, as here.
var procMsgWaitForMultipleObjects = windows.NewLazySystemDLL("user32.dll").NewProc("MsgWaitForMultipleObjects")

// BenchmarkMsgWaitForMultipleObjects63 waits on the most handles the call
// takes (MAXIMUM_WAIT_OBJECTS - 1) with only the last one signalled, the
// reactor's wait at its widest.
func BenchmarkMsgWaitForMultipleObjects63(b *testing.B) {
	const count = 63
	hs := make([]wintypes.HANDLE, count)
	raw := make([]uintptr, count)
	for i := range hs {
		hs[i] = newEvent(b, i == count-1)
		raw[i] = uintptr(hs[i])
	}
	const want = kernel32.WAIT_OBJECT_0 + count - 1
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if ev, err := user32.MsgWaitForMultipleObjects(nil, hs, false, 0, user32.QS_ALLINPUT); err != nil || ev != want {
					b.Fatal(ev, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if ev := floorMsgWaitForMultipleObjects(raw, 0, user32.QS_ALLINPUT); ev != want {
					b.Fatal(ev)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				ev, _, err := procMsgWaitForMultipleObjects.Call(count, uintptr(unsafe.Pointer(&raw[0])), 0, 0, uintptr(user32.QS_ALLINPUT))
				if ev != uintptr(want) {
					b.Fatal(ev, err)
				}
			}
		}},
	)
}
