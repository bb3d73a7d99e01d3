//go:build windows

package ws2_32

import (
	"syscall"
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
			// Neither can fail, and the value read need not be the one set
			// (the runtime may call Windows on the thread in between;
			// TestWSASetLastError checks the values).
			WSASetLastError(WSAEWOULDBLOCK)
			lastErrorSink = WSAGetLastError()
		}},
	} {
		assert.Zero(t, testing.AllocsPerRun(50, c.op), c.name)
	}
}

// lastErrorSink keeps WSAGetLastError's result used.
var lastErrorSink syscall.Errno
