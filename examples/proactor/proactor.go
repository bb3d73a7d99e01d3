//go:build windows

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wincgo/wincgo/examples/internal/demokit"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"golang.org/x/sys/windows"
)

// proactor is the loop's state: one port, and what each completion key
// means.
type proactor struct {
	out  io.Writer
	cfg  config
	port wintypes.HANDLE
	// handlers maps a completion key to what its packet means.
	handlers map[uintptr]func(e *wintypes.OVERLAPPED_ENTRY) error
	nextKey  uintptr
	// cleanups release what is still open at the end, by key.
	cleanups map[uintptr]func() error
	// objects is how many objects (pipes, processes, sockets, events) the port
	// serves now; peak its maximum.
	objects, peak int

	// inFlight holds the socket operations started whose packet has not
	// come yet, by OVERLAPPED address.
	inFlight map[uintptr]bool

	cmds                         []*exec.Cmd
	packets, bytes, lines, exits int
	tcpClients, udpClients       int
	tcpEchoes, udpEchoes         int
	pipesClosed, connsClosed     int
	badExits                     []string
	stopped                      bool
	shown                        map[string]int
}

func run(out io.Writer, exe string, cfg config) (err error) {
	p := &proactor{out: out, cfg: cfg, handlers: map[uintptr]func(*wintypes.OVERLAPPED_ENTRY) error{},
		cleanups: map[uintptr]func() error{}, shown: map[string]int{}, inFlight: map[uintptr]bool{}}
	p.port, err = kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 1)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, p.closeAll()) }()

	tcp, err := p.startTCPServer()
	if err != nil {
		return err
	}
	udp, err := p.startUDPServer()
	if err != nil {
		return err
	}
	stop, err := p.addStopEvent()
	if err != nil {
		return err
	}
	p.logf("start", "[start] one goroutine, one completion port; echo servers on %s (TCP, %d AcceptEx posted) and %s (UDP); starting %d children",
		tcp.addr, acceptsOutstanding, udp.addr, cfg.Children)
	for i := range cfg.Children {
		var tcpAddr, udpAddr string
		switch {
		case cfg.ClientEvery <= 0:
		case i%cfg.ClientEvery == 0:
			tcpAddr = tcp.addr.String()
			p.tcpClients++
		case i%cfg.ClientEvery == cfg.ClientEvery/2:
			udpAddr = udp.addr.String()
			p.udpClients++
		}
		if err := p.startChild(exe, i, tcpAddr, udpAddr); err != nil {
			return fmt.Errorf("child %d: %w", i, err)
		}
	}
	p.logf("start", "[start] %d children started; waiting on %d objects through one port (MsgWaitForMultipleObjects stops at %d)",
		cfg.Children, p.objects, 64)

	if err := p.loop(time.Now().Add(cfg.Deadline), stop); err != nil {
		return err
	}
	// The transcript is for the reader; the verdict is run's result.
	_, _ = fmt.Fprintf(out, "proactor: %d packets, %d bytes, %d lines, %d exits, %d TCP echoes, %d connections closed, %d UDP echoes\n",
		p.packets, p.bytes, p.lines, p.exits, p.tcpEchoes, p.connsClosed, p.udpEchoes)
	_, _ = fmt.Fprintf(out, "proactor: waited on up to %d objects at once, with one GetQueuedCompletionStatusEx\n", p.peak)
	return p.verdict()
}

// loop dequeues packets and dispatches them by key until the stop event
// fires or the deadline passes.
func (p *proactor) loop(deadline time.Time, stop wintypes.HANDLE) error {
	entries := make([]wintypes.OVERLAPPED_ENTRY, 64)
	for !p.stopped {
		if p.done() {
			// Everything arrived: signal the stop event, which arrives as
			// a packet like the rest.
			if err := kernel32.SetEvent(stop); err != nil {
				return err
			}
		}
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("timed out after %v: %s", p.cfg.Deadline, p.missing())
		}
		n, err := kernel32.GetQueuedCompletionStatusEx(p.port, entries, len(entries), uint32(left/time.Millisecond)+1, false)
		if errors.Is(err, kernel32.ERROR_WAIT_TIMEOUT) {
			continue
		}
		if err != nil {
			return err
		}
		for i := range entries[:n] {
			e := &entries[i]
			p.packets++
			// A key is retired only when nothing of its can post any
			// more: its waits fired once (WT_EXECUTEONLYONCE) and its
			// handle has no operation in flight.
			h, ok := p.handlers[e.LpCompletionKey]
			if !ok {
				return fmt.Errorf("a packet with unknown key %d", e.LpCompletionKey)
			}
			if err := h(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// register gives fn a new completion key, counted as one object served.
func (p *proactor) register(fn func(*wintypes.OVERLAPPED_ENTRY) error, cleanup func() error) uintptr {
	p.nextKey++
	key := p.nextKey
	p.handlers[key] = fn
	p.cleanups[key] = cleanup
	p.objects++
	p.peak = max(p.peak, p.objects)
	return key
}

// unregister forgets key and runs its cleanup now, returning the
// cleanup's failure.
func (p *proactor) unregister(key uintptr) error {
	var err error
	if c := p.cleanups[key]; c != nil {
		err = c()
	}
	delete(p.cleanups, key)
	delete(p.handlers, key)
	p.objects--
	return err
}

// logf prints a transcript line of kind, at most cfg.Transcript of each.
func (p *proactor) logf(kind, format string, args ...any) {
	p.shown[kind]++
	// The transcript is for the reader; the verdict is run's result.
	switch n := p.shown[kind]; {
	case kind == "start" || n <= p.cfg.Transcript:
		_, _ = fmt.Fprintf(p.out, format+"\n", args...)
	case n == p.cfg.Transcript+1:
		_, _ = fmt.Fprintf(p.out, "[%s] ... (the rest counted below)\n", kind)
	}
}

// waitOnPort registers h on the port: each signal becomes a packet with
// key. It returns the wait handle.
func (p *proactor) waitOnPort(h wintypes.HANDLE, key uintptr, flags uint32) (wintypes.HANDLE, error) {
	return kernel32.RegisterWaitForSingleObject(h, p.port, key, kernel32.INFINITE, flags|kernel32.WT_EXECUTEINWAITTHREAD)
}

// unwait unregisters a wait, waiting for its callback (see
// kernel32.UnregisterWaitEx).
func unwait(w wintypes.HANDLE) {
	if err := kernel32.UnregisterWaitEx(w, kernel32.INVALID_HANDLE_VALUE); err != nil {
		fmt.Fprintln(os.Stderr, "proactor: UnregisterWaitEx:", err)
	}
}

// addStopEvent registers an auto-reset event; its packet ends the loop.
func (p *proactor) addStopEvent() (wintypes.HANDLE, error) {
	ev, _, err := kernel32.CreateEvent(false, false, nil, "")
	if err != nil {
		return 0, err
	}
	var w wintypes.HANDLE
	key := p.register(func(*wintypes.OVERLAPPED_ENTRY) error {
		p.logf("stop", "[stop] stop event signalled: leaving the loop")
		p.stopped = true
		return nil
	}, func() error {
		if w != 0 {
			unwait(w)
		}
		return kernel32.CloseHandle(ev)
	})
	if w, err = p.waitOnPort(ev, key, kernel32.WT_EXECUTEONLYONCE); err != nil {
		return 0, err
	}
	return ev, nil
}

// startChild starts child i with its stdout on an overlapped named pipe
// read through the port, and registers its exit on the port.
func (p *proactor) startChild(exe string, i int, tcpAddr, udpAddr string) error {
	name := fmt.Sprintf(`\\.\pipe\wincgo-proactor-%d-%d`, os.Getpid(), i)
	server, err := kernel32.CreateNamedPipe(name, kernel32.PIPE_ACCESS_INBOUND|kernel32.FILE_FLAG_OVERLAPPED,
		kernel32.PIPE_TYPE_BYTE|kernel32.PIPE_READMODE_BYTE|kernel32.PIPE_WAIT|kernel32.PIPE_REJECT_REMOTE_CLIENTS,
		1, 4096, 4096, 0, nil)
	if err != nil {
		return err
	}
	r := &pipeReader{p: p, child: i, h: server, ov: new(wintypes.OVERLAPPED), buf: make([]byte, 4096)}
	r.key = p.register(r.completed, func() error { return kernel32.CloseHandle(server) })
	if _, err := kernel32.CreateIoCompletionPort(server, p.port, r.key, 0); err != nil {
		return err
	}
	// The child's end: synchronous, as a console program's stdout is.
	client, err := kernel32.CreateFile(name, kernel32.GENERIC_WRITE, wintypes.Opt[uint32](0), nil,
		wintypes.Opt[uint32](kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		return err
	}
	stdout := os.NewFile(uintptr(client), "child-stdout") // owns client now
	if connected, err := kernel32.ConnectNamedPipe(server, r.ov); err != nil {
		return errors.Join(fmt.Errorf("ConnectNamedPipe: %w", err), stdout.Close())
	} else if !connected {
		return errors.Join(errors.New("ConnectNamedPipe: not connected"), stdout.Close())
	}
	cmd, err := startChildProcess(exe, i, tcpAddr, udpAddr, p.cfg, stdout)
	// Our copy of the client end must go, or the pipe never breaks when the
	// child exits: the child has its own.
	if err := errors.Join(err, stdout.Close()); err != nil {
		return err
	}
	p.cmds = append(p.cmds, cmd)
	if err := r.read(); err != nil {
		return err
	}
	return p.watchExit(cmd, i)
}

// startChildProcess starts child i's process with stdout as its standard
// output.
//
// Under Wine 8 only, a start that fails with ERROR_INTERNAL_ERROR is tried
// again, twice at most, saying so on stderr: Wine's CreateProcess now and
// then reports that when many processes start and end at once (seen in
// about one run in ten of this demo's 100 children, never on Windows,
// where the error is returned at once).
func startChildProcess(exe string, i int, tcpAddr, udpAddr string, cfg config, stdout *os.File) (*exec.Cmd, error) {
	for attempt := 0; ; attempt++ {
		cmd := exec.Command(exe, demokit.ChildArg, strconv.Itoa(i), strconv.Itoa(cfg.Lines), tcpAddr, udpAddr, cfg.Linger.String()) //nolint:gosec // G204: exe is os.Executable, the demo re-executing itself
		cmd.Stdout = stdout
		cmd.Stderr = os.Stderr
		err := cmd.Start()
		if err == nil || attempt == 2 || !errors.Is(err, windows.ERROR_INTERNAL_ERROR) || !underWine() {
			return cmd, err
		}
		_, _ = fmt.Fprintf(os.Stderr, "child %d: %v; Wine 8's spurious failure: starting it again\n", i, err)
	}
}

// underWine reports whether the program runs under Wine (its ntdll
// exports wine_get_version).
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// watchExit registers child i's process handle on the port: its exit is a
// packet.
func (p *proactor) watchExit(cmd *exec.Cmd, i int) error {
	proc, err := kernel32.OpenProcess(kernel32.SYNCHRONIZE|kernel32.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(cmd.Process.Pid))
	if err != nil {
		return err
	}
	var w wintypes.HANDLE
	var key uintptr
	key = p.register(func(*wintypes.OVERLAPPED_ENTRY) error {
		code, err := kernel32.GetExitCodeProcess(proc)
		if err != nil {
			return err
		}
		p.logf("exit", "[exit] child %d exited with code %d", i, code)
		p.exits++
		if code != exitCode(i) {
			p.badExits = append(p.badExits, fmt.Sprintf("child %d exited with code %d, expected %d", i, code, exitCode(i)))
		}
		return p.unregister(key)
	}, func() error {
		if w != 0 {
			unwait(w)
		}
		return kernel32.CloseHandle(proc)
	})
	w, err = p.waitOnPort(proc, key, kernel32.WT_EXECUTEONLYONCE)
	return err
}

// pipeReader reads one child's stdout, one overlapped read at a time.
type pipeReader struct {
	p       *proactor
	child   int
	key     uintptr
	h       wintypes.HANDLE
	ov      *wintypes.OVERLAPPED
	buf     []byte
	pending []byte
}

// read starts the next read. Its packet comes whether it completed at once
// (nil) or is pending (ERROR_IO_PENDING: not a failure); a read that fails
// at once has none.
func (r *pipeReader) read() error {
	_, err := kernel32.ReadFile(r.h, r.buf, nil, r.ov)
	switch {
	case err == nil, errors.Is(err, kernel32.ERROR_IO_PENDING):
		return nil
	case errors.Is(err, kernel32.ERROR_BROKEN_PIPE):
		return r.closed()
	}
	return err
}

// completed handles a read's packet: GetOverlappedResult turns its status
// into a count or an error (the packet released the memory already).
func (r *pipeReader) completed(*wintypes.OVERLAPPED_ENTRY) error {
	n, err := kernel32.GetOverlappedResult(r.h, r.ov, false)
	if errors.Is(err, kernel32.ERROR_BROKEN_PIPE) {
		return r.closed()
	}
	if err != nil {
		return err
	}
	r.p.bytes += n
	r.pending = append(r.pending, r.buf[:n]...)
	for {
		i := bytes.IndexByte(r.pending, '\n')
		if i < 0 {
			break
		}
		r.p.lines++
		r.p.logf("pipe", "[pipe] %s", strings.TrimRight(string(r.pending[:i]), "\r"))
		r.pending = r.pending[i+1:]
	}
	return r.read()
}

// closed handles the end of the child's output, returning the failure to
// close its pipe.
func (r *pipeReader) closed() error {
	r.p.logf("eof", "[eof] child %d closed its output", r.child)
	r.p.pipesClosed++
	return r.p.unregister(r.key)
}

// done reports whether everything expected arrived.
func (p *proactor) done() bool {
	n := p.cfg.Children
	return p.exits == n && p.pipesClosed == n && p.lines == n*(p.cfg.Lines)+p.tcpClients+p.udpClients &&
		p.tcpEchoes == p.tcpClients && p.connsClosed == p.tcpClients && p.udpEchoes == p.udpClients
}

// missing describes what did not arrive.
func (p *proactor) missing() string {
	n := p.cfg.Children
	var m []string
	if p.exits < n {
		m = append(m, fmt.Sprintf("%d of %d children have not exited", n-p.exits, n))
	}
	if p.pipesClosed < n {
		m = append(m, fmt.Sprintf("%d of %d outputs are open", n-p.pipesClosed, n))
	}
	if want := n*p.cfg.Lines + p.tcpClients + p.udpClients; p.lines < want {
		m = append(m, fmt.Sprintf("%d of %d lines arrived", p.lines, want))
	}
	if p.tcpEchoes < p.tcpClients {
		m = append(m, fmt.Sprintf("%d of %d TCP echoes", p.tcpEchoes, p.tcpClients))
	}
	if p.connsClosed < p.tcpClients {
		m = append(m, fmt.Sprintf("%d of %d connections closed", p.connsClosed, p.tcpClients))
	}
	if p.udpEchoes < p.udpClients {
		m = append(m, fmt.Sprintf("%d of %d UDP echoes", p.udpEchoes, p.udpClients))
	}
	return strings.Join(m, "; ")
}

func (p *proactor) verdict() error {
	if len(p.badExits) > 0 {
		sort.Strings(p.badExits)
		return errors.New(strings.Join(p.badExits, "; "))
	}
	if !p.done() {
		return fmt.Errorf("stopped before everything arrived: %s", p.missing())
	}
	return nil
}

// closeAll releases what is still open: registered waits first (so no
// callback posts to a closed port), then handles and sockets, then the
// packets of the socket operations that closing ended (see drainSockets),
// then children (killed if still running) and the port. It returns the
// failures to release.
func (p *proactor) closeAll() error {
	var errs []error
	for key := range p.cleanups {
		errs = append(errs, p.unregister(key))
	}
	errs = append(errs, p.drainSockets())
	for _, cmd := range p.cmds {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}
	return errors.Join(append(errs, kernel32.CloseHandle(p.port))...)
}
