//go:build windows

package bench

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"runtime"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// TCP echo on 127.0.0.1, against Go's net package (whose runtime drives
// its own completion port) and x/sys's WSARecv and WSASend: per side one
// connection, set up once per benchmark, and an echo server in its own
// goroutine that sends back each read's bytes until the end of the
// stream. The benchmark's goroutine sends a message, reads the whole echo
// and compares it with what it sent (its first 8 bytes are a sequence
// number, so a stale echo fails too). The three sides run the same
// algorithm, one operation at a time per end (send all, then receive all),
// so that the ratios compare the calls, not the schedules. Sending all 64
// KiB before reading relies on the echo path's four socket buffers
// (client send, server receive, server send, client receive) holding
// them, as they do on 127.0.0.1 under Windows and Linux (Wine's sockets)
// alike; were they smaller, the client's wait would time out rather than
// hang (net's Write has no deadline: it would hang).
//
// wincgo's and x/sys's sides are what a Go program with its own proactor
// writes: overlapped sockets (WSASocket with WSA_FLAG_OVERLAPPED),
// accepted with AcceptEx and connected with ConnectEx, each end on a
// completion port, its completions taken with GetQueuedCompletionStatusEx
// and collected with WSAGetOverlappedResult (as Go's internal/poll does
// after its wait). The server's end is on its own port: two goroutines
// waiting on one port would each dequeue the other's packets (a port
// wakes whichever thread waits) and have to hand them over, and that
// dispatcher, not the calls, would be measured; one port per end is what
// a server in its own process has. Like Go's net (internal/poll; under
// Wine 8 too, whose TCP provider reports XP1_IFS_HANDLES), both set
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and FILE_SKIP_SET_EVENT_ON_HANDLE
// on their connected sockets, so an operation that completes at once
// queues no packet and costs no dequeue; and TCP_NODELAY, as net sets it
// on every TCP connection. Only an operation that went pending
// (ERROR_IO_PENDING) waits for its packet.

const (
	// echoThroughput is the message of the throughput benchmark.
	echoThroughput = 64 << 10
	// echoLatency is the message of the latency benchmark: 512 bytes, as
	// Go's own net benchmarks (benchmarkTCP) exchange.
	echoLatency = 512
	// echoTimeout bounds the client's every wait for a packet (ms): on
	// 127.0.0.1 an echo takes at most milliseconds; this only turns a lost
	// packet into a failure instead of a hung benchmark. The server waits for
	// ever (INFINITE), as Go's netpoller does: it idles while the other
	// sides run, and its client's failure ends the stream anyway.
	echoTimeout = 10000
)

// loopback is 127.0.0.1, port 0: Windows picks a port.
var loopback = netip.MustParseAddrPort("127.0.0.1:0")

// echoConn is one end of a connection as the echo benchmarks drive it:
// Read returns what one receive got (io.EOF at the end of the stream),
// Write sends all of p, CloseWrite sends the end of the stream.
type echoConn interface {
	io.ReadWriter
	CloseWrite() error
}

// echoSide is one implementation of an echo benchmark: an echo goroutine
// serves server until the end of the stream, while each operation writes
// size bytes on client and reads their echo back, comparing it. Its
// cleanup ends the stream and waits for the echo goroutine to return.
func echoSide(b *testing.B, name string, client, server echoConn, size int) side {
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, size)
		for {
			m, err := server.Read(buf)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil || m == 0 {
				panic(fmt.Sprintf("%s: echo read: %d, %v", name, m, err))
			}
			if k, err := server.Write(buf[:m]); err != nil || k != m {
				panic(fmt.Sprintf("%s: echo write: %d of %d, %v", name, k, m, err))
			}
		}
	}()
	b.Cleanup(func() {
		if err := client.CloseWrite(); err != nil {
			b.Error(name, "CloseWrite:", err)
		}
		<-done
	})
	out, in := make([]byte, size), make([]byte, size)
	for i := range out {
		out[i] = byte(i)
	}
	var seq uint64
	return side{name, func(b *testing.B, n int) {
		for range n {
			seq++
			binary.LittleEndian.PutUint64(out, seq)
			if m, err := client.Write(out); err != nil || m != size {
				b.Fatal(name, "write", m, err)
			}
			if m, err := io.ReadFull(client, in); err != nil || !bytes.Equal(in, out) {
				b.Fatal(name, "read", m, err, "echo equal:", bytes.Equal(in, out))
			}
		}
	}}
}

// BenchmarkTCPEchoThroughput64KiB sends 64 KiB over a TCP connection on
// 127.0.0.1 and reads its echo: the time per 64 KiB each way (a lower
// ns/op is a higher throughput).
func BenchmarkTCPEchoThroughput64KiB(b *testing.B) { echoBenchmark(b, echoThroughput) }

// BenchmarkTCPEchoLatency512 sends 512 bytes over a TCP connection on
// 127.0.0.1 and reads their echo: a round trip's latency.
func BenchmarkTCPEchoLatency512(b *testing.B) { echoBenchmark(b, echoLatency) }

// echoRounds is how many rounds the echo benchmarks run at least. An echo
// wakes a thread of the server's goroutine and one of the client's, each
// after a wineserver round trip or more, so on a loaded machine one takes
// longer than a chunk (3 to 30 ms at load 11 here, instead of hundreds of
// µs): each round is then one echo per side, whose ratios spread widely,
// and the median of paired's 9 moved by 30% from process to process.
const echoRounds = 101

func echoBenchmark(b *testing.B, size int) {
	wc, ws := newWincgoTCP(b)
	nc, ns := newNetTCP(b)
	xc, xs := newXSysTCP(b)
	pairedRounds(b, echoRounds,
		echoSide(b, implWincgo, wc, ws, size),
		echoSide(b, implNet, nc, ns, size),
		echoSide(b, implXSys, xc, xs, size),
	)
}

// wincgoEnd is one end of a wincgo TCP connection, alone on its
// completion port, with one operation at a time: one OVERLAPPED, one
// WSABUF and the receive flags, which Winsock keeps until the operation
// is collected (wincgo pins them meanwhile). Each is its own allocation,
// as are the port's entries: cgo checks the whole heap object an
// unsafe.Pointer argument points into, so GetQueuedCompletionStatusEx's
// entries beside the WSABUF would be refused once the operation is
// collected and the WSABUF's buffer no longer pinned.
type wincgoEnd struct {
	s       wintypes.SOCKET
	port    wintypes.HANDLE
	timeout uint32 // each wait's, in ms
	ov      *wintypes.OVERLAPPED
	bufs    []wintypes.WSABUF
	flags   *uint32
	entries []wintypes.OVERLAPPED_ENTRY
}

// Read receives once into p.
func (e *wincgoEnd) Read(p []byte) (int, error) {
	if err := e.bufs[0].Set(p); err != nil {
		return 0, err
	}
	*e.flags = 0
	n, err := e.finish(ws2_32.WSARecv(e.s, e.bufs, 1, e.flags, e.ov))
	if err == nil && n == 0 {
		return 0, io.EOF
	}
	return n, err
}

// Write sends p, in as many sends as it takes.
func (e *wincgoEnd) Write(p []byte) (int, error) {
	sent := 0
	for sent < len(p) {
		if err := e.bufs[0].Set(p[sent:]); err != nil {
			return sent, err
		}
		n, err := e.finish(ws2_32.WSASend(e.s, e.bufs, 1, 0, e.ov))
		if err != nil {
			return sent, err
		}
		if n == 0 {
			return sent, io.ErrShortWrite
		}
		sent += n
	}
	return sent, nil
}

// CloseWrite sends the end of the stream.
func (e *wincgoEnd) CloseWrite() error { return ws2_32.Shutdown(e.s, ws2_32.SD_SEND) }

// finish returns the result of the operation that returned (n, err): at
// once if it completed at once (no packet in skip mode), else once its
// packet is dequeued.
func (e *wincgoEnd) finish(n int, err error) (int, error) {
	if !errors.Is(err, ws2_32.WSA_IO_PENDING) {
		return n, err
	}
	if err := e.await(); err != nil {
		return 0, err
	}
	n, _, err = ws2_32.WSAGetOverlappedResult(e.s, e.ov, false)
	return n, err
}

// await dequeues e's pending operation's packet.
func (e *wincgoEnd) await() error {
	m, err := kernel32.GetQueuedCompletionStatusEx(e.port, e.entries, len(e.entries), e.timeout, false)
	if err != nil {
		return err
	}
	if m != 1 || e.entries[0].LpOverlapped != e.ov.Address() {
		return fmt.Errorf("dequeued %d packets, the first for %#x; want 1 for %#x", m, e.entries[0].LpOverlapped, e.ov.Address())
	}
	return nil
}

// newWincgoEnd creates an overlapped TCP socket on a new completion port of
// its own, both closed when b ends.
func newWincgoEnd(b *testing.B, timeout uint32) *wincgoEnd {
	b.Helper()
	e := &wincgoEnd{port: newPort(b), s: newWincgoSocket(b), timeout: timeout, ov: new(wintypes.OVERLAPPED),
		bufs: make([]wintypes.WSABUF, 1), flags: new(uint32), entries: make([]wintypes.OVERLAPPED_ENTRY, 1)}
	if _, err := kernel32.CreateIoCompletionPort(wintypes.HANDLE(e.s), e.port, 0, 0); err != nil {
		b.Fatal(err)
	}
	return e
}

func newWincgoSocket(b *testing.B) wintypes.SOCKET {
	b.Helper()
	s, err := ws2_32.WSASocket(ws2_32.AF_INET, ws2_32.SOCK_STREAM, ws2_32.IPPROTO_TCP,
		ws2_32.WSA_FLAG_OVERLAPPED|ws2_32.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, ws2_32.Closesocket, s) })
	return s
}

// newWincgoTCP returns the client and server ends of a TCP connection on
// 127.0.0.1 made with ConnectEx and AcceptEx, each on its own port, in
// skip mode and with TCP_NODELAY (see the top of this file).
func newWincgoTCP(b *testing.B) (client, server *wincgoEnd) {
	b.Helper()
	client, server = newWincgoEnd(b, echoTimeout), newWincgoEnd(b, kernel32.INFINITE)
	// The listener is only needed until AcceptEx completes; its packet
	// comes to the port the listener is associated with: the server's.
	l := newWincgoSocket(b)
	if _, err := kernel32.CreateIoCompletionPort(wintypes.HANDLE(l), server.port, 0, 0); err != nil {
		b.Fatal(err)
	}
	if err := ws2_32.Bind(l, loopback); err != nil {
		b.Fatal(err)
	}
	if err := ws2_32.Listen(l, 1); err != nil {
		b.Fatal(err)
	}
	addr, err := ws2_32.Getsockname(l)
	if err != nil {
		b.Fatal(err)
	}
	// AcceptEx's and ConnectEx's OVERLAPPEDs are the ends' own: each is
	// free until the connection is made.
	accepted := make([]byte, 2*ws2_32.AcceptExAddressLength)
	if _, err := ws2_32.AcceptEx(l, server.s, accepted, 0, ws2_32.AcceptExAddressLength, ws2_32.AcceptExAddressLength, server.ov); err != nil && !errors.Is(err, ws2_32.WSA_IO_PENDING) {
		b.Fatal("AcceptEx: ", err)
	}
	if err := ws2_32.Bind(client.s, loopback); err != nil {
		b.Fatal(err) // ConnectEx needs a bound socket
	}
	name := new(wintypes.RawSockaddr)
	if err := name.SetAddrPort(addr); err != nil {
		b.Fatal(err)
	}
	if _, err := ws2_32.ConnectEx(client.s, name, nil, client.ov); err != nil && !errors.Is(err, ws2_32.WSA_IO_PENDING) {
		b.Fatal("ConnectEx: ", err)
	}
	// Not in skip mode yet: both complete with a packet.
	for _, e := range []*wincgoEnd{client, server} {
		if err := e.await(); err != nil {
			b.Fatal(err)
		}
		if _, _, err := ws2_32.WSAGetOverlappedResult(e.s, e.ov, false); err != nil {
			b.Fatal(err)
		}
	}
	if err := ws2_32.SetsockoptSocket(server.s, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_ACCEPT_CONTEXT, l); err != nil {
		b.Fatal(err)
	}
	if err := ws2_32.Setsockopt(client.s, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_CONNECT_CONTEXT, nil); err != nil {
		b.Fatal(err)
	}
	for _, e := range []*wincgoEnd{client, server} {
		if err := ws2_32.SetsockoptInt(e.s, ws2_32.IPPROTO_TCP, ws2_32.TCP_NODELAY, 1); err != nil {
			b.Fatal(err)
		}
		if err := kernel32.SetFileCompletionNotificationModes(wintypes.HANDLE(e.s),
			kernel32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS|kernel32.FILE_SKIP_SET_EVENT_ON_HANDLE); err != nil {
			b.Fatal(err)
		}
	}
	return client, server
}

// newNetTCP returns the client and server ends of a TCP connection on
// 127.0.0.1 through Go's net package, closed when b ends.
func newNetTCP(b *testing.B) (client, server *net.TCPConn) {
	b.Helper()
	l, err := net.ListenTCP("tcp4", net.TCPAddrFromAddrPort(loopback))
	if err != nil {
		b.Fatal(err)
	}
	defer testutil.Close(b, l)
	type accepted struct {
		c   *net.TCPConn
		err error
	}
	ch := make(chan accepted, 1)
	go func() {
		c, err := l.AcceptTCP()
		ch <- accepted{c, err}
	}()
	client, err = net.DialTCP("tcp4", nil, l.Addr().(*net.TCPAddr))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.Close(b, client) })
	a := <-ch
	if a.err != nil {
		b.Fatal(a.err)
	}
	b.Cleanup(func() { testutil.Close(b, a.c) })
	return client, a.c
}

// xsysEnd is one end of an x/sys TCP connection, alone on its completion
// port. Windows keeps the OVERLAPPED, the WSABuf, the flags and the
// buffers until the operation completes: they are fields of this heap
// object (Go's garbage collector does not move heap objects), which the
// benchmark keeps reachable until the socket is closed. qty receives the
// count of an operation that completes at once, as internal/poll passes
// it.
type xsysEnd struct {
	s       windows.Handle
	port    windows.Handle
	timeout uint32
	ov      windows.Overlapped
	buf     windows.WSABuf
	flags   uint32
	qty     uint32
	removed uint32
	entries [1]xOverlappedEntry
}

// Read receives once into p.
func (e *xsysEnd) Read(p []byte) (int, error) {
	e.buf = windows.WSABuf{Len: uint32(len(p)), Buf: unsafe.SliceData(p)}
	e.flags = 0
	n, err := e.finish(windows.WSARecv(e.s, &e.buf, 1, &e.qty, &e.flags, &e.ov, nil))
	if err == nil && n == 0 {
		return 0, io.EOF
	}
	return n, err
}

// Write sends p, in as many sends as it takes.
func (e *xsysEnd) Write(p []byte) (int, error) {
	sent := 0
	for sent < len(p) {
		e.buf = windows.WSABuf{Len: uint32(len(p) - sent), Buf: &p[sent]}
		n, err := e.finish(windows.WSASend(e.s, &e.buf, 1, &e.qty, 0, &e.ov, nil))
		if err != nil {
			return sent, err
		}
		if n == 0 {
			return sent, io.ErrShortWrite
		}
		sent += n
	}
	return sent, nil
}

// CloseWrite sends the end of the stream.
func (e *xsysEnd) CloseWrite() error { return windows.Shutdown(e.s, windows.SHUT_WR) }

// finish is wincgoEnd.finish: err is the starting call's error (nil: it
// completed at once, with qty bytes).
func (e *xsysEnd) finish(err error) (int, error) {
	if err == nil {
		return int(e.qty), nil
	}
	if err != windows.ERROR_IO_PENDING { //nolint:errorlint // x/sys returns the bare Errno, as internal/poll compares it
		return 0, err
	}
	if err := e.await(); err != nil {
		return 0, err
	}
	if err := windows.WSAGetOverlappedResult(e.s, &e.ov, &e.qty, false, &e.flags); err != nil {
		return 0, err
	}
	return int(e.qty), nil
}

// await dequeues e's pending operation's packet.
func (e *xsysEnd) await() error {
	if err := xGetQueuedCompletionStatusEx(e.port, e.entries[:], &e.removed, e.timeout, false); err != nil {
		return err
	}
	if e.removed != 1 || e.entries[0].Overlapped != &e.ov {
		return fmt.Errorf("dequeued %d packets, the first for %p; want 1 for %p", e.removed, e.entries[0].Overlapped, &e.ov)
	}
	return nil
}

func newXSysSocket(b *testing.B) windows.Handle {
	b.Helper()
	s, err := windows.WSASocket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP, nil, 0,
		windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		b.Fatal("WSASocket: ", err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, windows.Closesocket, s) })
	return s
}

// newXSysEnd creates an overlapped TCP socket on a new completion port of
// its own, both closed when b ends.
func newXSysEnd(b *testing.B, timeout uint32) *xsysEnd {
	b.Helper()
	e := &xsysEnd{port: newPort(b).Windows(), s: newXSysSocket(b), timeout: timeout}
	if _, err := windows.CreateIoCompletionPort(e.s, e.port, 0, 0); err != nil {
		b.Fatal(err)
	}
	return e
}

// newXSysTCP is newWincgoTCP with x/sys.
func newXSysTCP(b *testing.B) (client, server *xsysEnd) {
	b.Helper()
	client, server = newXSysEnd(b, echoTimeout), newXSysEnd(b, windows.INFINITE)
	l := newXSysSocket(b)
	if _, err := windows.CreateIoCompletionPort(l, server.port, 0, 0); err != nil {
		b.Fatal(err)
	}
	if err := windows.Bind(l, &windows.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		b.Fatal(err)
	}
	if err := windows.Listen(l, 1); err != nil {
		b.Fatal(err)
	}
	addr, err := windows.Getsockname(l)
	if err != nil {
		b.Fatal(err)
	}
	// As internal/poll sizes it: a RawSockaddrAny per address, more than
	// the address's size + 16 AcceptEx needs.
	const slot = uint32(unsafe.Sizeof(windows.RawSockaddrAny{}))
	accepted := make([]byte, 2*slot)
	if err := windows.AcceptEx(l, server.s, &accepted[0], 0, slot, slot, &server.qty, &server.ov); err != nil && err != windows.ERROR_IO_PENDING { //nolint:errorlint // the bare Errno
		b.Fatal("AcceptEx: ", err)
	}
	if err := windows.Bind(client.s, &windows.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		b.Fatal(err)
	}
	if err := windows.ConnectEx(client.s, addr, nil, 0, nil, &client.ov); err != nil && err != windows.ERROR_IO_PENDING { //nolint:errorlint // the bare Errno
		b.Fatal("ConnectEx: ", err)
	}
	for _, e := range []*xsysEnd{client, server} {
		if err := e.await(); err != nil {
			b.Fatal(err)
		}
		if err := windows.WSAGetOverlappedResult(e.s, &e.ov, &e.qty, false, &e.flags); err != nil {
			b.Fatal(err)
		}
	}
	// AcceptEx may write into accepted until its packet: keep it until
	// here.
	runtime.KeepAlive(accepted)
	if err := windows.Setsockopt(server.s, windows.SOL_SOCKET, windows.SO_UPDATE_ACCEPT_CONTEXT,
		(*byte)(unsafe.Pointer(&l)), int32(unsafe.Sizeof(l))); err != nil {
		b.Fatal(err)
	}
	if err := windows.Setsockopt(client.s, windows.SOL_SOCKET, windows.SO_UPDATE_CONNECT_CONTEXT, nil, 0); err != nil {
		b.Fatal(err)
	}
	for _, e := range []*xsysEnd{client, server} {
		if err := windows.SetsockoptInt(e.s, windows.IPPROTO_TCP, windows.TCP_NODELAY, 1); err != nil {
			b.Fatal(err)
		}
		if err := windows.SetFileCompletionNotificationModes(e.s,
			windows.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS|windows.FILE_SKIP_SET_EVENT_ON_HANDLE); err != nil {
			b.Fatal(err)
		}
	}
	return client, server
}
