//go:build windows

package ws2_32

import (
	"errors"
	"fmt"
	"net/netip"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// echoConns is how many connections TestHundredConnectionsOnePort makes
// at once.
const echoConns = 100

// echoMessageLen is each client's message, echoed back by the server.
const echoMessageLen = 64

// echoMessage is client i's message: its number, then a pattern of it.
func echoMessage(i int) []byte {
	m := fmt.Appendf(nil, "client %03d:", i)
	for len(m) < echoMessageLen {
		m = append(m, byte('a'+(i+len(m))%26))
	}
	return m
}

// echoOp is one operation of TestHundredConnectionsOnePort, found again
// by its OVERLAPPED's address when its packet is dequeued.
type echoOp struct {
	kind string // accept, connect, serverRecv, serverSend, clientRecv
	conn int    // the accept slot (server side) or the client
	ov   wintypes.OVERLAPPED
	buf  []byte
}

// TestHundredConnectionsOnePort: 100 AcceptEx outstanding on one
// listener, 100 ConnectEx clients (sending their message with the
// connection), each server socket receiving the message and echoing it,
// each client receiving its echo; every completion through one port,
// drained in one goroutine, in whatever order Windows completes them.
func TestHundredConnectionsOnePort(t *testing.T) {
	p := newIOPort(t)
	inFlight := overlapped.InFlight()
	l, laddr := p.listener()
	var name wintypes.RawSockaddr
	require.NoError(t, name.SetAddrPort(laddr))
	ops := map[uintptr]*echoOp{}
	servers := make([]wintypes.SOCKET, echoConns)
	clients := make([]wintypes.SOCKET, echoConns)
	// got[i] collects server slot i's bytes until the message is whole.
	got := make([][]byte, echoConns)
	echoed := make([][]byte, echoConns)
	start := func(op *echoOp, s wintypes.SOCKET) {
		t.Helper()
		ops[op.ov.Address()] = op
		var err error
		switch op.kind {
		case "accept":
			_, err = AcceptEx(l, s, op.buf, 0, AcceptExAddressLength, AcceptExAddressLength, &op.ov)
		case "connect":
			_, err = ConnectEx(s, &name, op.buf, &op.ov)
		case "serverRecv", "clientRecv":
			var flags uint32
			_, err = WSARecv(s, wsabufs(t, op.buf), 1, &flags, &op.ov)
		case "serverSend":
			_, err = WSASend(s, wsabufs(t, op.buf), 1, 0, &op.ov)
		}
		// Done at once or pending, its packet comes (default mode).
		hzStarted(t, err)
	}
	for i := range echoConns {
		servers[i] = p.socket(SOCK_STREAM)
		start(&echoOp{kind: "accept", conn: i, buf: make([]byte, acceptBufferLen(0))}, servers[i])
	}
	for i := range echoConns {
		clients[i], _ = p.boundSocket(SOCK_STREAM)
		start(&echoOp{kind: "connect", conn: i, buf: echoMessage(i)}, clients[i])
	}
	entries := make([]wintypes.OVERLAPPED_ENTRY, 64)
	done, packets := 0, 0
	for done < echoConns {
		n, err := kernel32.GetQueuedCompletionStatusEx(p.h, entries, len(entries), uint32(ioAwaitTimeout.Milliseconds()), false)
		require.NoError(t, err, "%d of %d connections echoed", done, echoConns)
		for _, e := range entries[:n] {
			packets++
			op, ok := ops[e.LpOverlapped]
			require.True(t, ok, "a packet for an unknown OVERLAPPED %#x", e.LpOverlapped)
			delete(ops, e.LpOverlapped)
			require.Zero(t, e.Internal, "%s %d failed", op.kind, op.conn)
			count := int(e.DwNumberOfBytesTransferred)
			switch op.kind {
			case "accept":
				s := servers[op.conn]
				require.NoError(t, SetsockoptSocket(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, l))
				start(&echoOp{kind: "serverRecv", conn: op.conn, buf: make([]byte, echoMessageLen)}, s)
			case "connect":
				require.Equal(t, echoMessageLen, count)
				s := clients[op.conn]
				require.NoError(t, Setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, nil))
				start(&echoOp{kind: "clientRecv", conn: op.conn, buf: make([]byte, echoMessageLen)}, s)
			case "serverRecv":
				require.NotZero(t, count, "server slot %d: end of stream", op.conn)
				got[op.conn] = append(got[op.conn], op.buf[:count]...)
				if rest := echoMessageLen - len(got[op.conn]); rest > 0 {
					start(&echoOp{kind: "serverRecv", conn: op.conn, buf: make([]byte, rest)}, servers[op.conn])
				} else {
					start(&echoOp{kind: "serverSend", conn: op.conn, buf: got[op.conn]}, servers[op.conn])
				}
			case "serverSend":
				require.Equal(t, echoMessageLen, count)
			case "clientRecv":
				require.NotZero(t, count, "client %d: end of stream", op.conn)
				echoed[op.conn] = append(echoed[op.conn], op.buf[:count]...)
				if rest := echoMessageLen - len(echoed[op.conn]); rest > 0 {
					start(&echoOp{kind: "clientRecv", conn: op.conn, buf: make([]byte, rest)}, clients[op.conn])
				} else {
					require.Equal(t, string(echoMessage(op.conn)), string(echoed[op.conn]), "client %d's echo", op.conn)
					done++
				}
			}
		}
	}
	// The server sends whose packets came after the last echo.
	for len(ops) > 0 {
		n, err := kernel32.GetQueuedCompletionStatusEx(p.h, entries, len(entries), uint32(ioAwaitTimeout.Milliseconds()), false)
		require.NoError(t, err, "%d operations left", len(ops))
		for _, e := range entries[:n] {
			op, ok := ops[e.LpOverlapped]
			require.True(t, ok)
			require.Equal(t, "serverSend", op.kind)
			delete(ops, e.LpOverlapped)
		}
	}
	assert.Equal(t, inFlight, overlapped.InFlight(), "every operation released by its packet")
	// Every server slot got one whole client message.
	seen := map[string]bool{}
	for i := range echoConns {
		seen[string(got[i])] = true
	}
	assert.Len(t, seen, echoConns, "each client's message reached one server socket")
}

// stressOp is one operation of TestOverlappedSocketStress: started by the
// starter goroutine, its packet dequeued by any drainer, handed back to the
// starter with its result.
type stressOp struct {
	conn   *stressConn
	send   bool
	ov     *wintypes.OVERLAPPED
	bufs   []wintypes.WSABUF
	raw    [][]byte // the buffers bufs point to
	flags  *uint32
	from   *wintypes.RawSockaddr
	to     *wintypes.RawSockaddr
	seq    int // the datagram's number (UDP) or the stream offset (TCP)
	count  int // set by the drainer: the packet's count
	status uintptr
}

// stressConn is one TCP connection (a sender and a receiver socket) or
// one UDP pair of the stress test, with its progress (the starter's).
type stressConn struct {
	id             int
	udp            bool
	sender, recver wintypes.SOCKET
	senderAddr     netip.AddrPort
	recverAddr     netip.AddrPort
	sent, received int // TCP: bytes; UDP: datagrams
	sending        bool
	receiving      bool
}

// stressByte is byte k of TCP connection c's stream: a pattern that
// catches a byte lost, duplicated, reordered or from another connection.
func stressByte(c, k int) byte { return byte(k*7 + c*31 + k>>8) }

// stressDatagram is datagram seq of UDP pair c (1 to ~1200 bytes).
func stressDatagram(c, seq int) []byte {
	d := fmt.Appendf(nil, "udp %d #%d:", c, seq)
	for len(d) < 1+(seq*97+c)%1200 {
		d = append(d, byte(seq+len(d)))
	}
	return d
}

// TestOverlappedSocketStress: one goroutine starts operations on many
// connections (WSASend, WSARecv into three WSABUFs, UDP WSASendTo and
// WSARecvFrom with their addresses), three others drain the one port, one
// more runs the garbage collector and allocates. Every byte received is
// checked against its connection's pattern, every datagram and its source
// address, and every operation is released exactly once (by the drainer
// that saw its packet, or in its starting call).
func TestOverlappedSocketStress(t *testing.T) {
	const (
		tcpConns  = 12
		udpPairs  = 4
		tcpBytes  = 64 << 10 // per connection
		datagrams = 100      // per UDP pair
		drainers  = 3
	)
	p := newIOPort(t)
	var conns []*stressConn
	for i := range tcpConns {
		server, client := hzConnect(p)
		conns = append(conns, &stressConn{id: i, sender: server, recver: client})
	}
	for i := range udpPairs {
		c := &stressConn{id: tcpConns + i, udp: true}
		c.sender, c.senderAddr = p.boundSocket(SOCK_DGRAM)
		c.recver, c.recverAddr = p.boundSocket(SOCK_DGRAM)
		conns = append(conns, c)
	}
	inFlight := overlapped.InFlight()
	begun0, released0 := overlapped.Counts()

	// ops: OVERLAPPED address -> its operation, stored before the start
	// (a drainer may dequeue the packet before the starting call returns)
	// and taken by the drainer that dequeues it.
	var ops sync.Map
	results := make(chan *stressOp, 4*len(conns))
	errs := make(chan error, 16)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	// The drainers stop on a posted packet with stopKey, one each.
	const stopKey = ^uintptr(0)
	var wg sync.WaitGroup
	for range drainers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			entries := make([]wintypes.OVERLAPPED_ENTRY, 4)
			for {
				n, err := kernel32.GetQueuedCompletionStatusEx(p.h, entries, len(entries), uint32(ioAwaitTimeout.Milliseconds()), false)
				if err != nil {
					report(fmt.Errorf("drainer: %w", err))
					return
				}
				stops := 0
				for _, e := range entries[:n] {
					if e.LpCompletionKey == stopKey {
						stops++
						continue
					}
					v, ok := ops.LoadAndDelete(e.LpOverlapped)
					if !ok {
						report(fmt.Errorf("a packet for %#x, no operation (a second packet?)", e.LpOverlapped))
						continue
					}
					op := v.(*stressOp)
					op.count, op.status = int(e.DwNumberOfBytesTransferred), e.Internal
					results <- op
				}
				if stops > 0 {
					// Extra stop packets dequeued in the same batch are
					// another drainer's.
					for range stops - 1 {
						if err := kernel32.PostQueuedCompletionStatus(p.h, 0, stopKey, 0); err != nil {
							report(err)
						}
					}
					return
				}
			}
		}()
	}
	// Garbage collection and allocation while operations are in flight:
	// memory not pinned would be freed and reused under Windows.
	stopGC := make(chan struct{})
	gcDone := make(chan struct{})
	go func() {
		defer close(gcDone)
		var sink [][]byte
		for i := 0; ; i++ {
			select {
			case <-stopGC:
				return
			default:
			}
			if i%8 == 0 {
				runtime.GC()
			}
			for i := range 64 {
				sink = append(sink, make([]byte, 1024+i*37))
			}
			if len(sink) > 4096 {
				sink = nil
			}
			// Leaves the starter and the drainers CPU on a small machine.
			runtime.Gosched()
		}
	}()

	// The starter: this goroutine.
	started := uint64(0)
	start := func(op *stressOp) bool {
		// Fresh memory every operation: what an earlier one used is
		// garbage the collector frees and reuses.
		op.ov = new(wintypes.OVERLAPPED)
		ops.Store(op.ov.Address(), op)
		c := op.conn
		var err error
		switch {
		case op.send && c.udp:
			_, err = WSASendTo(c.sender, op.bufs, len(op.bufs), 0, op.to, op.ov)
		case op.send:
			_, err = WSASend(c.sender, op.bufs, len(op.bufs), 0, op.ov)
		case c.udp:
			_, err = WSARecvFrom(c.recver, op.bufs, len(op.bufs), op.flags, op.from, op.ov)
		default:
			_, err = WSARecv(c.recver, op.bufs, len(op.bufs), op.flags, op.ov)
		}
		if err != nil && !errors.Is(err, WSA_IO_PENDING) {
			ops.Delete(op.ov.Address())
			report(fmt.Errorf("conn %d, send %v: %w", c.id, op.send, err))
			return false
		}
		started++
		return true
	}
	startSend := func(c *stressConn) bool {
		op := &stressOp{conn: c, send: true, seq: c.sent}
		if c.udp {
			d := stressDatagram(c.id, c.sent)
			cut := len(d) / 2
			op.raw = [][]byte{d[:cut], d[cut:]}
			op.to = new(wintypes.RawSockaddr)
			if err := op.to.SetAddrPort(c.recverAddr); err != nil {
				report(err)
				return false
			}
		} else {
			size := 1 + (c.sent*13+c.id*101)%6000
			size = min(size, tcpBytes-c.sent)
			b := make([]byte, size)
			for k := range b {
				b[k] = stressByte(c.id, c.sent+k)
			}
			cut := size / 3
			op.raw = [][]byte{b[:cut], b[cut:]}
		}
		if len(op.raw[0]) == 0 {
			op.raw = op.raw[1:]
		}
		op.bufs = make([]wintypes.WSABUF, len(op.raw))
		for i, r := range op.raw {
			if err := op.bufs[i].Set(r); err != nil {
				report(err)
				return false
			}
		}
		c.sending = true
		return start(op)
	}
	startRecv := func(c *stressConn) bool {
		op := &stressOp{conn: c, flags: new(uint32), seq: c.received}
		if c.udp {
			op.raw = [][]byte{make([]byte, 300), make([]byte, 1000)}
			op.from = new(wintypes.RawSockaddr)
			op.from.Reset()
		} else {
			k := 1 + (c.received*7+c.id)%3000
			op.raw = [][]byte{make([]byte, k), make([]byte, 1+k/2), make([]byte, 4096)}
		}
		op.bufs = make([]wintypes.WSABUF, len(op.raw))
		for i, r := range op.raw {
			if err := op.bufs[i].Set(r); err != nil {
				report(err)
				return false
			}
		}
		c.receiving = true
		return start(op)
	}
	finished := func(c *stressConn) bool {
		if c.udp {
			return c.received == datagrams
		}
		return c.received == tcpBytes
	}
	active, failed := 0, false
	for _, c := range conns {
		if !startRecv(c) || !startSend(c) {
			failed = true
			break
		}
		active++
	}
	for active > 0 && !failed {
		var op *stressOp
		select {
		case op = <-results:
		case err := <-errs:
			t.Error(err)
			failed = true
			continue
		}
		c := op.conn
		// Released by now: by its starting call (which returned before
		// this goroutine went on) or by the packet the drainer dequeued
		// (the drainer releases nothing if it dequeued the packet of a
		// synchronous success before its starting call returned).
		if _, _, pinned := overlapped.Lookup(op.ov.Address()); pinned {
			t.Errorf("conn %d, send %v: still registered after its packet", c.id, op.send)
			failed = true
			continue
		}
		if op.status != 0 {
			t.Errorf("conn %d, send %v: status %#x", c.id, op.send, op.status)
			failed = true
			continue
		}
		if op.send {
			c.sending = false
			want := 0
			for _, r := range op.raw {
				want += len(r)
			}
			if op.count != want {
				t.Errorf("conn %d: sent %d of %d bytes", c.id, op.count, want)
				failed = true
				continue
			}
			if c.udp {
				c.sent++
			} else {
				c.sent += op.count
			}
		} else {
			c.receiving = false
			var got []byte
			for _, r := range op.raw {
				got = append(got, r[:min(len(r), op.count-len(got))]...)
			}
			if c.udp {
				want := stressDatagram(c.id, c.received)
				if string(got) != string(want) {
					t.Errorf("udp %d: datagram %d: got %q, want %q", c.id, c.received, got, want)
					failed = true
					continue
				}
				from, err := op.from.AddrPort()
				if err != nil || from != c.senderAddr {
					t.Errorf("udp %d: datagram %d from %v (%v), want %v", c.id, c.received, from, err, c.senderAddr)
					failed = true
					continue
				}
				c.received++
			} else {
				if op.count == 0 {
					t.Errorf("conn %d: end of stream after %d bytes", c.id, c.received)
					failed = true
					continue
				}
				for k, b := range got {
					if want := stressByte(c.id, c.received+k); b != want {
						t.Errorf("conn %d: byte %d is %#x, want %#x", c.id, c.received+k, b, want)
						failed = true
						break
					}
				}
				c.received += len(got)
			}
		}
		if failed {
			continue
		}
		switch {
		case finished(c) && !c.sending && !c.receiving:
			active--
		case c.udp:
			// One datagram at a time, received before the next is sent
			// (a datagram without a receive in flight could be dropped).
			if !c.sending && !c.receiving && !finished(c) {
				failed = !startRecv(c) || !startSend(c)
			}
		default:
			if op.send && c.sent < tcpBytes {
				failed = !startSend(c)
			}
			if !op.send && c.received < tcpBytes {
				failed = !startRecv(c)
			}
		}
	}
	close(stopGC)
	<-gcDone
	for range drainers {
		require.NoError(t, kernel32.PostQueuedCompletionStatus(p.h, 0, stopKey, 0))
	}
	wg.Wait()
	if failed {
		// The operations left are ended by the closes at the end of the
		// test (newIOPort's cleanup drains their packets).
		return
	}
	close(results)
	for op := range results {
		t.Errorf("a result after the end: conn %d", op.conn.id)
	}
	assert.Equal(t, inFlight, overlapped.InFlight(), "every operation released")
	begun, released := overlapped.Counts()
	assert.Equal(t, started, begun-begun0, "every start registered once")
	assert.Equal(t, begun-begun0, released-released0, "every operation released exactly once")
	t.Logf("%d operations, %d connections, %d drainers", started, len(conns), drainers)
}
