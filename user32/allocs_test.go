//go:build windows

package user32

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// TestSuccessPathsAllocateNothing runs the success path of every exported
// function of the package and fails on any allocation: a wrapper costs its
// Windows call, not garbage. The handle array is the caller's, on its
// stack: Windows reads it during the call only, so it need not escape.
func TestSuccessPathsAllocateNothing(t *testing.T) {
	hs := newEvents(t, 2)
	signalled := newEvents(t, 1)[0]
	require.NoError(t, kernel32.SetEvent(signalled))
	assert.Zero(t, testing.AllocsPerRun(50, func() {
		handles := [3]wintypes.HANDLE{hs[0], hs[1], signalled}
		if ev, err := MsgWaitForMultipleObjects(nil, handles[:], false, 0, QS_ALLINPUT); err != nil || ev != kernel32.WAIT_OBJECT_0+2 {
			panic(err)
		}
	}), "MsgWaitForMultipleObjects")
}
