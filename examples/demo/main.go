//go:build windows

// Command demo is a small event loop built on wincgo, in the style of
// Twisted's win32eventreactor (the program pywincffi was written for): one
// thread waits, with user32.MsgWaitForMultipleObjects, on everything at
// once and dispatches what fired.
//
// It serves, in one loop:
//
//   - a TCP echo server on 127.0.0.1: the listening socket and each
//     accepted connection get a WSAEVENT (ws2_32.WSACreateEvent) through
//     ws2_32.WSAEventSelect, and ws2_32.WSAEnumNetworkEvents tells which of
//     FD_ACCEPT, FD_READ and FD_CLOSE fired;
//   - a child process's standard output: an anonymous pipe
//     (kernel32.CreatePipe) whose read end is polled with
//     kernel32.PeekNamedPipe and read with kernel32.ReadFile, as Twisted's
//     _pollingfile does, anonymous pipes having no waitable event: the
//     wait's time-out is the polling tick;
//   - the child process itself, started with kernel32.CreateProcess
//     (its pipe passed through PROC_THREAD_ATTRIBUTE_HANDLE_LIST, an
//     environment block, and a KILL_ON_JOB_CLOSE job object), whose
//     handle is signalled when it exits; kernel32.GetExitCodeProcess then
//     gives its exit code.
//
// A client goroutine (Go's net.Dial) exchanges a few lines with the echo
// server, and the child (this program re-executed with the argument
// "child") writes a few lines and exits with code 7. The demo prints what
// fired, in order:
//
//	[accept] client connected from 127.0.0.1:50123
//	[pipe] child: line 1
//	[read] echo "hello"
//	[process] child exited with code 7
//	[close] client closed
//	...
//
// and exits 0 only if everything arrived: every echo came back intact to
// the client, every child line was read, and the exit code is 7. It gives
// up after 30 s rather than hang, exiting 1, as it does on any other
// failure.
//
// Run it under Wine with "bash build/demo.sh", or natively on Windows with
// "go run ./examples/demo".
//
// Go's own net package creates the sockets; kernel32 the child; every
// wait, notification and pipe operation is wincgo's. Go's Accept, Read
// and Write keep working on sockets selected with WSAEventSelect (which
// makes them non-blocking): they use overlapped I/O.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/wincgo/wincgo/examples/internal/demokit"
)

func main() {
	demokit.Main("demo", runChild, func(out io.Writer, exe string) error { return run(out, exe, defaultConfig()) })
}

// config is what a run exchanges and expects.
type config struct {
	// ClientLines are sent by the client, one at a time, and must each
	// come back as an echo.
	ClientLines []string
	// ChildLines is how many lines the child writes ("line 1", ...).
	ChildLines int
	// ChildExitCode is the code the child exits with, and WantExitCode
	// the code the reactor expects (they differ only to test failure).
	ChildExitCode, WantExitCode uint32
	// ChildDelay is how long the child lingers before exiting, to play
	// a child that does not end in time (0 in the demo).
	ChildDelay time.Duration
	// Deadline bounds the whole run.
	Deadline time.Duration
	// Tick is the wait's time-out: how often the pipe is polled.
	Tick time.Duration
}

func defaultConfig() config {
	return config{
		ClientLines:   []string{"hello", "wincgo", "goodbye"},
		ChildLines:    3,
		ChildExitCode: 7,
		WantExitCode:  7,
		Deadline:      30 * time.Second,
		Tick:          50 * time.Millisecond,
	}
}

// runChild is the child: it writes the greeting variable the parent gave
// it, then args[0] lines, to its standard output (the pipe), lingers for args[2] (a time.Duration), and exits with code
// args[1].
func runChild(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "child: expected <lines> <exit code> <delay>")
		return 2
	}
	lines, err1 := strconv.Atoi(args[0])
	code, err2 := strconv.Atoi(args[1])
	delay, err3 := time.ParseDuration(args[2])
	if err1 != nil || err2 != nil || err3 != nil {
		fmt.Fprintln(os.Stderr, "child: bad arguments", args)
		return 2
	}
	// Echo the variable the parent put in the environment block.
	fmt.Printf("%s=%s\n", greetingVar, os.Getenv(greetingVar))
	for i := 1; i <= lines; i++ {
		fmt.Printf("line %d\n", i)
	}
	time.Sleep(delay)
	return code
}
