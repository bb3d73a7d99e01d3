//go:build windows

package wintypes

import (
	"errors"
	"net/netip"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// FuzzSockaddrFromAddrPort builds an AddrPort from an address's bytes (4
// or 16 make one, others an invalid one), a zone and a port. The
// invariant: nil or an *errors.InputError naming ap or zone, never a
// panic; an AddrPort that converts converts back equal, through
// SOCKADDR_INET and RawSockaddr alike, with the family and length its
// address calls for.
func FuzzSockaddrFromAddrPort(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1}, "", uint16(0))
	f.Add(netip.MustParseAddr("::1").AsSlice(), "", uint16(65535))
	f.Add(netip.MustParseAddr("::ffff:1.2.3.4").AsSlice(), "", uint16(80))
	f.Add(netip.MustParseAddr("fe80::1").AsSlice(), "12", uint16(443))
	f.Add(netip.MustParseAddr("fe80::1").AsSlice(), "eth0", uint16(443))
	f.Add(netip.MustParseAddr("fe80::1").AsSlice(), "0", uint16(1))
	f.Add(netip.MustParseAddr("fe80::1").AsSlice(), "4294967296", uint16(1))
	f.Add([]byte{1, 2, 3}, "", uint16(1))
	f.Fuzz(func(t *testing.T, addr []byte, zone string, port uint16) {
		a, _ := netip.AddrFromSlice(addr) // the zero Addr for another length
		ap := netip.AddrPortFrom(a.WithZone(zone), port)
		sa, n, err := SockaddrFromAddrPort(ap)
		if err != nil {
			var input *wincgoerrors.InputError
			require.True(t, errors.As(err, &input), "error of type %T: %v", err, err)
			require.Contains(t, []string{"ap", "zone"}, input.Name)
			return
		}
		require.True(t, ap.IsValid())
		if ap.Addr().Is4() {
			require.Equal(t, AF_INET, sa.Family)
			require.Equal(t, int32(sizeofSockaddrIn), n)
		} else {
			require.Equal(t, AF_INET6, sa.Family)
			require.Equal(t, int32(sizeofSockaddrIn6), n)
		}
		back, err := sa.AddrPort()
		require.NoError(t, err)
		require.Equal(t, ap, back)
		r := RawSockaddr{Addr: sa, Len: n}
		back, err = r.AddrPort()
		require.NoError(t, err)
		require.Equal(t, ap, back)
	})
}

// FuzzSockaddrBytes reads any bytes, as Winsock might have written them,
// through RawSockaddr with any length. The invariant: nil or an
// *errors.InputError naming Family or Len, never a panic; an address read
// converts back to a SOCKADDR_INET that reads the same.
func FuzzSockaddrBytes(f *testing.F) {
	for _, s := range []string{"127.0.0.1:80", "[::1]:65535", "[fe80::1%3]:1", "[::ffff:1.2.3.4]:0"} {
		sa, n, err := SockaddrFromAddrPort(netip.MustParseAddrPort(s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add((*[sizeofSockaddrInet]byte)(unsafe.Pointer(&sa))[:], n)
	}
	f.Add([]byte{}, int32(28))
	f.Add([]byte{2, 0}, int32(15))
	f.Add([]byte{23, 0}, int32(-1))
	f.Fuzz(func(t *testing.T, raw []byte, n int32) {
		var r RawSockaddr
		copy((*[sizeofSockaddrInet]byte)(unsafe.Pointer(&r.Addr))[:], raw)
		r.Len = n
		ap, err := r.AddrPort()
		if err != nil {
			var input *wincgoerrors.InputError
			require.True(t, errors.As(err, &input), "error of type %T: %v", err, err)
			require.Contains(t, []string{"Family", "Len"}, input.Name)
			return
		}
		sa, _, err := SockaddrFromAddrPort(ap)
		require.NoError(t, err, "%v", ap)
		require.Equal(t, r.Addr.Family, sa.Family)
		back, err := sa.AddrPort()
		require.NoError(t, err)
		require.Equal(t, ap, back)
	})
}
