//go:build windows

package kernel32

/*
#include "kernel32/file.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/wintypes"
)

// Overlapped operations outlive the call that starts them: while one is
// pending, Windows keeps the addresses of its OVERLAPPED and buffer and
// writes into them when it completes, perhaps long after ReadFile
// returned. Go's garbage collector does not move heap objects, but it frees
// those nothing references, and a caller may well drop its references to
// the buffer and OVERLAPPED before the operation completes; cgo's rules
// also forbid C to keep a Go pointer after a call returns unless the
// memory is pinned.
//
// So every operation started with an OVERLAPPED is registered here, keyed
// by the OVERLAPPED's address, with a runtime.Pinner that pins the
// OVERLAPPED and the buffer (and, by holding them, keeps them alive). The
// entry is made and the pins taken before Windows sees the pointers. If the
// operation completes (or fails) in the starting call, they are released at
// once; if it goes pending, they stay until GetOverlappedResult sees it
// complete (OVERLAPPED.Internal no longer STATUS_PENDING). An OVERLAPPED
// registered already is refused as input: Windows would overwrite the
// status of the operation in progress.
//
// cgo's pointer check is satisfied: OVERLAPPED and []byte hold no Go
// pointers, and the pinned memory may be retained by C.

// overlappedOp is the registry entry of one operation.
type overlappedOp struct {
	pinner runtime.Pinner
	// ov and buf are what pinner pins (for inspection: the Pinner alone
	// keeps them alive).
	ov  *wintypes.OVERLAPPED
	buf []byte
	// pending is false while the starting call runs, true once it returned
	// ERROR_IO_PENDING: only then may GetOverlappedResult release it.
	pending bool
}

var overlappedOps = struct {
	sync.Mutex
	m map[uintptr]*overlappedOp
}{m: map[uintptr]*overlappedOp{}}

// overlappedOpPool recycles entries (and their Pinners' storage), so that
// an overlapped operation completing at once allocates nothing.
var overlappedOpPool = sync.Pool{New: func() any { return new(overlappedOp) }}

// overlappedKey is the registry key of ov: its address, stable because ov
// is a heap object (it escapes into C calls) and Go's heap does not move.
func overlappedKey(ov *wintypes.OVERLAPPED) uintptr { return uintptr(unsafe.Pointer(ov)) }

// beginOverlapped registers an operation about to be started with ov and
// buf, pinning both. It refuses an ov whose previous operation is still
// registered.
func beginOverlapped(ov *wintypes.OVERLAPPED, buf []byte) (*overlappedOp, error) {
	key := overlappedKey(ov)
	overlappedOps.Lock()
	if _, busy := overlappedOps.m[key]; busy {
		overlappedOps.Unlock()
		return nil, &wincgoerrors.InputError{Name: "lpOverlapped", Value: fmt.Sprintf("%p", ov),
			Message: fmt.Sprintf("received the OVERLAPPED %p, whose previous operation is still in progress or was never collected with GetOverlappedResult; expected one not in use", ov)}
	}
	op := overlappedOpPool.Get().(*overlappedOp)
	op.pending = false
	op.ov, op.buf = ov, buf
	overlappedOps.m[key] = op
	overlappedOps.Unlock()
	op.pinner.Pin(ov)
	if len(buf) > 0 {
		op.pinner.Pin(unsafe.SliceData(buf))
	}
	return op, nil
}

// endOverlapped settles the operation started on ov given the starting
// call's return value and last error (see ReadFile): the count and nil if
// it completed at once, 0 and nil if it is pending (op stays registered),
// 0 and the error if it failed.
func endOverlapped(function string, op *overlappedOp, ov *wintypes.OVERLAPPED, ret uintptr, lastError uint32) (int, error) {
	if ret == 0 && syscall.Errno(lastError) == ERROR_IO_PENDING {
		overlappedOps.Lock()
		op.pending = true
		overlappedOps.Unlock()
		return 0, nil
	}
	releaseOverlapped(overlappedKey(ov), op)
	if err := check.NonZero(function, ret, lastError); err != nil {
		return 0, err
	}
	// Completed at once: Windows left the count in the OVERLAPPED.
	return int(uint32(atomic.LoadUintptr(&ov.InternalHigh))), nil
}

// completeOverlapped releases the pending operation registered for ov, if
// any; ov's operation must have completed.
func completeOverlapped(ov *wintypes.OVERLAPPED) {
	key := overlappedKey(ov)
	overlappedOps.Lock()
	op, ok := overlappedOps.m[key]
	if !ok || !op.pending {
		overlappedOps.Unlock()
		return
	}
	overlappedOps.Unlock()
	releaseOverlapped(key, op)
}

// releaseOverlapped removes op from the registry, unpins its memory and
// recycles it.
func releaseOverlapped(key uintptr, op *overlappedOp) {
	overlappedOps.Lock()
	if overlappedOps.m[key] != op {
		// Released by a concurrent GetOverlappedResult already.
		overlappedOps.Unlock()
		return
	}
	delete(overlappedOps.m, key)
	overlappedOps.Unlock()
	op.pinner.Unpin()
	op.ov, op.buf = nil, nil
	overlappedOpPool.Put(op)
}

// keptForever holds OVERLAPPEDs wincgo created itself whose operation it
// could not see complete: Windows may still write into them.
var keptForever struct {
	sync.Mutex
	ovs []*wintypes.OVERLAPPED
}

func keepForever(ov *wintypes.OVERLAPPED) {
	keptForever.Lock()
	keptForever.ovs = append(keptForever.ovs, ov)
	keptForever.Unlock()
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
// An OVERLAPPED never used, or used by an operation that completed at once,
// reports true, and so does a nil one: no operation is pending on it.
func HasOverlappedIoCompleted(lpOverlapped *wintypes.OVERLAPPED) bool {
	if lpOverlapped == nil {
		return true
	}
	// Windows writes Internal from another thread: read it atomically.
	return uint32(atomic.LoadUintptr(&lpOverlapped.Internal)) != uint32(statusPending)
}

// statusPending is STATUS_PENDING, the OVERLAPPED.Internal of an operation
// in progress.
const statusPending = uintptr(C.WINCGO_STATUS_PENDING)
