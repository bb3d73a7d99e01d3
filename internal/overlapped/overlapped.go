// Package overlapped keeps the memory of overlapped operations pinned while
// Windows uses it: the registry of operations in flight, keyed by the
// address of their OVERLAPPED. It calls no Windows function and has no cgo
// and no build constraint, so its state machine is tested natively
// (go test -race ./internal/overlapped/ on Linux); kernel32 makes the
// Windows calls around it.
//
// # Lifecycle of an overlapped operation
//
// An overlapped operation (ReadFile, WriteFile, LockFileEx,
// ConnectNamedPipe with an OVERLAPPED) outlives the call that starts it:
// while it is in flight, Windows keeps the addresses of its OVERLAPPED and
// buffer and writes into them when it completes, perhaps long after the
// starting call returned. Go's garbage collector does not move heap
// objects, but it frees those nothing references, and cgo forbids C to
// keep a Go pointer after a call returns unless the memory is pinned. So:
//
//  1. Begin, before Windows sees the pointers, registers the operation
//     under its OVERLAPPED's address and pins the OVERLAPPED and the
//     buffer with a runtime.Pinner. An OVERLAPPED still in flight is
//     refused (an *errors.InputError naming lpOverlapped): Windows would
//     overwrite the status of the operation in progress.
//  2. Settle, when the starting call returned, releases the operation if
//     it is over: it completed at once, failed at once, or went pending
//     (ERROR_IO_PENDING) but Windows has finished it since. Otherwise the
//     operation stays registered, pending.
//  3. Collect releases a pending operation once Windows has finished it.
//     It is the one door for every observer of a completion, in whatever
//     goroutine: GetOverlappedResult, a wait on the OVERLAPPED's event
//     followed by GetOverlappedResult, a completion port's packet dequeued
//     by GetQueuedCompletionStatus(Ex).
//
// Released means unpinned at once: Windows is done with the memory, which
// is the garbage collector's again, and the OVERLAPPED may be reused.
// Pinned memory is never held longer.
//
// Windows is finished with an operation when OVERLAPPED.Internal, the
// OVERLAPPED's first word, is no longer StatusPending: Windows sets it to
// STATUS_PENDING when it starts the operation and writes the final status
// when it completes, before it signals the event or queues a port packet.
// Internal is authoritative only once the starting call returned: before,
// it may still hold the previous operation's status, and an observation
// may belong to that previous operation (a packet of an operation that
// completed at once, a stale event). Hence the rule, by construction: an
// operation is released only once its starting call returned and Windows
// is finished with it, and the party that sees both - the starting call
// itself (Settle), or the first observer after it (Collect) - releases it,
// exactly once. An observer that sees the completion while the starting
// call still runs releases nothing; Settle then finds Internal final.
//
// The states, every transition made holding the registry's lock, which
// does the lookup, the state check and the removal together:
//
//	absent   --Begin--------------------------------------------> starting
//	starting --Settle, not pending, or pending and Internal final--> absent
//	starting --Settle, pending and Internal STATUS_PENDING--------> pending
//	pending  --Collect, Internal final---------------------------> absent
//
// Each registration has a generation, unique per Begin: Generation,
// called by GetOverlappedResult before it waits, names the operation it
// collects, so that two collectors of one operation followed by an
// immediate reuse of the OVERLAPPED never release the next operation. A
// stale port packet (the address of an operation already released) finds
// either nothing or a later operation whose Internal is STATUS_PENDING:
// it releases nothing.
package overlapped

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
)

// StatusPending is STATUS_PENDING, the NTSTATUS Windows leaves in
// OVERLAPPED.Internal while an operation is in progress (kernel32 checks
// it against the Windows headers at compile time).
const StatusPending = 0x103

type state uint8

const (
	// starting: the starting call (ReadFile, ...) has not returned; only
	// Settle may end it.
	starting state = iota + 1
	// pending: the starting call returned ERROR_IO_PENDING and the
	// operation had not completed then; the first Collect after it
	// completes releases it.
	pending
)

// Op is one registered operation, from Begin until it is released. It is
// its starting call's to Settle; after that it belongs to the registry.
type Op struct {
	pinner runtime.Pinner
	// ov and buf are what pinner pins (kept for Lookup: the Pinner alone
	// keeps them alive).
	ov  unsafe.Pointer
	buf []byte
	// state and gen are guarded by the registry's lock.
	state state
	gen   uint64
}

// spares bounds the free list of released Ops: enough for a server's
// operations in flight to recycle their records, so that Begin allocates
// nothing once as many operations have completed as are in flight; not so
// many that a burst of thousands keeps them (about 100 bytes each) for
// ever. A list under the registry's lock rather than a sync.Pool, whose
// per-P caches a goroutine blocked in a cgo call (it usually resumes on
// another P) keeps refilling from the heap.
const spares = 256

var registry = struct {
	sync.Mutex
	m map[uintptr]*Op
	// gen is the last generation given out; 0 is never given.
	gen  uint64
	free []*Op
}{m: map[uintptr]*Op{}, free: make([]*Op, 0, spares)}

// counts counts registrations and releases since the process started (for
// tests): each operation is released exactly once, so the two are equal
// whenever nothing is in flight.
var counts struct{ begun, released atomic.Uint64 }

// Done reports whether Windows is finished with the operation last started
// on the OVERLAPPED at ov: its Internal is not StatusPending (C's
// HasOverlappedIoCompleted). Meaningful only once that operation's starting
// call returned ERROR_IO_PENDING.
func Done(ov unsafe.Pointer) bool {
	// Windows writes Internal from another thread: read it atomically.
	return uint32(atomic.LoadUintptr((*uintptr)(ov))) != StatusPending
}

// Begin registers an operation about to be started with the OVERLAPPED at
// ov and the buffer buf (nil for none), pinning both, and returns it for
// Settle. It refuses an OVERLAPPED whose previous operation is still in
// flight (starting, or pending and not yet collected) with an
// *errors.InputError naming lpOverlapped.
func Begin(ov unsafe.Pointer, buf []byte) (*Op, error) {
	key := uintptr(ov)
	registry.Lock()
	if _, busy := registry.m[key]; busy {
		registry.Unlock()
		return nil, &wincgoerrors.InputError{Name: "lpOverlapped", Value: fmt.Sprintf("%#x", key),
			Message: fmt.Sprintf("received the OVERLAPPED at %#x, whose previous operation is still in progress or was never collected (by GetOverlappedResult or by dequeuing its packet from a completion port); expected one not in use", key)}
	}
	var op *Op
	if n := len(registry.free); n > 0 {
		op = registry.free[n-1]
		registry.free[n-1] = nil
		registry.free = registry.free[:n-1]
	} else {
		op = new(Op)
	}
	registry.gen++
	op.state, op.gen, op.ov, op.buf = starting, registry.gen, ov, buf
	registry.m[key] = op
	registry.Unlock()
	counts.begun.Add(1)
	// Pinned outside the lock: while starting, the Op is its starting
	// call's alone (no Collect touches a starting Op), and Settle takes the
	// lock after this.
	op.pinner.Pin(ov)
	if len(buf) > 0 {
		op.pinner.Pin(unsafe.SliceData(buf))
	}
	return op, nil
}

// Pin pins p, more memory Windows keeps while the operation is in flight
// (a WSABUF array and the buffers it points to, WSARecvFrom's address),
// until the operation is released. It is called after Begin and before the
// starting call, by that call's goroutine.
func (op *Op) Pin(p unsafe.Pointer) {
	if p != nil {
		op.pinner.Pin(p)
	}
}

// End settles op given its starting call's result r (see Settle) and
// returns what the wrapper returns: the count and nil if it completed at
// once (Windows left the count in the OVERLAPPED's InternalHigh); 0 and
// ErrPending if it is pending (ERROR_IO_PENDING, WSA_IO_PENDING: the same
// 997), so that the caller can tell it from a synchronous success of 0
// bytes (in FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode, only the pending
// one queues a port packet); 0 and r's error if it failed.
func (op *Op) End(r check.Result) (int, error) {
	ov := op.ov
	pending := r.Failed && r.LastError == ErrorIOPending
	// The count is read before Settle may release op and its OVERLAPPED.
	count := int(uint32(atomic.LoadUintptr((*uintptr)(unsafe.Add(ov, unsafe.Sizeof(uintptr(0)))))))
	op.Settle(pending)
	if pending {
		// Its result is GetOverlappedResult's (or the port packet's), even
		// if it completed since.
		return 0, ErrPending
	}
	if err := r.Err(); err != nil {
		return 0, err
	}
	return count, nil
}

// ErrorIOPending is ERROR_IO_PENDING (Winsock's WSA_IO_PENDING has the
// same value), checked against the headers in kernel32.
const ErrorIOPending = 997

// ErrPending is what End returns for a pending operation: the bare
// syscall.Errno, not a *errors.WindowsAPIError (pending is not a failure),
// so errors.Is matches it with kernel32.ERROR_IO_PENDING and
// windows.ERROR_IO_PENDING alike. A constant converted to an interface is
// static data: returning it allocates nothing.
const ErrPending = syscall.Errno(ErrorIOPending)

// Settle ends the starting call of op, which returned: ioPending is
// whether it reported ERROR_IO_PENDING (a synchronous success or a
// failure did not). The operation is released now unless it is
// pending and Windows has not finished it yet (then Collect releases it).
// op must not be used afterwards.
func (op *Op) Settle(ioPending bool) {
	registry.Lock()
	defer registry.Unlock()
	if ioPending && !Done(op.ov) {
		op.state = pending
		return
	}
	release(op)
}

// Generation returns the generation of the operation in flight on the
// OVERLAPPED at address ov, 0 if none is.
func Generation(ov uintptr) uint64 {
	registry.Lock()
	defer registry.Unlock()
	if op, ok := registry.m[ov]; ok {
		return op.gen
	}
	return 0
}

// Collect is called by every observer that may have seen the operation on
// the OVERLAPPED at address ov complete: it releases that operation if its
// starting call returned (it is pending), Windows is finished with it, and,
// when gen is not 0, its generation is gen. Otherwise it does nothing: ov
// unregistered (released already, or never an operation of wincgo's),
// still starting (Settle will release it), or still in progress (a stale
// packet or wait). ov may be any address, such as a dequeued packet's: it
// is looked up, and only a registered (pinned) OVERLAPPED is read.
func Collect(ov uintptr, gen uint64) {
	registry.Lock()
	defer registry.Unlock()
	op, ok := registry.m[ov]
	if !ok || op.state != pending || (gen != 0 && op.gen != gen) || !Done(op.ov) {
		return
	}
	release(op)
}

// release removes op from the registry, unpins its memory and keeps op for
// reuse. The caller holds the registry's lock.
func release(op *Op) {
	delete(registry.m, uintptr(op.ov))
	op.pinner.Unpin()
	op.ov, op.buf, op.state, op.gen = nil, nil, 0, 0
	if len(registry.free) < cap(registry.free) {
		registry.free = append(registry.free, op)
	}
	counts.released.Add(1)
}

// InFlight returns the number of operations registered (for tests).
func InFlight() int {
	registry.Lock()
	defer registry.Unlock()
	return len(registry.m)
}

// Counts returns how many operations were registered and released since
// the process started (for tests).
func Counts() (begun, released uint64) {
	return counts.begun.Load(), counts.released.Load()
}

// Lookup returns the OVERLAPPED and buffer the registry pins for the
// operation in flight on the OVERLAPPED at address ov (for tests: they
// stay valid only while that operation is in flight).
func Lookup(ov uintptr) (pinnedOv unsafe.Pointer, buf []byte, ok bool) {
	registry.Lock()
	defer registry.Unlock()
	op, ok := registry.m[ov]
	if !ok {
		return nil, nil, false
	}
	return op.ov, op.buf, true
}
