//go:build windows

package user32

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// timeout bounds every wait that must end by a signal: long enough for a
// loaded machine, short enough that a bug fails rather than hangs.
const timeout = 10000

func init() {
	// synchronization-set-event opens the named event args[0] and sets it.
	testutil.Role("synchronization-set-event", func(args []string) (err error) {
		h, err := kernel32.OpenEvent(kernel32.EVENT_MODIFY_STATE, false, args[0])
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, kernel32.CloseHandle, h)
		return kernel32.SetEvent(h)
	})
	// synchronization-abandon-mutex takes the named mutex args[0] and
	// exits without releasing it, which abandons it.
	testutil.Role("synchronization-abandon-mutex", func(args []string) error {
		name, err := windows.UTF16PtrFromString(args[0])
		if err != nil {
			return err
		}
		m, err := windows.OpenMutex(windows.SYNCHRONIZE, false, name)
		if err != nil {
			return err
		}
		ev, err := windows.WaitForSingleObject(m, timeout)
		if err != nil {
			return fmt.Errorf("taking the mutex: %w", err)
		}
		if ev != windows.WAIT_OBJECT_0 {
			return fmt.Errorf("taking the mutex: %#x", ev)
		}
		os.Exit(0) // still owning it
		return nil
	})
	// synchronization-exit waits until the named event args[0] is set, then
	// exits with code 3.
	testutil.Role("synchronization-exit", func(args []string) error {
		h, err := kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, args[0])
		if err != nil {
			return err
		}
		if _, err := kernel32.WaitForSingleObject(h, timeout); err != nil {
			return err
		}
		runtime.KeepAlive(h)
		os.Exit(3)
		return nil
	})
}

// newEvents creates n unsignalled manual-reset events, closed at the end
// of the test.
func newEvents(t testing.TB, n int) []wintypes.HANDLE {
	t.Helper()
	hs := make([]wintypes.HANDLE, n)
	for i := range hs {
		h, _, err := kernel32.CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		t.Cleanup(func() { testutil.CloseWith(t, kernel32.CloseHandle, h) })
		hs[i] = h
	}
	return hs
}

// postThreadMessage posts WM_USER to thread tid's queue, through
// golang.org/x/sys/windows' loader: wincgo does not bind it.
func postThreadMessage(t *testing.T, tid uint32) {
	t.Helper()
	proc := windows.NewLazySystemDLL("user32.dll").NewProc("PostThreadMessageW")
	const WM_USER = 0x0400
	r, _, err := proc.Call(uintptr(tid), WM_USER, 0, 0)
	require.NotZero(t, r, "PostThreadMessageW: %v", err)
}

func TestMsgWaitForMultipleObjectsSignalledFromGoroutine(t *testing.T) {
	hs := newEvents(t, 3)
	go func() { assert.NoError(t, kernel32.SetEvent(hs[1])) }()
	got, err := MsgWaitForMultipleObjects(nil, hs, false, timeout, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0+1, got)
}

func TestMsgWaitForMultipleObjectsSignalledFromAnotherProcess(t *testing.T) {
	name := testutil.UniqueName("wincgo-msgwait")
	named, _, err := kernel32.CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, kernel32.CloseHandle, named)
	hs := append(newEvents(t, 2), named)

	done := make(chan string, 1)
	go func() { done <- testutil.Run(t, "synchronization-set-event", name) }()
	got, err := MsgWaitForMultipleObjects(nil, hs, false, timeout, 0)
	<-done
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0+2, got)
}

func TestMsgWaitForMultipleObjectsTimeout(t *testing.T) {
	hs := newEvents(t, 2)
	start := time.Now()
	got, err := MsgWaitForMultipleObjects(nil, hs, false, 100, QS_ALLINPUT)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got)
	// The clock may tick coarsely (15.6 ms): allow one tick early.
	assert.GreaterOrEqual(t, time.Since(start), 80*time.Millisecond)
}

func TestMsgWaitForMultipleObjectsNCount(t *testing.T) {
	hs := newEvents(t, 3)
	require.NoError(t, kernel32.SetEvent(hs[2]))
	// Only the first two handles are waited on: hs[2] does not count.
	two := 2
	got, err := MsgWaitForMultipleObjects(&two, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got)
	got, err = MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0+2, got)
}

func TestMsgWaitForMultipleObjectsInput(t *testing.T) {
	// The message queue is the OS thread's: keep this goroutine on its
	// thread. Never unlocked, so the thread (and its queue, with the
	// message left in it) ends with the test.
	runtime.LockOSThread()
	tid := windows.GetCurrentThreadId()
	hs := newEvents(t, 2)

	// The first user32 call gives the thread a queue, which
	// PostThreadMessage needs: nothing is there yet.
	got, err := MsgWaitForMultipleObjects(nil, hs, false, 0, QS_POSTMESSAGE)
	require.NoError(t, err)
	require.Equal(t, kernel32.WAIT_TIMEOUT, got)

	// A message posted from another goroutine (another thread) wakes the
	// wait with WAIT_OBJECT_0+nCount.
	go postThreadMessage(t, tid)
	got, err = MsgWaitForMultipleObjects(nil, hs, false, timeout, QS_POSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0+uint32(len(hs)), got)

	// No handle at all: the wait is for input only, and the unread
	// message is still there for QS_ALLPOSTMESSAGE (QS_POSTMESSAGE
	// counts only messages not yet seen by a wait).
	got, err = MsgWaitForMultipleObjects(nil, nil, false, 0, QS_ALLPOSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0, got)
	zero := 0
	got, err = MsgWaitForMultipleObjects(&zero, hs[:0], false, 0, QS_ALLPOSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0, got)
	// dwWakeMask 0: input does not count.
	got, err = MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got)
}

func TestMsgWaitForMultipleObjectsWaitAll(t *testing.T) {
	runtime.LockOSThread() // never unlocked: see TestMsgWaitForMultipleObjectsInput
	tid := windows.GetCurrentThreadId()
	hs := newEvents(t, 2)
	require.NoError(t, kernel32.SetEvent(hs[0]))
	got, err := MsgWaitForMultipleObjects(nil, hs, true, 0, QS_POSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got, "one of two handles signalled")

	// All handles signalled is not enough: with bWaitAll, Windows also
	// waits for input of a kind dwWakeMask selects.
	require.NoError(t, kernel32.SetEvent(hs[1]))
	got, err = MsgWaitForMultipleObjects(nil, hs, true, 0, QS_POSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got, "all handles signalled, no input")

	postThreadMessage(t, tid)
	got, err = MsgWaitForMultipleObjects(nil, hs, true, timeout, QS_POSTMESSAGE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0, got, "all handles and input")
}

func TestMsgWaitForMultipleObjectsAbandonedMutex(t *testing.T) {
	// A mutex is owned by a thread, not a goroutine: the wait below makes
	// this thread its owner, and only this thread can release it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	hs := newEvents(t, 1)
	// A mutex whose owner ended without releasing it is abandoned. The
	// owner is a child process (a goroutine exiting locked to its thread
	// does not reliably end the thread: not when it is the main thread).
	name := testutil.UniqueName("wincgo-msgwait-mutex")
	namePtr, err := windows.UTF16PtrFromString(name)
	require.NoError(t, err)
	m, err := windows.CreateMutex(nil, false, namePtr)
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.CloseHandle, m)
	testutil.Run(t, "synchronization-abandon-mutex", name)

	hs = append(hs, wintypes.FromWindows(m))
	got, err := MsgWaitForMultipleObjects(nil, hs, false, timeout, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_ABANDONED_0+1, got)
	require.NoError(t, windows.ReleaseMutex(m)) // the wait made this thread its owner
}

func TestMsgWaitForMultipleObjectsEventSocketAndProcess(t *testing.T) {
	// What an event loop waits on: a kernel32 event, a socket's WSAEVENT
	// and a child process, in one slice.
	hs := newEvents(t, 1)

	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer testutil.Close(t, ln)
	s, err := wintypes.SocketFromConn(ln)
	require.NoError(t, err)
	wsaEvent, err := ws2_32.WSACreateEvent()
	require.NoError(t, err)
	defer testutil.CloseWith(t, ws2_32.WSACloseEvent, wsaEvent)
	require.NoError(t, ws2_32.WSAEventSelect(s, wsaEvent, ws2_32.FD_ACCEPT))

	exitName := testutil.UniqueName("wincgo-msgwait-exit")
	exitNow, _, err := kernel32.CreateEvent(true, false, nil, exitName)
	require.NoError(t, err)
	defer testutil.CloseWith(t, kernel32.CloseHandle, exitNow)
	cmd := testutil.Command(t, "synchronization-exit", exitName)
	require.NoError(t, cmd.Start())
	defer func() {
		// It exits with code 3 once told to (or at its time-out).
		var exitErr *exec.ExitError
		assert.ErrorAs(t, cmd.Wait(), &exitErr)
	}()
	proc, err := kernel32.OpenProcess(kernel32.SYNCHRONIZE|kernel32.PROCESS_QUERY_INFORMATION, false, uint32(cmd.Process.Pid))
	require.NoError(t, err)
	defer testutil.CloseWith(t, kernel32.CloseHandle, proc)

	hs = append(hs, wsaEvent.Handle(), proc)
	got, err := MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	require.NoError(t, err)
	require.Equal(t, kernel32.WAIT_TIMEOUT, got, "nothing happened yet")

	// The socket: a client connects.
	client, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer testutil.Close(t, client)
	got, err = MsgWaitForMultipleObjects(nil, hs, false, timeout, 0)
	require.NoError(t, err)
	require.Equal(t, kernel32.WAIT_OBJECT_0+1, got)
	ne, err := ws2_32.WSAEnumNetworkEvents(s, wsaEvent) // resets wsaEvent
	require.NoError(t, err)
	assert.Equal(t, ws2_32.FD_ACCEPT, ne.LNetworkEvents)

	// The process: it exits once told to.
	require.NoError(t, kernel32.SetEvent(exitNow))
	got, err = MsgWaitForMultipleObjects(nil, hs[1:], false, timeout, 0)
	require.NoError(t, err)
	require.Equal(t, kernel32.WAIT_OBJECT_0+1, got)
	code, err := kernel32.GetExitCodeProcess(proc)
	require.NoError(t, err)
	assert.Equal(t, uint32(3), code)

	// The event: lowest index wins when several are signalled.
	require.NoError(t, kernel32.SetEvent(hs[0]))
	got, err = MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0, got)
}

func TestMsgWaitForMultipleObjectsInvalidHandle(t *testing.T) {
	hs := newEvents(t, 2)
	// A value that names no handle, not a handle just closed (see
	// testutil.InvalidHandle; observed under -race: the wait succeeded).
	_, err := MsgWaitForMultipleObjects(nil, append(hs, testutil.InvalidHandle), false, 0, 0)
	requireAPIError(t, err, kernel32.ERROR_INVALID_HANDLE)
}

func TestMsgWaitForMultipleObjectsTooManyHandles(t *testing.T) {
	hs := newEvents(t, kernel32.MAXIMUM_WAIT_OBJECTS)
	// MAXIMUM_WAIT_OBJECTS-1 is the most Windows takes here...
	most := kernel32.MAXIMUM_WAIT_OBJECTS - 1
	got, err := MsgWaitForMultipleObjects(&most, hs, false, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, got)
	// ...and wincgo passes more on for Windows to refuse.
	_, err = MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
	requireAPIError(t, err, kernel32.ERROR_INVALID_PARAMETER)
}

func TestMsgWaitForMultipleObjectsBadInput(t *testing.T) {
	hs := newEvents(t, 2)
	negative, tooMany, one := -1, 3, 1
	for _, c := range []struct {
		name, param string
		call        func() error
		message     string // a part of the message, if checked
	}{
		{"nCount=-1", "nCount", func() error { _, err := MsgWaitForMultipleObjects(&negative, hs, false, 0, 0); return err }, ""},
		{"nCount=3,len(pHandles)=2", "nCount", func() error { _, err := MsgWaitForMultipleObjects(&tooMany, hs, false, 0, 0); return err },
			"received 3, more than the 2 handles of pHandles"},
		{"nCount=1,pHandles=nil", "nCount", func() error { _, err := MsgWaitForMultipleObjects(&one, nil, false, 0, 0); return err }, ""},
		{"dwWakeMask=0x8000", "dwWakeMask", func() error { _, err := MsgWaitForMultipleObjects(nil, hs, false, 0, 0x8000); return err }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := testutil.InputErrorOf(t, c.call(), c.param)
			assert.Contains(t, e.Error(), c.message)
		})
	}
}

func TestMsgWaitForMultipleObjectsFaults(t *testing.T) {
	hs := newEvents(t, 2)
	func() {
		defer injectFault("MsgWaitForMultipleObjects", uintptr(kernel32.WAIT_FAILED), kernel32.ERROR_ACCESS_DENIED)()
		_, err := MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
		requireAPIError(t, err, kernel32.ERROR_ACCESS_DENIED)
	}()
	// Results Windows does not document for two handles: one past the
	// input result, and an abandoned index out of range.
	for _, ret := range []uintptr{uintptr(kernel32.WAIT_OBJECT_0 + 3), uintptr(kernel32.WAIT_ABANDONED_0 + 2)} {
		func() {
			defer injectFault("MsgWaitForMultipleObjects", ret, 0)()
			_, err := MsgWaitForMultipleObjects(nil, hs, false, 0, 0)
			var internal *wincgoerrors.InternalError
			assert.ErrorAs(t, err, &internal, "result %#x", ret)
		}()
	}
}

func BenchmarkMsgWaitForMultipleObjects(b *testing.B) {
	hs := newEvents(b, 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MsgWaitForMultipleObjects(nil, hs, false, 0, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// requireAPIError asserts err is MsgWaitForMultipleObjects' WAIT_FAILED
// carrying code.
func requireAPIError(t *testing.T, err error, code error) {
	t.Helper()
	apiErr := testutil.APIErrorOf(t, err, "MsgWaitForMultipleObjects", code)
	assert.Equal(t, "WAIT_FAILED", apiErr.Returned)
}
