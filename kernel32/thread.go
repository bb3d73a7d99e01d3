//go:build windows

package kernel32

import (
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/wintypes"
)

// GetCurrentThreadId returns the identifier of the calling OS thread.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentthreadid
//
// A goroutine is not an OS thread: the Go runtime moves goroutines between
// threads, so the identifier says something lasting only between
// runtime.LockOSThread and UnlockOSThread. That is what per-thread Windows
// state needs, such as a message queue (user32.PostThreadMessage posts to a
// thread by this identifier; user32.PeekMessage reads the calling thread's
// queue).
//
// It cannot fail.
func GetCurrentThreadId() uint32 {
	return uint32(rawGetCurrentThreadId().Ret)
}

// ResumeThread decrements a thread's suspend count; at zero the thread
// runs. It starts a process created with CREATE_SUSPENDED, once it has been
// put in its job (AssignProcessToJobObject) or otherwise set up.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-resumethread
//
// hThread needs THREAD_SUSPEND_RESUME access (CreateProcess's HThread has
// it).
//
// It returns the suspend count before the call (1 means the thread now
// runs; 0 that it was not suspended), an *errors.InputError for a NULL
// hThread, and an *errors.WindowsAPIError when Windows fails
// (ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED).
func ResumeThread(hThread wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hThread", hThread); err != nil {
		return 0, err
	}
	r := rawResumeThread(uintptr(hThread))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return uint32(r.Ret), nil
}

// SuspendThread increments a thread's suspend count, suspending it.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-suspendthread
//
// hThread needs THREAD_SUSPEND_RESUME access. Suspending a thread of
// another process at an arbitrary point can deadlock it (it may hold a
// lock); it is meant for debuggers. A thread can be suspended at most
// MAXIMUM_SUSPEND_COUNT times.
//
// It returns the suspend count before the call, an *errors.InputError for
// a NULL hThread, and an *errors.WindowsAPIError when Windows fails
// (ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED, ERROR_SIGNAL_REFUSED past
// MAXIMUM_SUSPEND_COUNT).
func SuspendThread(hThread wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hThread", hThread); err != nil {
		return 0, err
	}
	r := rawSuspendThread(uintptr(hThread))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return uint32(r.Ret), nil
}
