//go:build windows

package bench

import (
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// Completion-port drain: packets dequeued drainBatch at a time.
const (
	drainBatch = 128
	// drainKey is the completion key every packet carries.
	drainKey = 0x5eed
	// drainTimeout bounds each dequeue: every packet was queued before the
	// drain starts, so it only ends a benchmark whose packets went missing.
	drainTimeout = 10000
)

// x/sys v0.50.0 has no GetQueuedCompletionStatusEx: its side calls it the
// way x/sys's generated wrappers call any function (a lazy proc and
// syscall.SyscallN), with OVERLAPPED_ENTRY as x/sys would declare it.
var procGetQueuedCompletionStatusEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetQueuedCompletionStatusEx")

type xOverlappedEntry struct {
	CompletionKey            uintptr
	Overlapped               *windows.Overlapped
	Internal                 uintptr
	NumberOfBytesTransferred uint32
}

func xGetQueuedCompletionStatusEx(port windows.Handle, entries []xOverlappedEntry, removed *uint32, ms uint32, alertable bool) error {
	var a uintptr
	if alertable {
		a = 1
	}
	r1, _, e1 := syscall.SyscallN(procGetQueuedCompletionStatusEx.Addr(), uintptr(port),
		uintptr(unsafe.Pointer(&entries[0])), uintptr(len(entries)), uintptr(unsafe.Pointer(removed)), uintptr(ms), a)
	if r1 == 0 {
		return e1
	}
	return nil
}

// newPort returns a completion port, closed when b ends.
func newPort(b *testing.B) wintypes.HANDLE {
	b.Helper()
	port, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, kernel32.CloseHandle, port) })
	return port
}

// drainCheck fails b unless the packet dequeued as number i carries what
// the i-th post gave it: ports dequeue in FIFO order.
func drainCheck(b *testing.B, i int, bytes uint32, key, ov, wantOv uintptr) {
	if bytes != uint32(i) || key != drainKey || ov != wantOv {
		b.Fatalf("packet %d: bytes %d, key %#x, overlapped %#x; want %d, %#x, %#x", i, bytes, key, ov, i, drainKey, wantOv)
	}
}

// BenchmarkGetQueuedCompletionStatusExDrain10000 posts 10,000 packets to a
// completion port and dequeues them 128 at a time, checking each: a
// proactor's loop under a burst of completions. Each packet carries the
// address of an OVERLAPPED, as an I/O completion does, one wincgo never
// registered (so wincgo's drain looks each up in its registry of pending
// operations and finds nothing, as for an operation collected already).
// Per side its own port.
//
// Under Wine each packet costs two wineserver calls (Wine 8 dequeues one
// packet per call), so one operation lasts about 0.4 s, far longer than
// paired's chunks: the machine's load changes between adjacent sides'
// operations, and wincgo/floor ranged from 0.90 to 1.24 over ten runs
// here (load 3 to 7).
// BenchmarkGetQueuedCompletionStatusExDrain100 is the same loop in
// chunk-sized operations, whose ratios stayed within 1.00 to 1.01. So
// this one runs drain10000Rounds rounds at least, not minRounds: with 9,
// on the idle machine, wincgo/x-sys came out at 1.027, 1.046 and 0.964 in
// three processes, while wincgo/floor read 0.983, 1.022 and 0.970.
func BenchmarkGetQueuedCompletionStatusExDrain10000(b *testing.B) {
	drainBenchmark(b, 10000, drain10000Rounds)
}

// drain10000Rounds: about 30 s per run on the idle machine.
const drain10000Rounds = 25

// BenchmarkGetQueuedCompletionStatusExDrain100 is the drain of 100
// packets (under Wine: a few ms, one of paired's chunks).
func BenchmarkGetQueuedCompletionStatusExDrain100(b *testing.B) { drainBenchmark(b, 100, minRounds) }

// drainBenchmark posts packets packets per operation and drains them,
// drainBatch at a time, for at least rounds rounds.
func drainBenchmark(b *testing.B, packets, rounds int) {
	wPort, fPort, xPort := newPort(b), newPort(b), newPort(b)
	wOv, fOv, xOv := &wintypes.OVERLAPPED{}, &wintypes.OVERLAPPED{}, &windows.Overlapped{}
	wEntries := make([]wintypes.OVERLAPPED_ENTRY, drainBatch)
	fEntries := make([]wintypes.OVERLAPPED_ENTRY, drainBatch)
	xEntries := make([]xOverlappedEntry, drainBatch)
	pairedRounds(b, rounds,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				for i := range packets {
					if err := kernel32.PostQueuedCompletionStatus(wPort, uint32(i), drainKey, wOv.Address()); err != nil {
						b.Fatal(err)
					}
				}
				for got := 0; got < packets; {
					m, err := kernel32.GetQueuedCompletionStatusEx(wPort, wEntries, len(wEntries), drainTimeout, false)
					if err != nil {
						b.Fatal(got, err)
					}
					for _, e := range wEntries[:m] {
						drainCheck(b, got, e.DwNumberOfBytesTransferred, e.LpCompletionKey, e.LpOverlapped, wOv.Address())
						got++
					}
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				for i := range packets {
					if !floorPostQueuedCompletionStatus(uintptr(fPort), uint32(i), drainKey, fOv.Address()) {
						b.Fatal("PostQueuedCompletionStatus failed")
					}
				}
				for got := 0; got < packets; {
					m := floorGetQueuedCompletionStatusEx(uintptr(fPort), fEntries, drainTimeout)
					if m == 0 {
						b.Fatal(got, "GetQueuedCompletionStatusEx failed")
					}
					for _, e := range fEntries[:m] {
						drainCheck(b, got, e.DwNumberOfBytesTransferred, e.LpCompletionKey, e.LpOverlapped, fOv.Address())
						got++
					}
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			var m uint32
			for range n {
				for i := range packets {
					if err := windows.PostQueuedCompletionStatus(xPort.Windows(), uint32(i), drainKey, xOv); err != nil {
						b.Fatal(err)
					}
				}
				for got := 0; got < packets; {
					if err := xGetQueuedCompletionStatusEx(xPort.Windows(), xEntries, &m, drainTimeout, false); err != nil {
						b.Fatal(got, err)
					}
					for _, e := range xEntries[:m] {
						drainCheck(b, got, e.NumberOfBytesTransferred, e.CompletionKey,
							uintptr(unsafe.Pointer(e.Overlapped)), uintptr(unsafe.Pointer(xOv)))
						got++
					}
				}
			}
		}},
	)
}
