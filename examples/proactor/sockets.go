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

// The echo servers' sockets do their I/O through the port: every
// AcceptEx, WSARecv, WSASend, WSARecvFrom and WSASendTo is an overlapped
// operation whose completion is a packet with the socket's key, told apart
// by its OVERLAPPED. Skip mode (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) is
// not set, so an operation that completed at once posts its packet too:
// every start that did not fail is finished in the packet's handler, one
// way.
//
// What Windows reads and writes during an operation (OVERLAPPED, WSABUF
// array, flags, buffers, addresses) lives in objects of its own (recvIO,
// sendIO, acceptIO) holding no other Go pointers: cgo checks every
// pointer in the whole object a C argument points into, and wincgo pins
// only the memory Windows keeps, so a Go pointer to the rest of the
// program's state in the same object would fail cgo's check.

// loopback is 127.0.0.1, port 0: Windows picks a port.
var loopback = netip.MustParseAddrPort("127.0.0.1:0")

// acceptsOutstanding is how many AcceptEx the TCP server keeps posted:
// connections arriving together are accepted without waiting for a
// handler to post the next.
const acceptsOutstanding = 4

// acceptBufferLen is AcceptEx's output buffer: no data, two address slots.
const acceptBufferLen = 2 * ws2_32.AcceptExAddressLength

// overlappedSocket creates an overlapped, non-inheritable IPv4 socket of
// typ (SOCK_STREAM or SOCK_DGRAM), as WSASocket's doc recommends.
func overlappedSocket(typ int32) (wintypes.SOCKET, error) {
	proto := ws2_32.IPPROTO_TCP
	if typ == ws2_32.SOCK_DGRAM {
		proto = ws2_32.IPPROTO_UDP
	}
	return ws2_32.WSASocket(ws2_32.AF_INET, typ, proto, ws2_32.WSA_FLAG_OVERLAPPED|ws2_32.WSA_FLAG_NO_HANDLE_INHERIT)
}

// started tells an operation's start apart: nil (it completed at once)
// and WSA_IO_PENDING both mean a packet will come; any other error means
// it failed and none will.
func started(err error) (bool, error) {
	if err == nil || errors.Is(err, ws2_32.WSA_IO_PENDING) {
		return true, nil
	}
	return false, err
}

// sock is a socket of the demo's, closed exactly once.
type sock struct {
	s      wintypes.SOCKET
	closed bool
}

func (k *sock) close() error {
	if k.closed {
		return nil
	}
	k.closed = true
	return ws2_32.Closesocket(k.s)
}

// track records ov as in flight (its packet is due) when err says the
// operation started, and returns the start's failure otherwise.
func (p *proactor) track(ov *wintypes.OVERLAPPED, err error) error {
	ok, err := started(err)
	if ok {
		p.inFlight[ov.Address()] = true
	}
	return err
}

// arrived forgets ov's operation: its packet was dequeued, which released
// what wincgo pinned for it.
func (p *proactor) arrived(ov *wintypes.OVERLAPPED) { delete(p.inFlight, ov.Address()) }

// newSocket creates a socket of typ associated with the port with a new
// key whose packets go to fn; cleanup closes it (once) when the key is
// unregistered.
func (p *proactor) newSocket(typ int32, fn func(*wintypes.OVERLAPPED_ENTRY) error) (*sock, uintptr, error) {
	s, err := overlappedSocket(typ)
	if err != nil {
		return nil, 0, err
	}
	k := &sock{s: s}
	key := p.register(fn, k.close)
	if _, err := kernel32.CreateIoCompletionPort(wintypes.HANDLE(s), p.port, key, 0); err != nil {
		return nil, 0, errors.Join(err, p.unregister(key))
	}
	return k, key, nil
}

// tcpServer is the TCP echo server: a listening socket with
// acceptsOutstanding AcceptEx posted on it.
type tcpServer struct {
	p       *proactor
	ln      *sock
	addr    netip.AddrPort
	accepts [acceptsOutstanding]*acceptSlot
}

// acceptSlot is one posted AcceptEx: the socket it accepts into, and its
// OVERLAPPED and output buffer, kept until the packet.
type acceptSlot struct {
	s  *sock
	io *acceptIO
}

type acceptIO struct {
	ov  wintypes.OVERLAPPED
	buf [acceptBufferLen]byte
}

// recvIO is what a WSARecv or WSARecvFrom keeps until its packet.
type recvIO struct {
	ov    wintypes.OVERLAPPED
	bufs  [1]wintypes.WSABUF
	flags uint32
	// from receives a datagram's source; Winsock writes it when the
	// datagram arrives.
	from wintypes.RawSockaddr
	buf  [4096]byte
}

// post prepares r for a new receive into its whole buffer.
func (r *recvIO) post() error {
	r.flags = 0
	r.from.Reset()
	return r.bufs[0].Set(r.buf[:])
}

// sendIO is what a WSASend or WSASendTo keeps until its packet, with the
// data its WSABUF points to.
type sendIO struct {
	ov   wintypes.OVERLAPPED
	bufs [1]wintypes.WSABUF
	to   wintypes.RawSockaddr
}

// startTCPServer listens on 127.0.0.1 and posts the accepts.
func (p *proactor) startTCPServer() (*tcpServer, error) {
	srv := &tcpServer{p: p}
	var err error
	// The listener's key carries the AcceptEx packets.
	var key uintptr
	srv.ln, key, err = p.newSocket(ws2_32.SOCK_STREAM, srv.completed)
	if err != nil {
		return nil, err
	}
	// Closing the listener ends its AcceptEx; the sockets they were to
	// accept into are still the server's to close.
	p.cleanups[key] = func() error {
		errs := []error{srv.ln.close()}
		for _, a := range srv.accepts {
			if a != nil && a.s != nil {
				errs = append(errs, a.s.close())
			}
		}
		return errors.Join(errs...)
	}
	if err := ws2_32.Bind(srv.ln.s, loopback); err != nil {
		return nil, err
	}
	if srv.addr, err = ws2_32.Getsockname(srv.ln.s); err != nil {
		return nil, err
	}
	if err := ws2_32.Listen(srv.ln.s, ws2_32.SOMAXCONN); err != nil {
		return nil, err
	}
	for i := range srv.accepts {
		srv.accepts[i] = &acceptSlot{io: &acceptIO{}}
		if err := srv.accept(srv.accepts[i]); err != nil {
			return nil, err
		}
	}
	return srv, nil
}

// accept posts an AcceptEx into a new socket on slot a. The new socket
// is not associated with the port yet: its key comes once it is a
// connection.
func (srv *tcpServer) accept(a *acceptSlot) error {
	s, err := overlappedSocket(ws2_32.SOCK_STREAM)
	if err != nil {
		return err
	}
	a.s = &sock{s: s}
	_, err = ws2_32.AcceptEx(srv.ln.s, s, a.io.buf[:], 0, ws2_32.AcceptExAddressLength, ws2_32.AcceptExAddressLength, &a.io.ov)
	if err := srv.p.track(&a.io.ov, err); err != nil {
		return errors.Join(fmt.Errorf("AcceptEx: %w", err), a.s.close())
	}
	return nil
}

// completed handles an AcceptEx packet (the listener's key): the
// connection gets SO_UPDATE_ACCEPT_CONTEXT, its own key and a WSARecv;
// the slot gets a new AcceptEx.
func (srv *tcpServer) completed(e *wintypes.OVERLAPPED_ENTRY) error {
	var a *acceptSlot
	for _, x := range srv.accepts {
		if x.io.ov.Address() == e.LpOverlapped {
			a = x
		}
	}
	if a == nil {
		return fmt.Errorf("a packet on the listener for an unknown OVERLAPPED %#x", e.LpOverlapped)
	}
	srv.p.arrived(&a.io.ov)
	if _, _, err := ws2_32.WSAGetOverlappedResult(srv.ln.s, &a.io.ov, false); err != nil {
		// A client that reset before the accept completed is its own
		// business: accept the next one.
		if errors.Is(err, ws2_32.WSAECONNRESET) {
			return errors.Join(a.s.close(), srv.accept(a))
		}
		return errors.Join(fmt.Errorf("AcceptEx: %w", err), a.s.close())
	}
	s := a.s
	// Without it, getpeername, shutdown and others fail on s.
	if err := ws2_32.SetsockoptSocket(s.s, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_ACCEPT_CONTEXT, srv.ln.s); err != nil {
		return errors.Join(err, s.close())
	}
	_, remote, err := ws2_32.GetAcceptExSockaddrs(a.io.buf[:], 0, ws2_32.AcceptExAddressLength, ws2_32.AcceptExAddressLength)
	if err != nil {
		return errors.Join(err, s.close())
	}
	srv.p.logf("accept", "[accept] AcceptEx: connection from %s", remote)
	if err := srv.p.addConn(s); err != nil {
		return err
	}
	return srv.accept(a)
}

// tcpConn is an accepted connection, echoing line by line: one WSARecv
// posted at a time and at most one WSASend.
type tcpConn struct {
	p   *proactor
	s   *sock
	key uintptr

	rx *recvIO
	// partial is what was received and is not a whole line yet.
	partial []byte
	eof     bool

	tx *sendIO
	// sending is the data of the WSASend in flight (nil: none); queued
	// what waits for it to complete.
	sending, queued []byte
}

// addConn gives an accepted socket its key on the port and posts its first
// receive.
func (p *proactor) addConn(s *sock) error {
	c := &tcpConn{p: p, s: s, rx: &recvIO{}, tx: &sendIO{}}
	c.key = p.register(c.completed, s.close)
	if _, err := kernel32.CreateIoCompletionPort(wintypes.HANDLE(s.s), p.port, c.key, 0); err != nil {
		return errors.Join(err, p.unregister(c.key))
	}
	return c.recv()
}

func (c *tcpConn) recv() error {
	if err := c.rx.post(); err != nil {
		return err
	}
	_, err := ws2_32.WSARecv(c.s.s, c.rx.bufs[:], 1, &c.rx.flags, &c.rx.ov)
	return c.p.track(&c.rx.ov, err)
}

// send starts a WSASend of c.queued if none is in flight.
func (c *tcpConn) send() error {
	if c.sending != nil || len(c.queued) == 0 {
		return nil
	}
	c.sending, c.queued = c.queued, nil
	if err := c.tx.bufs[0].Set(c.sending); err != nil {
		return err
	}
	_, err := ws2_32.WSASend(c.s.s, c.tx.bufs[:], 1, 0, &c.tx.ov)
	if err := c.p.track(&c.tx.ov, err); err != nil {
		return fmt.Errorf("WSASend: %w", err)
	}
	return nil
}

// completed handles the packet of the connection's receive or send.
func (c *tcpConn) completed(e *wintypes.OVERLAPPED_ENTRY) error {
	switch e.LpOverlapped {
	case c.rx.ov.Address():
		c.p.arrived(&c.rx.ov)
		n, _, err := ws2_32.WSAGetOverlappedResult(c.s.s, &c.rx.ov, false)
		if err != nil {
			return fmt.Errorf("WSARecv: %w", err)
		}
		if n == 0 {
			// The end of the stream: close once what was echoed is sent.
			c.eof = true
			return c.closeIfDone()
		}
		c.partial = append(c.partial, c.rx.buf[:n]...)
		for {
			i := bytes.IndexByte(c.partial, '\n')
			if i < 0 {
				break
			}
			c.p.logf("echo", "[echo] TCP %q", c.partial[:i])
			c.p.tcpEchoes++
			c.queued = append(c.queued, c.partial[:i+1]...)
			c.partial = c.partial[i+1:]
		}
		if err := c.send(); err != nil {
			return err
		}
		return c.recv()
	case c.tx.ov.Address():
		c.p.arrived(&c.tx.ov)
		n, _, err := ws2_32.WSAGetOverlappedResult(c.s.s, &c.tx.ov, false)
		if err != nil {
			return fmt.Errorf("WSASend: %w", err)
		}
		// An overlapped send completes with all its bytes unless the
		// connection failed; anything left goes first all the same.
		c.queued = append(c.sending[n:len(c.sending):len(c.sending)], c.queued...)
		c.sending = nil
		if err := c.send(); err != nil {
			return err
		}
		return c.closeIfDone()
	}
	return fmt.Errorf("a packet on a connection for an unknown OVERLAPPED %#x", e.LpOverlapped)
}

// closeIfDone closes the connection once the peer ended its stream and
// everything is sent: no operation is in flight then, so no packet of its
// key comes after.
func (c *tcpConn) closeIfDone() error {
	if !c.eof || c.sending != nil {
		return nil
	}
	c.p.logf("close", "[close] end of stream: connection closed (Closesocket)")
	c.p.connsClosed++
	return c.p.unregister(c.key)
}

// udpServer is the UDP echo server: one WSARecvFrom posted at a time,
// each datagram sent back with its own WSASendTo.
type udpServer struct {
	p    *proactor
	s    *sock
	addr netip.AddrPort
	// rx's from receives the sender's address with the datagram.
	rx *recvIO
	// sends are the WSASendTo in flight, by OVERLAPPED address (each
	// WSABUF keeps its copy of the datagram alive).
	sends map[uintptr]*sendIO
}

// startUDPServer binds a UDP socket to 127.0.0.1 and posts its receive.
func (p *proactor) startUDPServer() (*udpServer, error) {
	u := &udpServer{p: p, rx: &recvIO{}, sends: map[uintptr]*sendIO{}}
	var err error
	u.s, _, err = p.newSocket(ws2_32.SOCK_DGRAM, u.completed)
	if err != nil {
		return nil, err
	}
	if err := ws2_32.Bind(u.s.s, loopback); err != nil {
		return nil, err
	}
	if u.addr, err = ws2_32.Getsockname(u.s.s); err != nil {
		return nil, err
	}
	return u, u.recv()
}

func (u *udpServer) recv() error {
	if err := u.rx.post(); err != nil {
		return err
	}
	_, err := ws2_32.WSARecvFrom(u.s.s, u.rx.bufs[:], 1, &u.rx.flags, &u.rx.from, &u.rx.ov)
	return u.p.track(&u.rx.ov, err)
}

// completed handles the packet of the receive or of a send.
func (u *udpServer) completed(e *wintypes.OVERLAPPED_ENTRY) error {
	if e.LpOverlapped != u.rx.ov.Address() {
		snd := u.sends[e.LpOverlapped]
		if snd == nil {
			return fmt.Errorf("a packet on the UDP socket for an unknown OVERLAPPED %#x", e.LpOverlapped)
		}
		delete(u.sends, e.LpOverlapped)
		u.p.arrived(&snd.ov)
		if _, _, err := ws2_32.WSAGetOverlappedResult(u.s.s, &snd.ov, false); err != nil {
			return fmt.Errorf("WSASendTo: %w", err)
		}
		return nil
	}
	u.p.arrived(&u.rx.ov)
	n, _, err := ws2_32.WSAGetOverlappedResult(u.s.s, &u.rx.ov, false)
	switch {
	case errors.Is(err, ws2_32.WSAECONNRESET):
		// Windows reports an ICMP "port unreachable" for an earlier
		// datagram on the next receive: not this socket's failure.
		return u.recv()
	case err != nil:
		return fmt.Errorf("WSARecvFrom: %w", err)
	}
	from, err := u.rx.from.AddrPort()
	if err != nil {
		return err
	}
	u.p.logf("udp", "[udp] WSARecvFrom: %q from %s", u.rx.buf[:n], from)
	u.p.udpEchoes++
	// Sent back from a copy, while the next receive reuses rx.
	snd, data := &sendIO{to: u.rx.from}, bytes.Clone(u.rx.buf[:n])
	if err := snd.bufs[0].Set(data); err != nil {
		return err
	}
	_, err = ws2_32.WSASendTo(u.s.s, snd.bufs[:], 1, 0, &snd.to, &snd.ov)
	if err := u.p.track(&snd.ov, err); err != nil {
		return fmt.Errorf("WSASendTo: %w", err)
	}
	u.sends[snd.ov.Address()] = snd
	return u.recv()
}

// drainSockets, once every socket is closed, dequeues the packets of the
// operations still in flight (closing a socket ends them, each with a
// packet), so that what wincgo pinned for them is released before the
// port closes. It gives up after a while: the process ends anyway.
func (p *proactor) drainSockets() error {
	entries := make([]wintypes.OVERLAPPED_ENTRY, 16)
	deadline := time.Now().Add(5 * time.Second)
	for len(p.inFlight) > 0 && time.Now().Before(deadline) {
		n, err := kernel32.GetQueuedCompletionStatusEx(p.port, entries, len(entries), 100, false)
		if errors.Is(err, kernel32.ERROR_WAIT_TIMEOUT) {
			continue
		}
		if err != nil {
			return err
		}
		for _, e := range entries[:n] {
			delete(p.inFlight, e.LpOverlapped)
		}
	}
	if len(p.inFlight) > 0 {
		return fmt.Errorf("%d socket operations still in flight after their sockets closed", len(p.inFlight))
	}
	return nil
}
