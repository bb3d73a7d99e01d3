//go:build windows

package wintypes

import (
	"syscall"
	"time"
	"unsafe"
)

// OVERLAPPED carries the position and event of an asynchronous
// (overlapped) I/O operation, and receives its status.
//
// While an operation that was given an OVERLAPPED is pending, Windows keeps
// writing into it: it must stay alive and unmoved until the operation
// completes. wincgo's I/O functions pin the OVERLAPPED and the buffer they
// are given until they see the operation complete.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/minwinbase/ns-minwinbase-overlapped
type OVERLAPPED struct {
	// Internal receives the status code of the request (an NTSTATUS).
	Internal uintptr
	// InternalHigh receives the number of bytes transferred.
	InternalHigh uintptr
	// Offset and OffsetHigh are the file position at which to start.
	Offset     uint32
	OffsetHigh uint32
	// HEvent is signalled when the operation completes; may be 0.
	HEvent HANDLE
}

// Pointer returns o as the LPOVERLAPPED a C function takes (nil for a nil
// o), for callers calling C themselves.
func (o *OVERLAPPED) Pointer() unsafe.Pointer { return unsafe.Pointer(o) }

// SECURITY_ATTRIBUTES gives a new object a security descriptor and says
// whether its handle is inherited by child processes. Its nLength is not a
// field: it is always the structure's size, set when the structure is
// passed to Windows, so it cannot be wrong.
//
//	sa := &wintypes.SECURITY_ATTRIBUTES{BInheritHandle: wintypes.BoolToBOOL(true)}
//
// See https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/aa379560(v=vs.85)
type SECURITY_ATTRIBUTES struct {
	nLength uint32
	// LpSecurityDescriptor is the address of a SECURITY_DESCRIPTOR, or 0
	// for the default descriptor of the calling process.
	LpSecurityDescriptor uintptr
	// BInheritHandle makes the new handle inheritable when true.
	BInheritHandle BOOL
}

// NLength returns the value of the C structure's nLength: its size.
func (sa *SECURITY_ATTRIBUTES) NLength() uint32 { return uint32(unsafe.Sizeof(*sa)) }

// Pointer returns sa as the LPSECURITY_ATTRIBUTES a C function takes, with
// nLength set (nil for a nil sa, which C reads as "default attributes").
func (sa *SECURITY_ATTRIBUTES) Pointer() unsafe.Pointer {
	if sa == nil {
		return nil
	}
	sa.nLength = sa.NLength()
	return unsafe.Pointer(sa)
}

// FILETIME is a time as 100-nanosecond intervals since January 1, 1601
// (UTC), split in two 32-bit halves.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/minwinbase/ns-minwinbase-filetime
type FILETIME struct {
	DwLowDateTime  uint32
	DwHighDateTime uint32
}

// Time converts ft to a time.Time.
func (ft FILETIME) Time() time.Time {
	f := syscall.Filetime{LowDateTime: ft.DwLowDateTime, HighDateTime: ft.DwHighDateTime}
	return time.Unix(0, f.Nanoseconds())
}

// FILETIMEFromTime converts t to a FILETIME (to 100 ns precision).
func FILETIMEFromTime(t time.Time) FILETIME {
	f := syscall.NsecToFiletime(t.UnixNano())
	return FILETIME{DwLowDateTime: f.LowDateTime, DwHighDateTime: f.HighDateTime}
}
