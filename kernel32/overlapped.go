//go:build windows

package kernel32

import (
	"sync"
	"unsafe"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// The Windows side of overlapped operations; their lifecycle, and the
// registry that pins their memory, are internal/overlapped's (and the
// package doc's "Overlapped operations").

// internal/overlapped, which has no cgo, spells STATUS_PENDING and
// ERROR_IO_PENDING itself: the headers' values must be the same (an index
// out of range otherwise).
var (
	_ = [1]struct{}{}[overlapped.StatusPending-winconst.WINCGO_STATUS_PENDING]
	_ = [1]struct{}{}[overlapped.ErrorIOPending-winconst.ERROR_IO_PENDING]
)

// beginOverlapped registers the operation about to be started with ov and
// buf, pinning both, or refuses an ov still in flight.
func beginOverlapped(ov *wintypes.OVERLAPPED, buf []byte) (*overlapped.Op, error) {
	return overlapped.Begin(unsafe.Pointer(ov), buf)
}

// internalOverlapped recycles the OVERLAPPEDs wincgo makes for itself
// (LockFileEx and UnlockFileEx given none), so that those calls allocate
// nothing: at most internalOverlappedSpares of them, each put back zeroed
// once Windows is done with it and wincgo no longer refers to it (one that
// Windows may still write into is kept for ever instead). A reused one's
// address may come back in a stale completion-port packet: as for any
// OVERLAPPED, such a packet never releases an operation in progress.
var internalOverlapped struct {
	sync.Mutex
	free []*wintypes.OVERLAPPED
	// kept holds those whose operation wincgo could not see complete:
	// Windows may still write into them.
	kept []*wintypes.OVERLAPPED
}

// internalOverlappedSpares bounds internalOverlapped's free list: as many
// as calls running at once, usually one or two.
const internalOverlappedSpares = 16

// getInternalOverlapped returns a zeroed OVERLAPPED of wincgo's own.
func getInternalOverlapped() *wintypes.OVERLAPPED {
	internalOverlapped.Lock()
	defer internalOverlapped.Unlock()
	n := len(internalOverlapped.free)
	if n == 0 {
		return new(wintypes.OVERLAPPED)
	}
	ov := internalOverlapped.free[n-1]
	internalOverlapped.free = internalOverlapped.free[:n-1]
	return ov
}

// putInternalOverlapped takes back ov, from getInternalOverlapped: for
// reuse if Windows is done with it (nothing is in flight on it), for ever
// otherwise.
func putInternalOverlapped(ov *wintypes.OVERLAPPED) {
	internalOverlapped.Lock()
	defer internalOverlapped.Unlock()
	switch {
	case overlapped.Generation(ov.Address()) != 0:
		internalOverlapped.kept = append(internalOverlapped.kept, ov)
	case len(internalOverlapped.free) < internalOverlappedSpares:
		*ov = wintypes.OVERLAPPED{}
		internalOverlapped.free = append(internalOverlapped.free, ov)
	}
}

// HasOverlappedIoCompleted reports whether the overlapped operation started
// with lpOverlapped is done (the HasOverlappedIoCompleted macro of C): its
// Internal member is no longer STATUS_PENDING. It does not wait, does not
// call Windows and does not release anything: once it reports true, call
// GetOverlappedResult to collect the result and release the operation's
// pinned memory.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-hasoverlappediocompleted
//
// It answers only for an operation that was started, as Microsoft
// documents ("do not call this macro unless GetLastError returns
// ERROR_IO_PENDING"): for wincgo, after ReadFile, WriteFile, LockFileEx or
// ConnectNamedPipe returned ERROR_IO_PENDING (or nil: done at once). It
// reports true once such an operation completed,
// at once or later, successfully or not. It reports true too for an
// OVERLAPPED never used (a zero Internal) and for a nil one.
//
// After a start that failed at once (ReadFile returned an error other than
// ERROR_IO_PENDING), it
// reports false although nothing is pending: Windows sets Internal to
// STATUS_PENDING when it begins the call and, for most immediate failures
// (an invalid handle, a bad parameter), returns without writing the final
// status. Such an error is final: do not poll or wait on that OVERLAPPED
// (GetOverlappedResult with bWait true would wait for ever); it may be
// reused at once.
func HasOverlappedIoCompleted(lpOverlapped *wintypes.OVERLAPPED) bool {
	if lpOverlapped == nil {
		return true
	}
	return overlapped.Done(unsafe.Pointer(lpOverlapped))
}
