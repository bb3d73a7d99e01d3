//go:build windows

package kernel32

import (
	"bytes"
	"math"
	"runtime"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func init() {
	// pipe-write-inherited: args are an inherited pipe write handle's value
	// and a message; the child writes the message into the pipe and exits.
	testutil.Role("pipe-write-inherited", func(args []string) error {
		v, err := strconv.ParseUint(args[0], 0, 64)
		if err != nil {
			return err
		}
		var n uint32
		return windows.WriteFile(windows.Handle(v), []byte(args[1]), &n, nil)
	})
}

// newPipe creates an anonymous pipe closed at the end of the test (a test
// may close an end itself first: set it to 0 then).
func newPipe(t *testing.T, sa *wintypes.SECURITY_ATTRIBUTES) (r, w *wintypes.HANDLE) {
	t.Helper()
	hr, hw, err := CreatePipe(sa, 0)
	require.NoError(t, err)
	require.NotZero(t, hr)
	require.NotZero(t, hw)
	r, w = &hr, &hw
	t.Cleanup(func() {
		for _, h := range []*wintypes.HANDLE{r, w} {
			if *h != 0 {
				assert.NoError(t, CloseHandle(*h))
			}
		}
	})
	return r, w
}

// closeEnd closes one end of a pipe from newPipe.
func closeEnd(t *testing.T, h *wintypes.HANDLE) {
	t.Helper()
	require.NoError(t, CloseHandle(*h))
	*h = 0
}

func writeAll(t *testing.T, h wintypes.HANDLE, data string) {
	t.Helper()
	var n uint32
	require.NoError(t, windows.WriteFile(h.Windows(), []byte(data), &n, nil))
	require.Equal(t, len(data), int(n))
}

// wantBytesLeftThisMessage is what PeekNamedPipe reports in
// lpBytesLeftThisMessage after peeking read bytes of a byte pipe: Windows
// documents 0 for byte-type named pipes and anonymous pipes. Wine 8.0
// computes it as the pipe's message length (0 for a byte pipe) minus the
// bytes peeked, which wraps around as a DWORD: 20 bytes peeked give
// 0xFFFFFFEC. Converted to int like every count (int(DWORD)).
func wantBytesLeftThisMessage(read int) int {
	if testutil.IsWine() {
		return int(uint32(0) - uint32(read))
	}
	return 0
}

// TestCreatePipeChildWritesInheritedEnd: a child inherits the write end
// (inheritable through lpPipeAttributes), writes into it and exits; this
// process peeks the data twice without consuming it, then reads the same
// bytes, then sees the pipe broken.
func TestCreatePipeChildWritesInheritedEnd(t *testing.T) {
	r, w := newPipe(t, &wintypes.SECURITY_ATTRIBUTES{BInheritHandle: wintypes.BoolToBOOL(true)})
	for _, h := range []wintypes.HANDLE{*r, *w} {
		flags, err := GetHandleInformation(h)
		require.NoError(t, err)
		assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT, "lpPipeAttributes makes both ends inheritable")
	}
	// Keep the read end in this process only.
	require.NoError(t, SetHandleInformation(*r, HANDLE_FLAG_INHERIT, 0))

	const message = "hello from the child"
	cmd := testutil.Command(t, "pipe-write-inherited", strconv.FormatUint(uint64(*w), 10), message)
	cmd.SysProcAttr = &syscall.SysProcAttr{AdditionalInheritedHandles: []syscall.Handle{syscall.Handle(*w)}}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child: %s", out)
	closeEnd(t, w) // the child's copy is closed too: it exited

	for i := 0; i < 2; i++ {
		peek, err := PeekNamedPipe(*r, 64)
		require.NoError(t, err)
		assert.Equal(t, message, string(peek.LpBuffer), "peek %d", i)
		assert.Equal(t, len(message), peek.LpBytesRead)
		assert.Len(t, peek.LpBuffer, peek.LpBytesRead)
		assert.Equal(t, len(message), peek.LpTotalBytesAvail)
		assert.Equal(t, wantBytesLeftThisMessage(len(message)), peek.LpBytesLeftThisMessage)
	}

	buf := make([]byte, 64)
	var n uint32
	require.NoError(t, windows.ReadFile(r.Windows(), buf, &n, nil))
	assert.Equal(t, message, string(buf[:n]), "the peeked bytes were still in the pipe")

	// Empty, and no writer left: both peeking and reading report the
	// broken pipe.
	_, err = PeekNamedPipe(*r, 64)
	testutil.RequireAPIError(t, err, "PeekNamedPipe", ERROR_BROKEN_PIPE)
	assert.ErrorIs(t, windows.ReadFile(r.Windows(), buf, &n, nil), ERROR_BROKEN_PIPE)
}

func TestCreatePipeDefaultsNotInheritable(t *testing.T) {
	r, w := newPipe(t, nil)
	for _, h := range []wintypes.HANDLE{*r, *w} {
		flags, err := GetHandleInformation(h)
		require.NoError(t, err)
		assert.Zero(t, flags&HANDLE_FLAG_INHERIT, "nil lpPipeAttributes: not inheritable")
	}
	// A non-default size is accepted and the pipe works.
	hr, hw, err := CreatePipe(nil, 4096)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, hr)
	defer testutil.CloseWith(t, CloseHandle, hw)
	writeAll(t, hw, "x")
	peek, err := PeekNamedPipe(hr, 1)
	require.NoError(t, err)
	assert.Equal(t, "x", string(peek.LpBuffer))
}

func TestCreatePipeFailure(t *testing.T) {
	// Windows cannot be made to refuse an anonymous pipe on demand.
	defer injectFault("CreatePipe", 0, windows.ERROR_NOT_ENOUGH_MEMORY)()
	r, w, err := CreatePipe(nil, 0)
	testutil.RequireAPIError(t, err, "CreatePipe", windows.ERROR_NOT_ENOUGH_MEMORY)
	assert.Zero(t, r)
	assert.Zero(t, w)
}

func TestPeekNamedPipeCounts(t *testing.T) {
	r, w := newPipe(t, nil)

	empty, err := PeekNamedPipe(*r, 16)
	require.NoError(t, err, "an empty pipe peeks at once, without waiting")
	assert.Empty(t, empty.LpBuffer)
	assert.Zero(t, empty.LpBytesRead)
	assert.Zero(t, empty.LpTotalBytesAvail)
	assert.Zero(t, empty.LpBytesLeftThisMessage)

	writeAll(t, *w, "0123456789")

	countsOnly, err := PeekNamedPipe(*r, 0)
	require.NoError(t, err)
	assert.Empty(t, countsOnly.LpBuffer)
	assert.Zero(t, countsOnly.LpBytesRead)
	assert.Equal(t, 10, countsOnly.LpTotalBytesAvail)
	assert.Equal(t, wantBytesLeftThisMessage(0), countsOnly.LpBytesLeftThisMessage)

	part, err := PeekNamedPipe(*r, 4)
	require.NoError(t, err)
	assert.Equal(t, "0123", string(part.LpBuffer))
	assert.Equal(t, 4, part.LpBytesRead)
	assert.Equal(t, 10, part.LpTotalBytesAvail)
	assert.Equal(t, wantBytesLeftThisMessage(4), part.LpBytesLeftThisMessage)
	assert.Equal(t, 4, cap(part.LpBuffer), "LpBuffer holds only the bytes peeked")

	more, err := PeekNamedPipe(*r, 100)
	require.NoError(t, err)
	assert.Equal(t, "0123456789", string(more.LpBuffer))
	assert.Equal(t, 10, cap(more.LpBuffer))
}

// TestPeekNamedPipeHugeSize: nBufferSize is a limit, not an allocation.
// Peeking a 10-byte pipe with 1 GiB or MaxUint32 (which also made Wine 8
// fail with ERROR_BAD_LENGTH when it was passed on) allocates the 10 bytes
// the pipe holds and returns them.
func TestPeekNamedPipeHugeSize(t *testing.T) {
	r, w := newPipe(t, nil)
	writeAll(t, *w, "0123456789")
	sizes := []int{11, 1 << 30}
	if strconv.IntSize == 64 {
		big := int64(math.MaxUint32) // a variable: int(constant) would not compile for 386
		sizes = append(sizes, int(big))
	}
	for _, size := range sizes {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res, err := PeekNamedPipe(*r, size)
		runtime.ReadMemStats(&after)
		require.NoError(t, err, "nBufferSize %d", size)
		assert.Equal(t, "0123456789", string(res.LpBuffer))
		assert.Equal(t, 10, res.LpBytesRead)
		assert.Equal(t, 10, res.LpTotalBytesAvail)
		assert.Equal(t, 10, cap(res.LpBuffer))
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "nBufferSize %d: allocated too much", size)
		allocs := testing.AllocsPerRun(10, func() {
			if _, err := PeekNamedPipe(*r, size); err != nil {
				panic(err)
			}
		})
		assert.Equal(t, 1.0, allocs, "nBufferSize %d: one buffer of what the pipe holds", size)
	}

	// A limit below what the pipe holds peeks that many.
	res, err := PeekNamedPipe(*r, 3)
	require.NoError(t, err)
	assert.Equal(t, "012", string(res.LpBuffer))
	assert.Equal(t, 10, res.LpTotalBytesAvail)
}

func TestPeekNamedPipeInto(t *testing.T) {
	r, w := newPipe(t, nil)
	writeAll(t, *w, "abcdef")

	buf := make([]byte, 3)
	res, err := PeekNamedPipeInto(*r, buf, nil)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(res.LpBuffer), "nil nBufferSize: all of lpBuffer")
	assert.Same(t, &buf[0], &res.LpBuffer[0], "LpBuffer is the caller's buffer")
	assert.Equal(t, 6, res.LpTotalBytesAvail)

	// An explicit nBufferSize bounds the copy: Windows writes no further.
	big := bytes.Repeat([]byte{0xEE}, 8)
	res, err = PeekNamedPipeInto(*r, big, wintypes.Opt(2))
	require.NoError(t, err)
	assert.Equal(t, "ab", string(res.LpBuffer))
	assert.Equal(t, 2, res.LpBytesRead)
	assert.Equal(t, bytes.Repeat([]byte{0xEE}, 6), big[2:], "PeekNamedPipe wrote past nBufferSize")

	for _, empty := range []struct {
		buf  []byte
		size *int
	}{{nil, nil}, {buf, wintypes.Opt(0)}} {
		res, err = PeekNamedPipeInto(*r, empty.buf, empty.size)
		require.NoError(t, err)
		assert.Empty(t, res.LpBuffer)
		assert.Equal(t, 6, res.LpTotalBytesAvail)
	}

	allocs := testing.AllocsPerRun(100, func() {
		if _, err := PeekNamedPipeInto(*r, buf, nil); err != nil {
			panic(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestPeekNamedPipeFailures(t *testing.T) {
	// A handle never open (not a closed one: its value may already name
	// another handle, see testutil.InvalidHandle).
	invalid := wintypes.HANDLE(testutil.InvalidHandle)
	_, err := PeekNamedPipe(invalid, 8)
	testutil.RequireAPIError(t, err, "PeekNamedPipe", ERROR_INVALID_HANDLE)
	_, err = PeekNamedPipeInto(invalid, make([]byte, 8), nil)
	testutil.RequireAPIError(t, err, "PeekNamedPipe", ERROR_INVALID_HANDLE)

	// An event is not a file object, let alone a pipe.
	ev := newEvent(t, true, false)
	_, err = PeekNamedPipe(ev, 8)
	testutil.RequireAPIError(t, err, "PeekNamedPipe", ERROR_INVALID_HANDLE)
}

func TestPeekNamedPipeBadInput(t *testing.T) {
	r, _ := newPipe(t, nil)
	peek := func(h wintypes.HANDLE, n int) func() error {
		return func() error { _, err := PeekNamedPipe(h, n); return err }
	}
	peekInto := func(h wintypes.HANDLE, buf []byte, n *int) func() error {
		return func() error { _, err := PeekNamedPipeInto(h, buf, n); return err }
	}
	cases := []struct {
		name, param string
		call        func() error
	}{
		{"PeekNamedPipe/hNamedPipe=0", "hNamedPipe", peek(0, 8)},
		{"PeekNamedPipeInto/hNamedPipe=0", "hNamedPipe", peekInto(0, nil, nil)},
		{"PeekNamedPipe/nBufferSize=-1", "nBufferSize", peek(*r, -1)},
		{"PeekNamedPipeInto/nBufferSize=-1", "nBufferSize", peekInto(*r, make([]byte, 8), wintypes.Opt(-1))},
		{"PeekNamedPipeInto/nBufferSize=9,len=8", "nBufferSize", peekInto(*r, make([]byte, 8), wintypes.Opt(9))},
		{"PeekNamedPipeInto/nBufferSize=1,lpBuffer=nil", "nBufferSize", peekInto(*r, nil, wintypes.Opt(1))},
	}
	if strconv.IntSize == 64 {
		big := int64(math.MaxUint32) + 1 // a variable: int(constant) would not compile for 386
		cases = append(cases, struct {
			name, param string
			call        func() error
		}{"PeekNamedPipe/nBufferSize=MaxUint32+1", "nBufferSize", peek(*r, int(big))})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}

// TestSetNamedPipeHandleStateNoWait: in PIPE_NOWAIT mode a read on an empty
// pipe fails at once with ERROR_NO_DATA; back in PIPE_WAIT mode, reads
// work again.
func TestSetNamedPipeHandleStateNoWait(t *testing.T) {
	r, w := newPipe(t, nil)
	buf := make([]byte, 8)
	var n uint32

	require.NoError(t, SetNamedPipeHandleState(*r, wintypes.Opt(PIPE_READMODE_BYTE|PIPE_NOWAIT), nil, nil))
	err := windows.ReadFile(r.Windows(), buf, &n, nil)
	assert.ErrorIs(t, err, ERROR_NO_DATA, "an empty non-blocking pipe fails at once")

	writeAll(t, *w, "data")
	require.NoError(t, windows.ReadFile(r.Windows(), buf, &n, nil))
	assert.Equal(t, "data", string(buf[:n]))

	require.NoError(t, SetNamedPipeHandleState(*r, wintypes.Opt(PIPE_READMODE_BYTE|PIPE_WAIT), nil, nil))
	writeAll(t, *w, "more")
	require.NoError(t, windows.ReadFile(r.Windows(), buf, &n, nil))
	assert.Equal(t, "more", string(buf[:n]))

	// All nil: nothing to change, and the pipe still blocks: closing the
	// writer ends a blocking read with ERROR_BROKEN_PIPE, not ERROR_NO_DATA.
	require.NoError(t, SetNamedPipeHandleState(*r, nil, nil, nil))
	closeEnd(t, w)
	assert.ErrorIs(t, windows.ReadFile(r.Windows(), buf, &n, nil), ERROR_BROKEN_PIPE)
}

func TestSetNamedPipeHandleStateFailures(t *testing.T) {
	r, _ := newPipe(t, nil)

	// An anonymous pipe is a byte-type pipe: message-read mode is refused.
	err := SetNamedPipeHandleState(*r, wintypes.Opt(PIPE_READMODE_MESSAGE|PIPE_WAIT), nil, nil)
	testutil.RequireAPIError(t, err, "SetNamedPipeHandleState", ERROR_INVALID_PARAMETER)

	// A handle never open (not a closed one: see testutil.InvalidHandle).
	err = SetNamedPipeHandleState(wintypes.HANDLE(testutil.InvalidHandle), wintypes.Opt(PIPE_NOWAIT), nil, nil)
	testutil.RequireAPIError(t, err, "SetNamedPipeHandleState", ERROR_INVALID_HANDLE)
}

func TestSetNamedPipeHandleStateBadInput(t *testing.T) {
	err := SetNamedPipeHandleState(0, wintypes.Opt(PIPE_NOWAIT), nil, nil)
	testutil.RequireInputError(t, err, "hNamedPipe")

	r, _ := newPipe(t, nil)
	for _, mode := range []uint32{4, PIPE_NOWAIT | 8, 0x80000000} {
		err = SetNamedPipeHandleState(*r, &mode, nil, nil)
		testutil.RequireInputError(t, err, "lpMode")
	}
}

func BenchmarkPeekNamedPipeInto(b *testing.B) {
	hr, hw, err := CreatePipe(nil, 0)
	require.NoError(b, err)
	defer testutil.CloseWith(b, CloseHandle, hr)
	defer testutil.CloseWith(b, CloseHandle, hw)
	var n uint32
	require.NoError(b, windows.WriteFile(hw.Windows(), []byte("benchmark"), &n, nil))
	buf := make([]byte, 16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PeekNamedPipeInto(hr, buf, nil); err != nil {
			b.Fatal(err)
		}
	}
}
