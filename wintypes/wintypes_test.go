//go:build windows

package wintypes

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
)

func TestHandleFromFile(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "f")
	f, err := os.Create(path)
	require.NoError(t, err)
	h, err := HandleFromFile(f)
	require.NoError(t, err)
	assert.Equal(t, HANDLE(f.Fd()), h)

	// The handle is the file: writing through it shows in the file.
	var n uint32
	require.NoError(t, windows.WriteFile(h.Windows(), []byte("through the handle"), &n, nil))
	require.NoError(t, f.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "through the handle", string(data))

	_, err = HandleFromFile(f)
	testutil.RequireInputError(t, err, "file")
	_, err = HandleFromFile(nil)
	testutil.RequireInputError(t, err, "file")
}

func TestSocketFromConn(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer testutil.Close(t, ln)
	lsock, err := SocketFromConn(ln)
	require.NoError(t, err)

	// The socket is the listener's: getsockname reports its address.
	sa, err := windows.Getsockname(windows.Handle(lsock))
	require.NoError(t, err)
	assert.Equal(t, ln.Addr().(*net.TCPAddr).Port, sa.(*windows.SockaddrInet4).Port)

	conn, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	csock, err := SocketFromConn(conn) // a net.Conn, as net.Dial returns it
	require.NoError(t, err)
	assert.NotEqual(t, lsock, csock)
	peer, err := windows.Getpeername(windows.Handle(csock))
	require.NoError(t, err)
	assert.Equal(t, ln.Addr().(*net.TCPAddr).Port, peer.(*windows.SockaddrInet4).Port)

	require.NoError(t, conn.Close())
	_, err = SocketFromConn(conn)
	testutil.RequireInputError(t, err, "conn")
	_, err = SocketFromConn("not a connection")
	testutil.RequireInputError(t, err, "conn")
	_, err = SocketFromConn(nil)
	testutil.RequireInputError(t, err, "conn")
	_, err = SocketFromConn((*net.TCPConn)(nil))
	testutil.RequireInputError(t, err, "conn")
}

func TestWindowsHandleInterop(t *testing.T) {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.CloseHandle, ev)
	h := FromWindows(ev)
	assert.Equal(t, uintptr(ev), h.Uintptr())
	assert.Equal(t, ev, h.Windows())
	assert.Equal(t, HANDLE(ev), h, "plain Go conversion agrees")
	assert.Equal(t, syscall.Handle(ev), syscall.Handle(h))
	assert.Regexp(t, `^HANDLE\(0x[0-9a-f]+\)$`, h.String())

	w := WSAEVENT(h)
	assert.Equal(t, h, w.Handle())
	assert.Equal(t, "SOCKET(0x10)", SOCKET(16).String())
	assert.Equal(t, "WSAEVENT(0x10)", WSAEVENT(16).String())
}

func TestSecurityAttributesLength(t *testing.T) {
	sa := &SECURITY_ATTRIBUTES{BInheritHandle: BoolToBOOL(true)}
	assert.Equal(t, uint32(unsafe.Sizeof(windows.SecurityAttributes{})), sa.NLength())
	p := sa.Pointer()
	require.NotNil(t, p)
	c := (*windows.SecurityAttributes)(p)
	assert.Equal(t, sa.NLength(), c.Length, "Pointer sets nLength")
	assert.Equal(t, uint32(1), c.InheritHandle)
	var nilSA *SECURITY_ATTRIBUTES
	assert.Nil(t, nilSA.Pointer(), "nil is NULL")

	// Windows accepts it (kernel32's CreateEvent tests check that the
	// handle it makes is inheritable).
	ev, err := windows.CreateEvent((*windows.SecurityAttributes)(sa.Pointer()), 1, 0, nil)
	require.NoError(t, err)
	require.NoError(t, windows.CloseHandle(ev))
}

func TestFILETIME(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 4, 5, 600, time.UTC)
	ft := FILETIMEFromTime(now)
	assert.True(t, ft.Time().Equal(now), "round trip at 100 ns precision: %v", ft.Time())

	var sys windows.Filetime
	windows.GetSystemTimeAsFileTime(&sys)
	got := FILETIME{DwLowDateTime: sys.LowDateTime, DwHighDateTime: sys.HighDateTime}.Time()
	assert.WithinDuration(t, time.Now(), got, 5*time.Second, "Windows' clock, read through FILETIME")
}

func TestOptAndBOOL(t *testing.T) {
	p := Opt[uint32](0)
	require.NotNil(t, p)
	assert.Equal(t, uint32(0), *p)
	assert.True(t, BOOL(2).Bool())
	assert.False(t, BOOL(0).Bool())
	assert.Equal(t, BOOL(1), BoolToBOOL(true))
}
