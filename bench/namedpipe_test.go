//go:build windows

package bench

import (
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/Microsoft/go-winio"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// Named pipes, against github.com/Microsoft/go-winio: per side a byte-mode
// pipe whose server and client ends are both overlapped, with in and out
// buffers of roundTrip bytes, driven from two goroutines (one per end), as
// a program uses a connection. go-winio's ends are net.Conns (its own
// completion port and dispatching goroutine underneath). wincgo's side
// uses ReadFile and WriteFile with an OVERLAPPED whose event
// GetOverlappedResult waits on when the operation is pending; an
// operation that completes at once costs no second call (a completion
// port would queue a packet even then: wincgo does not bind
// SetFileCompletionNotificationModes, whose
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS go-winio sets).

// overlappedEnd is one end of a wincgo named pipe: its handle, and one
// OVERLAPPED (with its event) per direction, reused by every operation.
type overlappedEnd struct {
	h           wintypes.HANDLE
	read, write *wintypes.OVERLAPPED
}

func newOverlappedEnd(b *testing.B, h wintypes.HANDLE) *overlappedEnd {
	return &overlappedEnd{h: h,
		read:  &wintypes.OVERLAPPED{HEvent: newEvent(b, false)},
		write: &wintypes.OVERLAPPED{HEvent: newEvent(b, false)}}
}

// Read reads into p, waiting for the read if it is pending.
func (e *overlappedEnd) Read(p []byte) (int, error) {
	n, err := kernel32.ReadFile(e.h, p, nil, e.read)
	if errors.Is(err, kernel32.ERROR_IO_PENDING) {
		n, err = kernel32.GetOverlappedResult(e.h, e.read, true)
	}
	return n, err
}

// Write writes p, waiting for the write if it is pending.
func (e *overlappedEnd) Write(p []byte) (int, error) {
	n, err := kernel32.WriteFile(e.h, p, nil, e.write)
	if errors.Is(err, kernel32.ERROR_IO_PENDING) {
		n, err = kernel32.GetOverlappedResult(e.h, e.write, true)
	}
	return n, err
}

// newWincgoPipe returns the server and client ends of a connected
// overlapped byte-mode named pipe, closed when b ends.
func newWincgoPipe(b *testing.B) (server, client *overlappedEnd) {
	b.Helper()
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-bench")
	s, err := kernel32.CreateNamedPipe(name, kernel32.PIPE_ACCESS_DUPLEX|kernel32.FILE_FLAG_OVERLAPPED,
		kernel32.PIPE_TYPE_BYTE|kernel32.PIPE_READMODE_BYTE|kernel32.PIPE_WAIT, 1, roundTrip, roundTrip, 0, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, kernel32.CloseHandle, s) })
	server = newOverlappedEnd(b, s)
	connected, err := kernel32.ConnectNamedPipe(s, server.read)
	if err != nil && !errors.Is(err, kernel32.ERROR_IO_PENDING) {
		b.Fatal(err)
	}
	c, err := kernel32.CreateFile(name, kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, wintypes.Opt[uint32](0), nil,
		wintypes.Opt(kernel32.OPEN_EXISTING), wintypes.Opt(kernel32.FILE_FLAG_OVERLAPPED), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, kernel32.CloseHandle, c) })
	if !connected {
		if _, err := kernel32.GetOverlappedResult(s, server.read, true); err != nil {
			b.Fatal(err)
		}
	}
	return server, newOverlappedEnd(b, c)
}

// newWinioPipe returns the server and client ends of a connected go-winio
// byte-mode pipe, closed when b ends.
func newWinioPipe(b *testing.B) (server, client net.Conn) {
	b.Helper()
	name := `\\.\pipe\` + testutil.UniqueName("winio-bench")
	l, err := winio.ListenPipe(name, &winio.PipeConfig{InputBufferSize: roundTrip, OutputBufferSize: roundTrip})
	if err != nil {
		b.Fatal("winio.ListenPipe: ", err)
	}
	b.Cleanup(func() { testutil.Close(b, l) })
	// A failure backstop only: DialPipe waits for the instance Accept
	// creates, which may come after it starts.
	timeout := 30 * time.Second
	if testutil.IsWine() {
		// Wine 8 connects the first client to the listener's first
		// instance, which go-winio opens without read or write access so
		// that Windows keeps it disconnected for ever; Accept then never
		// sees that client, and waits for the next. Dial that first
		// client before Accept creates the instance it serves, and keep
		// it, unused, until b ends.
		sink, err := winio.DialPipe(name, &timeout)
		if err != nil {
			b.Fatal("winio.DialPipe (Wine's first instance): ", err)
		}
		b.Cleanup(func() { testutil.Close(b, sink) })
	}
	type accepted struct {
		c   net.Conn
		err error
	}
	ch := make(chan accepted, 1)
	go func() {
		c, err := l.Accept()
		ch <- accepted{c, err}
	}()
	client, err = winio.DialPipe(name, &timeout)
	if err != nil {
		b.Fatal("winio.DialPipe: ", err)
	}
	b.Cleanup(func() { testutil.Close(b, client) })
	a := <-ch
	if a.err != nil {
		b.Fatal("Accept: ", a.err)
	}
	b.Cleanup(func() { testutil.Close(b, a.c) })
	return a.c, client
}

// streamSide is one implementation of the throughput benchmark: a writer
// goroutine writes roundTrip bytes to w each time it is asked, while the
// benchmark's goroutine reads them from r. Unlike pipeSide, the writer has
// returned before b's cleanups close the pipe.
func streamSide(b *testing.B, name string, w io.Writer, r io.Reader) side {
	out := make([]byte, roundTrip)
	in := make([]byte, roundTrip)
	ask := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range ask {
			if m, err := w.Write(out); err != nil || m != roundTrip {
				panic(fmt.Sprintf("%s: write: %d, %v", name, m, err))
			}
		}
	}()
	b.Cleanup(func() {
		close(ask)
		<-done
	})
	return side{name, func(b *testing.B, n int) {
		for range n {
			ask <- struct{}{}
			for got := 0; got < roundTrip; {
				m, err := r.Read(in[got:])
				if err != nil || m == 0 {
					b.Fatal(name, m, err)
				}
				got += m
			}
		}
	}}
}

// BenchmarkNamedPipeThroughput64KiB sends 64 KiB from a named pipe's
// client end to its server end: the time per 64 KiB (a lower ns/op is a
// higher throughput; B/s is 65536 / ns/op × 1e9).
func BenchmarkNamedPipeThroughput64KiB(b *testing.B) {
	ws, wc := newWincgoPipe(b)
	gs, gc := newWinioPipe(b)
	paired(b,
		streamSide(b, implWincgo, wc, ws),
		streamSide(b, implWinio, gc, gs),
	)
}

// quit is the byte that ends an echo goroutine.
const quit = 'q'

// pingSide is one implementation of the latency benchmark: an echo
// goroutine sends each byte it reads on the server end back, while the
// benchmark's goroutine writes a byte on the client end and reads it back.
// Its cleanup sends quit and waits for the echo goroutine to end.
func pingSide(b *testing.B, name string, server, client io.ReadWriter) side {
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 1)
		for {
			if m, err := server.Read(buf); err != nil || m != 1 {
				panic(fmt.Sprintf("%s: echo read: %d, %v", name, m, err))
			}
			if m, err := server.Write(buf); err != nil || m != 1 {
				panic(fmt.Sprintf("%s: echo write: %d, %v", name, m, err))
			}
			if buf[0] == quit {
				return
			}
		}
	}()
	out, in := []byte{'p'}, make([]byte, 1)
	ping := func(b *testing.B, c byte) {
		out[0] = c
		if m, err := client.Write(out); err != nil || m != 1 {
			b.Fatal(name, "write", m, err)
		}
		if m, err := client.Read(in); err != nil || m != 1 || in[0] != c {
			b.Fatal(name, "read", m, err, in[0])
		}
	}
	b.Cleanup(func() {
		ping(b, quit)
		<-done
	})
	return side{name, func(b *testing.B, n int) {
		for range n {
			ping(b, 'p')
		}
	}}
}

// BenchmarkNamedPipeLatency sends one byte from a named pipe's client end
// to its server end and back: a round trip's latency.
func BenchmarkNamedPipeLatency(b *testing.B) {
	ws, wc := newWincgoPipe(b)
	gs, gc := newWinioPipe(b)
	paired(b,
		pingSide(b, implWincgo, ws, wc),
		pingSide(b, implWinio, gs, gc),
	)
}
