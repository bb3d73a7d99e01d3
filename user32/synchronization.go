//go:build windows

package user32

import (
	"fmt"
	"runtime"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// Kinds of input for MsgWaitForMultipleObjects' dwWakeMask (the flags of
// GetQueueStatus).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-getqueuestatus
const (
	// QS_ALLEVENTS: any input, WM_TIMER, WM_PAINT, WM_HOTKEY or posted message.
	QS_ALLEVENTS uint32 = winconst.QS_ALLEVENTS
	// QS_ALLINPUT: any message.
	QS_ALLINPUT uint32 = winconst.QS_ALLINPUT
	// QS_ALLPOSTMESSAGE: a posted message, even one already seen by
	// GetMessage or PeekMessage and left in the queue.
	QS_ALLPOSTMESSAGE uint32 = winconst.QS_ALLPOSTMESSAGE
	// QS_HOTKEY: a WM_HOTKEY message.
	QS_HOTKEY uint32 = winconst.QS_HOTKEY
	// QS_INPUT: any input message (keyboard, mouse, raw input, touch, pointer).
	QS_INPUT uint32 = winconst.QS_INPUT
	// QS_KEY: a keyboard message.
	QS_KEY uint32 = winconst.QS_KEY
	// QS_MOUSE: a mouse move or button message.
	QS_MOUSE uint32 = winconst.QS_MOUSE
	// QS_MOUSEBUTTON: a mouse button message.
	QS_MOUSEBUTTON uint32 = winconst.QS_MOUSEBUTTON
	// QS_MOUSEMOVE: a WM_MOUSEMOVE message.
	QS_MOUSEMOVE uint32 = winconst.QS_MOUSEMOVE
	// QS_PAINT: a WM_PAINT message.
	QS_PAINT uint32 = winconst.QS_PAINT
	// QS_POSTMESSAGE: a posted message not yet seen by GetMessage or PeekMessage.
	QS_POSTMESSAGE uint32 = winconst.QS_POSTMESSAGE
	// QS_RAWINPUT: a raw input message.
	QS_RAWINPUT uint32 = winconst.QS_RAWINPUT
	// QS_SENDMESSAGE: a message sent by another thread or application.
	QS_SENDMESSAGE uint32 = winconst.QS_SENDMESSAGE
	// QS_TIMER: a WM_TIMER message.
	QS_TIMER uint32 = winconst.QS_TIMER
	// QS_TOUCH: a touch input message (Windows 8 and later; part of QS_INPUT).
	QS_TOUCH uint32 = winconst.QS_TOUCH
	// QS_POINTER: a pointer input message (Windows 8 and later; part of QS_INPUT).
	QS_POINTER uint32 = winconst.QS_POINTER
)

// wakeMaskFlags is every flag dwWakeMask documents.
const wakeMaskFlags = QS_ALLINPUT | QS_ALLPOSTMESSAGE

// MsgWaitForMultipleObjects waits until one or all of the objects in
// pHandles are signalled, input of a kind dwWakeMask selects arrives in the
// calling thread's message queue, or dwMilliseconds elapse.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-msgwaitformultipleobjects
//
// The parameters are MSDN's, in MSDN's order. nCount is the number of
// handles of pHandles to wait on, the first nCount: as for every count
// that describes a Go slice in wincgo, nil means len(pHandles), and
// wintypes.Opt(n) passes n, from 0 to len(pHandles) (Windows would read
// past the slice otherwise). An empty pHandles with nCount nil or 0 is
// legal: the call then waits only for input.
//
// pHandles are the objects to wait on: events (including WSAEVENTs, as
// wintypes.WSAEVENT.Handle()), processes, threads, mutexes, ...; each
// needs SYNCHRONIZE access and may appear only once. Closing one of them
// while the wait is pending is undefined in Windows. The slice is read
// only during the call. bWaitAll makes the wait return only when all of
// them are signalled and input has arrived; otherwise any one of them, or
// input, ends it. dwMilliseconds is the time-out: 0 tests the state and
// returns at once, kernel32.INFINITE waits for ever. dwWakeMask is a
// combination of the QS_* flags; 0 waits for no input.
//
// The message queue is the calling OS thread's: Go moves goroutines
// between threads, so a goroutine that waits for input, or that other
// threads post to (PostThreadMessage), must hold its thread with
// runtime.LockOSThread. The wait blocks the calling OS thread, as any cgo
// call does; Go runs other goroutines on other threads meanwhile.
//
// Windows accepts at most kernel32.MAXIMUM_WAIT_OBJECTS-1 handles here;
// wincgo does not refuse more itself but reports Windows' answer.
//
// It returns the wait's result, one of kernel32's wait results (defined
// there once for every wait function): kernel32.WAIT_OBJECT_0+i
// (pHandles[i] is signalled, or with bWaitAll all are),
// kernel32.WAIT_OBJECT_0+nCount (input is available),
// kernel32.WAIT_ABANDONED_0+i (pHandles[i] is an abandoned mutex) or
// kernel32.WAIT_TIMEOUT. It returns an *errors.InputError for a negative
// nCount, one larger than len(pHandles) or an undocumented dwWakeMask
// flag; an *errors.WindowsAPIError when the wait fails
// (kernel32.WAIT_FAILED), such as ERROR_INVALID_HANDLE for a handle that
// is not open or ERROR_INVALID_PARAMETER for too many handles; and an
// *errors.InternalError for a result Windows does not document.
func MsgWaitForMultipleObjects(nCount *int, pHandles []wintypes.HANDLE, bWaitAll bool, dwMilliseconds uint32, dwWakeMask uint32) (uint32, error) {
	n, err := check.OptionalCount("nCount", nCount, "pHandles", len(pHandles), "handles")
	if err != nil {
		return 0, err
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
	r := rawMsgWaitForMultipleObjects(n, handles, check.BOOL(bWaitAll), dwMilliseconds, dwWakeMask)
	runtime.KeepAlive(pHandles)
	event := uint32(r.Ret)
	switch {
	case event <= kernel32.WAIT_OBJECT_0+n, // WAIT_OBJECT_0 is 0
		event >= kernel32.WAIT_ABANDONED_0 && event < kernel32.WAIT_ABANDONED_0+n,
		event == kernel32.WAIT_TIMEOUT:
		return event, nil
	case event == kernel32.WAIT_FAILED:
		return 0, r.Err()
	default:
		return 0, &wincgoerrors.InternalError{Message: fmt.Sprintf(
			"MsgWaitForMultipleObjects returned %#x, which Windows does not document for %d handles", event, n)}
	}
}
