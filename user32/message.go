//go:build windows

package user32

import (
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// A message queue belongs to an OS thread, not to a goroutine: Windows
// creates it for the thread that first calls a user32 function needing it
// (PeekMessage does), PostThreadMessage addresses it by thread identifier,
// and PeekMessage reads the calling thread's. The Go runtime moves
// goroutines between OS threads, so a goroutine that owns windows or
// thread messages must call runtime.LockOSThread first and stay locked
// while it pumps: otherwise it reads another thread's queue, or none.

// Flags of PeekMessage's wRemoveMsg.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-peekmessagew
const (
	// PM_NOREMOVE leaves the message in the queue.
	PM_NOREMOVE uint32 = winconst.PM_NOREMOVE
	// PM_REMOVE removes the message from the queue.
	PM_REMOVE uint32 = winconst.PM_REMOVE
	// PM_NOYIELD: do not release a thread waiting for this one to go idle
	// (combine with PM_NOREMOVE or PM_REMOVE).
	PM_NOYIELD uint32 = winconst.PM_NOYIELD
)

// Message identifiers.
//
// See https://learn.microsoft.com/en-us/windows/win32/winmsg/about-messages-and-message-queues
const (
	// WM_QUIT asks a message loop to end (PostQuitMessage).
	WM_QUIT uint32 = winconst.WM_QUIT
	// WM_USER is the first identifier of a window class's private messages.
	WM_USER uint32 = winconst.WM_USER
	// WM_APP is the first identifier of an application's private messages
	// (WM_APP through 0xBFFF), such as its thread messages.
	WM_APP uint32 = winconst.WM_APP
)

// ERROR_INVALID_THREAD_ID is what PostThreadMessage reports when its
// thread does not exist or has no message queue.
const ERROR_INVALID_THREAD_ID syscall.Errno = winconst.ERROR_INVALID_THREAD_ID

// PeekMessage checks the calling OS thread's message queue for a message,
// without waiting, and copies it into lpMsg; calling PeekMessageW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-peekmessagew
//
// lpMsg receives the message. hWnd 0 takes messages for any window of the
// thread and its thread messages; a window handle only that window's.
// wMsgFilterMin and wMsgFilterMax bound the identifiers taken (both 0: all).
// wRemoveMsg is PM_NOREMOVE or PM_REMOVE, optionally with PM_NOYIELD.
//
// Call it from a goroutine locked to its OS thread (runtime.LockOSThread):
// it reads the queue of whatever thread runs it. The first call creates the
// thread's queue, after which PostThreadMessage to the thread succeeds.
// Messages sent (not posted) to the thread's windows are delivered to their
// window procedures during the call.
//
// It returns whether a message was copied into lpMsg, and an
// *errors.InputError for a nil lpMsg or an undocumented wRemoveMsg flag.
// PeekMessage itself does not fail.
func PeekMessage(lpMsg *wintypes.MSG, hWnd wintypes.HANDLE, wMsgFilterMin, wMsgFilterMax, wRemoveMsg uint32) (bool, error) {
	if lpMsg == nil {
		return false, &wincgoerrors.InputError{Name: "lpMsg", Value: lpMsg, Message: "received nil, expected the MSG to fill"}
	}
	if err := check.Flags("wRemoveMsg", wRemoveMsg, PM_REMOVE|PM_NOYIELD); err != nil {
		return false, err
	}
	r := rawPeekMessageW(unsafe.Pointer(lpMsg), uintptr(hWnd), wMsgFilterMin, wMsgFilterMax, wRemoveMsg)
	return r.Ret != 0, nil
}

// TranslateMessage turns virtual-key messages of lpMsg (WM_KEYDOWN, ...)
// into character messages (WM_CHAR, ...) posted to the calling thread's
// queue, as a message loop does between PeekMessage and DispatchMessage.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-translatemessage
//
// It returns whether the message was translated (a key message: true; any
// other message: false, which is not an error), and an *errors.InputError
// for a nil lpMsg.
func TranslateMessage(lpMsg *wintypes.MSG) (bool, error) {
	if lpMsg == nil {
		return false, &wincgoerrors.InputError{Name: "lpMsg", Value: lpMsg, Message: "received nil, expected a message PeekMessage returned"}
	}
	return rawTranslateMessage(unsafe.Pointer(lpMsg)).Ret != 0, nil
}

// DispatchMessage delivers lpMsg to its window's window procedure, calling
// DispatchMessageW, and returns what the procedure returned (an LRESULT,
// whose meaning depends on the message).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-dispatchmessagew
//
// A thread message (Hwnd 0) has no window procedure: nothing is called and
// the result is 0; a loop handles thread messages itself. Call it on the
// thread that owns the window (runtime.LockOSThread).
//
// It returns an *errors.InputError for a nil lpMsg.
func DispatchMessage(lpMsg *wintypes.MSG) (uintptr, error) {
	if lpMsg == nil {
		return 0, &wincgoerrors.InputError{Name: "lpMsg", Value: lpMsg, Message: "received nil, expected a message PeekMessage returned"}
	}
	return rawDispatchMessageW(unsafe.Pointer(lpMsg)).Ret, nil
}

// PostThreadMessage posts a thread message (Hwnd 0) to the message queue
// of the OS thread idThread, without waiting for it to be processed;
// calling PostThreadMessageW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-postthreadmessagew
//
// idThread is a thread identifier (kernel32.GetCurrentThreadId, on a
// goroutine locked to its thread). The thread must have a message queue
// already (it called PeekMessage once). Msg is the identifier (WM_APP and
// up for an application's own), wParam and lParam its parameters.
//
// It returns an *errors.InputError for idThread 0, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_THREAD_ID
// for a thread that does not exist or has no queue, ERROR_NOT_ENOUGH_QUOTA
// when the queue is full (10,000 messages), ERROR_ACCESS_DENIED, ...
func PostThreadMessage(idThread uint32, Msg uint32, wParam, lParam uintptr) error {
	if idThread == 0 {
		return &wincgoerrors.InputError{Name: "idThread", Value: idThread, Message: "received 0, expected the identifier of a thread with a message queue"}
	}
	return rawPostThreadMessageW(idThread, Msg, wParam, int(lParam)).Err()
}
