//go:build windows

package user32

/*
#include "user32/synchronization.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/wintypes"
)

// Results of the wait functions, their time-out and their limit. user32 is
// a package of its own, so it declares the ones MsgWaitForMultipleObjects
// uses rather than make callers import kernel32 for them; the values are
// Windows' own, identical to kernel32's.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-msgwaitformultipleobjects
const (
	// WAIT_OBJECT_0: WAIT_OBJECT_0+i means pHandles[i] is signalled (with
	// bWaitAll, that all of them are); WAIT_OBJECT_0+nCount means input of
	// a kind dwWakeMask selects is in the thread's queue.
	WAIT_OBJECT_0 = C.WAIT_OBJECT_0
	// WAIT_ABANDONED_0: WAIT_ABANDONED_0+i means pHandles[i] is a mutex its
	// owning thread ended without releasing; the caller now owns it.
	WAIT_ABANDONED_0 = C.WAIT_ABANDONED_0
	// WAIT_TIMEOUT: the time-out elapsed first.
	WAIT_TIMEOUT = C.WAIT_TIMEOUT
	// WAIT_FAILED: the wait failed; wincgo returns an error instead.
	WAIT_FAILED = C.WAIT_FAILED
	// INFINITE, as a time-out, waits for ever.
	INFINITE = C.INFINITE
	// MAXIMUM_WAIT_OBJECTS bounds the handles of one wait.
	// MsgWaitForMultipleObjects takes at most MAXIMUM_WAIT_OBJECTS-1,
	// since the input event takes the last slot.
	MAXIMUM_WAIT_OBJECTS = C.MAXIMUM_WAIT_OBJECTS
)

// Kinds of input for MsgWaitForMultipleObjects' dwWakeMask (the flags of
// GetQueueStatus).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-getqueuestatus
const (
	// QS_ALLEVENTS: any input, WM_TIMER, WM_PAINT, WM_HOTKEY or posted message.
	QS_ALLEVENTS = C.QS_ALLEVENTS
	// QS_ALLINPUT: any message.
	QS_ALLINPUT = C.QS_ALLINPUT
	// QS_ALLPOSTMESSAGE: a posted message, even one already seen by
	// GetMessage or PeekMessage and left in the queue.
	QS_ALLPOSTMESSAGE = C.QS_ALLPOSTMESSAGE
	// QS_HOTKEY: a WM_HOTKEY message.
	QS_HOTKEY = C.QS_HOTKEY
	// QS_INPUT: any input message (keyboard, mouse, raw input, touch, pointer).
	QS_INPUT = C.QS_INPUT
	// QS_KEY: a keyboard message.
	QS_KEY = C.QS_KEY
	// QS_MOUSE: a mouse move or button message.
	QS_MOUSE = C.QS_MOUSE
	// QS_MOUSEBUTTON: a mouse button message.
	QS_MOUSEBUTTON = C.QS_MOUSEBUTTON
	// QS_MOUSEMOVE: a WM_MOUSEMOVE message.
	QS_MOUSEMOVE = C.QS_MOUSEMOVE
	// QS_PAINT: a WM_PAINT message.
	QS_PAINT = C.QS_PAINT
	// QS_POSTMESSAGE: a posted message not yet seen by GetMessage or PeekMessage.
	QS_POSTMESSAGE = C.QS_POSTMESSAGE
	// QS_RAWINPUT: a raw input message.
	QS_RAWINPUT = C.QS_RAWINPUT
	// QS_SENDMESSAGE: a message sent by another thread or application.
	QS_SENDMESSAGE = C.QS_SENDMESSAGE
	// QS_TIMER: a WM_TIMER message.
	QS_TIMER = C.QS_TIMER
	// QS_TOUCH: a touch input message (Windows 8 and later; part of QS_INPUT).
	QS_TOUCH = C.QS_TOUCH
	// QS_POINTER: a pointer input message (Windows 8 and later; part of QS_INPUT).
	QS_POINTER = C.QS_POINTER
)

// wakeMaskFlags is every flag dwWakeMask documents.
const wakeMaskFlags = QS_ALLINPUT | QS_ALLPOSTMESSAGE

// MsgWaitForMultipleObjects waits until one or all of the objects in
// pHandles are signalled, input of a kind dwWakeMask selects arrives in the
// calling thread's message queue, or dwMilliseconds elapse.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-msgwaitformultipleobjects
//
// pHandles are the objects to wait on: events (including WSAEVENTs, as
// wintypes.WSAEVENT.Handle()), processes, threads, mutexes, ...; each
// needs SYNCHRONIZE access and may appear only once. Closing one of them
// while the wait is pending is undefined in Windows. The slice is read
// only during the call. bWaitAll makes the wait return only when all of
// them are signalled and input has arrived; otherwise any one of them, or
// input, ends it. dwMilliseconds is the time-out: 0 tests the state and
// returns at once, INFINITE waits for ever. dwWakeMask is a combination of
// the QS_* flags; 0 waits for no input.
//
// nCount is the number of handles of pHandles to wait on; nil means
// len(pHandles). Unlike C it can never exceed len(pHandles) (Windows
// would read past the slice). An empty pHandles with nCount nil or 0 is
// legal: the call then waits only for input.
//
// The message queue is the calling OS thread's: Go moves goroutines
// between threads, so a goroutine that waits for input, or that other
// threads post to (PostThreadMessage), must hold its thread with
// runtime.LockOSThread. The wait blocks the calling OS thread, as any cgo
// call does; Go runs other goroutines on other threads meanwhile.
//
// Windows accepts at most MAXIMUM_WAIT_OBJECTS-1 handles here; wincgo does
// not refuse more itself but reports Windows' answer.
//
// It returns the wait's result: WAIT_OBJECT_0+i (pHandles[i] is
// signalled, or with bWaitAll all are), WAIT_OBJECT_0+nCount (input is
// available), WAIT_ABANDONED_0+i (pHandles[i] is an abandoned mutex) or
// WAIT_TIMEOUT. It returns an *errors.InputError for a negative nCount, one
// larger than len(pHandles) or an undocumented dwWakeMask flag; an
// *errors.WindowsAPIError when the wait fails (WAIT_FAILED), such as
// ERROR_INVALID_HANDLE for a handle that is not open or
// ERROR_INVALID_PARAMETER for too many handles; and an
// *errors.InternalError for a result Windows does not document.
func MsgWaitForMultipleObjects(pHandles []wintypes.HANDLE, bWaitAll bool, dwMilliseconds uint32, dwWakeMask uint32, nCount *int) (uint32, error) {
	n := len(pHandles)
	if nCount != nil {
		switch {
		case *nCount < 0:
			return 0, &wincgoerrors.InputError{Name: "nCount", Value: *nCount,
				Message: fmt.Sprintf("received %d, expected a count >= 0", *nCount)}
		case *nCount > len(pHandles):
			return 0, &wincgoerrors.InputError{Name: "nCount", Value: *nCount,
				Message: fmt.Sprintf("received %d, more than the %d handles of pHandles", *nCount, len(pHandles))}
		}
		n = *nCount
	}
	if err := check.Flags("dwWakeMask", dwWakeMask, wakeMaskFlags); err != nil {
		return 0, err
	}
	// The handles are integers, so the slice's memory holds no Go pointer
	// and may be lent to C for the call (cgo pins it until C returns). No
	// handle at all: pass NULL, never &pHandles[0] of an empty slice.
	var handles *uintptr
	if n > 0 {
		handles = (*uintptr)(unsafe.Pointer(&pHandles[0]))
	}
	r := rawMsgWaitForMultipleObjects(uint32(n), handles, check.BOOL(bWaitAll), dwMilliseconds, dwWakeMask)
	runtime.KeepAlive(pHandles)
	event := uint32(r.Ret)
	switch {
	case event <= WAIT_OBJECT_0+uint32(n), // WAIT_OBJECT_0 is 0
		event >= WAIT_ABANDONED_0 && event < WAIT_ABANDONED_0+uint32(n),
		event == WAIT_TIMEOUT:
		return event, nil
	case event == WAIT_FAILED:
		return 0, r.Failed("not WAIT_FAILED")
	default:
		return 0, &wincgoerrors.InternalError{Message: fmt.Sprintf(
			"MsgWaitForMultipleObjects returned %#x, which Windows does not document for %d handles", event, n)}
	}
}
