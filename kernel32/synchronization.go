//go:build windows

package kernel32

import (
	"fmt"
	"runtime"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Results of the wait functions, their time-out and their limit, typed as
// the DWORD the wait functions take and return (uint32), so that a result
// compares with them without conversion.
//
// They are defined here, in the package of WaitForSingleObject, and only
// here: user32.MsgWaitForMultipleObjects returns and takes the same values
// (kernel32.WAIT_OBJECT_0+i, kernel32.INFINITE), as Windows' headers
// define them once for every wait function.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitforsingleobject
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects
const (
	// WAIT_OBJECT_0: the object is signalled. For a wait on several
	// objects, WAIT_OBJECT_0+i means the i-th one is.
	WAIT_OBJECT_0 uint32 = winconst.WAIT_OBJECT_0
	// WAIT_ABANDONED: the object is a mutex its owning thread ended
	// without releasing; the caller now owns it.
	WAIT_ABANDONED uint32 = winconst.WAIT_ABANDONED
	// WAIT_ABANDONED_0: for a wait on several objects,
	// WAIT_ABANDONED_0+i means the i-th one is an abandoned mutex (the
	// same value as WAIT_ABANDONED).
	WAIT_ABANDONED_0 uint32 = winconst.WAIT_ABANDONED_0
	// WAIT_TIMEOUT: the time-out elapsed first.
	WAIT_TIMEOUT uint32 = winconst.WAIT_TIMEOUT
	// WAIT_FAILED: the wait failed; wincgo returns an error instead.
	WAIT_FAILED uint32 = winconst.WAIT_FAILED
	// INFINITE, as a time-out, waits for ever.
	INFINITE uint32 = winconst.INFINITE
)

// MAXIMUM_WAIT_OBJECTS bounds the number of handles of one wait on
// several objects (user32.MsgWaitForMultipleObjects takes at most
// MAXIMUM_WAIT_OBJECTS-1, since the input event takes the last slot). It
// is an int, the type of the Go counts it bounds (len of a slice of
// handles).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects
const MAXIMUM_WAIT_OBJECTS int = winconst.MAXIMUM_WAIT_OBJECTS

// WaitForSingleObject waits until an object is signalled or dwMilliseconds
// elapse.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitforsingleobject
//
// hHandle is the object to wait on (an event, process, thread, mutex, ...);
// it needs SYNCHRONIZE access. dwMilliseconds is the time-out: 0 tests the
// state and returns at once, INFINITE waits for ever. The wait blocks the
// calling OS thread, as any cgo call does; Go runs other goroutines on
// other threads meanwhile.
//
// It returns WAIT_OBJECT_0, WAIT_ABANDONED or WAIT_TIMEOUT; an
// *errors.InputError for a NULL hHandle; an *errors.WindowsAPIError when the
// wait fails (WAIT_FAILED); and an *errors.InternalError for any result
// Windows does not document.
func WaitForSingleObject(hHandle wintypes.HANDLE, dwMilliseconds uint32) (uint32, error) {
	if err := check.NonNull("hHandle", hHandle); err != nil {
		return 0, err
	}
	r := rawWaitForSingleObject(uintptr(hHandle), dwMilliseconds)
	switch event := uint32(r.Ret); event {
	case WAIT_OBJECT_0, WAIT_ABANDONED, WAIT_TIMEOUT:
		return event, nil
	case WAIT_FAILED:
		return 0, r.Err()
	default:
		return 0, &wincgoerrors.InternalError{Message: fmt.Sprintf("WaitForSingleObject returned %#x, which Windows does not document", event)}
	}
}

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
		return 0, r.Err()
	default:
		return 0, &wincgoerrors.InternalError{Message: fmt.Sprintf(
			"WaitForMultipleObjects returned %#x, which Windows does not document for %d handles", event, n)}
	}
}
