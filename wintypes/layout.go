//go:build windows

package wintypes

/*
#include <winsock2.h>
#include <windows.h>
*/
import "C"

import "unsafe"

// The Go mirrors of C structures must match mingw-w64's layout exactly,
// since Windows reads and writes them in place. Each line below fails to
// compile unless the two values are equal (a positive difference indexes
// out of range, a negative one overflows uintptr), so a mismatch breaks the
// build for the architecture it happens on: lint builds windows/amd64 and
// windows/386.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(OVERLAPPED{})-C.sizeof_OVERLAPPED]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED{}.Internal)-unsafe.Offsetof(C.OVERLAPPED{}.Internal)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED{}.InternalHigh)-unsafe.Offsetof(C.OVERLAPPED{}.InternalHigh)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED{}.Offset)-unsafe.Offsetof(C.OVERLAPPED{}.anon0)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED{}.HEvent)-unsafe.Offsetof(C.OVERLAPPED{}.hEvent)]

	_ = [1]struct{}{}[unsafe.Sizeof(SECURITY_ATTRIBUTES{})-C.sizeof_SECURITY_ATTRIBUTES]
	_ = [1]struct{}{}[unsafe.Offsetof(SECURITY_ATTRIBUTES{}.nLength)-unsafe.Offsetof(C.SECURITY_ATTRIBUTES{}.nLength)]
	_ = [1]struct{}{}[unsafe.Offsetof(SECURITY_ATTRIBUTES{}.LpSecurityDescriptor)-unsafe.Offsetof(C.SECURITY_ATTRIBUTES{}.lpSecurityDescriptor)]
	_ = [1]struct{}{}[unsafe.Offsetof(SECURITY_ATTRIBUTES{}.BInheritHandle)-unsafe.Offsetof(C.SECURITY_ATTRIBUTES{}.bInheritHandle)]

	_ = [1]struct{}{}[unsafe.Sizeof(FILETIME{})-C.sizeof_FILETIME]
	_ = [1]struct{}{}[unsafe.Offsetof(FILETIME{}.DwLowDateTime)-unsafe.Offsetof(C.FILETIME{}.dwLowDateTime)]
	_ = [1]struct{}{}[unsafe.Offsetof(FILETIME{}.DwHighDateTime)-unsafe.Offsetof(C.FILETIME{}.dwHighDateTime)]

	_ = [1]struct{}{}[unsafe.Sizeof(WSANETWORKEVENTS{})-C.sizeof_WSANETWORKEVENTS]
	_ = [1]struct{}{}[unsafe.Offsetof(WSANETWORKEVENTS{}.LNetworkEvents)-unsafe.Offsetof(C.WSANETWORKEVENTS{}.lNetworkEvents)]
	_ = [1]struct{}{}[unsafe.Offsetof(WSANETWORKEVENTS{}.IErrorCode)-unsafe.Offsetof(C.WSANETWORKEVENTS{}.iErrorCode)]

	_ = [1]struct{}{}[unsafe.Sizeof(OVERLAPPED_ENTRY{})-C.sizeof_OVERLAPPED_ENTRY]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED_ENTRY{}.LpCompletionKey)-unsafe.Offsetof(C.OVERLAPPED_ENTRY{}.lpCompletionKey)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED_ENTRY{}.LpOverlapped)-unsafe.Offsetof(C.OVERLAPPED_ENTRY{}.lpOverlapped)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED_ENTRY{}.Internal)-unsafe.Offsetof(C.OVERLAPPED_ENTRY{}.Internal)]
	_ = [1]struct{}{}[unsafe.Offsetof(OVERLAPPED_ENTRY{}.DwNumberOfBytesTransferred)-unsafe.Offsetof(C.OVERLAPPED_ENTRY{}.dwNumberOfBytesTransferred)]

	_ = [1]struct{}{}[unsafe.Sizeof(POINT{})-C.sizeof_POINT]
	_ = [1]struct{}{}[unsafe.Offsetof(POINT{}.X)-unsafe.Offsetof(C.POINT{}.x)]
	_ = [1]struct{}{}[unsafe.Offsetof(POINT{}.Y)-unsafe.Offsetof(C.POINT{}.y)]

	_ = [1]struct{}{}[unsafe.Sizeof(MSG{})-C.sizeof_MSG]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.Hwnd)-unsafe.Offsetof(C.MSG{}.hwnd)]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.Message)-unsafe.Offsetof(C.MSG{}.message)]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.WParam)-unsafe.Offsetof(C.MSG{}.wParam)]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.LParam)-unsafe.Offsetof(C.MSG{}.lParam)]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.Time)-unsafe.Offsetof(C.MSG{}.time)]
	_ = [1]struct{}{}[unsafe.Offsetof(MSG{}.Pt)-unsafe.Offsetof(C.MSG{}.pt)]

	_ = [1]struct{}{}[unsafe.Sizeof(HANDLE(0))-C.sizeof_HANDLE]
	_ = [1]struct{}{}[unsafe.Sizeof(SOCKET(0))-C.sizeof_SOCKET]
	_ = [1]struct{}{}[unsafe.Sizeof(BOOL(0))-C.sizeof_BOOL]
)
