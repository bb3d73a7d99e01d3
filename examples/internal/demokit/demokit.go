//go:build windows

// Package demokit holds what examples/demo and examples/proactor share: the
// program's entry (the demo itself, or its child when re-executed) and the
// test binaries' dispatch; and examples/demo's echo server's socket
// handling on WSAEventSelect events (examples/proactor's sockets do
// overlapped I/O on its port instead).
package demokit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// ChildArg is the first argument that makes a demo's program its child.
const ChildArg = "child"

// MainArg is the first argument that makes a demo's test binary run the
// demo's main, so that a test checks its exit status and output as a user
// sees them.
const MainArg = "main"

// Main is a demo's main: with ChildArg it runs runChild on the remaining
// arguments and exits with its code; otherwise it runs the demo, printing
// its transcript to stdout, with the program itself as the child to
// re-execute, and exits 0 only if run reports that everything arrived.
func Main(name string, runChild func(args []string) int, run func(out io.Writer, exe string) error) {
	if len(os.Args) > 1 && os.Args[1] == ChildArg {
		os.Exit(runChild(os.Args[2:]))
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	if err := run(os.Stdout, exe); err != nil {
		fmt.Fprintf(os.Stderr, "%s failed: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%s: everything arrived\n", name)
}

// DispatchTestBinary lets a demo's test binary be the demo's child (with
// ChildArg, as the demo re-executes itself) or the demo itself (with
// MainArg); either way it exits. Otherwise it returns, and TestMain runs the
// tests.
func DispatchTestBinary(runChild func(args []string) int, main func()) {
	if len(os.Args) < 2 {
		return
	}
	switch os.Args[1] {
	case ChildArg:
		os.Exit(runChild(os.Args[2:]))
	case MainArg:
		os.Args = os.Args[1:]
		main()
		os.Exit(0)
	}
}

// Accept handles a signal of the listening socket s, selected for FD_ACCEPT
// on ev: it reads (and so resets) the network events and, if a connection
// is pending, accepts it (Go's Accept then returns at once; Winsock signals
// again if more are queued). It returns nil, nil when no connection was
// pending.
func Accept(ln *net.TCPListener, s wintypes.SOCKET, ev wintypes.WSAEVENT) (*net.TCPConn, error) {
	ne, err := ws2_32.WSAEnumNetworkEvents(s, ev)
	if err != nil {
		return nil, err
	}
	if ne.LNetworkEvents&ws2_32.FD_ACCEPT == 0 {
		return nil, nil
	}
	if code := ne.IErrorCode[ws2_32.FD_ACCEPT_BIT]; code != 0 {
		return nil, fmt.Errorf("FD_ACCEPT failed: %w", syscall.Errno(uint32(code)))
	}
	return ln.AcceptTCP()
}

// SelectConn has an accepted connection signal ev on FD_READ and FD_CLOSE
// (it inherited the listener's FD_ACCEPT association and event; this
// replaces them), and returns its socket. On failure it closes conn (the
// caller still owns ev).
func SelectConn(conn *net.TCPConn, ev wintypes.WSAEVENT) (wintypes.SOCKET, error) {
	s, err := wintypes.SocketFromConn(conn)
	if err == nil {
		err = ws2_32.WSAEventSelect(s, ev, ws2_32.FD_READ|ws2_32.FD_CLOSE)
	}
	if err != nil {
		_ = conn.Close()
		return 0, err
	}
	return s, nil
}

// ConnSignalled handles a signal of a connection selected with SelectConn:
// it reads (and so resets) the network events, echoes each whole line that
// arrived (onLine is told of each, before it is sent back), and reports whether the peer closed
// the connection (then everything it sent before has been echoed). pending
// is what was received and not yet a whole line; the updated one is
// returned.
func ConnSignalled(conn *net.TCPConn, s wintypes.SOCKET, ev wintypes.WSAEVENT, pending []byte, onLine func(line string)) (rest []byte, closed bool, err error) {
	ne, err := ws2_32.WSAEnumNetworkEvents(s, ev)
	if err != nil {
		return pending, false, err
	}
	if ne.LNetworkEvents&ws2_32.FD_READ != 0 {
		if pending, err = echo(conn, pending, false, onLine); err != nil {
			return pending, false, err
		}
	}
	if ne.LNetworkEvents&ws2_32.FD_CLOSE != 0 {
		// Data may still be queued before the end: echo it first.
		pending, err = echo(conn, pending, true, onLine)
		return pending, true, err
	}
	return pending, false, nil
}

// echo reads what the connection holds and sends back each whole line.
// FD_READ means data is waiting, so Go's Read returns at once; a short
// read deadline guards against a spurious FD_READ all the same. With toEOF
// it reads until the peer's end of stream (after FD_CLOSE).
func echo(conn *net.TCPConn, pending []byte, toEOF bool, onLine func(string)) ([]byte, error) {
	buf := make([]byte, 4096)
	for {
		if err := conn.SetReadDeadline(time.Now().Add(time.Second)); err != nil {
			return nil, err
		}
		n, err := conn.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			i := bytes.IndexByte(pending, '\n')
			if i < 0 {
				break
			}
			line := pending[:i+1]
			onLine(string(line[:i]))
			if _, err := conn.Write(line); err != nil {
				return nil, err
			}
			pending = pending[i+1:]
		}
		switch {
		case err == nil && toEOF:
			continue
		case err == nil, errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, io.EOF):
			return pending, nil
		default:
			return nil, err
		}
	}
}
