//go:build windows

package kernel32

import (
	"fmt"
	"runtime"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/wintypes"
)

// WaitForMultipleObjects waits until one or all of the objects in
// lpHandles are signalled, or dwMilliseconds elapse: the kernel32 twin of
// user32.MsgWaitForMultipleObjects, without the message queue.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects
//
// lpHandles are the objects to wait on (events, processes, threads,
// mutexes, ...); each needs SYNCHRONIZE access and may appear only once.
// The slice is read only during the call. bWaitAll makes the wait return
// only when all of them are signalled at once; otherwise any one ends it.
// dwMilliseconds is the time-out: 0 tests the state and returns at once,
// INFINITE waits for ever. The wait blocks the calling OS thread, as any
// cgo call does.
//
// nCount is the number of handles of lpHandles to wait on; nil means
// len(lpHandles). Unlike C it can never exceed len(lpHandles), and must be
// between 1 and MAXIMUM_WAIT_OBJECTS.
//
// It returns the wait's result: WAIT_OBJECT_0+i (lpHandles[i] is
// signalled, the lowest such index; with bWaitAll, all are),
// WAIT_ABANDONED_0+i or WAIT_TIMEOUT. It returns an *errors.InputError for
// an nCount out of range; an *errors.WindowsAPIError when the wait fails
// (WAIT_FAILED), such as ERROR_INVALID_HANDLE for a handle that is not
// open; and an *errors.InternalError for a result Windows does not
// document.
func WaitForMultipleObjects(lpHandles []wintypes.HANDLE, bWaitAll bool, dwMilliseconds uint32, nCount *int) (uint32, error) {
	n := len(lpHandles)
	name := "lpHandles"
	if nCount != nil {
		if *nCount > len(lpHandles) {
			return 0, &wincgoerrors.InputError{Name: "nCount", Value: *nCount,
				Message: fmt.Sprintf("received %d, more than the %d handles of lpHandles", *nCount, len(lpHandles))}
		}
		n, name = *nCount, "nCount"
	}
	if n < 1 || n > MAXIMUM_WAIT_OBJECTS {
		return 0, &wincgoerrors.InputError{Name: name, Value: n,
			Message: fmt.Sprintf("received %d handles, expected 1 to MAXIMUM_WAIT_OBJECTS (%d)", n, MAXIMUM_WAIT_OBJECTS)}
	}
	// The handles are integers: the slice holds no Go pointer and may be
	// lent to C for the call.
	r := rawWaitForMultipleObjects(uint32(n), (*uintptr)(unsafe.Pointer(&lpHandles[0])),
		check.BOOL(bWaitAll), dwMilliseconds)
	runtime.KeepAlive(lpHandles)
	event := uint32(r.Ret)
	switch {
	case event < WAIT_OBJECT_0+uint32(n), // WAIT_OBJECT_0 is 0
		event >= WAIT_ABANDONED_0 && event < WAIT_ABANDONED_0+uint32(n),
		event == WAIT_TIMEOUT:
		return event, nil
	case event == WAIT_FAILED:
		return 0, r.Failed("not WAIT_FAILED")
	default:
		return 0, &wincgoerrors.InternalError{Message: fmt.Sprintf(
			"WaitForMultipleObjects returned %#x, which Windows does not document for %d handles", event, n)}
	}
}
