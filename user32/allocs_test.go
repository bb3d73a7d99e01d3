//go:build windows

package user32

import (
	"fmt"
	"runtime"
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
//
// The MSG is declared once, outside the calls, as a message loop does:
// PeekMessage and DispatchMessage may run window procedures, which may be
// Go callbacks, so their shims cannot be noescape (cgo honours noescape
// only with nocallback) and a MSG handed to them lives on the heap, made
// once where it is declared, not per call.
func TestSuccessPathsAllocateNothing(t *testing.T) {
	hs := newEvents(t, 2)
	signalled := newEvents(t, 1)[0]
	require.NoError(t, kernel32.SetEvent(signalled))

	// The message queue is this OS thread's: stay on it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var msg wintypes.MSG
	// The first PeekMessage creates the thread's queue.
	_, err := PeekMessage(&msg, 0, 0, 0, PM_NOREMOVE)
	require.NoError(t, err)
	tid := kernel32.GetCurrentThreadId()

	for _, c := range []struct {
		name string
		op   func()
	}{
		{"MsgWaitForMultipleObjects", func() {
			handles := [3]wintypes.HANDLE{hs[0], hs[1], signalled}
			if ev, err := MsgWaitForMultipleObjects(nil, handles[:], false, 0, QS_ALLINPUT); err != nil || ev != kernel32.WAIT_OBJECT_0+2 {
				panic(fmt.Sprint(ev, err))
			}
		}},
		{"PostThreadMessage+MsgWaitForMultipleObjects+PeekMessage+TranslateMessage+DispatchMessage", func() {
			if err := PostThreadMessage(tid, WM_APP+1, 2, 3); err != nil {
				panic(err)
			}
			// No handle: wait for the posted message alone.
			if ev, err := MsgWaitForMultipleObjects(nil, nil, false, 30000, QS_ALLPOSTMESSAGE); err != nil || ev != kernel32.WAIT_OBJECT_0 {
				panic(fmt.Sprint(ev, err))
			}
			if ok, err := PeekMessage(&msg, 0, WM_APP+1, WM_APP+1, PM_REMOVE); err != nil || !ok || msg.WParam != 2 || msg.LParam != 3 {
				panic(fmt.Sprint(ok, err, msg))
			}
			if translated, err := TranslateMessage(&msg); err != nil || translated {
				panic(fmt.Sprint(translated, err))
			}
			if r, err := DispatchMessage(&msg); err != nil || r != 0 {
				panic(fmt.Sprint(r, err))
			}
		}},
		{"PeekMessage (empty queue)", func() {
			if ok, err := PeekMessage(&msg, 0, WM_APP+2, WM_APP+2, PM_REMOVE); err != nil || ok {
				panic(fmt.Sprint(ok, err))
			}
		}},
	} {
		assert.Zero(t, testing.AllocsPerRun(50, c.op), c.name)
	}
}
