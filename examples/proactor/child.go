//go:build windows

package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// The children's side of the echoes: one socket on a small completion
// port of the child's own, one operation at a time, each awaited on the
// port.

// childWait bounds the wait for one packet (milliseconds), turning a lost
// one into an error rather than a hung child. It is the parent's whole
// deadline: the parent serves the sockets only once it started every
// child, which under Wine on a loaded machine took more than 30 s (a
// parent giving up kills its children anyway).
var childWait = uint32(defaultConfig().Deadline / time.Millisecond)

// clientPort is a child's socket on its own completion port.
type clientPort struct {
	port    wintypes.HANDLE
	s       wintypes.SOCKET
	entries [1]wintypes.OVERLAPPED_ENTRY
}

// newClient creates a socket of typ bound to 127.0.0.1 (ConnectEx needs a
// bound socket) on a new port. close releases both.
func newClient(typ int32) (c *clientPort, err error) {
	c = &clientPort{}
	if c.port, err = kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 1); err != nil {
		return nil, err
	}
	if c.s, err = overlappedSocket(typ); err != nil {
		return nil, errors.Join(err, kernel32.CloseHandle(c.port))
	}
	if _, err = kernel32.CreateIoCompletionPort(wintypes.HANDLE(c.s), c.port, 1, 0); err == nil {
		err = ws2_32.Bind(c.s, loopback)
	}
	if err != nil {
		return nil, errors.Join(err, c.close())
	}
	return c, nil
}

// close closes the socket, then the port. Every operation was awaited, so
// none is in flight.
func (c *clientPort) close() error {
	return errors.Join(ws2_32.Closesocket(c.s), kernel32.CloseHandle(c.port))
}

// await finishes an operation whose start returned err: if it started
// (completed at once, or pending), it waits for its packet, then returns
// its count or error from WSAGetOverlappedResult.
func (c *clientPort) await(what string, ov *wintypes.OVERLAPPED, err error) (int, error) {
	start := err
	if ok, err := started(err); !ok {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	if _, err := kernel32.GetQueuedCompletionStatusEx(c.port, c.entries[:], 1, childWait, false); err != nil {
		// Say whether the operation completed without its packet (the
		// start's result tells a synchronous completion, nil, from a
		// pending one). If it is still in flight, the process exits
		// with its memory pinned, which is harmless.
		n, _, rerr := ws2_32.WSAGetOverlappedResult(c.s, ov, false)
		return 0, fmt.Errorf("%s (started: %s): waiting for its packet: %w; WSAGetOverlappedResult: %d bytes, %s", what, text(start), err, n, text(rerr))
	}
	if c.entries[0].LpOverlapped != ov.Address() {
		return 0, fmt.Errorf("%s: a packet for another OVERLAPPED", what)
	}
	n, _, err := ws2_32.WSAGetOverlappedResult(c.s, ov, false)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return n, nil
}

// text is err's text, "nil" for none.
func text(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}

// tcpEchoOnce connects to server with ConnectEx, sends line with WSASend
// and checks that WSARecv brings it back.
func tcpEchoOnce(server netip.AddrPort, line string) (err error) {
	c, err := newClient(ws2_32.SOCK_STREAM)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, c.close()) }()
	var ov wintypes.OVERLAPPED
	var name wintypes.RawSockaddr
	if err := name.SetAddrPort(server); err != nil {
		return err
	}
	_, err = ws2_32.ConnectEx(c.s, &name, nil, &ov)
	if _, err := c.await("ConnectEx", &ov, err); err != nil {
		return err
	}
	// Without it, getpeername, shutdown and others fail on the socket.
	if err := ws2_32.Setsockopt(c.s, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_CONNECT_CONTEXT, nil); err != nil {
		return err
	}

	want := []byte(line + "\n")
	var bufs [1]wintypes.WSABUF
	if err := bufs[0].Set(want); err != nil {
		return err
	}
	_, err = ws2_32.WSASend(c.s, bufs[:], 1, 0, &ov)
	if n, err := c.await("WSASend", &ov, err); err != nil {
		return err
	} else if n != len(want) {
		return fmt.Errorf("WSASend sent %d of %d bytes", n, len(want))
	}

	var got []byte
	buf := make([]byte, 256)
	for !bytes.HasSuffix(got, []byte("\n")) {
		if err := bufs[0].Set(buf); err != nil {
			return err
		}
		var flags uint32
		_, err = ws2_32.WSARecv(c.s, bufs[:], 1, &flags, &ov)
		n, err := c.await("WSARecv", &ov, err)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("the server closed the connection after %q", got)
		}
		got = append(got, buf[:n]...)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("echo %q, expected %q", got, want)
	}
	// Closing the socket (c.close) ends the stream: the server closes its
	// end then.
	return nil
}

// udpEchoOnce sends line to server in a datagram with WSASendTo and checks
// that WSARecvFrom brings it back from server.
func udpEchoOnce(server netip.AddrPort, line string) (err error) {
	c, err := newClient(ws2_32.SOCK_DGRAM)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, c.close()) }()
	var ov wintypes.OVERLAPPED
	var to wintypes.RawSockaddr
	if err := to.SetAddrPort(server); err != nil {
		return err
	}
	want := []byte(line)
	var bufs [1]wintypes.WSABUF
	if err := bufs[0].Set(want); err != nil {
		return err
	}
	_, err = ws2_32.WSASendTo(c.s, bufs[:], 1, 0, &to, &ov)
	if _, err := c.await("WSASendTo", &ov, err); err != nil {
		return err
	}

	buf := make([]byte, 256)
	if err := bufs[0].Set(buf); err != nil {
		return err
	}
	var flags uint32
	var from wintypes.RawSockaddr
	from.Reset()
	_, err = ws2_32.WSARecvFrom(c.s, bufs[:], 1, &flags, &from, &ov)
	n, err := c.await("WSARecvFrom", &ov, err)
	if err != nil {
		return err
	}
	if got := buf[:n]; !bytes.Equal(got, want) {
		return fmt.Errorf("echo %q, expected %q", got, want)
	}
	src, err := from.AddrPort()
	if err != nil {
		return err
	}
	if src != server {
		return fmt.Errorf("echo from %v, expected %v", src, server)
	}
	return nil
}
