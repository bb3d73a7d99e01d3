//go:build windows

package user32_test

import (
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/user32"
	"github.com/wincgo/wincgo/wintypes"
)

// Each constant has the type of the parameter or field it belongs to:
// new(X) of an untyped constant would be an *int and this would not
// compile (see kernel32/constants_test.go).
var (
	// UINT and DWORD: dwWakeMask (QS_*), wRemoveMsg (PM_*), Msg and
	// MSG.Message (WM_*).
	_ = []*uint32{
		new(user32.QS_ALLEVENTS), new(user32.QS_ALLINPUT), new(user32.QS_ALLPOSTMESSAGE), new(user32.QS_HOTKEY),
		new(user32.QS_INPUT), new(user32.QS_KEY), new(user32.QS_MOUSE), new(user32.QS_MOUSEBUTTON),
		new(user32.QS_MOUSEMOVE), new(user32.QS_PAINT), new(user32.QS_POSTMESSAGE), new(user32.QS_RAWINPUT),
		new(user32.QS_SENDMESSAGE), new(user32.QS_TIMER), new(user32.QS_TOUCH), new(user32.QS_POINTER),
		new(user32.PM_NOREMOVE), new(user32.PM_REMOVE), new(user32.PM_NOYIELD),
		new(user32.WM_QUIT), new(user32.WM_USER), new(user32.WM_APP),
	}
	// Error codes, as WindowsAPIError.Errno carries them.
	_ = []*syscall.Errno{new(user32.ERROR_INVALID_THREAD_ID)}
)

// TestWaitResultsAreKernel32s: MsgWaitForMultipleObjects' results are
// kernel32's wait constants (defined once, there), comparable without
// conversion, and its nCount takes wintypes.Opt of an int.
func TestWaitResultsAreKernel32s(t *testing.T) {
	var hs []wintypes.HANDLE
	for range 2 {
		h, _, err := kernel32.CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		t.Cleanup(func() { assert.NoError(t, kernel32.CloseHandle(h)) })
		hs = append(hs, h)
	}
	require.NoError(t, kernel32.SetEvent(hs[1]))

	event, err := user32.MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0+1, event)
	// Only the first handle: not signalled.
	event, err = user32.MsgWaitForMultipleObjects(wintypes.Opt(1), hs, false, 0, user32.QS_ALLINPUT)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, event)
	assert.Less(t, len(hs), kernel32.MAXIMUM_WAIT_OBJECTS)
}
