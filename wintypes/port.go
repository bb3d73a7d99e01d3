//go:build windows

package wintypes

import "unsafe"

// OVERLAPPED_ENTRY is one completion packet dequeued from an I/O completion
// port by GetQueuedCompletionStatusEx.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/minwinbase/ns-minwinbase-overlapped_entry
//
// LpOverlapped is an address, not a Go pointer: Windows fills it with
// whatever the packet carries (the OVERLAPPED of an I/O operation, or any
// value PostQueuedCompletionStatus was given, 0 for the packets of
// wincgo's registered waits), so a Go pointer there could point anywhere.
// Compare it with OVERLAPPED.Address to find the operation it belongs to.
type OVERLAPPED_ENTRY struct {
	// LpCompletionKey is the key the file handle was associated with
	// (CreateIoCompletionPort), or the key given to
	// PostQueuedCompletionStatus or to a registered wait.
	LpCompletionKey uintptr
	// LpOverlapped is the address of the operation's OVERLAPPED (or the
	// value posted).
	LpOverlapped uintptr
	// Internal is the operation's status (an NTSTATUS); Windows reserves
	// it.
	Internal uintptr
	// DwNumberOfBytesTransferred is the number of bytes the operation
	// transferred (or the count posted).
	DwNumberOfBytesTransferred uint32
}

// Address returns o's address, as a completion port reports it in
// OVERLAPPED_ENTRY.LpOverlapped and GetQueuedCompletionStatus's
// lpOverlapped (0 for a nil o).
func (o *OVERLAPPED) Address() uintptr { return uintptr(unsafe.Pointer(o)) }
