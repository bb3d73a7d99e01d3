//go:build windows

package ws2_32

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSuccessPathsAllocateNothing runs the success path of every exported
// function of the package and fails on any allocation: a wrapper costs its
// Windows call, not garbage.
func TestSuccessPathsAllocateNothing(t *testing.T) {
	s := socketOf(t, listen(t))
	ev := newWSAEvent(t)
	for _, c := range []struct {
		name string
		op   func()
	}{
		{"WSACreateEvent+WSACloseEvent", func() {
			e, err := WSACreateEvent()
			if err != nil {
				panic(err)
			}
			if err := WSACloseEvent(e); err != nil {
				panic(err)
			}
		}},
		{"WSAEventSelect", func() {
			if err := WSAEventSelect(s, ev, FD_ACCEPT); err != nil {
				panic(err)
			}
		}},
		{"WSAEnumNetworkEvents", func() {
			if _, err := WSAEnumNetworkEvents(s, ev); err != nil {
				panic(err)
			}
		}},
		{"WSASetLastError+WSAGetLastError", func() {
			// The last error is per OS thread: read it on the one that set it.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			WSASetLastError(WSAEWOULDBLOCK)
			if got := WSAGetLastError(); got != WSAEWOULDBLOCK {
				panic(got)
			}
		}},
	} {
		assert.Zero(t, testing.AllocsPerRun(50, c.op), c.name)
	}
}
