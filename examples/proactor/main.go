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
//   - a TCP echo server on 127.0.0.1 whose I/O goes through the port:
//     a ws2_32.WSASocket listening socket with several ws2_32.AcceptEx
//     posted at once (each completion is a packet, and the accept is
//     posted again), then ws2_32.WSARecv and ws2_32.WSASend on each
//     connection, echoing line by line and closing it (Closesocket) at
//     the end of its stream. Every tenth child connects to it with
//     ws2_32.ConnectEx and checks the echo of a line;
//   - a UDP echo server on the same port: ws2_32.WSARecvFrom receives a
//     datagram and its sender's address, ws2_32.WSASendTo sends it back.
//     The children five past every tenth send it a datagram (WSASendTo)
//     and check the echo (WSARecvFrom). A child awaits its own
//     operations on a small completion port of its own;
//   - a stop event, registered like the exits: the loop ends when it is
//     signalled (the program signals it once everything arrived).
//
// No socket reaches the port by readiness (WSAEventSelect, as
// examples/demo does): each operation's completion is the packet.
//
// It prints a short transcript, the counts (packets, bytes, lines, exits,
// TCP echoes, connections closed, UDP echoes) and the most objects it
// waited on at once, and exits 0 only if everything arrived: every child's
// lines and exit code, every TCP and UDP echo, every connection closed. It
// gives up after its deadline rather than hang, exiting 1.
//
// Run it under Wine with "bash build/demo.sh ./examples/proactor" (plain
// "bash build/demo.sh" runs both demos), or natively with "go run
// ./examples/proactor".
package main

import (
	"fmt"
	"io"
	"net/netip"
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
	// exchange a line with the TCP echo server, and those whose index is
	// ClientEvery/2 past a multiple exchange a datagram with the UDP one.
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

// runChild is a child: args are its index, the line count, the TCP and
// UDP echo servers' addresses ("" for none) and how long to linger.
func runChild(args []string) int {
	if len(args) != 5 {
		fmt.Fprintln(os.Stderr, "child: expected <index> <lines> <tcp addr> <udp addr> <linger>")
		return 100
	}
	i, err1 := strconv.Atoi(args[0])
	lines, err2 := strconv.Atoi(args[1])
	linger, err3 := time.ParseDuration(args[4])
	if err1 != nil || err2 != nil || err3 != nil {
		fmt.Fprintln(os.Stderr, "child: bad arguments", args)
		return 100
	}
	for l := 1; l <= lines; l++ {
		fmt.Printf("child %d: line %d\n", i, l)
	}
	line := fmt.Sprintf("hello from child %d", i)
	for _, echo := range []struct {
		proto, addr string
		once        func(server netip.AddrPort, line string) error
	}{{"TCP", args[2], tcpEchoOnce}, {"UDP", args[3], udpEchoOnce}} {
		if echo.addr == "" {
			continue
		}
		server, err := netip.ParseAddrPort(echo.addr)
		if err == nil {
			err = echo.once(server, line)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "child %d: %s echo: %v\n", i, echo.proto, err)
			return 101
		}
		fmt.Printf("child %d: %s echo ok\n", i, echo.proto)
	}
	time.Sleep(linger)
	return int(exitCode(i))
}
