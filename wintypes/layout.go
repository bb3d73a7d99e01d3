//go:build windows

package wintypes

/*
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <tlhelp32.h>
#include <string.h>
#include <stddef.h>

// What cgo cannot name: sockaddr_in6's scope id sits in an anonymous union,
// and Go sees no C alignment.
enum {
    wincgo_offsetof_sin6_scope_id = offsetof(SOCKADDR_IN6, sin6_scope_id),
    wincgo_alignof_SOCKADDR_INET = __alignof__(SOCKADDR_INET),
    wincgo_alignof_WSABUF = __alignof__(WSABUF),
    wincgo_alignof_TRANSMIT_FILE_BUFFERS = __alignof__(TRANSMIT_FILE_BUFFERS),
};

// The bit-fields of COMSTAT's first DWORD cannot be named from Go: these
// return that DWORD with one bit-field set by the C compiler, so that a
// test can check the accessors' bit positions against mingw-w64's layout.
static DWORD wincgo_comstat_bit(int i) {
    COMSTAT c;
    memset(&c, 0, sizeof c);
    switch (i) {
    case 0: c.fCtsHold = 1; break;
    case 1: c.fDsrHold = 1; break;
    case 2: c.fRlsdHold = 1; break;
    case 3: c.fXoffHold = 1; break;
    case 4: c.fXoffSent = 1; break;
    case 5: c.fEof = 1; break;
    case 6: c.fTxim = 1; break;
    case 7: c.fReserved = 0x1FFFFFF; break;
    }
    DWORD d;
    memcpy(&d, &c, sizeof d);
    return d;
}
*/
import "C"

import "unsafe"

// This is wintypes' one file with import "C" (each such file makes cgo run
// gcc on windows.h several times per build mode): every layout check is
// here, whichever file defines the structure.
//
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

// STARTUPINFO, STARTUPINFOEXW, PROCESS_INFORMATION, IO_COUNTERS and the job
// limit structures (process.go).
var (
	_ = [1]struct{}{}[unsafe.Sizeof(STARTUPINFO{})-C.sizeof_STARTUPINFOW]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.cb)-unsafe.Offsetof(C.STARTUPINFOW{}.cb)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.LpReserved)-unsafe.Offsetof(C.STARTUPINFOW{}.lpReserved)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.LpDesktop)-unsafe.Offsetof(C.STARTUPINFOW{}.lpDesktop)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.LpTitle)-unsafe.Offsetof(C.STARTUPINFOW{}.lpTitle)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwX)-unsafe.Offsetof(C.STARTUPINFOW{}.dwX)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwY)-unsafe.Offsetof(C.STARTUPINFOW{}.dwY)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwXSize)-unsafe.Offsetof(C.STARTUPINFOW{}.dwXSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwYSize)-unsafe.Offsetof(C.STARTUPINFOW{}.dwYSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwXCountChars)-unsafe.Offsetof(C.STARTUPINFOW{}.dwXCountChars)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwYCountChars)-unsafe.Offsetof(C.STARTUPINFOW{}.dwYCountChars)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwFillAttribute)-unsafe.Offsetof(C.STARTUPINFOW{}.dwFillAttribute)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.DwFlags)-unsafe.Offsetof(C.STARTUPINFOW{}.dwFlags)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.WShowWindow)-unsafe.Offsetof(C.STARTUPINFOW{}.wShowWindow)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.CbReserved2)-unsafe.Offsetof(C.STARTUPINFOW{}.cbReserved2)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.LpReserved2)-unsafe.Offsetof(C.STARTUPINFOW{}.lpReserved2)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.HStdInput)-unsafe.Offsetof(C.STARTUPINFOW{}.hStdInput)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.HStdOutput)-unsafe.Offsetof(C.STARTUPINFOW{}.hStdOutput)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.HStdError)-unsafe.Offsetof(C.STARTUPINFOW{}.hStdError)]

	// kernel32's STARTUPINFOEXW, which CreateProcess builds from a
	// kernel32.STARTUPINFOEX: a STARTUPINFO and, right after it, the
	// list's address; cb is the STARTUPINFO's first field (above).
	_ = [1]struct{}{}[unsafe.Sizeof(STARTUPINFO{})+unsafe.Sizeof(uintptr(0))-C.sizeof_STARTUPINFOEXW]
	_ = [1]struct{}{}[unsafe.Offsetof(C.STARTUPINFOEXW{}.StartupInfo)]
	_ = [1]struct{}{}[unsafe.Sizeof(STARTUPINFO{})-unsafe.Offsetof(C.STARTUPINFOEXW{}.lpAttributeList)]
	_ = [1]struct{}{}[unsafe.Offsetof(STARTUPINFO{}.cb)]

	_ = [1]struct{}{}[unsafe.Sizeof(PROCESS_INFORMATION{})-C.sizeof_PROCESS_INFORMATION]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESS_INFORMATION{}.HProcess)-unsafe.Offsetof(C.PROCESS_INFORMATION{}.hProcess)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESS_INFORMATION{}.HThread)-unsafe.Offsetof(C.PROCESS_INFORMATION{}.hThread)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESS_INFORMATION{}.DwProcessId)-unsafe.Offsetof(C.PROCESS_INFORMATION{}.dwProcessId)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESS_INFORMATION{}.DwThreadId)-unsafe.Offsetof(C.PROCESS_INFORMATION{}.dwThreadId)]

	_ = [1]struct{}{}[unsafe.Sizeof(IO_COUNTERS{})-C.sizeof_IO_COUNTERS]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.ReadOperationCount)-unsafe.Offsetof(C.IO_COUNTERS{}.ReadOperationCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.WriteOperationCount)-unsafe.Offsetof(C.IO_COUNTERS{}.WriteOperationCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.OtherOperationCount)-unsafe.Offsetof(C.IO_COUNTERS{}.OtherOperationCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.ReadTransferCount)-unsafe.Offsetof(C.IO_COUNTERS{}.ReadTransferCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.WriteTransferCount)-unsafe.Offsetof(C.IO_COUNTERS{}.WriteTransferCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(IO_COUNTERS{}.OtherTransferCount)-unsafe.Offsetof(C.IO_COUNTERS{}.OtherTransferCount)]

	_ = [1]struct{}{}[unsafe.Sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION{})-C.sizeof_JOBOBJECT_BASIC_LIMIT_INFORMATION]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PerProcessUserTimeLimit)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PerProcessUserTimeLimit)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PerJobUserTimeLimit)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PerJobUserTimeLimit)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.LimitFlags)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.LimitFlags)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.MinimumWorkingSetSize)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.MinimumWorkingSetSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.MaximumWorkingSetSize)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.MaximumWorkingSetSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.ActiveProcessLimit)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.ActiveProcessLimit)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.Affinity)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.Affinity)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PriorityClass)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.PriorityClass)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION{}.SchedulingClass)-unsafe.Offsetof(C.JOBOBJECT_BASIC_LIMIT_INFORMATION{}.SchedulingClass)]

	_ = [1]struct{}{}[unsafe.Sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{})-C.sizeof_JOBOBJECT_EXTENDED_LIMIT_INFORMATION]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.BasicLimitInformation)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.BasicLimitInformation)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.IoInfo)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.IoInfo)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.ProcessMemoryLimit)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.ProcessMemoryLimit)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.JobMemoryLimit)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.JobMemoryLimit)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.PeakProcessMemoryUsed)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.PeakProcessMemoryUsed)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.PeakJobMemoryUsed)-unsafe.Offsetof(C.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}.PeakJobMemoryUsed)]

	_ = [1]struct{}{}[unsafe.Sizeof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{})-C.sizeof_JOBOBJECT_BASIC_ACCOUNTING_INFORMATION]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalUserTime)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalUserTime)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalKernelTime)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalKernelTime)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ThisPeriodTotalUserTime)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ThisPeriodTotalUserTime)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ThisPeriodTotalKernelTime)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ThisPeriodTotalKernelTime)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalPageFaultCount)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalPageFaultCount)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalProcesses)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalProcesses)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ActiveProcesses)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.ActiveProcesses)]
	_ = [1]struct{}{}[unsafe.Offsetof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalTerminatedProcesses)-unsafe.Offsetof(C.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION{}.TotalTerminatedProcesses)]

	_ = [1]struct{}{}[unsafe.Sizeof(COORD{})-C.sizeof_COORD]
	_ = [1]struct{}{}[unsafe.Offsetof(COORD{}.X)-unsafe.Offsetof(C.COORD{}.X)]
	_ = [1]struct{}{}[unsafe.Offsetof(COORD{}.Y)-unsafe.Offsetof(C.COORD{}.Y)]

	_ = [1]struct{}{}[unsafe.Sizeof(SMALL_RECT{})-C.sizeof_SMALL_RECT]
	_ = [1]struct{}{}[unsafe.Offsetof(SMALL_RECT{}.Left)-unsafe.Offsetof(C.SMALL_RECT{}.Left)]
	_ = [1]struct{}{}[unsafe.Offsetof(SMALL_RECT{}.Top)-unsafe.Offsetof(C.SMALL_RECT{}.Top)]
	_ = [1]struct{}{}[unsafe.Offsetof(SMALL_RECT{}.Right)-unsafe.Offsetof(C.SMALL_RECT{}.Right)]
	_ = [1]struct{}{}[unsafe.Offsetof(SMALL_RECT{}.Bottom)-unsafe.Offsetof(C.SMALL_RECT{}.Bottom)]

	_ = [1]struct{}{}[unsafe.Sizeof(CONSOLE_SCREEN_BUFFER_INFO{})-C.sizeof_CONSOLE_SCREEN_BUFFER_INFO]
	_ = [1]struct{}{}[unsafe.Offsetof(CONSOLE_SCREEN_BUFFER_INFO{}.DwSize)-unsafe.Offsetof(C.CONSOLE_SCREEN_BUFFER_INFO{}.dwSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(CONSOLE_SCREEN_BUFFER_INFO{}.DwCursorPosition)-unsafe.Offsetof(C.CONSOLE_SCREEN_BUFFER_INFO{}.dwCursorPosition)]
	_ = [1]struct{}{}[unsafe.Offsetof(CONSOLE_SCREEN_BUFFER_INFO{}.WAttributes)-unsafe.Offsetof(C.CONSOLE_SCREEN_BUFFER_INFO{}.wAttributes)]
	_ = [1]struct{}{}[unsafe.Offsetof(CONSOLE_SCREEN_BUFFER_INFO{}.SrWindow)-unsafe.Offsetof(C.CONSOLE_SCREEN_BUFFER_INFO{}.srWindow)]
	_ = [1]struct{}{}[unsafe.Offsetof(CONSOLE_SCREEN_BUFFER_INFO{}.DwMaximumWindowSize)-unsafe.Offsetof(C.CONSOLE_SCREEN_BUFFER_INFO{}.dwMaximumWindowSize)]
)

// PROCESSENTRY32 (processentry32.go).
var (
	_ = [1]struct{}{}[unsafe.Sizeof(PROCESSENTRY32{})-C.sizeof_PROCESSENTRY32W]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.dwSize)-unsafe.Offsetof(C.PROCESSENTRY32W{}.dwSize)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.CntUsage)-unsafe.Offsetof(C.PROCESSENTRY32W{}.cntUsage)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.Th32ProcessID)-unsafe.Offsetof(C.PROCESSENTRY32W{}.th32ProcessID)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.Th32DefaultHeapID)-unsafe.Offsetof(C.PROCESSENTRY32W{}.th32DefaultHeapID)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.Th32ModuleID)-unsafe.Offsetof(C.PROCESSENTRY32W{}.th32ModuleID)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.CntThreads)-unsafe.Offsetof(C.PROCESSENTRY32W{}.cntThreads)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.Th32ParentProcessID)-unsafe.Offsetof(C.PROCESSENTRY32W{}.th32ParentProcessID)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.PcPriClassBase)-unsafe.Offsetof(C.PROCESSENTRY32W{}.pcPriClassBase)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.DwFlags)-unsafe.Offsetof(C.PROCESSENTRY32W{}.dwFlags)]
	_ = [1]struct{}{}[unsafe.Offsetof(PROCESSENTRY32{}.SzExeFile)-unsafe.Offsetof(C.PROCESSENTRY32W{}.szExeFile)]
)

// COMSTAT (comstat.go). The bit-fields cannot be named in Go
// (cgo omits them), so their DWORD is checked as the gap before cbInQue,
// and their bit positions by a test.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(COMSTAT{})-C.sizeof_COMSTAT]
	_ = [1]struct{}{}[unsafe.Offsetof(COMSTAT{}.CbInQue)-unsafe.Offsetof(C.COMSTAT{}.cbInQue)]
	_ = [1]struct{}{}[unsafe.Offsetof(COMSTAT{}.CbOutQue)-unsafe.Offsetof(C.COMSTAT{}.cbOutQue)]
	_ = [1]struct{}{}[unsafe.Offsetof(C.COMSTAT{}.cbInQue)-unsafe.Sizeof(COMSTAT{}.Flags)]
)

// The socket types (sockaddr.go, wsabuf.go). SOCKADDR_INET is a union that
// cgo sees as bytes: its members' fields are checked in SOCKADDR_IN and
// SOCKADDR_IN6, each at offset 0 of the union.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(SOCKADDR_INET{})-C.sizeof_SOCKADDR_INET]
	_ = [1]struct{}{}[unsafe.Alignof(SOCKADDR_INET{})-C.wincgo_alignof_SOCKADDR_INET]
	_ = [1]struct{}{}[sizeofSockaddrInet-C.sizeof_SOCKADDR_INET]
	_ = [1]struct{}{}[sizeofSockaddrIn-C.sizeof_SOCKADDR_IN]
	_ = [1]struct{}{}[sizeofSockaddrIn6-C.sizeof_SOCKADDR_IN6]
	_ = [1]struct{}{}[unsafe.Sizeof(SOCKADDR_INET{}.Family)-C.sizeof_ADDRESS_FAMILY]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.Family)-unsafe.Offsetof(C.SOCKADDR_IN{}.sin_family)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.Family)-unsafe.Offsetof(C.SOCKADDR_IN6{}.sin6_family)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.port)-unsafe.Offsetof(C.SOCKADDR_IN{}.sin_port)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.port)-unsafe.Offsetof(C.SOCKADDR_IN6{}.sin6_port)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.v4OrFlow)-unsafe.Offsetof(C.SOCKADDR_IN{}.sin_addr)]
	_ = [1]struct{}{}[unsafe.Sizeof(SOCKADDR_INET{}.v4OrFlow)-C.sizeof_IN_ADDR]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.v4OrFlow)-unsafe.Offsetof(C.SOCKADDR_IN6{}.sin6_flowinfo)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.addr6)-unsafe.Offsetof(C.SOCKADDR_IN{}.sin_zero)]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.addr6)-unsafe.Offsetof(C.SOCKADDR_IN6{}.sin6_addr)]
	_ = [1]struct{}{}[unsafe.Sizeof(SOCKADDR_INET{}.addr6)-C.sizeof_IN6_ADDR]
	_ = [1]struct{}{}[unsafe.Offsetof(SOCKADDR_INET{}.scopeID)-C.wincgo_offsetof_sin6_scope_id]

	// RawSockaddr: namelen (a C int) right after the address.
	_ = [1]struct{}{}[unsafe.Offsetof(RawSockaddr{}.Len)-C.sizeof_SOCKADDR_INET]
	_ = [1]struct{}{}[unsafe.Sizeof(RawSockaddr{}.Len)-C.sizeof_int]

	_ = [1]struct{}{}[unsafe.Sizeof(LINGER{})-C.sizeof_LINGER]
	_ = [1]struct{}{}[unsafe.Offsetof(LINGER{}.Onoff)-unsafe.Offsetof(C.LINGER{}.l_onoff)]
	_ = [1]struct{}{}[unsafe.Offsetof(LINGER{}.Linger)-unsafe.Offsetof(C.LINGER{}.l_linger)]

	_ = [1]struct{}{}[unsafe.Sizeof(WSABUF{})-C.sizeof_WSABUF]
	_ = [1]struct{}{}[unsafe.Alignof(WSABUF{})-C.wincgo_alignof_WSABUF]
	_ = [1]struct{}{}[unsafe.Offsetof(WSABUF{}.len)-unsafe.Offsetof(C.WSABUF{}.len)]
	_ = [1]struct{}{}[unsafe.Offsetof(WSABUF{}.buf)-unsafe.Offsetof(C.WSABUF{}.buf)]

	_ = [1]struct{}{}[unsafe.Sizeof(TRANSMIT_FILE_BUFFERS{})-C.sizeof_TRANSMIT_FILE_BUFFERS]
	_ = [1]struct{}{}[unsafe.Alignof(TRANSMIT_FILE_BUFFERS{})-C.wincgo_alignof_TRANSMIT_FILE_BUFFERS]
	_ = [1]struct{}{}[unsafe.Offsetof(TRANSMIT_FILE_BUFFERS{}.head)-unsafe.Offsetof(C.TRANSMIT_FILE_BUFFERS{}.Head)]
	_ = [1]struct{}{}[unsafe.Offsetof(TRANSMIT_FILE_BUFFERS{}.headLength)-unsafe.Offsetof(C.TRANSMIT_FILE_BUFFERS{}.HeadLength)]
	_ = [1]struct{}{}[unsafe.Offsetof(TRANSMIT_FILE_BUFFERS{}.tail)-unsafe.Offsetof(C.TRANSMIT_FILE_BUFFERS{}.Tail)]
	_ = [1]struct{}{}[unsafe.Offsetof(TRANSMIT_FILE_BUFFERS{}.tailLength)-unsafe.Offsetof(C.TRANSMIT_FILE_BUFFERS{}.TailLength)]
)

// comstatBitFromC returns COMSTAT's first DWORD with only the i-th
// bit-field (0 fCtsHold ... 6 fTxim, 7 fReserved all ones) set by C, for
// the layout test.
func comstatBitFromC(i int) uint32 { return uint32(C.wincgo_comstat_bit(C.int(i))) }
