//go:build windows

// Package wintypes holds the Go side of the Windows types wincgo's functions
// take and return: handles and sockets as integers (comparable by value,
// never Go pointers), the structures Windows reads or fills in, with the
// exact C layout, and conversions from Go's own files, connections and
// golang.org/x/sys/windows handles.
//
// Structure fields carry their MSDN names with the first letter upper-cased
// (hEvent is HEvent, bInheritHandle is BInheritHandle), so Microsoft's
// documentation reads across. Each structure's layout is checked against
// mingw-w64's C definition when the package compiles, on windows/amd64 and
// windows/386 alike.
package wintypes

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// HANDLE is a Windows object handle: an event, a file, a pipe end, a
// process. It is an integer, so it is safe to store, compare and pass
// anywhere; wincgo never treats it as a Go pointer.
//
// It converts freely to and from golang.org/x/sys/windows.Handle and
// syscall.Handle: HANDLE(h), windows.Handle(h).
//
// See https://learn.microsoft.com/en-us/windows/win32/winprog/windows-data-types#HANDLE
type HANDLE uintptr

// FromWindows converts a golang.org/x/sys/windows.Handle to a HANDLE.
func FromWindows(h windows.Handle) HANDLE { return HANDLE(h) }

// Windows converts h to a golang.org/x/sys/windows.Handle.
func (h HANDLE) Windows() windows.Handle { return windows.Handle(h) }

// Uintptr returns h's raw value, for callers passing it to C themselves
// (pywincffi's wintype_to_cdata).
func (h HANDLE) Uintptr() uintptr { return uintptr(h) }

// String formats h as HANDLE(0x…).
func (h HANDLE) String() string { return fmt.Sprintf("HANDLE(%#x)", uintptr(h)) }

// SOCKET is a Winsock socket. Like HANDLE it is an integer.
//
// See https://learn.microsoft.com/en-us/windows/win32/winsock/socket-data-type-2
type SOCKET uintptr

// Uintptr returns s's raw value, for callers passing it to C themselves.
func (s SOCKET) Uintptr() uintptr { return uintptr(s) }

// String formats s as SOCKET(0x…).
func (s SOCKET) String() string { return fmt.Sprintf("SOCKET(%#x)", uintptr(s)) }

// WSAEVENT is a Winsock event object (WSACreateEvent). It is an event
// HANDLE: HANDLE(e) passes it to the wait functions.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent
type WSAEVENT HANDLE

// Handle returns e as the HANDLE the wait functions take.
func (e WSAEVENT) Handle() HANDLE { return HANDLE(e) }

// Uintptr returns e's raw value, for callers passing it to C themselves.
func (e WSAEVENT) Uintptr() uintptr { return uintptr(e) }

// String formats e as WSAEVENT(0x…).
func (e WSAEVENT) String() string { return fmt.Sprintf("WSAEVENT(%#x)", uintptr(e)) }

// BOOL is the Windows BOOL, a 32-bit integer: 0 is false, anything else
// true. It appears only inside structures, whose layout it must match;
// functions take and return Go bools.
type BOOL int32

// Bool reports whether b is true (non-zero).
func (b BOOL) Bool() bool { return b != 0 }

// BoolToBOOL converts a Go bool to a BOOL (1 or 0).
func BoolToBOOL(b bool) BOOL {
	if b {
		return 1
	}
	return 0
}

// Opt returns a pointer to v, for the optional parameters of wincgo's
// functions whose default is not the zero value, and for the optional
// counts that describe a Go slice: nil means "not given, use the
// documented default" (for a count, the slice's length), while Opt(v)
// passes v, even a zero v. wincgo's constants are typed like their
// parameters, so Opt infers the type from them; an untyped literal needs
// the type argument, except for counts, which are ints.
//
//	kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil, wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
//	kernel32.MoveFileEx(from, to, wintypes.Opt[uint32](0)) // no flags at all
//	kernel32.ReadFile(hFile, buf, wintypes.Opt(16), nil)    // at most 16 bytes
func Opt[T any](v T) *T { return &v }
