//go:build windows

package kernel32

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
