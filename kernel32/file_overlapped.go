//go:build windows

package kernel32

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
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
// entry is made and the pins taken before Windows sees the pointers, and
// released exactly once, when Windows is done with the operation.
//
// The registry is a small state machine; every transition happens in one
// section holding overlappedOps' lock, which does the lookup, the state
// check and the removal together (a removed entry belongs to whoever removed
// it, who unpins it and returns it to the free list in that same section):
//
//	absent   --beginOverlapped-------------------------------> starting
//	warm     --beginOverlapped (the same OVERLAPPED again)----> starting
//	starting --the starting call returns, not ERROR_IO_PENDING--> settled
//	starting --it returns ERROR_IO_PENDING, Internal done------> settled
//	starting --it returns ERROR_IO_PENDING, Internal pending---> pending
//	pending  --an observer finds Internal done (GetOverlappedResult,
//	           overlappedCompleted from a port packet)----------> settled
//	settled  = warm, or absent for a buffer over overlappedWarmBuffer
//	warm     --more than overlappedWarmEntries are warm (the
//	           oldest goes), or a garbage collection ran---------> absent
//
// A settled operation is over: Windows is done with its memory, its
// OVERLAPPED may be reused, and it counts as released. Its entry stays
// "warm" a while, still pinning the OVERLAPPED and the buffer, because
// programs reuse them: a loop that reads into the same buffer with the
// same OVERLAPPED then pins them once, not on every call (pinning and
// unpinning two objects, with a map insertion and deletion, cost 1.5 to 2%
// of a 4 KiB read under Wine: bench/, BenchmarkReadFileAt4KiB). A warm
// entry is unpinned, and the memory it held is the garbage collector's
// again, when it is among the oldest past overlappedWarmEntries, or at the
// next garbage collection after it settled (flushWarmAtGC),
// whichever comes first: memory the caller drops is freed a collection
// later than it would be, and no more than overlappedWarmEntries
// buffers of at most overlappedWarmBuffer bytes are held.
//
// Completion observed while the starting call still runs (another goroutine
// waited on the event, or dequeued a port packet, before ReadFile returned)
// changes nothing: the starting call holds the entry until it returns, and
// then decides from OVERLAPPED.Internal itself. Internal is authoritative
// only once the starting call returned: Windows sets it to STATUS_PENDING
// when it starts the operation and writes the final status when it
// completes, before it signals the event or queues a port packet. Before
// then, Internal may still hold the previous operation's status, and an
// observation may belong to that previous operation (a port packet of an
// operation that completed at once, a stale event), so it cannot release
// anything. Hence the rule, by construction: an entry is removed only once
// its starting call returned and Windows is finished with its operation,
// and the party that sees both - the starting call itself, or the first
// observer after it - removes it, exactly once.
//
// Each entry also carries a generation, unique per registration, so that
// GetOverlappedResult releases the operation that was registered when it
// was called and never a later one started on the same OVERLAPPED after
// another collector released the first (two collectors of one operation
// plus an immediate reuse). Released entries are kept on a bounded free
// list guarded by the same lock, and reused: the generation, not the
// entry's address, identifies an operation.
//
// An OVERLAPPED registered already (starting or pending) is refused as
// input by every starting call (beginOverlapped): Windows would overwrite
// the status of the operation in progress. Its first collector, whichever
// goroutine it runs in, makes it reusable. A warm one is not in use: no
// collector, port packet or wait releases anything of it (none is
// pending), and the next operation on it takes it over.
//
// cgo's pointer check is satisfied: OVERLAPPED and []byte hold no Go
// pointers, and the pinned memory may be retained by C.

// overlappedState is where a registered operation stands.
type overlappedState uint8

const (
	// overlappedStarting: the starting call (ReadFile, ...) has not
	// returned; only it may settle the entry.
	overlappedStarting overlappedState = iota + 1
	// overlappedPending: the starting call returned ERROR_IO_PENDING and
	// the operation had not completed then; the first observer of its
	// completion releases it.
	overlappedPending
	// overlappedWarm: settled, its memory still pinned for the next
	// operation on the same OVERLAPPED; on overlappedOps' warm list.
	overlappedWarm
)

// overlappedOp is the registry entry of one operation.
type overlappedOp struct {
	pinner runtime.Pinner
	// ov and buf are what pinner pins (for inspection: the Pinner alone
	// keeps them alive).
	ov  *wintypes.OVERLAPPED
	buf []byte
	// state and gen are guarded by overlappedOps' lock.
	state overlappedState
	gen   uint64
	// older and newer link a warm entry into overlappedOps' warm list.
	older, newer *overlappedOp
}

var overlappedOps = struct {
	sync.Mutex
	m map[uintptr]*overlappedOp
	// gen is the last generation given out; 0 is never given.
	gen uint64
	// free holds released entries (unpinned, zeroed but for their
	// Pinner's storage) for beginOverlapped to reuse.
	free spares[overlappedOp]
	// warm lists the warm entries, oldest first.
	warm warmList
}{m: map[uintptr]*overlappedOp{}, free: newSpares[overlappedOp](overlappedSpares)}

// spares is a bounded free list: objects kept for reuse, at most as many
// as its capacity, which is allocated once. Its user guards it with a
// lock of its own.
type spares[T any] struct{ items []*T }

func newSpares[T any](n int) spares[T] { return spares[T]{items: make([]*T, 0, n)} }

// get returns a kept object, or a new one when none is kept.
func (s *spares[T]) get() *T {
	n := len(s.items)
	if n == 0 {
		return new(T)
	}
	x := s.items[n-1]
	s.items[n-1] = nil
	s.items = s.items[:n-1]
	return x
}

// put keeps x for reuse, unless s is full (x is then left to the GC).
func (s *spares[T]) put(x *T) {
	if len(s.items) < cap(s.items) {
		s.items = append(s.items, x)
	}
}

// overlappedSpares bounds the free list: enough for a server's operations
// in flight to recycle their entries, so that a started operation
// allocates nothing once as many have completed before; not so many that a
// burst of thousands keeps its entries (about 100 bytes each) for ever.
//
// A free list under the registry's lock rather than a sync.Pool: a pool's
// entries are per P, and a goroutine blocked in a cgo call (ReadFile,
// GetQueuedCompletionStatusEx) usually resumes on another P than the one
// it started on, so the pool kept refilling one P's cache from the heap
// while it stranded entries in another's, and grew its rings doing so.
const overlappedSpares = 256

// overlappedWarmEntries bounds the warm entries: as many OVERLAPPEDs as a
// program plausibly cycles through in a loop. A program with more in
// flight (a server, one per connection) gets the oldest entries unpinned
// as new ones settle, which costs what settling cost before warm entries:
// the pins are released later, not more often.
const overlappedWarmEntries = 64

// overlappedWarmBuffer is the largest buffer an entry stays warm with: the
// cost of pinning shows on small transfers, and at most
// overlappedWarmEntries × overlappedWarmBuffer bytes (4 MiB) are held.
const overlappedWarmBuffer = 64 << 10

// warmList is a doubly linked list of warm entries, oldest first, guarded
// by overlappedOps' lock.
type warmList struct {
	oldest, newest *overlappedOp
	n              int
}

// push appends op, the newest warm entry.
func (l *warmList) push(op *overlappedOp) {
	op.older, op.newer = l.newest, nil
	if l.newest != nil {
		l.newest.newer = op
	} else {
		l.oldest = op
	}
	l.newest = op
	l.n++
}

// remove takes op, a warm entry, off the list.
func (l *warmList) remove(op *overlappedOp) {
	if op.older != nil {
		op.older.newer = op.newer
	} else {
		l.oldest = op.newer
	}
	if op.newer != nil {
		op.newer.older = op.older
	} else {
		l.newest = op.older
	}
	op.older, op.newer = nil, nil
	l.n--
}

// overlappedCounts counts registrations, releases and pinnings since the
// process started, for tests and debugging: each operation is released
// exactly once, so begun and released are equal whenever nothing is in
// progress; pinned counts the operations that had to pin their memory
// (the others found it pinned already, in a warm entry).
var overlappedCounts struct {
	begun, released, pinned atomic.Uint64
}

// pinnerStorageAnchor is a pointer outside the Go heap for
// unpinKeepingStorage to Pin: nothing is pinned.
var pinnerStorageAnchor byte

// overlappedKey is the registry key of ov: its address, stable because ov
// is a heap object (it escapes into C calls) and Go's heap does not move.
func overlappedKey(ov *wintypes.OVERLAPPED) uintptr { return uintptr(unsafe.Pointer(ov)) }

// overlappedDone reports whether Windows is finished with the operation
// last started on ov (HasOverlappedIoCompleted). Meaningful only once that
// operation's starting call returned ERROR_IO_PENDING.
func overlappedDone(ov *wintypes.OVERLAPPED) bool {
	// Windows writes Internal from another thread: read it atomically.
	return uint32(atomic.LoadUintptr(&ov.Internal)) != uint32(statusPending)
}

// beginOverlapped registers an operation about to be started with ov and
// buf (state starting), pinning both unless a warm entry of ov pins them
// already. It refuses an ov whose previous operation is still in progress.
func beginOverlapped(ov *wintypes.OVERLAPPED, buf []byte) (*overlappedOp, error) {
	key := overlappedKey(ov)
	overlappedOps.Lock()
	op, found := overlappedOps.m[key]
	if found && op.state != overlappedWarm {
		overlappedOps.Unlock()
		return nil, &wincgoerrors.InputError{Name: "lpOverlapped", Value: fmt.Sprintf("%p", ov),
			Message: fmt.Sprintf("received the OVERLAPPED %p, whose previous operation is still in progress or was never collected (by GetOverlappedResult or by dequeuing its packet from a completion port); expected one not in use", ov)}
	}
	pin := true
	if found {
		// The warm entry pins ov (the object at ov's address: pinned, it
		// cannot have been freed and replaced) and its buffer; buf needs
		// pinning only if it is not that buffer (an empty one needs none).
		overlappedOps.warm.remove(op)
		pin = len(buf) > 0 && (len(op.buf) == 0 || unsafe.SliceData(op.buf) != unsafe.SliceData(buf))
	} else {
		// New only until as many operations have completed as are in flight.
		op = overlappedOps.free.get()
		overlappedOps.m[key] = op
	}
	overlappedOps.gen++
	op.state, op.gen = overlappedStarting, overlappedOps.gen
	if pin {
		op.ov, op.buf = ov, buf
	} else if len(buf) > 0 {
		op.buf = buf // the same object: its length may differ
	}
	overlappedCounts.begun.Add(1)
	overlappedOps.Unlock()
	if pin {
		// Pinned outside the lock: while starting, the entry is the
		// starting call's alone (no observer removes a starting entry).
		overlappedCounts.pinned.Add(1)
		if found {
			unpinKeepingStorage(op)
		}
		op.pinner.Pin(ov)
		if len(buf) > 0 {
			op.pinner.Pin(unsafe.SliceData(buf))
		}
	}
	return op, nil
}

// endOverlapped settles the operation started on ov given the starting
// call's return value and last error (see ReadFile): the count and nil if
// it completed at once, 0 and nil if it is pending, 0 and the error if it
// failed. Released here unless the operation is still in progress: when it
// did not go pending, and when it went pending but completed before this
// check (perhaps already observed by another goroutine, which then left it
// to this call).
func endOverlapped(function string, op *overlappedOp, ov *wintypes.OVERLAPPED, ret uintptr, lastError uint32) (int, error) {
	pending := ret == 0 && syscall.Errno(lastError) == ERROR_IO_PENDING
	overlappedOps.Lock()
	if pending && !overlappedDone(ov) {
		op.state = overlappedPending
		overlappedOps.Unlock()
		return 0, nil
	}
	settleOverlapped(overlappedKey(ov), op)
	overlappedOps.Unlock()
	if pending {
		// Went pending and completed since: its result is collected with
		// GetOverlappedResult, as for any pending operation.
		return 0, nil
	}
	if err := check.NonZero(function, ret, lastError); err != nil {
		return 0, err
	}
	// Completed at once: Windows left the count in the OVERLAPPED.
	return int(uint32(atomic.LoadUintptr(&ov.InternalHigh))), nil
}

// overlappedGeneration returns the generation of the operation in progress
// on ov (starting or pending), 0 if none is.
func overlappedGeneration(ov *wintypes.OVERLAPPED) uint64 {
	overlappedOps.Lock()
	defer overlappedOps.Unlock()
	if op, ok := overlappedOps.m[overlappedKey(ov)]; ok && op.state != overlappedWarm {
		return op.gen
	}
	return 0
}

// overlappedCompleted is called when Windows has finished with ov's
// operation, as seen through a completion port packet or a wait (the
// completion-port functions call it for each dequeued OVERLAPPED;
// GetOverlappedResult goes through the same path, as does an operation
// cancelled with CancelIoEx, which completes like any other): it releases
// the operation's pins exactly once, and is safe under every interleaving
// with the starting call and with other observers.
//
//   - ov need not be registered (an operation that completed or failed at
//     once was released by its starting call; so was one collected
//     already): nothing happens. ov is used as a key only; it is
//     dereferenced only when registered, i.e. pinned.
//   - If ov's starting call has not returned yet, nothing happens: that
//     call releases the operation when it returns, having seen it
//     complete (Windows writes the status before it signals or queues).
//   - If ov is pending, it is released only if its Internal says the
//     operation has completed: a packet or wait that belongs to an earlier
//     operation on the same OVERLAPPED (one that completed at once on a
//     handle associated with a port still queues a packet) never releases
//     a later operation still in progress.
func overlappedCompleted(ov *wintypes.OVERLAPPED) {
	collectOverlapped(ov, 0)
}

// collectOverlapped is overlappedCompleted restricted to the operation of
// generation gen when gen is not 0 (GetOverlappedResult: the operation
// registered when it was called).
func collectOverlapped(ov *wintypes.OVERLAPPED, gen uint64) {
	collectOverlappedAt(overlappedKey(ov), gen)
}

// collectOverlappedAt is collectOverlapped for the OVERLAPPED at address
// key, which may be any address (a dequeued packet's): it is looked up in
// the registry and never converted to a pointer.
func collectOverlappedAt(key uintptr, gen uint64) {
	overlappedOps.Lock()
	op, ok := overlappedOps.m[key]
	if !ok || op.state != overlappedPending || (gen != 0 && op.gen != gen) || !overlappedDone(op.ov) {
		overlappedOps.Unlock()
		return
	}
	settleOverlapped(key, op)
	overlappedOps.Unlock()
}

// settleOverlapped ends op, the operation registered at key, which its
// caller found over (Windows is done with its memory) in the same locked
// section: the entry stays warm, unless its buffer is too large to keep
// pinned; the oldest warm entry goes if there are too many.
func settleOverlapped(key uintptr, op *overlappedOp) {
	overlappedCounts.released.Add(1)
	// The capacity: the pinned object spans at least that much.
	if cap(op.buf) > overlappedWarmBuffer {
		delete(overlappedOps.m, key)
		recycleOverlapped(op)
		return
	}
	op.state = overlappedWarm
	overlappedOps.warm.push(op)
	if overlappedOps.warm.n > overlappedWarmEntries {
		evictWarm(overlappedOps.warm.oldest)
	}
}

// evictWarm removes op, a warm entry, from the registry: its memory is
// unpinned. The caller holds overlappedOps' lock.
func evictWarm(op *overlappedOp) {
	overlappedOps.warm.remove(op)
	delete(overlappedOps.m, overlappedKey(op.ov))
	recycleOverlapped(op)
}

// flushWarmOverlapped removes every warm entry, unpinning their memory.
func flushWarmOverlapped() {
	overlappedOps.Lock()
	defer overlappedOps.Unlock()
	for overlappedOps.warm.oldest != nil {
		evictWarm(overlappedOps.warm.oldest)
	}
}

// gcCycleMarker is an object nothing references, whose finalizer,
// flushWarmAtGC, the garbage collector runs after each cycle (16 bytes: a
// smaller pointer-free object could share a block of the tiny allocator
// with others, and be found unreachable only with them).
type gcCycleMarker struct{ _ [16]byte }

// flushWarmAtGC unpins the warm entries after a garbage collection: the
// next cycle frees the memory they held, if the program dropped it. Set
// again as m's finalizer, it runs after every cycle, and allocates nothing
// (a cleanup registered anew each cycle would: the allocation tests saw
// it).
func flushWarmAtGC(m *gcCycleMarker) {
	flushWarmOverlapped()
	runtime.SetFinalizer(m, flushWarmAtGC)
}

func init() { runtime.SetFinalizer(new(gcCycleMarker), flushWarmAtGC) }

// unpinKeepingStorage unpins everything op pins.
func unpinKeepingStorage(op *overlappedOp) {
	op.pinner.Unpin()
	// Unpin hands the Pinner's storage to a per-P cache when that is
	// empty, and a later Pin on another P, whose cache is empty, would
	// allocate new storage (the same stranding as a sync.Pool's). Take it
	// back at once, so that the entry keeps its own: Pin of a pointer
	// outside the Go heap pins nothing (documented) but gives the Pinner
	// its storage.
	op.pinner.Pin(&pinnerStorageAnchor)
}

// recycleOverlapped unpins the memory of op, which its caller removed from
// the registry in the same locked section (and so owns alone), and puts it
// on the free list unless that is full. The caller holds overlappedOps'
// lock: the entry is unpinned and zeroed before beginOverlapped can take
// it again.
func recycleOverlapped(op *overlappedOp) {
	unpinKeepingStorage(op)
	op.ov, op.buf = nil, nil
	op.state, op.gen = 0, 0
	overlappedOps.free.put(op)
}

// internalOverlapped recycles the OVERLAPPEDs wincgo makes for itself
// (LockFileEx and UnlockFileEx given none), so that those calls allocate
// nothing: at most internalOverlappedSpares of them, each put back zeroed
// once Windows is done with it and wincgo no longer refers to it (one that
// Windows may still write into is kept forever instead). A reused one's
// address may come back in a stale completion-port packet: as for any
// OVERLAPPED, such a packet never releases an operation in progress.
var internalOverlapped = struct {
	sync.Mutex
	free spares[wintypes.OVERLAPPED]
}{free: newSpares[wintypes.OVERLAPPED](internalOverlappedSpares)}

// internalOverlappedSpares bounds internalOverlapped: as many as calls
// running at once, usually one or two.
const internalOverlappedSpares = 16

// getInternalOverlapped returns a zeroed OVERLAPPED of wincgo's own.
func getInternalOverlapped() *wintypes.OVERLAPPED {
	internalOverlapped.Lock()
	defer internalOverlapped.Unlock()
	return internalOverlapped.free.get()
}

// putInternalOverlapped takes back ov, from getInternalOverlapped, which
// Windows is done with and nothing refers to any more.
func putInternalOverlapped(ov *wintypes.OVERLAPPED) {
	*ov = wintypes.OVERLAPPED{}
	internalOverlapped.Lock()
	defer internalOverlapped.Unlock()
	internalOverlapped.free.put(ov)
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
// It answers only for an operation that was started, as Microsoft
// documents ("do not call this macro unless GetLastError returns
// ERROR_IO_PENDING"): for wincgo, after ReadFile, WriteFile or LockFileEx
// returned a nil error. It reports true once such an operation completed,
// at once or later, successfully or not. It reports true too for an
// OVERLAPPED never used (a zero Internal) and for a nil one.
//
// After a start that failed at once (ReadFile returned an error), it
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
	return overlappedDone(lpOverlapped)
}

// statusPending is STATUS_PENDING, the OVERLAPPED.Internal of an operation
// in progress.
const statusPending = uintptr(winconst.WINCGO_STATUS_PENDING)
