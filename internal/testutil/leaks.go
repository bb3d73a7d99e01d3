//go:build windows

package testutil

import (
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Handle leak accounting for Main.
//
// Wine's GetProcessHandleCount always answers 0, so the process's handles
// are listed on Windows from NtQuerySystemInformation
// (SystemExtendedHandleInformation) filtered by this process id (one call,
// under a millisecond), and under Wine, whose implementation of that call
// can hang, by probing handle values with GetHandleInformation (see
// OpenHandles). Each handle's type name comes from
// NtQueryObject(ObjectTypeInformation).
//
// The Go runtime creates handles of its own while the tests run: each new
// OS thread (an M) holds a duplicate of its thread handle, two events and
// one or more waitable timers (runtime/os_windows.go: minit, semacreate).
// The check tells those apart from a leak by calibration: before the
// baseline, it forces the runtime to start new threads and measures the
// handles, by type, that each new thread brings. After the tests, every
// thread handle of this process that is new is taken to be a new runtime
// thread, and its calibrated set of handles is allowed; any handle beyond
// that, of any type, is a leak. One-time set-up a package's wrappers cause
// (Winsock's WSAStartup, user32's first window) is done by the package's
// WarmUp option before the baseline.

// leakProbeGap is how many consecutive free handle values (× 4) above the
// highest open one end the probe.
const leakProbeGap = 1024

// leakEnv, set to "0", turns the leak check off (for debugging a test run
// with tools that open handles of their own); "v" prints the handle
// accounting even when it passes.
const leakEnv = "WINCGO_LEAK_CHECK"

var (
	modkernel32              = windows.NewLazySystemDLL("kernel32.dll")
	modntdll                 = windows.NewLazySystemDLL("ntdll.dll")
	procGetHandleInformation = modkernel32.NewProc("GetHandleInformation")
	procGetProcessIDOfThread = modkernel32.NewProc("GetProcessIdOfThread")
	procNtQueryObject        = modntdll.NewProc("NtQueryObject")
)

// objectTypeInformation is OBJECT_INFORMATION_CLASS's ObjectTypeInformation.
const objectTypeInformation = 2

// OpenHandle is one open handle of this process.
type OpenHandle struct {
	Value uintptr
	// Type is the object type name NtQueryObject reports ("Event",
	// "Thread", "File", ...); "?" when it cannot tell.
	Type string
	// Owner, for a Thread handle, is the id of the process the thread
	// belongs to; 0 otherwise.
	Owner uint32
}

func (h OpenHandle) String() string {
	if h.Type == "Thread" && h.Owner != uint32(os.Getpid()) {
		return fmt.Sprintf("%#x (Thread of process %d)", h.Value, h.Owner)
	}
	return fmt.Sprintf("%#x (%s)", h.Value, h.Type)
}

// wineInternal is the kind of the handles Wine gives to its own server
// objects that have no Windows object type (type index 0 in the handle
// table, no name from NtQueryObject): Wine 8 opens some while user32 and
// CreateProcess work (a thread's message queue, a child's start-up
// information) and closes them on its own schedule. A Windows program
// cannot create such a handle, so they are never its leak.
const wineInternal = "type #0"

// kind is what accounting groups a handle by: its type, with thread
// handles of this process (the runtime's) apart from other threads.
func (h OpenHandle) kind() string {
	if h.Type == "Thread" {
		if h.Owner == uint32(os.Getpid()) {
			return "Thread (own)"
		}
		return "Thread (other process)"
	}
	return h.Type
}

// OpenHandles lists the open handles of this process: from the system's
// handle table (one NtQuerySystemInformation call), or, under Wine or where
// that is refused, by probing handle values with GetHandleInformation.
//
// Why not the table under Wine: Wine 8's SystemExtendedHandleInformation
// sometimes never returns when other processes are busy (seen: 1 call in
// about 30 hung for good with three test binaries and a build running, the
// whole process stuck in wineserver reads), and a test binary that hangs
// after PASS fails the run. Probing is slower (a wineserver request per
// value) but only asks about this process's own handles.
func OpenHandles() []OpenHandle {
	if IsWine() {
		return probeHandles()
	}
	hs, err := systemHandles()
	if err != nil {
		hs = probeHandles()
	}
	return hs
}

// systemHandleEntry is SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX.
type systemHandleEntry struct {
	Object                uintptr
	UniqueProcessID       uintptr
	HandleValue           uintptr
	GrantedAccess         uint32
	CreatorBackTraceIndex uint16
	ObjectTypeIndex       uint16
	HandleAttributes      uint32
	Reserved              uint32
}

// handleBuf is reused between calls (the table holds every process's
// handles; under Wine, those of every process of the wineserver).
var (
	handleBufMu sync.Mutex
	handleBuf   []uint64 // allocated on first use: unused under Wine
)

func systemHandles() ([]OpenHandle, error) {
	handleBufMu.Lock()
	defer handleBufMu.Unlock()
	if handleBuf == nil {
		handleBuf = make([]uint64, 1<<14)
	}
	for {
		var n uint32
		size := uint32(len(handleBuf) * 8)
		err := windows.NtQuerySystemInformation(windows.SystemExtendedHandleInformation, unsafe.Pointer(&handleBuf[0]), size, &n)
		if err == windows.STATUS_INFO_LENGTH_MISMATCH { //nolint:errorlint // an NTStatus value, compared as Windows defines it
			// The table may grow between two calls: leave room.
			handleBuf = make([]uint64, (max(n, 2*size)+8*1024)/8)
			continue
		}
		if err != nil {
			return nil, err
		}
		break
	}
	// SYSTEM_HANDLE_INFORMATION_EX: NumberOfHandles, Reserved, Handles[].
	count := *(*uintptr)(unsafe.Pointer(&handleBuf[0]))
	entries := unsafe.Slice((*systemHandleEntry)(unsafe.Pointer(&handleBuf[2])), count)
	pid := uintptr(os.Getpid())
	typeNames := map[uint16]string{}
	var hs []OpenHandle
	for _, e := range entries {
		if e.UniqueProcessID != pid {
			continue
		}
		h := OpenHandle{Value: e.HandleValue}
		// One NtQueryObject per type, not per handle.
		name, ok := typeNames[e.ObjectTypeIndex]
		if !ok {
			name = handleType(windows.Handle(e.HandleValue))
			if name != "?" {
				typeNames[e.ObjectTypeIndex] = name
			}
		}
		if name == "?" {
			// NtQueryObject could not name it: the table's type
			// index tells such handles apart.
			name = fmt.Sprintf("type #%d", e.ObjectTypeIndex)
		}
		h.Type = name
		h.fill()
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Value < hs[j].Value })
	return hs, nil
}

// probeHandles finds the open handles by probing handle values with
// GetHandleInformation: values are multiples of 4, and Windows and Wine
// both reuse freed values before they use new ones, so the probe stops
// leakProbeGap free values above the highest open one. Under Wine each
// probe is a wineserver request (about 0.1-0.3 ms).
func probeHandles() []OpenHandle {
	var hs []OpenHandle
	var flags uint32
	high := uintptr(0)
	for v := uintptr(4); v <= high+4*leakProbeGap; v += 4 {
		r, _, _ := procGetHandleInformation.Call(v, uintptr(unsafe.Pointer(&flags)))
		if r == 0 {
			continue
		}
		high = v
		h := OpenHandle{Value: v, Type: handleType(windows.Handle(v))}
		if h.Type == "?" && IsWine() {
			// Wine's own server objects have no type name (the table
			// gives them type index 0): the same kind either way.
			h.Type = wineInternal
		}
		h.fill()
		hs = append(hs, h)
	}
	return hs
}

// fill sets Owner for a thread handle.
func (h *OpenHandle) fill() {
	if h.Type == "Thread" {
		pid, _, _ := procGetProcessIDOfThread.Call(h.Value)
		h.Owner = uint32(pid)
	}
}

// handleType returns the object type name of h, or "?".
func handleType(h windows.Handle) string {
	// OBJECT_TYPE_INFORMATION starts with the UNICODE_STRING TypeName,
	// whose buffer follows the structure in the same output buffer.
	var buf [1024]uint64 // 8 KiB, aligned
	var n uint32
	r, _, _ := procNtQueryObject.Call(uintptr(h), objectTypeInformation,
		uintptr(unsafe.Pointer(&buf[0])), unsafe.Sizeof(buf), uintptr(unsafe.Pointer(&n)))
	if r != 0 {
		return "?"
	}
	name := (*windows.NTUnicodeString)(unsafe.Pointer(&buf[0]))
	if name.Buffer == nil || name.Length == 0 {
		return "?"
	}
	return windows.UTF16PtrToString(name.Buffer)
}

// handleCounts counts hs by kind.
func handleCounts(hs []OpenHandle) map[string]int {
	c := map[string]int{}
	for _, h := range hs {
		c[h.kind()]++
	}
	return c
}

// LeakCheck is a baseline of this process's handles, calibrated for the
// handles the Go runtime creates with each new thread.
type LeakCheck struct {
	baseline []OpenHandle
	// perThread is the handles, by kind, each new runtime thread brings.
	perThread map[string]int
	// Cost is the time spent calibrating, enumerating and comparing.
	Cost time.Duration
	// wineSocketEvents allows, under Wine, one Event per thread that
	// existed at the baseline: Wine's ws2_32 creates its per-thread event
	// for synchronous socket calls on a thread's first such call, and the
	// warm-up cannot reach every thread the runtime already has (seen: a
	// listener's first socket call on an old thread, 1 Event, flaky).
	wineSocketEvents bool
}

// NewLeakCheck calibrates the runtime's per-thread handles and takes the
// baseline. Call it after any one-time set-up, before the code under test.
// perThread are functions that set up what the code under test sets up
// once per thread (Wine keeps an event per thread for synchronous Winsock
// calls, and a message queue per thread for user32): they run on every
// thread before the baseline and count as part of each new thread's
// handles.
func NewLeakCheck(perThread ...func()) *LeakCheck {
	t0 := time.Now()
	c := &LeakCheck{perThread: calibrate(perThread)}
	c.baseline = OpenHandles()
	c.Cost = time.Since(t0)
	return c
}

// calibrate makes the runtime start new threads and returns the handles,
// by kind, each one brought. A goroutine locked to its thread and blocked
// keeps that thread from running anything else, so n of them at once need
// n threads; Go never ends an idle thread, so those it had to start stay,
// and it takes every idle thread before it starts a new one, so perThread
// (the per-thread warm-ups, which each of those goroutines runs) has run
// on every thread that runs Go code once more goroutines than there are
// threads have run it.
// A first round absorbs what happens once (the first timer, the first
// blocked thread); later rounds measure until at least minThreads new
// threads were seen, and the per-thread count is rounded to the nearest
// integer, so that a one-time handle does not count for every thread.
func calibrate(perThread []func()) map[string]int {
	const minThreads = 4
	spawnThreads(4, perThread)
	spawnThreads(handleCounts(OpenHandles())["Thread (own)"]+2, perThread)
	settleThreads()
	before := handleCounts(OpenHandles())
	var after map[string]int
	threads := 0
	for n := 4; n <= 256 && threads < minThreads; n *= 2 {
		spawnThreads(before["Thread (own)"]+n, perThread)
		after = handleCounts(OpenHandles())
		threads = after["Thread (own)"] - before["Thread (own)"]
	}
	settleThreads()
	if threads < minThreads {
		// Not reached: allow the runtime's set (runtime/os_windows.go).
		return map[string]int{"Thread (own)": 1, "Event": 2, "Timer": 2, "WaitCompletionPacket": 1}
	}
	per := map[string]int{}
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			if p := (d + threads/2) / threads; p > 0 {
				per[k] = p
			}
		}
	}
	return per
}

// settleThreads makes the threads that exist create the handles they
// create lazily: a thread creates its two events the first time it
// sleeps. The thread running this goroutine sleeps when the goroutine,
// locked to it, blocks; the runtime's monitor thread (sysmon) sleeps once
// every P has been idle for a millisecond or so.
func settleThreads() {
	runtime.LockOSThread()
	time.Sleep(5 * time.Millisecond)
	runtime.UnlockOSThread()
	time.Sleep(50 * time.Millisecond)
}

// spawnThreads runs n goroutines locked to their threads at the same time,
// and returns once their threads are idle.
func spawnThreads(n int, perThread []func()) {
	release := make(chan struct{})
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	for range n {
		go func() {
			defer done.Done()
			runtime.LockOSThread()
			// Unlocked before returning: a goroutine that exits locked
			// ends its thread.
			defer runtime.UnlockOSThread()
			for _, fn := range perThread {
				fn()
			}
			ready.Done()
			<-release
		}()
	}
	ready.Wait()
	close(release)
	done.Wait()
	// Let the threads park: a thread creates its events when it first
	// sleeps.
	time.Sleep(10 * time.Millisecond)
}

// Leaks compares the process's handles now with the baseline and returns
// a description of the handles beyond what new runtime threads account
// for, or "" when there are none.
func (c *LeakCheck) Leaks() string {
	t0 := time.Now()
	defer func() { c.Cost += time.Since(t0) }()
	// A handle a test dropped without closing may still be waiting for
	// its finalizer (os.File, net.Conn): run those first, so the result
	// does not depend on when the garbage collector last ran.
	runFinalizers()
	// A handle seen once may be in flight (the runtime opens a new
	// thread's handle and closes it right after): only what is still
	// there a moment later counts.
	var leaks string
	for attempt := range 3 {
		if attempt > 0 {
			settleThreads()
		}
		if leaks = c.leaks(); leaks == "" {
			return ""
		}
	}
	// The process's thread pool grows and shrinks on its own schedule.
	// Wine 8's keeps a wait thread, with its event, per bucket of 63
	// registered waits, and ends a bucket's thread 5 s after its last
	// wait went (THREADPOOL_WORKER_TIMEOUT in its ntdll/threadpool.c),
	// closing the event: tests that register many waits near the end
	// leave more buckets than the baseline had for those 5 s (seen: 2
	// Events over, one kernel32 run in three). Windows' pool ends its
	// idle threads on a schedule of its own too. So, before calling what
	// is left a leak, wait for the pool to settle; a real leak is still
	// there after it, and the wait costs nothing when nothing leaked.
	for deadline := time.Now().Add(threadPoolSettleTimeout); leaks != "" && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		leaks = c.leaks()
	}
	return leaks
}

// threadPoolSettleTimeout is how long Leaks waits for the thread pool's
// idle wait threads to end: Wine's 5 s, with a margin.
const threadPoolSettleTimeout = 7 * time.Second

func (c *LeakCheck) leaks() string {
	now := OpenHandles()
	before, after := handleCounts(c.baseline), handleCounts(now)
	threads := max(0, after["Thread (own)"]-before["Thread (own)"])
	old := map[OpenHandle]bool{}
	for _, h := range c.baseline {
		old[h] = true
	}
	var kinds []string
	for k := range after {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	excesses := map[string]int{}
	for _, k := range kinds {
		if k == wineInternal && IsWine() {
			continue
		}
		excess := after[k] - before[k] - threads*c.perThread[k]
		if k == "Event" && c.wineSocketEvents && IsWine() {
			excess -= before["Thread (own)"]
		}
		if excess > 0 {
			excesses[k] = excess
		}
	}
	if c.lateThreadSetUp(excesses, before["Thread (own)"]) {
		return ""
	}
	var b strings.Builder
	for _, k := range kinds {
		excess := excesses[k]
		if excess <= 0 {
			continue
		}
		var fresh []string
		for _, h := range now {
			if h.kind() == k && !old[h] {
				fresh = append(fresh, h.String())
			}
		}
		fmt.Fprintf(&b, "  %d more %s handle(s) than before the tests (%d before, %d after, %d allowed for %d new runtime thread(s)); new ones: %s\n",
			excess, k, before[k], after[k], threads*c.perThread[k], threads, strings.Join(fresh, ", "))
	}
	return b.String()
}

// lateThreadSetUp reports whether excesses, the handles beyond the
// baseline and the new threads' share, are exactly the handles some of
// the baseline's oldThreads threads create lazily (each runtime thread
// creates its events the first time it sleeps, and its timer the first
// time it waits with a time-out), created after the baseline: m whole
// per-thread sets (c.perThread, less the thread itself), nothing else.
// Calibration makes every thread sleep, but on a loaded machine one may
// not have run by the baseline (seen: 2 Events and 1 Timer over, in
// TestLeakCheckAllowsNewRuntimeThreads under test.sh's load).
func (c *LeakCheck) lateThreadSetUp(excesses map[string]int, oldThreads int) bool {
	if len(excesses) == 0 {
		return false
	}
	m := -1 // how many threads' sets: the same for every kind
	for k, per := range c.perThread {
		if k == "Thread (own)" || per == 0 {
			continue
		}
		if excesses[k]%per != 0 || (m >= 0 && excesses[k]/per != m) {
			return false
		}
		m = excesses[k] / per
	}
	for k := range excesses {
		if k == "Thread (own)" || c.perThread[k] == 0 {
			return false
		}
	}
	return m > 0 && m <= oldThreads
}

// Summary describes the accounting, for WINCGO_LEAK_CHECK=v.
func (c *LeakCheck) Summary() string {
	now := handleCounts(OpenHandles())
	return fmt.Sprintf("baseline %v, now %v, per new runtime thread %v", handleCounts(c.baseline), now, c.perThread)
}

// runFinalizers runs a garbage collection and waits until the finalizers
// it queued have run: the finalizer goroutine runs them in order, so once
// a sentinel's finalizer queued after them has run, they have too.
func runFinalizers() {
	for range 2 {
		done := make(chan struct{})
		// Unreachable as soon as SetFinalizer returns.
		runtime.SetFinalizer(new([16]byte), func(*[16]byte) { close(done) })
		runtime.GC()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
}

// WarmUpSockets is the warm-up of a package whose tests use sockets: the
// first socket of a process initialises Winsock (through Go's net package,
// which wincgo's own WSAStartup then shares), and Winsock keeps the events
// and threads it made for that until the process exits; it opens and
// closes one TCP connection on 127.0.0.1. Per thread, Wine's ws2_32 keeps
// an event for synchronous socket calls (getsockname, ...), created on a
// thread's first such call: each thread binds and names a socket.
func WarmUpSockets() Option {
	return func(o *mainOptions) {
		WarmUp(warmUpConnection)(o)
		PerThread(warmUpSocketCall)(o)
		o.wineSocketEvents = true
	}
}

func warmUpSocketCall() {
	s, err := windows.Socket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP)
	if err != nil {
		panic(fmt.Sprintf("testutil: warm-up socket: %v", err))
	}
	defer func() {
		if err := windows.Closesocket(s); err != nil {
			panic(fmt.Sprintf("testutil: warm-up closesocket: %v", err))
		}
	}()
	if err := windows.Bind(s, &windows.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		panic(fmt.Sprintf("testutil: warm-up bind: %v", err))
	}
	if _, err := windows.Getsockname(s); err != nil {
		panic(fmt.Sprintf("testutil: warm-up getsockname: %v", err))
	}
}

func warmUpConnection() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("testutil: warm-up listen: %v", err))
	}
	defer mustClose(ln)
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(fmt.Sprintf("testutil: warm-up dial: %v", err))
	}
	defer mustClose(conn)
	peer, err := ln.Accept()
	if err != nil {
		panic(fmt.Sprintf("testutil: warm-up accept: %v", err))
	}
	mustClose(peer)
}

// mustClose closes c and panics if that fails: a warm-up that cannot
// clean up is a broken test environment.
func mustClose(c io.Closer) {
	if err := c.Close(); err != nil {
		panic(fmt.Sprintf("testutil: warm-up close: %v", err))
	}
}

// runWithLeakCheck runs m's tests between a baseline and a comparison of
// the process's handles and returns the exit code: m.Run's, or 1 when
// handles leaked.
func runWithLeakCheck(run func() int, o mainOptions) int {
	mode := os.Getenv(leakEnv)
	if mode == "0" || fuzzing() {
		return run()
	}
	t0 := time.Now()
	stop := watchdog("the leak check's warm-up and baseline")
	for _, w := range o.warmUps {
		w()
	}
	warm := time.Since(t0)
	c := NewLeakCheck(o.perThread...)
	c.wineSocketEvents = o.wineSocketEvents
	stop()
	code := run()
	stop = watchdog("the leak check's comparison")
	leaks := c.Leaks()
	stop()
	if mode == "v" {
		fmt.Fprintf(os.Stderr, "leak check: %s; warm-up %v, check %v\n", c.Summary(), warm.Round(time.Millisecond), c.Cost.Round(time.Millisecond))
	}
	if leaks != "" {
		fmt.Fprintf(os.Stderr, "FAIL: handle leak: the tests left handles open (set %s=v for the accounting):\n%s", leakEnv, leaks)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// fuzzing reports whether the test binary runs a fuzz campaign (or is one
// of its workers): the fuzzing engine's own pipes and shared memory come
// and go, and a campaign is not the place for this check.
func fuzzing() bool {
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(a, "-test.fuzz") || strings.HasPrefix(a, "--test.fuzz") {
			return true
		}
	}
	return false
}

// leakCheckDeadline bounds each phase of the leak check (a few seconds
// normally, under any load seen here). A variable for the watchdog's test.
var leakCheckDeadline = 2 * time.Minute

// watchdog ends the process with every goroutine's stack if the phase it
// names takes longer than leakCheckDeadline, and returns the function that
// disarms it. Outside m.Run the testing package's own -timeout does not
// apply, and go test's kill of a hung binary under Wine prints nothing.
func watchdog(phase string) (stop func()) {
	t := time.AfterFunc(leakCheckDeadline, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		fmt.Fprintf(os.Stderr, "FAIL: testutil: %s did not finish in %v; goroutines:\n%s\n", phase, leakCheckDeadline, buf)
		os.Exit(3)
	})
	return func() { t.Stop() }
}
