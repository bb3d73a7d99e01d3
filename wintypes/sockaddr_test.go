//go:build windows

package wintypes

import (
	"math"
	"net/netip"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
)

func TestSockaddrRoundTrip(t *testing.T) {
	for _, c := range []struct {
		ap     string
		family uint16
		n      int32
	}{
		{"127.0.0.1:0", AF_INET, 16},
		{"0.0.0.0:65535", AF_INET, 16},
		{"255.255.255.255:80", AF_INET, 16},
		{"[::]:0", AF_INET6, 28},
		{"[::1]:65535", AF_INET6, 28},
		{"[2001:db8::1:2]:443", AF_INET6, 28},
		// 4in6 stays IPv6, as a dual-stack socket takes it.
		{"[::ffff:1.2.3.4]:8080", AF_INET6, 28},
		{"[fe80::1%12]:1", AF_INET6, 28},
		{"[fe80::1%4294967295]:65535", AF_INET6, 28},
		{"[::ffff:127.0.0.1%7]:0", AF_INET6, 28},
	} {
		t.Run(c.ap, func(t *testing.T) {
			ap := netip.MustParseAddrPort(c.ap)
			sa, n, err := SockaddrFromAddrPort(ap)
			require.NoError(t, err)
			assert.Equal(t, c.family, sa.Family)
			assert.Equal(t, c.n, n)

			back, err := sa.AddrPort()
			require.NoError(t, err)
			assert.Equal(t, ap, back)

			r := RawSockaddr{Addr: sa, Len: n}
			back, err = r.AddrPort()
			require.NoError(t, err)
			assert.Equal(t, ap, back)
		})
	}
}

// TestSockaddrBytes checks where the bytes go against golang.org/x/sys's
// own mirrors of sockaddr_in and sockaddr_in6 (layout.go checks the
// offsets against mingw-w64's): the port big-endian, the address as is.
func TestSockaddrBytes(t *testing.T) {
	sa, n, err := SockaddrFromAddrPort(netip.MustParseAddrPort("192.168.1.2:258"))
	require.NoError(t, err)
	require.EqualValues(t, unsafe.Sizeof(windows.RawSockaddrInet4{}), n)
	in4 := (*windows.RawSockaddrInet4)(unsafe.Pointer(&sa))
	assert.Equal(t, uint16(windows.AF_INET), in4.Family)
	assert.Equal(t, [2]byte{1, 2}, *(*[2]byte)(unsafe.Pointer(&in4.Port)), "port 258 = 0x0102, big-endian")
	assert.Equal(t, [4]byte{192, 168, 1, 2}, in4.Addr)
	assert.Equal(t, [8]byte{}, in4.Zero)

	sa, n, err = SockaddrFromAddrPort(netip.MustParseAddrPort("[2001:db8::7%9]:65534"))
	require.NoError(t, err)
	require.EqualValues(t, unsafe.Sizeof(windows.RawSockaddrInet6{}), n)
	in6 := (*windows.RawSockaddrInet6)(unsafe.Pointer(&sa))
	assert.Equal(t, uint16(windows.AF_INET6), in6.Family)
	assert.Equal(t, [2]byte{0xff, 0xfe}, *(*[2]byte)(unsafe.Pointer(&in6.Port)))
	assert.Equal(t, uint32(0), in6.Flowinfo)
	assert.Equal(t, netip.MustParseAddr("2001:db8::7").As16(), in6.Addr)
	assert.Equal(t, uint32(9), in6.Scope_id)

	// And back: what x/sys builds, AddrPort reads (flowinfo ignored).
	var raw SOCKADDR_INET
	r6 := (*windows.RawSockaddrInet6)(unsafe.Pointer(&raw))
	*r6 = windows.RawSockaddrInet6{Family: windows.AF_INET6, Flowinfo: 0x12345, Scope_id: 3,
		Addr: netip.MustParseAddr("fe80::2").As16()}
	*(*[2]byte)(unsafe.Pointer(&r6.Port)) = [2]byte{0x1f, 0x90}
	ap, err := raw.AddrPort()
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddrPort("[fe80::2%3]:8080"), ap)

	assert.Equal(t, uint16(windows.AF_UNSPEC), AF_UNSPEC)
	assert.Equal(t, uint16(windows.AF_INET), AF_INET)
	assert.Equal(t, uint16(windows.AF_INET6), AF_INET6)
	assert.Equal(t, unsafe.Pointer(&raw), raw.Pointer())
}

var (
	modws2_32       = windows.NewLazySystemDLL("ws2_32.dll")
	procBind        = modws2_32.NewProc("bind")
	procGetsockname = modws2_32.NewProc("getsockname")
)

// TestSockaddrWinsock has Winsock itself read a SOCKADDR_INET (bind) and
// write one (getsockname into a RawSockaddr).
func TestSockaddrWinsock(t *testing.T) {
	var d windows.WSAData
	require.NoError(t, windows.WSAStartup(0x202, &d))
	defer func() { require.NoError(t, windows.WSACleanup()) }()
	s, err := windows.Socket(windows.AF_INET, windows.SOCK_DGRAM, windows.IPPROTO_UDP)
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.Closesocket, s)

	sa, n, err := SockaddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0"))
	require.NoError(t, err)
	r1, _, e := procBind.Call(uintptr(s), uintptr(sa.Pointer()), uintptr(n))
	require.Zero(t, r1, "bind: %v", e)

	var r RawSockaddr
	r.Reset()
	r1, _, e = procGetsockname.Call(uintptr(s), uintptr(unsafe.Pointer(&r.Addr)), uintptr(unsafe.Pointer(&r.Len)))
	require.Zero(t, r1, "getsockname: %v", e)
	assert.Equal(t, int32(16), r.Len)
	ap, err := r.AddrPort()
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddr("127.0.0.1"), ap.Addr())
	assert.NotZero(t, ap.Port(), "an ephemeral port was chosen")

	want, err := windows.Getsockname(s)
	require.NoError(t, err)
	assert.Equal(t, want.(*windows.SockaddrInet4).Port, int(ap.Port()))
}

func TestSockaddrBadInput(t *testing.T) {
	zoned := func(zone string) netip.AddrPort {
		return netip.AddrPortFrom(netip.MustParseAddr("fe80::1").WithZone(zone), 80)
	}
	for _, c := range []struct {
		name, param string
		ap          netip.AddrPort
	}{
		{"invalid", "ap", netip.AddrPort{}},
		{"zone=eth0", "zone", zoned("eth0")},
		{"zone=0", "zone", zoned("0")},
		{"zone=012", "zone", zoned("012")},
		{"zone=4294967296", "zone", zoned("4294967296")},
		{"zone=99999999999", "zone", zoned("99999999999")},
		{"zone=-1", "zone", zoned("-1")},
		{"zone=+1", "zone", zoned("+1")},
		{"zone=1a", "zone", zoned("1a")},
	} {
		t.Run("SockaddrFromAddrPort/"+c.name, func(t *testing.T) {
			sa, n, err := SockaddrFromAddrPort(c.ap)
			testutil.RequireInputError(t, err, c.param)
			assert.Equal(t, SOCKADDR_INET{}, sa)
			assert.Zero(t, n)
		})
	}
	ie := testutil.InputErrorOf(t, func() error { _, _, err := SockaddrFromAddrPort(zoned("eth0")); return err }(), "zone")
	assert.Contains(t, ie.Error(), `"eth0"`)
	assert.Contains(t, ie.Error(), "4294967295")

	v4, _, err := SockaddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:1"))
	require.NoError(t, err)
	v6, _, err := SockaddrFromAddrPort(netip.MustParseAddrPort("[::1]:1"))
	require.NoError(t, err)
	withFamily := func(sa SOCKADDR_INET, f uint16) SOCKADDR_INET { sa.Family = f; return sa }
	for _, c := range []struct {
		name, param string
		r           RawSockaddr
	}{
		{"Family=AF_UNSPEC", "Family", RawSockaddr{Len: 28}},
		{"Family=1", "Family", RawSockaddr{Addr: withFamily(v4, 1), Len: 16}},
		{"Family=AF_INET6+1", "Family", RawSockaddr{Addr: withFamily(v6, AF_INET6+1), Len: 28}},
		{"AF_INET/Len=15", "Len", RawSockaddr{Addr: v4, Len: 15}},
		{"AF_INET/Len=0", "Len", RawSockaddr{Addr: v4, Len: 0}},
		{"AF_INET/Len=-1", "Len", RawSockaddr{Addr: v4, Len: -1}},
		{"AF_INET/Len=29", "Len", RawSockaddr{Addr: v4, Len: 29}},
		{"AF_INET6/Len=16", "Len", RawSockaddr{Addr: v6, Len: 16}},
		{"AF_INET6/Len=27", "Len", RawSockaddr{Addr: v6, Len: 27}},
		{"AF_INET6/Len=MaxInt32", "Len", RawSockaddr{Addr: v6, Len: math.MaxInt32}},
	} {
		t.Run("RawSockaddr.AddrPort/"+c.name, func(t *testing.T) {
			ap, err := c.r.AddrPort()
			testutil.RequireInputError(t, err, c.param)
			assert.Equal(t, netip.AddrPort{}, ap)
			if c.param == "Family" {
				_, err := c.r.Addr.AddrPort()
				testutil.RequireInputError(t, err, "Family")
			}
		})
	}
	// A longer Len than the family needs is fine: up to Addr's size.
	ap, err := (&RawSockaddr{Addr: v4, Len: 28}).AddrPort()
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddrPort("127.0.0.1:1"), ap)
}

func TestRawSockaddrReset(t *testing.T) {
	r := RawSockaddr{Addr: SOCKADDR_INET{Family: AF_INET, port: [2]byte{1, 2}}, Len: 3}
	r.Reset()
	assert.Equal(t, RawSockaddr{Len: int32(unsafe.Sizeof(r.Addr))}, r)
	assert.Equal(t, unsafe.Sizeof(r.Addr), unsafe.Offsetof(r.Len), "Len right after Addr")
}

// TestLINGER has Winsock read and write a LINGER (SO_LINGER).
func TestLINGER(t *testing.T) {
	var d windows.WSAData
	require.NoError(t, windows.WSAStartup(0x202, &d))
	defer func() { require.NoError(t, windows.WSACleanup()) }()
	s, err := windows.Socket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP)
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.Closesocket, s)

	in := LINGER{Onoff: 1, Linger: 7}
	require.NoError(t, windows.Setsockopt(s, windows.SOL_SOCKET, windows.SO_LINGER, (*byte)(unsafe.Pointer(&in)), int32(unsafe.Sizeof(in))))
	var out LINGER
	n := int32(unsafe.Sizeof(out))
	require.NoError(t, windows.Getsockopt(s, windows.SOL_SOCKET, windows.SO_LINGER, (*byte)(unsafe.Pointer(&out)), &n))
	assert.Equal(t, int32(unsafe.Sizeof(out)), n)
	assert.Equal(t, uint16(1), out.Onoff&1, "on (Windows may report any non-zero)")
	assert.Equal(t, uint16(7), out.Linger)
}

func TestWSABUF(t *testing.T) {
	var w WSABUF
	assert.Nil(t, w.Bytes(), "unset")
	assert.Zero(t, w.Len())
	assert.Nil(t, w.Pointer())

	b := []byte("hello, winsock")
	require.NoError(t, w.Set(b))
	assert.Equal(t, len(b), w.Len())
	assert.Equal(t, unsafe.Pointer(&b[0]), w.Pointer())
	got := w.Bytes()
	require.Len(t, got, len(b))
	assert.Same(t, &b[0], &got[0], "Bytes is the slice Set was given")
	assert.Equal(t, len(b), cap(got), "no further than len(b)")

	// The C view: golang.org/x/sys's mirror of WSABUF (layout.go checks
	// mingw-w64's).
	c := (*windows.WSABuf)(unsafe.Pointer(&w))
	assert.Equal(t, uint32(len(b)), c.Len)
	assert.Same(t, &b[0], c.Buf)

	require.NoError(t, w.Set(b[:0]))
	assert.Nil(t, w.Bytes(), "empty")
	assert.Nil(t, w.Pointer())
	assert.Zero(t, w.Len())
	require.NoError(t, w.Set(nil))
	assert.Nil(t, w.Bytes())
}

func TestTRANSMIT_FILE_BUFFERS(t *testing.T) {
	var tf TRANSMIT_FILE_BUFFERS
	assert.Nil(t, tf.Head())
	assert.Nil(t, tf.Tail())
	head, tail := []byte("HEAD"), []byte("tail!")
	require.NoError(t, tf.SetHead(head))
	require.NoError(t, tf.SetTail(tail))
	assert.Same(t, &head[0], &tf.Head()[0])
	assert.Same(t, &tail[0], &tf.Tail()[0])
	assert.Equal(t, "HEAD", string(tf.Head()))
	assert.Equal(t, "tail!", string(tf.Tail()))

	c := (*windows.TransmitFileBuffers)(unsafe.Pointer(&tf))
	assert.Equal(t, uintptr(unsafe.Pointer(&head[0])), c.Head)
	assert.Equal(t, uint32(len(head)), c.HeadLength)
	assert.Equal(t, uintptr(unsafe.Pointer(&tail[0])), c.Tail)
	assert.Equal(t, uint32(len(tail)), c.TailLength)

	require.NoError(t, tf.SetHead(nil))
	assert.Nil(t, tf.Head())
	assert.Zero(t, c.Head)
	assert.Zero(t, c.HeadLength)
	assert.Equal(t, "tail!", string(tf.Tail()), "the tail stays")
}

// TestBufferLengthLimit checks the refusal of a buffer a 32-bit length
// cannot count through ulongLen, which Set, SetHead and SetTail call with
// len(b): a real 4 GiB buffer is too much for a test.
func TestBufferLengthLimit(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int64
		ok   bool
	}{
		{"0", 0, true},
		{"MaxUint32", math.MaxUint32, true},
		{"MaxUint32+1", math.MaxUint32 + 1, false},
		{"1<<40", 1 << 40, false},
		{"MaxInt64", math.MaxInt64, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, name := range []string{"buf", "Head", "Tail"} {
				n, err := ulongLen(name, c.n)
				if c.ok {
					require.NoError(t, err)
					assert.Equal(t, uint32(c.n), n)
					continue
				}
				ie := testutil.InputErrorOf(t, err, name)
				assert.Zero(t, n)
				assert.True(t, strings.Contains(ie.Error(), "4294967295"), "names the limit: %v", ie)
			}
		})
	}
}

// TestSocketTypesAllocateNothing: the conversions cost no garbage
// (a zone of 100 or more is formatted into a new string when read back).
func TestSocketTypesAllocateNothing(t *testing.T) {
	ap4 := netip.MustParseAddrPort("127.0.0.1:80")
	ap6 := netip.MustParseAddrPort("[fe80::1%12]:443")
	sa4, _, _ := SockaddrFromAddrPort(ap4)
	sa6, _, _ := SockaddrFromAddrPort(ap6)
	r := RawSockaddr{Addr: sa6, Len: 28}
	buf := make([]byte, 64)
	var w WSABUF
	var tf TRANSMIT_FILE_BUFFERS
	for _, c := range []struct {
		name string
		op   func()
	}{
		{"SockaddrFromAddrPort/IPv4", func() {
			if _, _, err := SockaddrFromAddrPort(ap4); err != nil {
				panic(err)
			}
		}},
		{"SockaddrFromAddrPort/IPv6+zone", func() {
			if _, _, err := SockaddrFromAddrPort(ap6); err != nil {
				panic(err)
			}
		}},
		{"SOCKADDR_INET.AddrPort/IPv4", func() {
			if _, err := sa4.AddrPort(); err != nil {
				panic(err)
			}
		}},
		{"SOCKADDR_INET.AddrPort/IPv6+zone", func() {
			if _, err := sa6.AddrPort(); err != nil {
				panic(err)
			}
		}},
		{"RawSockaddr.Reset+AddrPort", func() {
			r.Reset()
			r = RawSockaddr{Addr: sa6, Len: 28}
			if _, err := r.AddrPort(); err != nil {
				panic(err)
			}
		}},
		{"WSABUF.Set+Bytes", func() {
			if err := w.Set(buf); err != nil {
				panic(err)
			}
			_ = w.Bytes()
		}},
		{"TRANSMIT_FILE_BUFFERS.SetHead+SetTail", func() {
			if err := tf.SetHead(buf); err != nil {
				panic(err)
			}
			if err := tf.SetTail(buf); err != nil {
				panic(err)
			}
		}},
	} {
		assert.Zero(t, testing.AllocsPerRun(50, c.op), c.name)
	}
}
