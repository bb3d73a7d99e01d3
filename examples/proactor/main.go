//go:build windows

// Command proactor is an event loop built on one I/O completion port, in
// the style of asyncio's proactor and libuv: one goroutine blocks in
// kernel32.GetQueuedCompletionStatusEx and everything it serves arrives
// there as a completion packet. Nothing is polled, and there is no
// 64-handle limit (MsgWaitForMultipleObjects' MAXIMUM_WAIT_OBJECTS, which
// bounds examples/demo).
//
// It serves, at once:
//
//   - 100 child processes (this program re-executed with the argument
//     "child"), whose standard output is the client end of an overlapped
//     named pipe (kernel32.CreateNamedPipe) associated with the port: each
//     overlapped kernel32.ReadFile completes as a packet;
//   - their exits: each process handle is registered on the port with
//     kernel32.RegisterWaitForSingleObject (wincgo's C bridge from the
//     thread pool's waits to port packets), so an exit is a packet too;
//   - a TCP echo server on 127.0.0.1, to which every tenth child connects:
//     the listening socket and each connection signal an event through
//     ws2_32.WSAEventSelect, and those events are registered on the port
//     like the processes;
//   - a stop event, registered the same way: the loop ends when it is
//     signalled (the program signals it once everything arrived).
//
// It prints a short transcript, the counts (packets, bytes, lines, exits,
// echoes) and the most objects it waited on at once, and exits 0 only if
// everything arrived: every child's lines, exit code and echo. It gives up
// after its deadline rather than hang, exiting 1.
//
// Run it under Wine with "bash build/demo.sh ./examples/proactor" (plain
// "bash build/demo.sh" runs both demos), or natively with "go run
// ./examples/proactor".
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/wincgo/wincgo/examples/internal/demokit"
)

func main() {
	demokit.Main("proactor", runChild, func(out io.Writer, exe string) error { return run(out, exe, defaultConfig()) })
}

// config is what a run starts and expects.
type config struct {
	// Children is how many children run; each writes Lines lines and
	// exits with code index%7.
	Children, Lines int
	// ClientEvery: children whose index is a multiple of it also
	// exchange a line with the echo server.
	ClientEvery int
	// Linger is how long each child waits before exiting (0 in the demo;
	// a test makes it longer than Deadline).
	Linger time.Duration
	// Deadline bounds the whole run.
	Deadline time.Duration
	// Transcript is how many lines of each kind are printed; the counts
	// cover all.
	Transcript int
}

func defaultConfig() config {
	return config{Children: 100, Lines: 3, ClientEvery: 10, Deadline: 120 * time.Second, Transcript: 3}
}

// exitCode is the code child i exits with.
func exitCode(i int) uint32 { return uint32(i % 7) }

// runChild is a child: args are its index, the line count, the echo
// server's address ("" for none) and how long to linger.
func runChild(args []string) int {
	if len(args) != 4 {
		fmt.Fprintln(os.Stderr, "child: expected <index> <lines> <addr> <linger>")
		return 100
	}
	i, err1 := strconv.Atoi(args[0])
	lines, err2 := strconv.Atoi(args[1])
	linger, err3 := time.ParseDuration(args[3])
	if err1 != nil || err2 != nil || err3 != nil {
		fmt.Fprintln(os.Stderr, "child: bad arguments", args)
		return 100
	}
	for l := 1; l <= lines; l++ {
		fmt.Printf("child %d: line %d\n", i, l)
	}
	if addr := args[2]; addr != "" {
		if err := echoOnce(addr, fmt.Sprintf("hello from child %d", i)); err != nil {
			fmt.Fprintf(os.Stderr, "child %d: %v\n", i, err)
			return 101
		}
		fmt.Printf("child %d: echo ok\n", i)
	}
	time.Sleep(linger)
	return int(exitCode(i))
}

// echoOnce sends line to the echo server and checks it comes back.
func echoOnce(addr, line string) (err error) {
	conn, err := net.DialTimeout("tcp", addr, 30*time.Second) //nolint:gosec // G704: not user input: the parent's loopback address
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, conn.Close()) }()
	if err := conn.SetDeadline(time.Now().Add(60 * time.Second)); err != nil {
		return err
	}
	if _, err := conn.Write([]byte(line + "\n")); err != nil {
		return err
	}
	got, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if got != line+"\n" {
		return fmt.Errorf("echo %q, expected %q", got, line+"\n")
	}
	return nil
}
