//go:build windows

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wincgo/wincgo/examples/internal/demokit"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/user32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// source is one waitable handle of the loop and what to do when it is
// signalled. The loop passes the handles to MsgWaitForMultipleObjects in
// the order of reactor.sources, so the wait's result indexes this slice.
type source struct {
	handle   wintypes.HANDLE
	onSignal func() error
	// release frees the handle and what it stands for, if run ends
	// before the source does.
	release func() error
}

// reactor is the loop's state: what it waits on, the pipe it polls, and
// what it has seen, for the final verdict.
type reactor struct {
	out     io.Writer
	cfg     config
	sources []*source

	// The child's stdout pipe: polled, not waited on (anonymous pipes have
	// no event to wait for). 0 once the child closed its end.
	pipe     wintypes.HANDLE
	pipeBuf  []byte          // bytes read, not yet a whole line
	readBuf  []byte          // ReadFile's buffer, reused
	job      wintypes.HANDLE // the child's job, KILL_ON_JOB_CLOSE
	exitCode *uint32

	// What arrived.
	echoes     int
	childLines []string
	closed     bool
	clientDone chan error
	clientErr  error
	clientSeen bool
}

// run runs the demo, printing the transcript to out; exe is the program
// to re-execute as the child. It returns nil only if everything arrived.
func run(out io.Writer, exe string, cfg config) (err error) {
	r := &reactor{out: out, cfg: cfg, readBuf: make([]byte, 4096), clientDone: make(chan error, 1)}
	defer func() { err = errors.Join(err, r.closeAll()) }()

	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ln.Close()) }()
	if err := r.addListener(ln); err != nil {
		return err
	}
	if err := r.startChild(exe); err != nil {
		return err
	}
	go func() { r.clientDone <- runClient(ln.Addr().String(), cfg.ClientLines) }()

	if err := r.loop(time.Now().Add(cfg.Deadline)); err != nil {
		return err
	}
	return r.verdict()
}

// loop waits and dispatches until everything is done or the deadline
// passes.
func (r *reactor) loop(deadline time.Time) error {
	for !r.done() {
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("timed out after %v; %s", r.cfg.Deadline, r.missing())
		}
		if err := r.pollPipe(); err != nil {
			return err
		}
		r.pollClient()
		if err := r.waitOnce(min(r.cfg.Tick, left)); err != nil {
			return err
		}
	}
	return nil
}

// waitOnce waits up to tick for one of the sources and dispatches it.
//
// dwWakeMask is 0: this console program has no windows and posts no
// messages. A GUI reactor would pass QS_ALLINPUT and pump its message
// queue when the result is WAIT_OBJECT_0+len(handles). nCount is nil: all
// of handles.
func (r *reactor) waitOnce(tick time.Duration) error {
	handles := make([]wintypes.HANDLE, len(r.sources))
	for i, s := range r.sources {
		handles[i] = s.handle
	}
	event, err := user32.MsgWaitForMultipleObjects(nil, handles, false, uint32(tick/time.Millisecond), 0)
	if err != nil {
		return err
	}
	switch {
	case event == kernel32.WAIT_TIMEOUT:
		return nil // the polling tick
	case event < kernel32.WAIT_OBJECT_0+uint32(len(handles)):
		return r.sources[event-kernel32.WAIT_OBJECT_0].onSignal()
	default:
		return fmt.Errorf("unexpected wait result %#x", event)
	}
}

// add starts waiting on h.
func (r *reactor) add(h wintypes.HANDLE, release func() error) *source {
	s := &source{handle: h, release: release}
	r.sources = append(r.sources, s)
	return s
}

// remove stops waiting on s.
func (r *reactor) remove(s *source) {
	r.sources = slices.DeleteFunc(r.sources, func(x *source) bool { return x == s })
}

func (r *reactor) logf(format string, args ...any) {
	// The transcript is for the reader; the verdict is run's result.
	_, _ = fmt.Fprintf(r.out, format+"\n", args...)
}

// addListener has the listening socket signal a WSAEVENT on FD_ACCEPT.
func (r *reactor) addListener(ln *net.TCPListener) error {
	s, err := wintypes.SocketFromConn(ln)
	if err != nil {
		return err
	}
	ev, err := ws2_32.WSACreateEvent()
	if err != nil {
		return err
	}
	if err := ws2_32.WSAEventSelect(s, ev, ws2_32.FD_ACCEPT); err != nil {
		return errors.Join(err, ws2_32.WSACloseEvent(ev))
	}
	src := r.add(ev.Handle(), func() error { return ws2_32.WSACloseEvent(ev) }) // ln closes in run
	src.onSignal = func() error {
		conn, err := demokit.Accept(ln, s, ev)
		if conn == nil || err != nil {
			return err
		}
		r.logf("[accept] client connected from %s", conn.RemoteAddr())
		return r.addConn(conn)
	}
	return nil
}

// addConn has an accepted connection signal its own WSAEVENT on FD_READ
// and FD_CLOSE, and echoes what arrives, line by line.
func (r *reactor) addConn(conn *net.TCPConn) error {
	ev, err := ws2_32.WSACreateEvent()
	if err != nil {
		return errors.Join(err, conn.Close())
	}
	s, err := demokit.SelectConn(conn, ev)
	if err != nil {
		return errors.Join(err, ws2_32.WSACloseEvent(ev))
	}
	var pending []byte // received, not yet a whole line
	src := r.add(ev.Handle(), func() error { return errors.Join(conn.Close(), ws2_32.WSACloseEvent(ev)) })
	src.onSignal = func() error {
		rest, closed, err := demokit.ConnSignalled(conn, s, ev, pending, func(line string) {
			r.logf("[read] echo %q", line)
			r.echoes++
		})
		pending = rest
		if err != nil || !closed {
			return err
		}
		r.logf("[close] client closed")
		r.closed = true
		r.remove(src)
		// Closing the socket ends its association; then the event can go.
		return errors.Join(conn.Close(), ws2_32.WSACloseEvent(ev))
	}
	return nil
}

// greetingVar is the environment variable the demo gives its child, and
// greeting its value (not ASCII, to show the Unicode block round-trips):
// the child echoes it back as its first line.
const (
	greetingVar = "WINCGO_DEMO_GREETING"
	greeting    = "hello from the parent, µ"
)

// startChild re-executes exe as the child, the way Twisted's process code
// spawns one: with kernel32.CreateProcess, its stdout (and stderr) the
// write end of a new pipe passed through PROC_THREAD_ATTRIBUTE_HANDLE_LIST
// (so the child inherits that handle and no other, whatever other
// goroutines are creating), an environment block with greetingVar added,
// and inside a job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE (created
// suspended, assigned, then resumed), so that closing the job kills the
// child and anything it starts. The reactor then waits on its process
// handle.
func (r *reactor) startChild(exe string) (err error) {
	read, write, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		return err
	}
	r.pipe = read
	// Our copy of the write end must go once the child has its own, or
	// the pipe never reports the child's end (ERROR_BROKEN_PIPE).
	defer func() { err = errors.Join(err, kernel32.CloseHandle(write)) }()
	// Inheritable, as PROC_THREAD_ATTRIBUTE_HANDLE_LIST requires; the
	// list keeps any other child from inheriting it.
	if err := kernel32.SetHandleInformation(write, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT); err != nil {
		return err
	}
	list, err := kernel32.InitializeProcThreadAttributeList(1)
	if err != nil {
		return err
	}
	// After CreateProcess has returned: the list's memory is freed once.
	defer kernel32.DeleteProcThreadAttributeList(list)
	if err := kernel32.UpdateProcThreadAttribute(list, kernel32.PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{write}); err != nil {
		return err
	}
	env, err := kernel32.NewEnvironmentBlockFromList(append(os.Environ(), greetingVar+"="+greeting))
	if err != nil {
		return err
	}
	job, err := kernel32.CreateJobObject(nil, "")
	if err != nil {
		return err
	}
	r.job = job
	var limits wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	limits.BasicLimitInformation.LimitFlags = kernel32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if err := kernel32.SetInformationJobObjectExtendedLimit(job, &limits); err != nil {
		return err
	}
	cmdLine := kernel32.CommandLine(exe, demokit.ChildArg, strconv.Itoa(r.cfg.ChildLines),
		strconv.FormatUint(uint64(r.cfg.ChildExitCode), 10), r.cfg.ChildDelay.String())
	si := &kernel32.STARTUPINFOEX{AttributeList: list}
	si.StartupInfo.DwFlags = kernel32.STARTF_USESTDHANDLES
	si.StartupInfo.HStdOutput = write
	si.StartupInfo.HStdError = write
	pi, err := kernel32.CreateProcess("", cmdLine, nil, nil, true, kernel32.CREATE_SUSPENDED, env, "", si)
	if err != nil {
		return err
	}
	// We own both handles: the thread's goes once the child runs, the
	// process's when the reactor has its exit code (or gives up).
	proc := pi.HProcess
	src := r.add(proc, func() error { return kernel32.CloseHandle(proc) })
	defer func() { err = errors.Join(err, kernel32.CloseHandle(pi.HThread)) }()
	if err := kernel32.AssignProcessToJobObject(job, proc); err != nil {
		return errors.Join(err, kernel32.TerminateProcess(proc, 1))
	}
	if _, err := kernel32.ResumeThread(pi.HThread); err != nil {
		return errors.Join(err, kernel32.TerminateProcess(proc, 1))
	}
	r.logf("[spawn] child %d started in a kill-on-close job, inheriting only its stdout pipe", pi.DwProcessId)
	src.onSignal = func() (err error) {
		r.remove(src)
		defer func() { err = errors.Join(err, kernel32.CloseHandle(proc)) }()
		code, err := kernel32.GetExitCodeProcess(proc)
		if err != nil {
			return err
		}
		r.logf("[process] child exited with code %d", code)
		r.exitCode = &code
		return nil
	}
	return nil
}

// pollPipe reads what the child's pipe holds without blocking: peek to
// learn how many bytes are there, then read exactly those (a ReadFile on an
// empty anonymous pipe would block the whole loop).
func (r *reactor) pollPipe() error {
	for r.pipe != 0 {
		peek, err := kernel32.PeekNamedPipe(r.pipe, 0)
		if errors.Is(err, kernel32.ERROR_BROKEN_PIPE) {
			return r.closePipe()
		}
		if err != nil {
			return err
		}
		if peek.LpTotalBytesAvail == 0 {
			return nil
		}
		// nNumberOfBytesToRead nil: all of the slice given, which is no
		// more than the pipe holds.
		n, err := kernel32.ReadFile(r.pipe, r.readBuf[:min(peek.LpTotalBytesAvail, len(r.readBuf))], nil, nil)
		if err != nil {
			return err
		}
		r.pipeBuf = append(r.pipeBuf, r.readBuf[:n]...)
		r.childOutput(false)
	}
	return nil
}

// childOutput logs each whole line of the child's output (with atEnd, the
// unterminated rest too).
func (r *reactor) childOutput(atEnd bool) {
	for {
		i := bytes.IndexByte(r.pipeBuf, '\n')
		if i < 0 {
			break
		}
		r.childLine(string(bytes.TrimSuffix(r.pipeBuf[:i], []byte("\r"))))
		r.pipeBuf = r.pipeBuf[i+1:]
	}
	if atEnd && len(r.pipeBuf) > 0 {
		r.childLine(string(r.pipeBuf))
		r.pipeBuf = nil
	}
}

func (r *reactor) childLine(line string) {
	r.logf("[pipe] child: %s", line)
	r.childLines = append(r.childLines, line)
}

// closePipe handles the end of the child's output.
func (r *reactor) closePipe() error {
	r.childOutput(true)
	r.logf("[pipe] child closed its output")
	err := kernel32.CloseHandle(r.pipe)
	r.pipe = 0
	return err
}

// pollClient notes the client goroutine's result once it is in.
func (r *reactor) pollClient() {
	if r.clientSeen {
		return
	}
	select {
	case r.clientErr = <-r.clientDone:
		r.clientSeen = true
		if r.clientErr == nil {
			r.logf("[client] all %d echoes came back", len(r.cfg.ClientLines))
		} else {
			r.logf("[client] failed: %v", r.clientErr)
		}
	default:
	}
}

// done reports whether everything the loop waits for has happened.
func (r *reactor) done() bool {
	return r.closed && r.clientSeen && r.pipe == 0 && r.exitCode != nil
}

// missing describes what has not happened yet.
func (r *reactor) missing() string {
	var m []string
	if !r.clientSeen {
		m = append(m, "the client has not finished")
	}
	if !r.closed {
		m = append(m, "the connection was not closed")
	}
	if r.pipe != 0 {
		m = append(m, "the child's output has not ended")
	}
	if r.exitCode == nil {
		m = append(m, "the child has not exited")
	}
	return "missing: " + strings.Join(m, "; ")
}

// verdict checks that everything arrived as it should.
func (r *reactor) verdict() error {
	if r.clientErr != nil {
		return fmt.Errorf("client: %w", r.clientErr)
	}
	if r.echoes != len(r.cfg.ClientLines) {
		return fmt.Errorf("echoed %d lines, expected %d", r.echoes, len(r.cfg.ClientLines))
	}
	want := []string{greetingVar + "=" + greeting}
	for i := range r.cfg.ChildLines {
		want = append(want, fmt.Sprintf("line %d", i+1))
	}
	if !slices.Equal(r.childLines, want) {
		return fmt.Errorf("child wrote %q, expected %q", r.childLines, want)
	}
	if *r.exitCode != r.cfg.WantExitCode {
		return fmt.Errorf("child exited with code %d, expected %d", *r.exitCode, r.cfg.WantExitCode)
	}
	return nil
}

// closeAll releases what is left when run returns, on success or not.
func (r *reactor) closeAll() error {
	var errs []error
	if r.pipe != 0 {
		errs = append(errs, kernel32.CloseHandle(r.pipe))
		r.pipe = 0
	}
	if r.job != 0 {
		// The job's only handle: closing it kills the child (and
		// anything it started) if it still runs, when we give up on it.
		errs = append(errs, kernel32.CloseHandle(r.job))
		r.job = 0
	}
	for _, s := range r.sources {
		errs = append(errs, s.release())
	}
	r.sources = nil
	return errors.Join(errs...)
}

// runClient is the echo server's client: it sends each line and checks
// that the same line comes back, then closes the connection.
func runClient(addr string, lines []string) (err error) {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, conn.Close()) }()
	if err := conn.SetDeadline(time.Now().Add(20 * time.Second)); err != nil {
		return err
	}
	in := bufio.NewReader(conn)
	for _, line := range lines {
		if _, err := io.WriteString(conn, line+"\n"); err != nil {
			return err
		}
		got, err := in.ReadString('\n')
		if err != nil {
			return fmt.Errorf("reading the echo of %q: %w", line, err)
		}
		if got != line+"\n" {
			return fmt.Errorf("sent %q, got back %q", line, got)
		}
	}
	return nil
}
