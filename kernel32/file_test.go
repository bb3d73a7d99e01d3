//go:build windows

package kernel32

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func init() {
	// file-lock-child: args are a path and then offset:length ranges. The
	// child opens the file and, for each range, tries
	// LockFileEx(LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY),
	// printing "locked" (and unlocking again) or "error <code>", one line
	// per range.
	testutil.Role("file-lock-child", func(args []string) (err error) {
		if len(args) < 1 {
			return errors.New("usage: path offset:length [offset:length]")
		}
		h, err := CreateFile(args[0], GENERIC_READ|GENERIC_WRITE, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE),
			nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, h)
		for _, rng := range args[1:] {
			offset, length, ok := strings.Cut(rng, ":")
			if !ok {
				return fmt.Errorf("bad range %q", rng)
			}
			off, err := strconv.ParseUint(offset, 10, 32)
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(length, 10, 32)
			if err != nil {
				return err
			}
			ov := &wintypes.OVERLAPPED{Offset: uint32(off)}
			if err := LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, uint32(n), 0, ov); err != nil {
				fmt.Println(wincgoerrorsCode(err))
				continue
			}
			fmt.Println("locked")
			if err := UnlockFileEx(h, uint32(n), 0, ov); err != nil {
				return err
			}
		}
		return nil
	})

	// file-read-child: args are a path; the child reads the whole file with
	// ReadFile, in small chunks, and writes the bytes to stdout unchanged.
	testutil.Role("file-read-child", func(args []string) (err error) {
		h, err := CreateFile(args[0], GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE),
			nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, h)
		buf := make([]byte, 1000)
		for {
			n, err := ReadFile(h, buf, nil, nil)
			if err != nil {
				return err
			}
			if n == 0 {
				return nil
			}
			if _, err := os.Stdout.Write(buf[:n]); err != nil {
				return err
			}
		}
	})
}

// closeAtCleanup closes h at the end of the test unless the returned
// closeNow closed it first: h is closed exactly once. A second CloseHandle
// must never happen: once closed, h's value may already have been handed
// out to another handle of the process (see testutil.InvalidHandle).
func closeAtCleanup(t testing.TB, h wintypes.HANDLE) (closeNow func()) {
	t.Helper()
	closed := false
	closeNow = func() {
		if closed {
			return
		}
		closed = true
		assert.NoError(t, CloseHandle(h))
	}
	t.Cleanup(closeNow)
	return closeNow
}

// createFile opens path with CreateFile and closes it at the end of the
// test (only then: a test closing it earlier uses CreateFile and
// closeAtCleanup).
func createFile(t *testing.T, path string, access uint32, share, disposition, flags *uint32) wintypes.HANDLE {
	t.Helper()
	h, err := CreateFile(path, access, share, nil, disposition, flags, 0)
	require.NoError(t, err)
	require.NotEqual(t, INVALID_HANDLE_VALUE, h)
	closeAtCleanup(t, h)
	return h
}

// randomBytes returns n random bytes.
func randomBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return b
}

// pendingOps returns the number of overlapped operations in flight.
func pendingOps() int { return overlapped.InFlight() }

func TestCreateFileDefaults(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "defaults.txt")

	// Default disposition CREATE_ALWAYS creates the file.
	h, err := CreateFile(path, GENERIC_WRITE, nil, nil, nil, nil, 0)
	require.NoError(t, err)
	closeH := closeAtCleanup(t, h)
	n, err := WriteFile(h, []byte("hello world"), nil, nil)
	require.NoError(t, err)
	require.Equal(t, 11, n)

	// Default share mode FILE_SHARE_READ: a reader may open the file while
	// h is open, a second writer may not.
	r, err := CreateFile(path, GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
	require.NoError(t, err)
	closeR := closeAtCleanup(t, r)
	got := make([]byte, 32)
	n, err = ReadFile(r, got, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "hello world", string(got[:n]))
	closeR()
	_, err = CreateFile(path, GENERIC_WRITE, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_SHARING_VIOLATION)
	closeH()

	// Default FILE_ATTRIBUTE_NORMAL: an ordinary, writable file.
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.True(t, info.Mode().IsRegular())
	assert.NotZero(t, info.Mode().Perm()&0o200, "file is read-only: %v", info.Mode())

	// CREATE_ALWAYS truncates an existing file.
	createFile(t, path, GENERIC_WRITE, nil, nil, nil)
	info, err = os.Stat(path)
	require.NoError(t, err)
	assert.Zero(t, info.Size())
}

func TestCreateFileExclusiveShareMode(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "exclusive.txt")
	// An explicit 0 is not the default: no one else may even read.
	createFile(t, path, GENERIC_WRITE, wintypes.Opt[uint32](0), nil, nil)
	_, err := CreateFile(path, GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE), nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_SHARING_VIOLATION)
}

func TestCreateFileDispositions(t *testing.T) {
	dir := testutil.TempDir(t)
	path := filepath.Join(dir, "f.txt")
	require.NoError(t, os.WriteFile(path, []byte("existing"), 0o600))

	_, err := CreateFile(path, GENERIC_WRITE, nil, nil, wintypes.Opt(CREATE_NEW), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_FILE_EXISTS)
	assert.ErrorIs(t, err, fs.ErrExist)

	_, err = CreateFile(filepath.Join(dir, "missing.txt"), GENERIC_READ, nil, nil, wintypes.Opt(OPEN_EXISTING), nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_FILE_NOT_FOUND)
	assert.ErrorIs(t, err, fs.ErrNotExist)

	// OPEN_ALWAYS keeps the content; TRUNCATE_EXISTING empties it.
	h, err := CreateFile(path, GENERIC_READ, nil, nil, wintypes.Opt(OPEN_ALWAYS), nil, 0)
	require.NoError(t, err)
	closeH := closeAtCleanup(t, h)
	buf := make([]byte, 16)
	n, err := ReadFile(h, buf, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "existing", string(buf[:n]))
	closeH()
	createFile(t, path, GENERIC_WRITE, nil, wintypes.Opt(TRUNCATE_EXISTING), nil)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Zero(t, info.Size())

	// CREATE_NEW on a new name creates it.
	createFile(t, filepath.Join(dir, "new.txt"), GENERIC_WRITE, nil, wintypes.Opt(CREATE_NEW), nil)
	_, err = os.Stat(filepath.Join(dir, "new.txt"))
	assert.NoError(t, err)
}

func TestCreateFileInheritable(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "inherit.txt")
	h, err := CreateFile(path, GENERIC_WRITE, nil, &wintypes.SECURITY_ATTRIBUTES{BInheritHandle: wintypes.BoolToBOOL(true)}, nil, nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, h)
	flags, err := GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT)
}

func TestCreateFileMissingDirectory(t *testing.T) {
	_, err := CreateFile(filepath.Join(testutil.TempDir(t), "no-such-dir", "f.txt"), GENERIC_WRITE, nil, nil, nil, nil, 0)
	testutil.RequireAPIError(t, err, "CreateFileW", ERROR_PATH_NOT_FOUND)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestCreateFileBadInput(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "bad.txt")
	for _, c := range []struct {
		name, param string
		path        string
		share       *uint32
		disposition *uint32
	}{
		{"lpFileName=empty", "lpFileName", "", nil, nil},
		{"lpFileName=NUL", "lpFileName", path + "\x00.exe", nil, nil},
		{"dwShareMode=0x8", "dwShareMode", path, wintypes.Opt[uint32](0x8), nil},
		{"dwCreationDisposition=0", "dwCreationDisposition", path, nil, wintypes.Opt[uint32](0)},
		{"dwCreationDisposition=6", "dwCreationDisposition", path, nil, wintypes.Opt[uint32](6)},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := CreateFile(c.path, GENERIC_READ, c.share, nil, c.disposition, nil, 0)
			testutil.RequireInputError(t, err, c.param)
		})
	}
	_, err := os.Stat(path)
	assert.ErrorIs(t, err, fs.ErrNotExist, "refused input must not reach Windows")
}

func TestReadWriteFile(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "rw.bin")
	data := randomBytes(t, 70000)
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, nil, nil, nil)

	n, err := WriteFile(h, data, nil, nil)
	require.NoError(t, err)
	require.Equal(t, len(data), n)
	// An explicit count writes only the start of the buffer.
	n, err = WriteFile(h, []byte("tail-and-more"), wintypes.Opt(4), nil)
	require.NoError(t, err)
	require.Equal(t, 4, n)
	// Empty buffers are valid calls, not &lpBuffer[0] panics.
	n, err = WriteFile(h, nil, nil, nil)
	require.NoError(t, err)
	assert.Zero(t, n)
	n, err = WriteFile(h, []byte{}, wintypes.Opt(0), nil)
	require.NoError(t, err)
	assert.Zero(t, n)

	want := append(append([]byte{}, data...), "tail"...)
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Equal(want, onDisk), "file content differs")

	// Read it back through another handle, in chunks smaller than the
	// buffer: nNumberOfBytesToRead bounds the read.
	r := createFile(t, path, GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), wintypes.Opt(OPEN_EXISTING), nil)
	buf := bytes.Repeat([]byte{0xEE}, 4096)
	var got []byte
	for {
		n, err := ReadFile(r, buf, wintypes.Opt(1000), nil)
		require.NoError(t, err)
		require.LessOrEqual(t, n, 1000)
		assert.True(t, bytes.Equal(bytes.Repeat([]byte{0xEE}, len(buf)-1000), buf[1000:]), "ReadFile wrote past nNumberOfBytesToRead")
		if n == 0 {
			break // a synchronous read at the end of a file returns 0 and no error
		}
		got = append(got, buf[:n]...)
	}
	assert.True(t, bytes.Equal(want, got), "read back differs")
	n, err = ReadFile(r, nil, wintypes.Opt(0), nil)
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestReadWriteFileWrongAccess(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "access.bin")
	w := createFile(t, path, GENERIC_WRITE, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), nil, nil)
	_, err := ReadFile(w, make([]byte, 8), wintypes.Opt(8), nil)
	testutil.RequireAPIError(t, err, "ReadFile", ERROR_ACCESS_DENIED)

	r := createFile(t, path, GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), wintypes.Opt(OPEN_EXISTING), nil)
	_, err = WriteFile(r, []byte("x"), nil, nil)
	testutil.RequireAPIError(t, err, "WriteFile", ERROR_ACCESS_DENIED)
}

func TestReadWriteFileInvalidHandle(t *testing.T) {
	// Not a closed handle: its value may already name another handle (see
	// testutil.InvalidHandle).
	h := wintypes.HANDLE(testutil.InvalidHandle)

	_, err := ReadFile(h, make([]byte, 8), wintypes.Opt(8), nil)
	testutil.RequireAPIError(t, err, "ReadFile", ERROR_INVALID_HANDLE)
	_, err = WriteFile(h, []byte("x"), nil, nil)
	testutil.RequireAPIError(t, err, "WriteFile", ERROR_INVALID_HANDLE)
	// The overlapped paths fail at once too, and leave nothing pinned.
	_, err = ReadFile(h, make([]byte, 8), wintypes.Opt(8), &wintypes.OVERLAPPED{})
	testutil.RequireAPIError(t, err, "ReadFile", ERROR_INVALID_HANDLE)
	_, err = WriteFile(h, []byte("x"), nil, &wintypes.OVERLAPPED{})
	testutil.RequireAPIError(t, err, "WriteFile", ERROR_INVALID_HANDLE)
	assert.Zero(t, pendingOps())
	err = FlushFileBuffers(h)
	testutil.RequireAPIError(t, err, "FlushFileBuffers", ERROR_INVALID_HANDLE)
	err = LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 1, 0, nil)
	testutil.RequireAPIError(t, err, "LockFileEx", ERROR_INVALID_HANDLE)
	err = UnlockFileEx(h, 1, 0, nil)
	testutil.RequireAPIError(t, err, "UnlockFileEx", ERROR_INVALID_HANDLE)
}

// hugeFakeBuffer returns a []byte longer than a DWORD can count, over
// reserved but uncommitted address space: check.Count must refuse counts
// over MaxUint32 by themselves, not only because they exceed the buffer,
// and touching the memory would crash, which proves C never saw it.
func hugeFakeBuffer(t *testing.T) []byte {
	t.Helper()
	size := uint64(math.MaxUint32) + 4096
	addr, err := windows.VirtualAlloc(0, uintptr(size), windows.MEM_RESERVE, windows.PAGE_NOACCESS)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, windows.VirtualFree(addr, 0, windows.MEM_RELEASE)) })
	return unsafe.Slice(*(**byte)(unsafe.Pointer(&addr)), int(size))
}

func TestReadWriteFileBadInput(t *testing.T) {
	h := createFile(t, filepath.Join(testutil.TempDir(t), "bad.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	buf := make([]byte, 16)
	read := func(h wintypes.HANDLE, buf []byte, count *int, o *wintypes.OVERLAPPED) func() error {
		return func() error { _, err := ReadFile(h, buf, count, o); return err }
	}
	write := func(h wintypes.HANDLE, buf []byte, count *int) func() error {
		return func() error { _, err := WriteFile(h, buf, count, nil); return err }
	}
	type badInput struct {
		name, param string
		call        func() error
		message     string // a part of the message, if checked
	}
	cases := []badInput{
		{"ReadFile/hFile=0", "hFile", read(0, buf, wintypes.Opt(1), nil), ""},
		{"WriteFile/hFile=0", "hFile", write(0, buf, nil), ""},
	}
	counts := []int{-1, 17}
	if strconv.IntSize == 64 {
		// Larger than a DWORD, with a small buffer: refused as larger than
		// the buffer (check.Count compares with the buffer first).
		var overDWORD uint64 = math.MaxUint32 + 1
		counts = append(counts, int(overDWORD))
	}
	for _, count := range counts {
		cases = append(cases,
			badInput{fmt.Sprintf("ReadFile/count=%d", count), "nNumberOfBytesToRead", read(h, buf, wintypes.Opt(count), nil), ""},
			badInput{fmt.Sprintf("ReadFile/count=%d,overlapped", count), "nNumberOfBytesToRead",
				read(h, buf, wintypes.Opt(count), &wintypes.OVERLAPPED{}), ""},
			badInput{fmt.Sprintf("WriteFile/count=%d", count), "nNumberOfBytesToWrite", write(h, buf, wintypes.Opt(count)), ""},
			badInput{fmt.Sprintf("ReadFile/count=%d,lpBuffer=nil", count), "nNumberOfBytesToRead", read(h, nil, wintypes.Opt(count), nil), ""})
	}
	cases = append(cases,
		badInput{"ReadFile/count=1,lpBuffer=nil", "nNumberOfBytesToRead", read(h, nil, wintypes.Opt(1), nil), ""},
		// The message counts the buffer in bytes.
		badInput{"WriteFile/count=17,message", "nNumberOfBytesToWrite", write(h, buf, wintypes.Opt(17)),
			"received 17, more than the 16 bytes of lpBuffer"})
	if strconv.IntSize == 64 {
		huge := hugeFakeBuffer(t)
		// An explicit count over a DWORD is the count's fault; with nil
		// (all of lpBuffer), the buffer's.
		cases = append(cases,
			badInput{"ReadFile/count=len(huge)", "nNumberOfBytesToRead", read(h, huge, wintypes.Opt(len(huge)), nil), "DWORD"},
			badInput{"WriteFile/count=len(huge)", "nNumberOfBytesToWrite", write(h, huge, wintypes.Opt(len(huge))), "DWORD"},
			badInput{"ReadFile/lpBuffer=huge", "lpBuffer", read(h, huge, nil, nil), "DWORD"},
			badInput{"WriteFile/lpBuffer=huge", "lpBuffer", write(h, huge, nil), "DWORD"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := testutil.InputErrorOf(t, c.call(), c.param)
			assert.Contains(t, e.Error(), c.message)
		})
	}
	assert.Zero(t, pendingOps())
}

func TestReadFileZeroAllocs(t *testing.T) {
	h := createFile(t, filepath.Join(testutil.TempDir(t), "allocs.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	buf := randomBytes(t, 512)
	out := make([]byte, 512)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := windows.Seek(h.Windows(), 0, io.SeekStart); err != nil {
			panic(err)
		}
		if n, err := WriteFile(h, buf, nil, nil); err != nil || n != len(buf) {
			panic(fmt.Sprint(n, err))
		}
		if _, err := windows.Seek(h.Windows(), 0, io.SeekStart); err != nil {
			panic(err)
		}
		if n, err := ReadFile(h, out, nil, nil); err != nil || n != len(out) {
			panic(fmt.Sprint(n, err))
		}
		// An explicit count through wintypes.Opt allocates nothing either.
		if _, err := windows.Seek(h.Windows(), 0, io.SeekStart); err != nil {
			panic(err)
		}
		if n, err := ReadFile(h, out, wintypes.Opt(len(out)), nil); err != nil || n != len(out) {
			panic(fmt.Sprint(n, err))
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, buf, out)
}

// newPipePair returns the two ends of a fresh named pipe: server, made
// with x/sys/windows CreateNamedPipe (synchronous), and client, opened with
// CreateFile for overlapped I/O. Both are closed at the end of the test;
// closeClient closes the client earlier (once).
func newPipePair(t *testing.T) (server windows.Handle, client wintypes.HANDLE, closeClient func()) {
	t.Helper()
	name := `\\.\pipe\` + testutil.UniqueName("wincgo-file")
	name16, err := windows.UTF16PtrFromString(name)
	require.NoError(t, err)
	server, err = windows.CreateNamedPipe(name16, windows.PIPE_ACCESS_DUPLEX,
		windows.PIPE_TYPE_BYTE|windows.PIPE_READMODE_BYTE|windows.PIPE_WAIT, 1, 4096, 4096, 0, nil)
	require.NoError(t, err)
	t.Cleanup(func() { testutil.CloseWith(t, windows.CloseHandle, server) })
	client, err = CreateFile(name, GENERIC_READ|GENERIC_WRITE, wintypes.Opt[uint32](0), nil,
		wintypes.Opt(OPEN_EXISTING), wintypes.Opt(FILE_FLAG_OVERLAPPED), 0)
	require.NoError(t, err)
	closeClient = closeAtCleanup(t, client)
	if err := windows.ConnectNamedPipe(server, nil); err != nil && !errors.Is(err, windows.ERROR_PIPE_CONNECTED) {
		t.Fatalf("ConnectNamedPipe: %v", err)
	}
	return server, client, closeClient
}

// startDroppedRead starts an overlapped read of up to 64 bytes from client
// into a buffer and OVERLAPPED it allocates, and returns without keeping
// any reference to either: only the OVERLAPPED's registry key, and
// channels closed if the garbage collector ever frees them.
//
//go:noinline
func startDroppedRead(t *testing.T, client, event wintypes.HANDLE) (key uintptr, bufFreed, ovFreed chan struct{}) {
	buf, ov, bufFreed, ovFreed := watchedMemory()
	ov.HEvent = event

	n, err := ReadFile(client, buf, nil, ov)
	requirePending(t, n, err)
	require.False(t, HasOverlappedIoCompleted(ov), "the read did not go pending: the pipe has data?")
	return ov.Address(), bufFreed, ovFreed
}

// churnHeap collects garbage and allocates objects of the sizes of the
// dropped buffer and OVERLAPPED, filled with a pattern, so that freed memory
// would be reused and overwritten.
func churnHeap() {
	var keep [][]byte
	sum := 0
	for round := 0; round < 5; round++ {
		runtime.GC()
		for i := 0; i < 20000; i++ {
			b := bytes.Repeat([]byte{0xAA}, 64)
			o := &wintypes.OVERLAPPED{Internal: 0xAAAA, InternalHigh: 0xAAAA}
			sum += int(b[i%64]) + int(o.Internal)
			if i%100 == 0 {
				keep = append(keep, b)
			}
		}
	}
	churnSink = sum + len(keep)
}

// churnSink keeps churnHeap's work from being optimised away.
var churnSink int

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestOverlappedReadPendingSurvivesGC(t *testing.T) {
	server, client, _ := newPipePair(t)
	event := newEvent(t, true, false)
	before := pendingOps()

	key, bufFreed, ovFreed := startDroppedRead(t, client, event)
	require.Equal(t, before+1, pendingOps())

	churnHeap()
	assert.False(t, isClosed(bufFreed), "the pending read's buffer was freed")
	assert.False(t, isClosed(ovFreed), "the pending read's OVERLAPPED was freed")
	ev, err := WaitForSingleObject(event, 0)
	require.NoError(t, err)
	require.Equal(t, WAIT_TIMEOUT, ev, "the read completed without data")

	// Now the data arrives.
	payload := []byte("forty bytes of data for a pending read!!")
	var written uint32
	require.NoError(t, windows.WriteFile(server, payload, &written, nil))
	require.Equal(t, len(payload), int(written))
	ev, err = WaitForSingleObject(event, 10000)
	require.NoError(t, err)
	require.Equal(t, WAIT_OBJECT_0, ev)

	pinned, buf, registered := overlapped.Lookup(key)
	require.True(t, registered, "the pending read is not registered")
	ov := (*wintypes.OVERLAPPED)(pinned)
	require.NotNil(t, ov, "the registry lost the OVERLAPPED")
	require.Len(t, buf, 64, "the registry lost the buffer")

	assert.True(t, HasOverlappedIoCompleted(ov))
	n, err := GetOverlappedResult(client, ov, true)
	require.NoError(t, err)
	assert.Equal(t, len(payload), n)
	assert.Empty(t, cmp.Diff(payload, buf[:n]))
	assert.Empty(t, cmp.Diff(bytes.Repeat([]byte{0xEE}, 64-n), buf[n:]), "bytes past the count changed")
	assert.Equal(t, before, pendingOps(), "GetOverlappedResult did not release the read")

	// Released means collectable again: once dropped, both are freed.
	ov, buf = nil, nil //nolint:ineffassign // dropping the last references is what lets the GC free them
	deadline := time.Now().Add(10 * time.Second)
	for (!isClosed(bufFreed) || !isClosed(ovFreed)) && time.Now().Before(deadline) {
		runtime.GC()
		runtime.Gosched()
	}
	assert.True(t, isClosed(bufFreed), "the buffer stayed pinned after completion")
	assert.True(t, isClosed(ovFreed), "the OVERLAPPED stayed pinned after completion")
}

func TestOverlappedReadPoll(t *testing.T) {
	server, client, _ := newPipePair(t)
	event := newEvent(t, true, false)
	buf := make([]byte, 16)
	ov := &wintypes.OVERLAPPED{HEvent: event}

	n, err := ReadFile(client, buf, nil, ov)
	requirePending(t, n, err)
	assert.False(t, HasOverlappedIoCompleted(ov))

	// Still in progress: ERROR_IO_INCOMPLETE, and nothing is released.
	_, err = GetOverlappedResult(client, ov, false)
	testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_IO_INCOMPLETE)
	// A failed wait says nothing about the read, which stays pinned
	// (fault injection: Windows would not fail this wait).
	func() {
		defer injectFault("GetOverlappedResult", 0, ERROR_INVALID_HANDLE)()
		_, err = GetOverlappedResult(client, ov, true)
		testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_INVALID_HANDLE)
	}()
	require.True(t, registered(ov))

	// The OVERLAPPED is in use: every function refuses it.
	_, err = ReadFile(client, make([]byte, 4), wintypes.Opt(4), ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	_, err = WriteFile(client, []byte("x"), nil, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	err = LockFileEx(client, 0, 1, 0, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")
	err = UnlockFileEx(client, 1, 0, ov)
	testutil.RequireInputError(t, err, "lpOverlapped")

	var written uint32
	require.NoError(t, windows.WriteFile(server, []byte("ping"), &written, nil))
	ev, err := WaitForSingleObject(event, 10000)
	require.NoError(t, err)
	require.Equal(t, WAIT_OBJECT_0, ev)
	require.True(t, HasOverlappedIoCompleted(ov))
	n, err = GetOverlappedResult(client, ov, false)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf[:n]))
	// Collected: the OVERLAPPED is free again, and asking twice is fine.
	n, err = GetOverlappedResult(client, ov, false)
	require.NoError(t, err)
	assert.Equal(t, 4, n)

	// An overlapped write to the pipe completes (the pipe has room) and is
	// read by the server.
	require.NoError(t, ResetEvent(event))
	_, err = WriteFile(client, []byte("pong"), nil, ov) // the count comes from GetOverlappedResult
	requireStarted(t, err)
	n, err = GetOverlappedResult(client, ov, true)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	got := make([]byte, 4)
	var read uint32
	require.NoError(t, windows.ReadFile(server, got, &read, nil))
	assert.Equal(t, "pong", string(got[:read]))
	assert.Zero(t, pendingOps())
}

func TestOverlappedReadCancelledByClose(t *testing.T) {
	_, client, closeClient := newPipePair(t)
	event := newEvent(t, true, false)
	buf := make([]byte, 16)
	ov := &wintypes.OVERLAPPED{HEvent: event}
	before := pendingOps()
	n, err := ReadFile(client, buf, nil, ov)
	requirePending(t, n, err)
	require.Equal(t, before+1, pendingOps())

	// Closing the handle ends the read: GetOverlappedResult reports it as
	// failed, from the OVERLAPPED alone (hFile is not used once the
	// operation is complete), and releases it. hFile is not client, whose
	// value may already name another handle once closed, but a value never
	// open: the result can only come from the OVERLAPPED.
	closeClient()
	ev, err := WaitForSingleObject(event, 10000)
	require.NoError(t, err)
	require.Equal(t, WAIT_OBJECT_0, ev)
	require.True(t, HasOverlappedIoCompleted(ov))
	_, err = GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), ov, true)
	if testutil.IsWine() {
		// Wine 8.0 completes the reads pending on a pipe end being closed
		// with STATUS_PIPE_BROKEN, not as cancelled.
		testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_BROKEN_PIPE)
	} else {
		testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_OPERATION_ABORTED)
	}
	assert.Equal(t, before, pendingOps())
}

func TestOverlappedWriteAtOffset(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "overlapped.bin")
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, nil, nil, wintypes.Opt(FILE_FLAG_OVERLAPPED))
	event := newEvent(t, true, false)

	base := bytes.Repeat([]byte("a"), 100)
	ov := &wintypes.OVERLAPPED{HEvent: event}
	_, err := WriteFile(h, base, nil, ov)
	requireStarted(t, err) // a file: at once, or pending
	n, err := GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	require.Equal(t, 100, n)

	// Write at offset 10, then at 150, past the end (the gap is zeros).
	require.NoError(t, ResetEvent(event))
	ov = &wintypes.OVERLAPPED{HEvent: event, Offset: 10}
	_, err = WriteFile(h, []byte("XYZ"), nil, ov)
	requireStarted(t, err) // a file: at once, or pending
	n, err = GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.NoError(t, ResetEvent(event))
	ov = &wintypes.OVERLAPPED{HEvent: event, Offset: 150}
	_, err = WriteFile(h, []byte("end"), nil, ov)
	requireStarted(t, err) // a file: at once, or pending
	n, err = GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	require.Equal(t, 3, n)

	want := append(append(bytes.Repeat([]byte("a"), 10), "XYZ"...), bytes.Repeat([]byte("a"), 87)...)
	want = append(append(want, make([]byte, 50)...), "end"...)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Empty(t, cmp.Diff(want, got))

	// An overlapped read at an offset reads back the middle.
	require.NoError(t, ResetEvent(event))
	buf := make([]byte, 5)
	ov = &wintypes.OVERLAPPED{HEvent: event, Offset: 9}
	_, err = ReadFile(h, buf, nil, ov)
	requireStarted(t, err) // a file: at once, or pending
	n, err = GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	assert.Equal(t, "aXYZa", string(buf[:n]))

	// At the end of the file, an overlapped read fails with
	// ERROR_HANDLE_EOF, at once or through GetOverlappedResult.
	require.NoError(t, ResetEvent(event))
	ov = &wintypes.OVERLAPPED{HEvent: event, Offset: 1000}
	_, err = ReadFile(h, buf, nil, ov)
	if err == nil || errors.Is(err, ERROR_IO_PENDING) {
		_, err = GetOverlappedResult(h, ov, true)
		testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_HANDLE_EOF)
	} else {
		testutil.RequireAPIError(t, err, "ReadFile", ERROR_HANDLE_EOF)
	}
	assert.ErrorIs(t, err, ERROR_HANDLE_EOF)
	assert.Zero(t, pendingOps())
}

func TestGetOverlappedResult(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "gor.bin")
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, nil, nil, nil)

	// An operation that completed at once (a synchronous handle with an
	// OVERLAPPED, for its offset) can still be collected.
	ov := &wintypes.OVERLAPPED{Offset: 3}
	n, err := WriteFile(h, []byte("hello"), nil, ov)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	assert.True(t, HasOverlappedIoCompleted(ov))
	n, err = GetOverlappedResult(h, ov, true)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "\x00\x00\x00hello", string(got))

	// Bad input.
	_, err = GetOverlappedResult(0, ov, true)
	testutil.RequireInputError(t, err, "hFile")
	_, err = GetOverlappedResult(h, nil, true)
	testutil.RequireInputError(t, err, "lpOverlapped")

	// Windows failing: an OVERLAPPED that claims to be in progress, polled
	// (ERROR_IO_INCOMPLETE) or waited on through an invalid handle.
	fake := &wintypes.OVERLAPPED{Internal: statusPending}
	assert.False(t, HasOverlappedIoCompleted(fake))
	_, err = GetOverlappedResult(h, fake, false)
	testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_IO_INCOMPLETE)
	_, err = GetOverlappedResult(wintypes.HANDLE(testutil.InvalidHandle), fake, true)
	testutil.RequireAPIError(t, err, "GetOverlappedResult", ERROR_INVALID_HANDLE)
}

func TestHasOverlappedIoCompleted(t *testing.T) {
	assert.True(t, HasOverlappedIoCompleted(&wintypes.OVERLAPPED{}))
	assert.False(t, HasOverlappedIoCompleted(&wintypes.OVERLAPPED{Internal: statusPending}))
	assert.True(t, HasOverlappedIoCompleted(&wintypes.OVERLAPPED{Internal: uintptr(0xC0000011)})) // STATUS_END_OF_FILE
}

func TestFlushFileBuffersReadBackByChild(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "flushed.bin")
	data := randomBytes(t, 100000)
	h := createFile(t, path, GENERIC_WRITE, nil, nil, nil)
	n, err := WriteFile(h, data, nil, nil)
	require.NoError(t, err)
	require.Equal(t, len(data), n)
	require.NoError(t, FlushFileBuffers(h))

	// h stays open: the child sees what the flush wrote, not what a close
	// would have.
	out, err := testutil.Command(t, "file-read-child", path).Output()
	require.NoError(t, err, "child: %s", out)
	require.Equal(t, len(data), len(out))
	assert.True(t, bytes.Equal(data, out), "the child read other bytes")
}

func TestFlushFileBuffersFailures(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "ro.bin")
	require.NoError(t, os.WriteFile(path, []byte("data"), 0o600))
	r := createFile(t, path, GENERIC_READ, nil, wintypes.Opt(OPEN_EXISTING), nil)
	err := FlushFileBuffers(r)
	testutil.RequireAPIError(t, err, "FlushFileBuffers", ERROR_ACCESS_DENIED)

	err = FlushFileBuffers(0)
	testutil.RequireInputError(t, err, "hFile")
}

// childLines returns a child's output lines.
func childLines(out string) []string {
	return strings.Fields(strings.ReplaceAll(strings.ReplaceAll(out, "error ", "error:"), "\r", ""))
}

func TestLockFileExAcrossProcesses(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "locked.bin")
	h := createFile(t, path, GENERIC_READ|GENERIC_WRITE, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), nil, nil)
	_, err := WriteFile(h, make([]byte, 300), nil, nil)
	require.NoError(t, err)

	ov := &wintypes.OVERLAPPED{Offset: 100}
	require.NoError(t, LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 50, 0, ov))
	violation := fmt.Sprintf("error:%d", uint32(ERROR_LOCK_VIOLATION))

	// The range and any overlap are refused to the child; the bytes just
	// before it are not.
	out := testutil.Run(t, "file-lock-child", path, "100:50", "120:10", "149:100", "0:100")
	assert.Equal(t, []string{violation, violation, violation, "locked"}, childLines(out))

	// Unlocked, the range is granted.
	require.NoError(t, UnlockFileEx(h, 50, 0, ov))
	out = testutil.Run(t, "file-lock-child", path, "100:50", "120:10")
	assert.Equal(t, []string{"locked", "locked"}, childLines(out))
}

func TestLockFileExInProcess(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "locks.bin")
	share := wintypes.Opt(FILE_SHARE_READ | FILE_SHARE_WRITE)
	a := createFile(t, path, GENERIC_READ|GENERIC_WRITE, share, nil, nil)
	b := createFile(t, path, GENERIC_READ|GENERIC_WRITE, share, wintypes.Opt(OPEN_EXISTING), nil)
	_, err := WriteFile(a, bytes.Repeat([]byte("x"), 100), nil, nil)
	require.NoError(t, err)

	// nil lpOverlapped: a zeroed OVERLAPPED, so the range starts at 0.
	require.NoError(t, LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 10, 0, nil))
	err = LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 1, 0, &wintypes.OVERLAPPED{Offset: 9})
	testutil.RequireAPIError(t, err, "LockFileEx", ERROR_LOCK_VIOLATION)
	// Locks are per handle: another handle cannot write into the range.
	n, err := WriteFile(b, []byte("y"), nil, &wintypes.OVERLAPPED{Offset: 5})
	if testutil.IsWine() {
		// Wine 8.0 does not enforce byte-range locks on ReadFile and
		// WriteFile (only LockFileEx sees them): the write goes through.
		require.NoError(t, err)
		assert.Equal(t, 1, n)
	} else {
		testutil.RequireAPIError(t, err, "WriteFile", ERROR_LOCK_VIOLATION)
	}
	require.NoError(t, UnlockFileEx(a, 10, 0, nil))

	// Shared locks coexist; an exclusive one is refused over them.
	ov := &wintypes.OVERLAPPED{Offset: 50}
	require.NoError(t, LockFileEx(a, LOCKFILE_FAIL_IMMEDIATELY, 10, 0, ov))
	require.NoError(t, LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 10, 0, ov))
	err = LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 1, 0, &wintypes.OVERLAPPED{Offset: 55})
	testutil.RequireAPIError(t, err, "LockFileEx", ERROR_LOCK_VIOLATION)
	require.NoError(t, UnlockFileEx(a, 10, 0, ov))
	require.NoError(t, UnlockFileEx(b, 10, 0, ov))

	// Without LOCKFILE_FAIL_IMMEDIATELY, LockFileEx waits for the range.
	require.NoError(t, LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK, 10, 0, ov))
	done := make(chan error, 1)
	go func() { done <- LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK, 10, 0, &wintypes.OVERLAPPED{Offset: 50}) }()
	select {
	case err := <-done:
		t.Fatalf("LockFileEx did not wait for the locked range: %v", err)
	default:
	}
	require.NoError(t, UnlockFileEx(a, 10, 0, ov))
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("LockFileEx still waiting after the range was unlocked")
	}
	require.NoError(t, UnlockFileEx(b, 10, 0, ov))
	assert.Zero(t, pendingOps())
}

// TestLockFileExWithoutOverlappedPending drives LockFileEx's own wait, the
// path of a lock that goes pending on an overlapped handle (Windows only:
// Wine 8 waits inside NtLockFile instead), with fault injection: LockFileEx
// reports ERROR_IO_PENDING without calling Windows, and its OVERLAPPED,
// untouched, reads as complete with status 0, so GetOverlappedResult
// collects it at once. Either way the registered OVERLAPPED is released.
func TestLockFileExWithoutOverlappedPending(t *testing.T) {
	h := createFile(t, filepath.Join(testutil.TempDir(t), "pending.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	before := pendingOps()
	func() {
		defer injectFault("LockFileEx", 0, ERROR_IO_PENDING)()
		require.NoError(t, LockFileEx(h, 0, 10, 0, nil), "granted: the wait reports success")
	}()
	assert.Equal(t, before, pendingOps(), "the wait collected the lock's OVERLAPPED")

	// A failed wait is LockFileEx's error.
	func() {
		defer injectFault("LockFileEx", 0, ERROR_IO_PENDING)()
		defer injectFault("GetOverlappedResult", 0, ERROR_INVALID_HANDLE)()
		testutil.RequireAPIError(t, LockFileEx(h, 0, 10, 0, nil), "GetOverlappedResult", ERROR_INVALID_HANDLE)
	}()
	assert.Equal(t, before, pendingOps(), "complete: released though the wait failed")

	// With the caller's OVERLAPPED, a pending lock is ERROR_IO_PENDING,
	// the bare Errno, and the caller collects it.
	func() {
		defer injectFault("LockFileEx", 0, ERROR_IO_PENDING)()
		ov := &wintypes.OVERLAPPED{Internal: statusPending}
		err := LockFileEx(h, 0, 10, 0, ov)
		requirePending(t, 0, err)
		assert.Equal(t, before+1, pendingOps())
		ov.Internal = 0
		_, err = GetOverlappedResult(h, ov, false)
		require.NoError(t, err)
	}()
	assert.Equal(t, before, pendingOps())

	// UnlockFileEx with its own OVERLAPPED waits for a pending unlock as
	// LockFileEx does; with the caller's, it reports ERROR_IO_PENDING.
	func() {
		defer injectFault("UnlockFileEx", 0, ERROR_IO_PENDING)()
		require.NoError(t, UnlockFileEx(h, 10, 0, nil))
		requirePending(t, 0, UnlockFileEx(h, 10, 0, new(wintypes.OVERLAPPED)))
	}()
	assert.Equal(t, before, pendingOps())

	// The OVERLAPPEDs went back to wincgo's own: the next lock is real.
	require.NoError(t, LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY, 10, 0, nil))
	require.NoError(t, UnlockFileEx(h, 10, 0, nil))
}

// notLocked is the code UnlockFileEx fails with on a range not locked:
// ERROR_NOT_LOCKED on Windows, as MSDN documents; Wine 8.0 reports
// ERROR_LOCK_VIOLATION instead (observed).
func notLocked() syscall.Errno {
	if testutil.IsWine() {
		return ERROR_LOCK_VIOLATION
	}
	return ERROR_NOT_LOCKED
}

func TestUnlockFileExNotLocked(t *testing.T) {
	h := createFile(t, filepath.Join(testutil.TempDir(t), "unlocked.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	err := UnlockFileEx(h, 10, 0, nil)
	testutil.RequireAPIError(t, err, "UnlockFileEx", notLocked())
	// Part of a lock is not a lock either.
	require.NoError(t, LockFileEx(h, 0, 10, 0, nil))
	err = UnlockFileEx(h, 5, 0, nil)
	testutil.RequireAPIError(t, err, "UnlockFileEx", notLocked())
	require.NoError(t, UnlockFileEx(h, 10, 0, nil))
}

func TestLockFileExBadInput(t *testing.T) {
	h := createFile(t, filepath.Join(testutil.TempDir(t), "badlock.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	lock := func(h wintypes.HANDLE, flags uint32) func() error {
		return func() error { return LockFileEx(h, flags, 1, 0, nil) }
	}
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"LockFileEx/hFile=0", "hFile", lock(0, 0)},
		{"LockFileEx/dwFlags=0x4", "dwFlags", lock(h, 0x4)},
		{"LockFileEx/dwFlags=0x80000000", "dwFlags", lock(h, 0x80000000)},
		{"LockFileEx/dwFlags=EXCLUSIVE|0x10", "dwFlags", lock(h, LOCKFILE_EXCLUSIVE_LOCK|0x10)},
		{"UnlockFileEx/hFile=0", "hFile", func() error { return UnlockFileEx(0, 1, 0, nil) }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
	// Nothing was locked by the refused calls.
	err := UnlockFileEx(h, 1, 0, nil)
	testutil.RequireAPIError(t, err, "UnlockFileEx", notLocked())
}

func TestMoveFileEx(t *testing.T) {
	dir := testutil.TempDir(t)
	src := filepath.Join(dir, "src.txt")
	dst := filepath.Join(dir, "dst.txt")
	require.NoError(t, os.WriteFile(src, []byte("source"), 0o600))
	require.NoError(t, os.WriteFile(dst, []byte("target"), 0o600))

	// Default flags replace an existing target.
	require.NoError(t, MoveFileEx(src, dst, nil))
	got, err := os.ReadFile(dst)
	require.NoError(t, err)
	assert.Equal(t, "source", string(got))
	_, err = os.Stat(src)
	assert.ErrorIs(t, err, fs.ErrNotExist)

	// A rename to a new name, with no flags at all.
	renamed := filepath.Join(dir, "renamed.txt")
	require.NoError(t, MoveFileEx(dst, renamed, wintypes.Opt[uint32](0)))
	got, err = os.ReadFile(renamed)
	require.NoError(t, err)
	assert.Equal(t, "source", string(got))

	// With no flags, an existing target is not replaced.
	require.NoError(t, os.WriteFile(dst, []byte("other"), 0o600))
	err = MoveFileEx(renamed, dst, wintypes.Opt[uint32](0))
	testutil.RequireAPIError(t, err, "MoveFileExW", ERROR_ALREADY_EXISTS)
	got, err = os.ReadFile(dst)
	require.NoError(t, err)
	assert.Equal(t, "other", string(got))

	// Directories move too.
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o750))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "child.txt"), []byte("c"), 0o600))
	require.NoError(t, MoveFileEx(sub, filepath.Join(dir, "moved"), nil))
	got, err = os.ReadFile(filepath.Join(dir, "moved", "child.txt"))
	require.NoError(t, err)
	assert.Equal(t, "c", string(got))
}

func TestMoveFileExFailures(t *testing.T) {
	dir := testutil.TempDir(t)
	err := MoveFileEx(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "x.txt"), nil)
	testutil.RequireAPIError(t, err, "MoveFileExW", ERROR_FILE_NOT_FOUND)
	assert.ErrorIs(t, err, fs.ErrNotExist)

	// A file open without FILE_SHARE_DELETE cannot be moved.
	src := filepath.Join(dir, "open.txt")
	createFile(t, src, GENERIC_WRITE, nil, nil, nil)
	err = MoveFileEx(src, filepath.Join(dir, "moved.txt"), nil)
	testutil.RequireAPIError(t, err, "MoveFileExW", ERROR_SHARING_VIOLATION)
}

func TestMoveFileExBadInput(t *testing.T) {
	dir := testutil.TempDir(t)
	src := filepath.Join(dir, "src.txt")
	require.NoError(t, os.WriteFile(src, []byte("s"), 0o600))

	for _, c := range []struct {
		name, param string
		from, to    string
		flags       *uint32
	}{
		{"lpExistingFileName=empty", "lpExistingFileName", "", filepath.Join(dir, "x"), nil},
		{"lpExistingFileName=NUL", "lpExistingFileName", src + "\x00", filepath.Join(dir, "x"), nil},
		{"lpNewFileName=NUL", "lpNewFileName", src, filepath.Join(dir, "x\x00y"), nil},
		{"dwFlags=0x40", "dwFlags", src, filepath.Join(dir, "x"), wintypes.Opt[uint32](0x40)},
		// NULL lpNewFileName is for MOVEFILE_DELAY_UNTIL_REBOOT only.
		{"lpNewFileName=empty,dwFlags=nil", "lpNewFileName", src, "", nil},
		{"lpNewFileName=empty,dwFlags=0", "lpNewFileName", src, "", wintypes.Opt[uint32](0)},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, MoveFileEx(c.from, c.to, c.flags), c.param) })
	}
	_, err := os.Stat(src)
	require.NoError(t, err, "refused input must not reach Windows")

	// With it, the call reaches Windows (faked here: registering a
	// deletion at reboot needs administrator rights and would outlive the
	// test).
	func() {
		defer injectFault("MoveFileExW", 0, ERROR_ACCESS_DENIED)()
		err = MoveFileEx(src, "", wintypes.Opt(MOVEFILE_DELAY_UNTIL_REBOOT))
		testutil.RequireAPIError(t, err, "MoveFileExW", ERROR_ACCESS_DENIED)
	}()
}

// TestFileFaults drives each wrapper's failure path with a code Windows
// cannot be made to return on demand.
func TestFileFaults(t *testing.T) {
	dir := testutil.TempDir(t)
	h := createFile(t, filepath.Join(dir, "faults.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil)
	const code = windows.ERROR_IO_DEVICE
	cases := []struct {
		function string
		ret      uintptr
		call     func() error
	}{
		{"CreateFileW", uintptr(INVALID_HANDLE_VALUE), func() error {
			_, err := CreateFile(filepath.Join(dir, "f"), GENERIC_READ, nil, nil, nil, nil, 0)
			return err
		}},
		{"ReadFile", 0, func() error { _, err := ReadFile(h, make([]byte, 4), wintypes.Opt(4), nil); return err }},
		{"ReadFile", 0, func() error {
			_, err := ReadFile(h, make([]byte, 4), wintypes.Opt(4), &wintypes.OVERLAPPED{})
			return err
		}},
		{"WriteFile", 0, func() error { _, err := WriteFile(h, []byte("x"), nil, nil); return err }},
		{"FlushFileBuffers", 0, func() error { return FlushFileBuffers(h) }},
		{"LockFileEx", 0, func() error { return LockFileEx(h, 0, 1, 0, nil) }},
		{"UnlockFileEx", 0, func() error { return UnlockFileEx(h, 1, 0, nil) }},
		{"MoveFileExW", 0, func() error { return MoveFileEx(filepath.Join(dir, "a"), filepath.Join(dir, "b"), nil) }},
		{"GetOverlappedResult", 0, func() error { _, err := GetOverlappedResult(h, &wintypes.OVERLAPPED{}, false); return err }},
	}
	for _, c := range cases {
		func() {
			defer injectFault(c.function, c.ret, code)()
			testutil.RequireAPIError(t, c.call(), c.function, code)
		}()
	}
	assert.Zero(t, pendingOps())

	// An overlapped call Windows reports pending stays registered until
	// GetOverlappedResult sees it complete. The fake does not call Windows,
	// so the test plays its part on Internal: STATUS_PENDING while the
	// operation is in progress, then 0 (complete).
	ov := &wintypes.OVERLAPPED{Internal: statusPending}
	func() {
		defer injectFault("ReadFile", 0, ERROR_IO_PENDING)()
		n, err := ReadFile(h, make([]byte, 4), wintypes.Opt(4), ov)
		requirePending(t, n, err)
	}()
	assert.Equal(t, 1, pendingOps())
	ov.Internal = 0
	_, err := GetOverlappedResult(h, ov, false)
	require.NoError(t, err)
	assert.Zero(t, pendingOps())

	// Reported pending but complete by the time the call returned: the
	// starting call releases it itself.
	func() {
		defer injectFault("ReadFile", 0, ERROR_IO_PENDING)()
		n, err := ReadFile(h, make([]byte, 4), wintypes.Opt(4), ov)
		requirePending(t, n, err)
	}()
	assert.Zero(t, pendingOps())
}

func TestHasOverlappedIoCompletedNilAndUnused(t *testing.T) {
	assert.True(t, HasOverlappedIoCompleted(nil), "nil: no operation pending, no panic")
	assert.True(t, HasOverlappedIoCompleted(&wintypes.OVERLAPPED{}), "never used")
}

func TestGetTempPath(t *testing.T) {
	dir := testutil.TempDir(t)
	t.Setenv("TMP", dir)
	got, err := GetTempPath()
	require.NoError(t, err)
	assert.Equal(t, dir+`\`, got)
	// A path longer than MAX_PATH: the buffer grows.
	long := filepath.Join(dir, string(make([]byte, 0)))
	for len(long) < 300 {
		long = filepath.Join(long, "abcdefghijklmnopqrstuvwxyz")
	}
	t.Setenv("TMP", long)
	got, err = GetTempPath()
	if testutil.IsWine() {
		// Wine 8 refuses a temporary path longer than MAX_PATH instead of
		// reporting the size it needs.
		testutil.RequireAPIError(t, err, "GetTempPathW", syscall.Errno(206)) // ERROR_FILENAME_EXCED_RANGE
	} else {
		require.NoError(t, err)
		assert.Equal(t, long+`\`, got)
	}
}

func TestGetTempPathFailure(t *testing.T) {
	disarm := injectFault("GetTempPathW", 0, ERROR_ACCESS_DENIED)
	_, err := GetTempPath()
	disarm()
	testutil.RequireAPIError(t, err, "GetTempPathW", ERROR_ACCESS_DENIED)
}

func TestGetFileType(t *testing.T) {
	r, w, err := CreatePipe(nil, 0)
	require.NoError(t, err)
	closeAtCleanup(t, r)
	closeAtCleanup(t, w)
	nul := createFile(t, "NUL", GENERIC_WRITE, nil, nil, nil)
	disk := createFile(t, filepath.Join(testutil.TempDir(t), "f"), GENERIC_WRITE, nil, nil, nil)
	for h, want := range map[wintypes.HANDLE]uint32{disk: FILE_TYPE_DISK, r: FILE_TYPE_PIPE, nul: FILE_TYPE_CHAR} {
		got, err := GetFileType(h)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err = GetFileType(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "GetFileType", ERROR_INVALID_HANDLE)
	_, err = GetFileType(0)
	testutil.RequireInputError(t, err, "hFile")
	// FILE_TYPE_UNKNOWN with NO_ERROR is an answer (no device Windows and
	// Wine both leave untyped: fault injection).
	defer injectFault("GetFileType", uintptr(FILE_TYPE_UNKNOWN), 0)()
	got, err := GetFileType(disk)
	require.NoError(t, err)
	assert.Equal(t, FILE_TYPE_UNKNOWN, got)
}

func TestGetFileSizeEx(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "f")
	h := createFile(t, path, GENERIC_READ, wintypes.Opt(FILE_SHARE_READ|FILE_SHARE_WRITE), nil, nil)
	for _, want := range []int64{0, 5, 1<<32 + 1} { // past 4 GiB: all 64 bits (sparse)
		require.NoError(t, os.Truncate(path, want))
		got, err := GetFileSizeEx(h)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := GetFileSizeEx(testutil.InvalidHandle)
	testutil.RequireAPIError(t, err, "GetFileSizeEx", ERROR_INVALID_HANDLE)
	_, err = GetFileSizeEx(0)
	testutil.RequireInputError(t, err, "hFile")
}
