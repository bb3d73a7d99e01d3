//go:build windows

package user32

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// TestPostThreadMessageToLockedGoroutine posts a thread message to the OS
// thread of a goroutine locked to it, which peeks it from its queue,
// translates and dispatches it as a message loop would.
func TestPostThreadMessageToLockedGoroutine(t *testing.T) {
	type result struct {
		msg        wintypes.MSG
		translated bool
		dispatched uintptr
		err        error
	}
	threadID := make(chan uint32)
	done := make(chan result, 1)
	go func() {
		// The queue belongs to this OS thread: stay on it.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var msg wintypes.MSG
		// The first PeekMessage creates the thread's queue.
		_, err := PeekMessage(&msg, 0, 0, 0, PM_NOREMOVE)
		if err != nil {
			done <- result{err: err}
			close(threadID)
			return
		}
		threadID <- kernel32.GetCurrentThreadId()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			// Wait for input without polling, then take it.
			if _, err := MsgWaitForMultipleObjects(nil, nil, false, 1000, QS_ALLPOSTMESSAGE); err != nil {
				done <- result{err: err}
				return
			}
			ok, err := PeekMessage(&msg, 0, WM_APP, WM_APP+10, PM_REMOVE)
			if err != nil || ok {
				var r result
				r.msg, r.err = msg, err
				r.translated, _ = TranslateMessage(&msg)
				r.dispatched, _ = DispatchMessage(&msg)
				done <- r
				return
			}
		}
		done <- result{}
	}()
	id, ok := <-threadID
	require.True(t, ok)
	require.NotZero(t, id)
	require.NoError(t, PostThreadMessage(id, WM_APP+3, 0x1234, 0x5678))

	r := <-done
	require.NoError(t, r.err)
	assert.Equal(t, uint32(WM_APP+3), r.msg.Message, "the posted message arrived")
	assert.Equal(t, uintptr(0x1234), r.msg.WParam)
	assert.Equal(t, uintptr(0x5678), r.msg.LParam)
	assert.Zero(t, r.msg.Hwnd, "a thread message has no window")
	assert.False(t, r.translated, "not a key message")
	assert.Zero(t, r.dispatched, "no window procedure for a thread message")
}

func TestPeekMessageEmptyQueue(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var msg wintypes.MSG
	for {
		// Empty whatever the thread had.
		ok, err := PeekMessage(&msg, 0, 0, 0, PM_REMOVE)
		require.NoError(t, err)
		if !ok {
			break
		}
	}
	ok, err := PeekMessage(&msg, 0, WM_APP, WM_APP, PM_REMOVE|PM_NOYIELD)
	require.NoError(t, err)
	assert.False(t, ok)
	// Posting to ourselves, then peeking with PM_NOREMOVE leaves it there.
	require.NoError(t, PostThreadMessage(kernel32.GetCurrentThreadId(), WM_APP, 1, 2))
	ok, err = PeekMessage(&msg, 0, WM_APP, WM_APP, PM_NOREMOVE)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = PeekMessage(&msg, 0, WM_APP, WM_APP, PM_REMOVE)
	require.NoError(t, err)
	require.True(t, ok, "PM_NOREMOVE left it in the queue")
	assert.Equal(t, uintptr(2), msg.LParam)
}

func TestPostThreadMessageFailures(t *testing.T) {
	// A thread id no thread has: thread ids, like handle values, are
	// small multiples of 4 in practice.
	err := PostThreadMessage(0x7ffffff0, WM_APP, 0, 0)
	if testutil.IsWine() {
		// Wine 8 reports a thread that does not exist as an invalid
		// parameter, not with the ERROR_INVALID_THREAD_ID Windows
		// documents.
		testutil.RequireAPIError(t, err, "PostThreadMessageW", windows.ERROR_INVALID_PARAMETER)
	} else {
		testutil.RequireAPIError(t, err, "PostThreadMessageW", ERROR_INVALID_THREAD_ID)
	}
	func() {
		defer injectFault("PostThreadMessageW", 0, windows.ERROR_NOT_ENOUGH_QUOTA)()
		err := PostThreadMessage(kernel32.GetCurrentThreadId(), WM_APP, 0, 0)
		testutil.RequireAPIError(t, err, "PostThreadMessageW", windows.ERROR_NOT_ENOUGH_QUOTA)
	}()
}

func TestMessageBadInput(t *testing.T) {
	var msg wintypes.MSG
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"PeekMessage/lpMsg=nil", "lpMsg", func() error { _, err := PeekMessage(nil, 0, 0, 0, PM_REMOVE); return err }},
		{"PeekMessage/wRemoveMsg=0x8", "wRemoveMsg", func() error { _, err := PeekMessage(&msg, 0, 0, 0, 0x8); return err }},
		{"TranslateMessage/lpMsg=nil", "lpMsg", func() error { _, err := TranslateMessage(nil); return err }},
		{"DispatchMessage/lpMsg=nil", "lpMsg", func() error { _, err := DispatchMessage(nil); return err }},
		{"PostThreadMessage/idThread=0", "idThread", func() error { return PostThreadMessage(0, WM_APP, 0, 0) }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}
