//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/wintypes"
)

// stressDurationEnv overrides how long TestCompletionPortConcurrentDrainStress
// starts operations (a Go duration, e.g. 60s), for longer campaigns.
const stressDurationEnv = "WINCGO_PORT_STRESS_DURATION"

// portOp is one overlapped operation of the port stress test, from the
// moment its starter records it until a drainer has dequeued its packet.
type portOp struct {
	write bool
	key   uintptr // the completion key its handle was associated with
	ov    *wintypes.OVERLAPPED
	buf   []byte
	slot  int
	// Set by the drainer that dequeued the packet, before it hands the op
	// back to its starter through done (which orders the accesses).
	n      uint32
	failed bool // the operation failed (a cancelled read)
	done   chan *portOp
	// For the report of a run that hangs (inFlightReport).
	stream    string
	cancelled atomic.Bool // its reader called CancelIoEx on it
}

// portOps maps the address of each OVERLAPPED in use to its operation.
// A starter stores the entry before starting the operation (its packet may
// be dequeued before the starting call returns); the drainer that dequeues
// the packet removes it, so a second packet for the same operation finds
// nothing (or, after a reuse, the next operation, whose own packet then
// finds nothing): either is reported.
type portOps struct{ m sync.Map }

// portStress is one direction of a message-mode pipe: a writer goroutine
// keeps slots writes in flight on one end, a reader goroutine slots reads
// on the other, each reusing its slots' OVERLAPPEDs only once their
// packet was dequeued, by any drainer.
type portStress struct {
	name          string
	reader        wintypes.HANDLE
	writer        wintypes.HANDLE
	rKey, wKey    uintptr
	ops           *portOps
	slots         int
	errs          chan<- error
	written, read map[string]int
	// started counts the operations started, atOnce those of them that
	// completed in the starting call (their packet comes all the same).
	started, atOnce atomic.Int64
}

// message is the seq-th message of direction name: unique, of varying
// length (1 to ~300 bytes, so reads and writes of many sizes).
func message(name string, seq int) []byte {
	m := fmt.Appendf(nil, "%s#%d:", name, seq)
	for len(m) < 1+seq*37%300 {
		m = append(m, byte('a'+seq%26))
	}
	return m
}

// start starts op on h, recording it first; it reports a refusal or a
// failure at once (nothing is expected to fail at once here).
func (s *portStress) start(op *portOp) error {
	// A fresh OVERLAPPED now and then, so that released ones become
	// garbage the collector frees; otherwise the slot's, reused.
	if s.started.Add(1)%3 == 0 {
		op.ov = new(wintypes.OVERLAPPED)
	} else {
		*op.ov = wintypes.OVERLAPPED{}
	}
	op.n, op.failed, op.stream = 0, false, s.name
	op.cancelled.Store(false)
	if _, dup := s.ops.m.LoadOrStore(op.ov.Address(), op); dup {
		return fmt.Errorf("%s: OVERLAPPED %#x recorded twice", s.name, op.ov.Address())
	}
	var n int
	var err error
	if op.write {
		n, err = WriteFile(s.writer, op.buf, nil, op.ov)
	} else {
		n, err = ReadFile(s.reader, op.buf, nil, op.ov)
	}
	if n > 0 {
		s.atOnce.Add(1)
	}
	if err != nil && !errors.Is(err, ERROR_IO_PENDING) {
		s.ops.m.Delete(op.ov.Address())
		return fmt.Errorf("%s: starting an operation (write %v): %w", s.name, op.write, err)
	}
	return nil
}

// runWriter writes messages until deadline, slots at a time, and returns
// how many it wrote once every write's packet arrived.
func (s *portStress) runWriter(deadline time.Time) int {
	done := make(chan *portOp, s.slots)
	seq, inFlight := 0, 0
	next := func(op *portOp) bool {
		op.buf = message(s.name, seq)
		if err := s.start(op); err != nil {
			s.errs <- err
			return false
		}
		s.written[string(op.buf)]++
		seq++
		inFlight++
		return true
	}
	for i := range s.slots {
		if !next(&portOp{write: true, key: s.wKey, ov: new(wintypes.OVERLAPPED), slot: i, done: done}) {
			break
		}
	}
	for inFlight > 0 {
		op := <-done
		inFlight--
		if op.failed || int(op.n) != len(op.buf) {
			s.errs <- fmt.Errorf("%s: write of %d bytes completed with %d (failed %v)", s.name, len(op.buf), op.n, op.failed)
			continue
		}
		if time.Now().Before(deadline) && !next(op) {
			deadline = time.Time{}
		}
	}
	return seq
}

// runReader keeps slots reads in flight until it has read every message
// the writer wrote (total, once the writer is done), then cancels the reads
// left, which complete, failed, through the port like the others.
func (s *portStress) runReader(total <-chan int) {
	done := make(chan *portOp, s.slots)
	want, inFlight, got := -1, 0, 0
	next := func(op *portOp) {
		// A new buffer each time (the previous one becomes garbage), big
		// enough for any message.
		op.buf = make([]byte, 512)
		if err := s.start(op); err != nil {
			s.errs <- err
			return
		}
		inFlight++
	}
	ops := make([]*portOp, s.slots)
	for i := range ops {
		ops[i] = &portOp{key: s.rKey, ov: new(wintypes.OVERLAPPED), slot: i, done: done}
		next(ops[i])
	}
	cancelled := false
	for inFlight > 0 {
		if want >= 0 && got >= want && !cancelled {
			// Everything was read: the reads left will never complete
			// on their own.
			cancelled = true
			for _, op := range ops {
				if _, mine := s.ops.m.Load(op.ov.Address()); !mine {
					continue
				}
				op.cancelled.Store(true)
				if err := CancelIoEx(s.reader, op.ov); err != nil && !errors.Is(err, ERROR_NOT_FOUND) {
					s.errs <- fmt.Errorf("%s: CancelIoEx: %w", s.name, err)
				}
			}
		}
		select {
		case w := <-total:
			want, total = w, nil
		case op := <-done:
			inFlight--
			ops[op.slot] = op
			if op.failed {
				if !cancelled {
					s.errs <- fmt.Errorf("%s: a read failed before being cancelled", s.name)
				}
				continue
			}
			s.read[string(op.buf[:op.n])]++
			got++
			if want < 0 || got+inFlight < want {
				next(op)
			}
		}
	}
}

// inFlightReport lists the operations whose packet no drainer dequeued,
// with what Windows says of each (its OVERLAPPED's status: STATUS_PENDING,
// 0x103, if Windows never completed it), for a run that stopped making
// progress: which operation lost its completion is what a hang's cause
// would be looked for from.
func (o *portOps) inFlightReport() string {
	var b strings.Builder
	o.m.Range(func(addr, v any) bool {
		op := v.(*portOp)
		fmt.Fprintf(&b, "\n  %s write=%v slot=%d key=%d cancelled=%v OVERLAPPED %#x Internal=%#x InternalHigh=%d",
			op.stream, op.write, op.slot, op.key, op.cancelled.Load(), addr,
			atomic.LoadUintptr(&op.ov.Internal), atomic.LoadUintptr(&op.ov.InternalHigh))
		return true
	})
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

// drainPort dequeues packets, with GetQueuedCompletionStatusEx into
// entries or, when entries is nil, with GetQueuedCompletionStatus, and
// hands each operation back to its starter, until it dequeues a packet with
// stopKey (extra stop packets it dequeued in the same batch are posted
// again, for the other drainers).
func drainPort(port wintypes.HANDLE, ops *portOps, entries []wintypes.OVERLAPPED_ENTRY, packets *atomic.Int64, errs chan<- error) {
	const stopKey = ^uintptr(0)
	// handle hands the operation of a packet back to its starter; err is
	// GetQueuedCompletionStatus's, or nil for GetQueuedCompletionStatusEx,
	// whose entries carry no usable status: the OVERLAPPED's then tells
	// (Windows is done with it, which the packet says).
	handle := func(key, addr uintptr, n uint32, err error, fromEx bool) {
		v, ok := ops.m.LoadAndDelete(addr)
		if !ok {
			errs <- fmt.Errorf("a packet (key %d) for OVERLAPPED %#x, which has no operation in flight: a second packet for one operation?", key, addr)
			return
		}
		op := v.(*portOp)
		if key != op.key {
			errs <- fmt.Errorf("a packet with key %d for an operation on the handle of key %d", key, op.key)
		}
		failed := err != nil
		if fromEx {
			failed = uint32(atomic.LoadUintptr(&op.ov.Internal)) != 0
		}
		packets.Add(1)
		op.n, op.failed = n, failed
		op.done <- op
	}
	for {
		stops := 0
		if entries == nil {
			n, key, addr, err := GetQueuedCompletionStatus(port, 30000)
			switch {
			case key == stopKey:
				stops++
			case addr != 0:
				if err != nil && !errors.Is(err, ERROR_OPERATION_ABORTED) {
					errs <- fmt.Errorf("GetQueuedCompletionStatus: an operation failed: %w", err)
				}
				handle(key, addr, n, err, false)
			default:
				errs <- fmt.Errorf("GetQueuedCompletionStatus: %w", err)
				return
			}
		} else {
			count, err := GetQueuedCompletionStatusEx(port, entries, len(entries), 30000, false)
			if err != nil {
				errs <- fmt.Errorf("GetQueuedCompletionStatusEx: %w", err)
				return
			}
			for _, e := range entries[:count] {
				if e.LpCompletionKey == stopKey {
					stops++
					continue
				}
				handle(e.LpCompletionKey, e.LpOverlapped, e.DwNumberOfBytesTransferred, nil, true)
			}
		}
		if stops > 0 {
			for range stops - 1 {
				if err := PostQueuedCompletionStatus(port, 0, stopKey, 0); err != nil {
					errs <- err
				}
			}
			return
		}
	}
}

// TestCompletionPortConcurrentDrainStress: goroutines start overlapped
// reads and writes on message-mode pipes whose both ends are associated
// with one port, while other goroutines drain the port, two with
// GetQueuedCompletionStatusEx (batches of 16, and of 1) and one with
// GetQueuedCompletionStatus, under garbage-collection pressure (every P
// busy, a collection every millisecond). Each OVERLAPPED is reused as soon
// as its packet was dequeued, by whichever drainer: never refused as busy.
// Every operation's packet arrives exactly once with its handle's key,
// every message is read exactly once, and at the end nothing is pinned:
// the drains alone released every operation.
func TestCompletionPortConcurrentDrainStress(t *testing.T) {
	duration := 2 * time.Second
	if v := os.Getenv(stressDurationEnv); v != "" {
		d, err := time.ParseDuration(v)
		require.NoError(t, err, stressDurationEnv)
		duration = d
	}
	const pipes, slots = 2, 4
	port := newPort(t)
	ops := &portOps{}
	errs := make(chan error, 1000)

	var streams []*portStress
	for p := range pipes {
		server, client, _ := overlappedPipe(t, PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE|PIPE_WAIT, true)
		require.NoError(t, SetNamedPipeHandleState(client, wintypes.Opt[uint32](PIPE_READMODE_MESSAGE), nil, nil))
		sKey, cKey := uintptr(2*p+1), uintptr(2*p+2)
		_, err := CreateIoCompletionPort(server, port, sKey, 0)
		require.NoError(t, err)
		_, err = CreateIoCompletionPort(client, port, cKey, 0)
		require.NoError(t, err)
		// Both directions: client to server, and server to client.
		streams = append(streams,
			&portStress{name: fmt.Sprintf("c%d>s", p), reader: server, writer: client, rKey: sKey, wKey: cKey},
			&portStress{name: fmt.Sprintf("s%d>c", p), reader: client, writer: server, rKey: cKey, wKey: sKey})
	}

	before := pendingOps()
	begun, released := overlapped.Counts()
	stopLoad := startLoad(time.Millisecond)
	defer stopLoad()
	var packets atomic.Int64
	var drainers sync.WaitGroup
	for _, size := range []int{16, 1, 0} {
		var entries []wintypes.OVERLAPPED_ENTRY
		if size > 0 {
			entries = make([]wintypes.OVERLAPPED_ENTRY, size)
		}
		drainers.Add(1)
		go func() {
			defer drainers.Done()
			drainPort(port, ops, entries, &packets, errs)
		}()
	}

	deadline := time.Now().Add(duration)
	var starters sync.WaitGroup
	for _, s := range streams {
		s.ops, s.slots, s.errs = ops, slots, errs
		s.written, s.read = map[string]int{}, map[string]int{}
		total := make(chan int, 1)
		starters.Add(2)
		go func() {
			defer starters.Done()
			total <- s.runWriter(deadline)
		}()
		go func() {
			defer starters.Done()
			s.runReader(total)
		}()
	}
	startersDone := make(chan struct{})
	go func() { starters.Wait(); close(startersDone) }()
	select {
	case <-startersDone:
	case err := <-errs:
		// A starter or drainer failed: whatever waits on it may never
		// end. The test binary's time-out ends it; report the cause.
		t.Fatalf("failed: %v; operations in flight:%s", err, ops.inFlightReport())
	}
	stopLoad()
	for range 3 {
		require.NoError(t, PostQueuedCompletionStatus(port, 0, ^uintptr(0), 0))
	}
	drainers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	var started, atOnce, messages int64
	for _, s := range streams {
		started += s.started.Load()
		atOnce += s.atOnce.Load()
		messages += int64(len(s.written))
		assert.Empty(t, cmp.Diff(s.written, s.read), "%s: every message written is read exactly once", s.name)
	}
	t.Logf("%d operations (%d messages, %d operations completed at once, the rest pending) through 3 drainers in %v", started, messages, atOnce, duration)
	assert.Less(t, atOnce, started, "no operation went pending: the drains collected nothing the starters had not")
	assert.Equal(t, started, packets.Load(), "one packet per operation")
	ops.m.Range(func(k, _ any) bool {
		t.Errorf("operation on OVERLAPPED %#x never completed", k)
		return true
	})
	assert.Equal(t, before, pendingOps(), "the drains left operations pinned")
	b, r := overlapped.Counts()
	assert.Equal(t, b-begun, r-released, "every operation released exactly once")
	assert.Equal(t, uint64(started), b-begun)
	require.Greater(t, messages, int64(len(streams)*slots), "too few operations to prove anything")
}
