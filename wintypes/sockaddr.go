//go:build windows

package wintypes

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/winconst"
)

// Address families, as SOCKADDR_INET.Family (the C ADDRESS_FAMILY, a
// USHORT) carries them. WSASocket's af is an int: int32(AF_INET).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw
const (
	// AF_UNSPEC: no family; a zero SOCKADDR_INET has it.
	AF_UNSPEC uint16 = winconst.AF_UNSPEC
	// AF_INET: IPv4 (a sockaddr_in).
	AF_INET uint16 = winconst.AF_INET
	// AF_INET6: IPv6 (a sockaddr_in6).
	AF_INET6 uint16 = winconst.AF_INET6
)

// The sizes of C's sockaddr_in and sockaddr_in6 (namelen for bind and
// connect) and of the SOCKADDR_INET union; layout.go checks them against
// mingw-w64's headers.
const (
	sizeofSockaddrIn   = 16
	sizeofSockaddrIn6  = 28
	sizeofSockaddrInet = 28
)

// SOCKADDR_INET is an IPv4 or IPv6 socket address, as Winsock reads it
// (bind, connect, ConnectEx, WSASendTo) and writes it (getsockname,
// getpeername, WSARecvFrom): the C union of a sockaddr_in, a sockaddr_in6
// and their common family field, 28 bytes.
//
// Only Family is a Go field: the rest is the C union's bytes, in network
// byte order where the header says so, built by SockaddrFromAddrPort and
// read by AddrPort, so that a port or an address can never be stored in
// the wrong byte order. The zero SOCKADDR_INET is AF_UNSPEC.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ws2ipdef/ns-ws2ipdef-sockaddr_inet
type SOCKADDR_INET struct {
	// Family is AF_INET or AF_INET6 (si_family, which is sin_family and
	// sin6_family alike).
	Family uint16
	// port is sin_port or sin6_port, big-endian.
	port [2]byte
	// v4OrFlow is sin_addr for AF_INET and sin6_flowinfo for AF_INET6
	// (always 0 when wincgo writes it; ignored when it reads it).
	v4OrFlow [4]byte
	// addr6 is sin6_addr; its first 8 bytes are sin_zero for AF_INET.
	addr6 [16]byte
	// scopeID is sin6_scope_id; a uint32, which also gives the structure
	// C's 4-byte alignment.
	scopeID uint32
}

// SockaddrFromAddrPort converts ap to the SOCKADDR_INET, and its length,
// that bind, connect, ConnectEx and WSASendTo take as name and namelen:
// for an IPv4 address an AF_INET sockaddr_in, length 16; for an IPv6
// address an AF_INET6 sockaddr_in6, length 28. An IPv4-mapped IPv6 address
// (::ffff:1.2.3.4, "4in6") stays AF_INET6: it is what an IPv6 socket
// (dual-stack) takes; call ap.Addr().Unmap() first for an IPv4 socket. The
// port is stored in network byte order.
//
// An IPv6 zone must be a scope id in decimal ("fe80::1%12"), as Winsock's
// sin6_scope_id holds only the number: a name such as "eth0" or a
// non-canonical number ("012", "0", which is no scope) would not convert
// back to the same AddrPort.
//
// It returns an *errors.InputError naming ap for an invalid (zero) ap,
// and naming the zone for a zone that is not such a number.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ws2ipdef/ns-ws2ipdef-sockaddr_inet
func SockaddrFromAddrPort(ap netip.AddrPort) (SOCKADDR_INET, int32, error) {
	var s SOCKADDR_INET
	a := ap.Addr()
	if !a.IsValid() {
		return s, 0, &wincgoerrors.InputError{Name: "ap", Value: ap, Message: "received an invalid netip.AddrPort, expected an IPv4 or IPv6 address and a port"}
	}
	port := ap.Port()
	s.port = [2]byte{byte(port >> 8), byte(port)}
	if a.Is4() {
		s.Family = AF_INET
		s.v4OrFlow = a.As4()
		return s, sizeofSockaddrIn, nil
	}
	scope, err := scopeID(a.Zone())
	if err != nil {
		return SOCKADDR_INET{}, 0, err
	}
	s.Family = AF_INET6
	s.addr6 = a.As16()
	s.scopeID = scope
	return s, sizeofSockaddrIn6, nil
}

// scopeID parses an IPv6 zone as a sin6_scope_id: "" is 0, otherwise a
// decimal number from 1 to MaxUint32 without a leading zero, so that
// FormatUint gives the zone back.
func scopeID(zone string) (uint32, error) {
	if zone == "" {
		return 0, nil
	}
	var n uint64
	ok := zone[0] != '0' && len(zone) <= 10
	for i := 0; ok && i < len(zone); i++ {
		c := zone[i]
		ok = '0' <= c && c <= '9'
		n = n*10 + uint64(c-'0')
	}
	if !ok || n > math.MaxUint32 {
		return 0, &wincgoerrors.InputError{Name: "zone", Value: zone,
			Message: fmt.Sprintf("received %q, expected a scope id in decimal, 1 to %d, without leading zeros (sin6_scope_id holds a number, not an interface name)", zone, uint64(math.MaxUint32))}
	}
	return uint32(n), nil
}

// AddrPort converts s back to a netip.AddrPort: an AF_INET address as an
// IPv4 address, an AF_INET6 one as an IPv6 address (an IPv4-mapped one
// stays IPv6), with sin6_scope_id, when not 0, as the zone in decimal.
// sin6_flowinfo is ignored. It reads s whatever length Winsock reported;
// RawSockaddr.AddrPort also checks the length.
//
// It returns an *errors.InputError naming Family for any other family
// (AF_UNSPEC for a zero s).
func (s *SOCKADDR_INET) AddrPort() (netip.AddrPort, error) {
	port := uint16(s.port[0])<<8 | uint16(s.port[1])
	switch s.Family {
	case AF_INET:
		return netip.AddrPortFrom(netip.AddrFrom4(s.v4OrFlow), port), nil
	case AF_INET6:
		a := netip.AddrFrom16(s.addr6)
		if s.scopeID != 0 {
			a = a.WithZone(strconv.FormatUint(uint64(s.scopeID), 10))
		}
		return netip.AddrPortFrom(a, port), nil
	}
	return netip.AddrPort{}, familyError(s.Family)
}

func familyError(f uint16) error {
	return &wincgoerrors.InputError{Name: "Family", Value: f,
		Message: fmt.Sprintf("received address family %d, expected AF_INET (%d) or AF_INET6 (%d)", f, AF_INET, AF_INET6)}
}

// Pointer returns s as the const struct sockaddr * a C function takes
// (nil for a nil s), for callers calling C themselves.
func (s *SOCKADDR_INET) Pointer() unsafe.Pointer { return unsafe.Pointer(s) }

// RawSockaddr is where Winsock writes an address and its length:
// getsockname's and getpeername's name and namelen, WSARecvFrom's lpFrom
// and lpFromlen. Both are in one Go
// object so that one pin keeps both in place while an overlapped
// WSARecvFrom is in flight (Windows writes them when the datagram
// arrives, after the call returned): it must then stay alive, unmoved and
// untouched until the operation completes; ws2_32 pins it.
type RawSockaddr struct {
	// Addr receives the address.
	Addr SOCKADDR_INET
	// Len is the size of Addr on input (Reset sets it) and receives the
	// length of the address Winsock wrote. It is a C int.
	Len int32
}

// Reset clears r and sets Len to the size of Addr, ready to receive an
// address of either family.
func (r *RawSockaddr) Reset() { *r = RawSockaddr{Len: sizeofSockaddrInet} }

// SetAddrPort sets r to ap, converted by SockaddrFromAddrPort, and Len to
// its length (16 for IPv4, 28 for IPv6): the name and namelen ConnectEx
// and WSASendTo take.
//
// It returns SockaddrFromAddrPort's *errors.InputError for an invalid ap
// or zone; r is then unchanged.
func (r *RawSockaddr) SetAddrPort(ap netip.AddrPort) error {
	a, n, err := SockaddrFromAddrPort(ap)
	if err != nil {
		return err
	}
	r.Addr, r.Len = a, n
	return nil
}

// AddrPort converts the address Winsock wrote to a netip.AddrPort, as
// SOCKADDR_INET.AddrPort does, after checking Len: Winsock must have
// written at least the family's structure (16 bytes for AF_INET, 28 for
// AF_INET6) and at most Addr's size.
//
// It returns an *errors.InputError naming Family for a family other than
// AF_INET and AF_INET6, and naming Len for a length too short for the
// family or longer than Addr.
func (r *RawSockaddr) AddrPort() (netip.AddrPort, error) {
	var need int32
	switch r.Addr.Family {
	case AF_INET:
		need = sizeofSockaddrIn
	case AF_INET6:
		need = sizeofSockaddrIn6
	default:
		return netip.AddrPort{}, familyError(r.Addr.Family)
	}
	if r.Len < need || r.Len > sizeofSockaddrInet {
		return netip.AddrPort{}, &wincgoerrors.InputError{Name: "Len", Value: r.Len,
			Message: fmt.Sprintf("received %d, expected %d to %d for address family %d (the length of its structure to the size of SOCKADDR_INET)", r.Len, need, sizeofSockaddrInet, r.Addr.Family)}
	}
	return r.Addr.AddrPort()
}
