//go:build windows

package testutil

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sys/windows"
)

// The leak check's policy: Main lists the process's handles (handles.go)
// before and after a package's tests, and a handle open after them that
// was not before is new. A new handle fails the run when its type is one
// the Go runtime never creates (leakTypes, and a thread of another
// process): only the code under test, or the test, opened it. The runtime
// creates thread handles, events, waitable timers and wait completion
// packets for each thread it starts (runtime/os_windows.go: newosproc,
// semacreate, minit), whenever it needs one; Windows and Wine open keys,
// desktops, window stations and events of their own on first use of a
// DLL. Such handles are listed, and fail the run only in strict mode.
//
// Mutants on windows/386 (issue 21: new Desktop, Key, Mutant and
// WindowStation handles after kernel32's run under Wine's WoW64, which
// cannot run on this machine). Desktop, WindowStation and Key together are
// user32's initialisation, which ran after the baseline there: Wine's
// user32 connects the process to WinSta0 and a desktop, keeps both
// handles, and caches registry keys. Neither the Go runtime nor a wincgo
// test leaves a mutex (two tests create one through x/sys and close it).
// Wine 8's DLLs create two on their own (found in their code and line
// tables): display_device_init, which win32u takes while it reads the
// display devices, user32's initialisation included, and closes after;
// and DBWinMutex, which OutputDebugStringA opens on its first call and
// keeps for the life of the process, as Windows does. The 386 Mutant was
// most likely one of these (the report gave no name); both are Windows'
// own, so a Mutant of either name (windowsMutants) is listed but does not
// fail, and any other new Mutant does.

// leakEnv configures the check: "0" turns it off (for debugging with tools
// that open handles of their own), "strict" fails on every new handle,
// "v" prints the accounting even when nothing leaked; "strict,v" both.
const leakEnv = "WINCGO_LEAK_CHECK"

// leakTypes are the object types of which the Go runtime never creates a
// handle (a named pipe's type is File).
var leakTypes = map[string]bool{
	"File": true, "Process": true, "Job": true, "IoCompletion": true,
	"Section": true, "Mutant": true, "Semaphore": true,
}

// windowsMutants are the names of the mutexes Windows or Wine open in a
// process on their own and keep (see above).
var windowsMutants = []string{`\DBWinMutex`, `\display_device_init`}

// isLeak reports whether h, new since the baseline and named name, fails
// the run outside strict mode.
func isLeak(h Handle, name string) bool {
	switch h.Type {
	case "Thread":
		// The runtime's thread handles are its own threads'.
		return h.ThreadProcess != 0 && h.ThreadProcess != uint32(os.Getpid())
	case "Mutant":
		for _, m := range windowsMutants {
			if strings.HasSuffix(name, m) {
				return false
			}
		}
	}
	return leakTypes[h.Type]
}

// newHandles returns the handles of after not in before (the same value
// holding an object of another type counts as new).
func newHandles(before, after []Handle) []Handle {
	old := make(map[Handle]bool, len(before))
	for _, h := range before {
		old[h] = true
	}
	var fresh []Handle
	for _, h := range after {
		if !old[h] {
			fresh = append(fresh, h)
		}
	}
	return fresh
}

// leakReport returns, for the handles new since the baseline, whether
// they fail the run and what to print ("" when there is nothing new):
// each failing handle with its value, type and name, then the others, one
// by one when strict or verbose, else counted by type on one line.
func leakReport(fresh []Handle, strict, verbose bool) (fail bool, msg string) {
	var leaks, others []Handle
	for _, h := range fresh {
		name := ""
		if h.Type == "Mutant" {
			name = handleName(h.Value)
		}
		if isLeak(h, name) {
			leaks = append(leaks, h)
		} else {
			others = append(others, h)
		}
	}
	var b strings.Builder
	if len(leaks) > 0 {
		fmt.Fprintf(&b, "FAIL: handle leak: the tests left %d handle(s) open of types the Go runtime never creates:\n", len(leaks))
		for _, h := range leaks {
			fmt.Fprintf(&b, "  %s\n", describe(h))
		}
	}
	switch {
	case len(others) == 0:
	case strict || verbose:
		if strict {
			fmt.Fprintf(&b, "FAIL: handle leak (%s=strict): %d more new handle(s):\n", leakEnv, len(others))
		} else {
			fmt.Fprintf(&b, "leak check: %d new handle(s) of types the Go runtime or Windows create on their own, not a failure:\n", len(others))
		}
		for _, h := range others {
			fmt.Fprintf(&b, "  %s\n", describe(h))
		}
	default:
		fmt.Fprintf(&b, "leak check: %d new handle(s) of types the Go runtime or Windows create on their own, not a failure (%s=strict fails on them, =v lists them): %s\n",
			len(others), leakEnv, countByKind(others))
	}
	return len(leaks) > 0 || (strict && len(others) > 0), b.String()
}

// describe says what h is: its value, its type, and what else cheaply
// tells what opened it (a process's id, a thread's process, the name).
func describe(h Handle) string {
	s := fmt.Sprintf("%#x %s", h.Value, kind(h))
	if h.Type == "Process" {
		if pid, err := windows.GetProcessId(windows.Handle(h.Value)); err == nil {
			s += fmt.Sprintf(" (pid %d)", pid)
		}
	}
	if name := handleName(h.Value); name != "" {
		s += " " + name
	}
	return s
}

// kind is h's type, with the process a thread belongs to.
func kind(h Handle) string {
	switch {
	case h.Type != "Thread":
		return h.Type
	case h.ThreadProcess == uint32(os.Getpid()):
		return "Thread of this process"
	case h.ThreadProcess == 0:
		return "Thread of an unknown process"
	default:
		return fmt.Sprintf("Thread of process %d", h.ThreadProcess)
	}
}

// countByKind says how many of hs are of each kind, in the order kinds
// first appear: "Event ×12, File ×5".
func countByKind(hs []Handle) string {
	var kinds []string
	n := map[string]int{}
	for _, h := range hs {
		k := kind(h)
		if n[k] == 0 {
			kinds = append(kinds, k)
		}
		n[k]++
	}
	for i, k := range kinds {
		kinds[i] = fmt.Sprintf("%s ×%d", k, n[k])
	}
	return strings.Join(kinds, ", ")
}

// runWithLeakCheck runs the tests between two listings of the process's
// handles and returns run's exit code, or 1 when a handle leaked.
func runWithLeakCheck(run func() int, o mainOptions) int {
	var strict, verbose bool
	for _, w := range strings.Split(os.Getenv(leakEnv), ",") {
		switch w {
		case "0":
			return run()
		case "strict":
			strict = true
		case "v":
			verbose = true
		}
	}
	if fuzzing() {
		return run()
	}
	stop := watchdog("the leak check's baseline")
	for _, w := range o.warmUps {
		w()
	}
	t0 := time.Now()
	// A timer makes the runtime create its netpoll completion port
	// (runtime/time.go: netpollGenericInit), once per process: before the
	// baseline, so that it is never the tests' IoCompletion. runFinalizers
	// waits on one.
	runFinalizers()
	before := Handles()
	cost := time.Since(t0)
	stop()

	code := run()

	stop = watchdog("the leak check's comparison")
	t0 = time.Now()
	// A handle a test dropped without closing may still be waiting for
	// its finalizer (os.File, net.Conn): run those first, so the result
	// does not depend on when the garbage collector last ran.
	runFinalizers()
	after := Handles()
	fresh := newHandles(before, after)
	fail, msg := leakReport(fresh, strict, verbose)
	cost += time.Since(t0)
	stop()
	fmt.Fprint(os.Stderr, msg)
	if verbose {
		fmt.Fprintf(os.Stderr, "leak check: %d handle(s) before the tests (%s), %d after (%s), %d new; cost %v\n",
			len(before), countByKind(before), len(after), countByKind(after), len(fresh), cost.Round(time.Millisecond))
	}
	if fail && code == 0 {
		code = 1
	}
	return code
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

// leakCheckDeadline bounds each phase of the leak check (well under a
// second normally). A variable for the watchdog's test.
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
