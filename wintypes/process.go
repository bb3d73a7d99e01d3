//go:build windows

package wintypes

import "unsafe"

// STARTUPINFO says how CreateProcess sets up a new process's main window
// and standard handles: the Unicode STARTUPINFOW, as wincgo calls the W
// functions. Its cb is not a field: it is always the structure's size, set
// when the structure is passed to Windows, so it cannot be wrong.
//
// The string fields (lpReserved, lpDesktop, lpTitle) and lpReserved2 are
// addresses (uintptr), never Go pointers: set them only to C memory that
// stays valid during CreateProcess, or leave them 0, as almost every caller
// does.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/ns-processthreadsapi-startupinfow
type STARTUPINFO struct {
	cb uint32
	// LpReserved is reserved; must be 0.
	LpReserved uintptr
	// LpDesktop is the address of the name of the desktop (and window
	// station) to start the process in, or 0 for the caller's.
	LpDesktop uintptr
	// LpTitle is the address of a console process's window title, or 0.
	LpTitle uintptr
	// DwX and DwY position the window (STARTF_USEPOSITION).
	DwX uint32
	DwY uint32
	// DwXSize and DwYSize size the window (STARTF_USESIZE).
	DwXSize uint32
	DwYSize uint32
	// DwXCountChars and DwYCountChars size a new console's screen buffer
	// (STARTF_USECOUNTCHARS).
	DwXCountChars uint32
	DwYCountChars uint32
	// DwFillAttribute is a new console's text and background colours
	// (STARTF_USEFILLATTRIBUTE): FOREGROUND_* | BACKGROUND_*.
	DwFillAttribute uint32
	// DwFlags says which other fields count: STARTF_* flags.
	DwFlags uint32
	// WShowWindow is the window's first show state (STARTF_USESHOWWINDOW).
	WShowWindow uint16
	// CbReserved2 is reserved; must be 0.
	CbReserved2 uint16
	// LpReserved2 is reserved; must be 0.
	LpReserved2 uintptr
	// HStdInput, HStdOutput and HStdError are the child's standard handles
	// (STARTF_USESTDHANDLES). They must be inheritable and
	// CreateProcess's bInheritHandles true.
	HStdInput  HANDLE
	HStdOutput HANDLE
	HStdError  HANDLE
}

// Cb returns the value of the C structure's cb: its size.
func (si *STARTUPINFO) Cb() uint32 { return uint32(unsafe.Sizeof(*si)) }

// Pointer returns si as the LPSTARTUPINFOW a C function takes, with cb set
// (nil for a nil si).
func (si *STARTUPINFO) Pointer() unsafe.Pointer {
	if si == nil {
		return nil
	}
	si.cb = si.Cb()
	return unsafe.Pointer(si)
}

// PROCESS_INFORMATION is what CreateProcess returns about the new process
// and its main thread. The caller owns both handles and closes each with
// CloseHandle when done (closing them does not end the process).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/ns-processthreadsapi-process_information
type PROCESS_INFORMATION struct {
	// HProcess is a handle to the new process (PROCESS_ALL_ACCESS).
	HProcess HANDLE
	// HThread is a handle to its main thread (THREAD_ALL_ACCESS).
	HThread HANDLE
	// DwProcessId is the process identifier, valid until the process
	// ends and every handle to it is closed.
	DwProcessId uint32
	// DwThreadId is the main thread's identifier.
	DwThreadId uint32
}

// IO_COUNTERS counts the I/O operations of a process or job.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-io_counters
type IO_COUNTERS struct {
	ReadOperationCount  uint64
	WriteOperationCount uint64
	OtherOperationCount uint64
	ReadTransferCount   uint64
	WriteTransferCount  uint64
	OtherTransferCount  uint64
}

// JOBOBJECT_EXTENDED_LIMIT_INFORMATION is a job's limits with its memory
// limits and I/O counters (JobObjectExtendedLimitInformation), for
// SetInformationJobObject and QueryInformationJobObject.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_extended_limit_information
type JOBOBJECT_EXTENDED_LIMIT_INFORMATION struct {
	// BasicLimitInformation holds the basic limits; its LimitFlags says
	// which limits, here and there, apply.
	BasicLimitInformation JOBOBJECT_BASIC_LIMIT_INFORMATION
	// IoInfo is reserved (Windows leaves it zero).
	IoInfo IO_COUNTERS
	// ProcessMemoryLimit is the committed memory limit of each process
	// (JOB_OBJECT_LIMIT_PROCESS_MEMORY).
	ProcessMemoryLimit uintptr
	// JobMemoryLimit is the committed memory limit of the whole job
	// (JOB_OBJECT_LIMIT_JOB_MEMORY).
	JobMemoryLimit uintptr
	// PeakProcessMemoryUsed is the most committed memory any process of
	// the job has used.
	PeakProcessMemoryUsed uintptr
	// PeakJobMemoryUsed is the most committed memory the job has used.
	PeakJobMemoryUsed uintptr
}

// JOBOBJECT_BASIC_ACCOUNTING_INFORMATION is a job's accounting
// (JobObjectBasicAccountingInformation): times in 100-nanosecond ticks,
// and process counts.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_basic_accounting_information
type JOBOBJECT_BASIC_ACCOUNTING_INFORMATION struct {
	// TotalUserTime is the user-mode time of every process, running or
	// ended, ever in the job.
	TotalUserTime int64
	// TotalKernelTime is the kernel-mode time of every process ever in
	// the job.
	TotalKernelTime int64
	// ThisPeriodTotalUserTime is the user-mode time since the last time
	// limit was set.
	ThisPeriodTotalUserTime int64
	// ThisPeriodTotalKernelTime is the kernel-mode time since the last
	// time limit was set.
	ThisPeriodTotalKernelTime int64
	// TotalPageFaultCount is the page faults of every process ever in the
	// job.
	TotalPageFaultCount uint32
	// TotalProcesses is the number of processes ever in the job.
	TotalProcesses uint32
	// ActiveProcesses is the number of processes now in the job.
	ActiveProcesses uint32
	// TotalTerminatedProcesses is the number of processes ended by a
	// limit violation (not by TerminateJobObject).
	TotalTerminatedProcesses uint32
}

// COORD is a character cell's position in a console screen buffer: X is
// the column, Y the row, from 0.
//
// See https://learn.microsoft.com/en-us/windows/console/coord-str
type COORD struct {
	X int16
	Y int16
}

// SMALL_RECT is a rectangle of console cells, by its upper-left and
// lower-right corners (both included).
//
// See https://learn.microsoft.com/en-us/windows/console/small-rect-str
type SMALL_RECT struct {
	Left   int16
	Top    int16
	Right  int16
	Bottom int16
}

// CONSOLE_SCREEN_BUFFER_INFO describes a console screen buffer
// (GetConsoleScreenBufferInfo).
//
// See https://learn.microsoft.com/en-us/windows/console/console-screen-buffer-info-str
type CONSOLE_SCREEN_BUFFER_INFO struct {
	// DwSize is the buffer's size, in columns and rows.
	DwSize COORD
	// DwCursorPosition is the cursor's position in the buffer.
	DwCursorPosition COORD
	// WAttributes is the attribute of the characters written next:
	// FOREGROUND_*, BACKGROUND_* and COMMON_LVB_* flags.
	WAttributes uint16
	// SrWindow is the part of the buffer the window shows.
	SrWindow SMALL_RECT
	// DwMaximumWindowSize is the largest window the buffer, font and
	// screen allow.
	DwMaximumWindowSize COORD
}

// LPSTARTUPINFO is what CreateProcess's lpStartupInfo takes: a
// *STARTUPINFO, or a *kernel32.STARTUPINFOEX (CreateProcess then adds
// EXTENDED_STARTUPINFO_PRESENT). CreateProcess accepts no other type.
//
// STARTUPINFOEX lives in kernel32, not here, because it holds the
// attribute list itself (a *kernel32.ProcThreadAttributeList), not its
// address: CreateProcess then reads the list's address while holding the
// list, and refuses a deleted one, instead of handing Windows freed
// memory.
type LPSTARTUPINFO interface {
	// Cb returns the size the C structure's cb takes.
	Cb() uint32
	// Extended reports whether the structure is a STARTUPINFOEX.
	Extended() bool
}

// Extended reports false: a STARTUPINFO has no attribute list.
func (si *STARTUPINFO) Extended() bool { return false }
