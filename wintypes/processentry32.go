//go:build windows

package wintypes

import (
	"syscall"
	"unsafe"

	"github.com/wincgo/wincgo/internal/winconst"
)

// MAX_PATH is the length, in characters, of the fixed path buffers of
// several structures (PROCESSENTRY32's SzExeFile).
//
// See https://learn.microsoft.com/en-us/windows/win32/fileio/maximum-file-path-limitation
const MAX_PATH int = winconst.MAX_PATH

// PROCESSENTRY32 is one process of a Tool Help snapshot (Process32First,
// Process32Next): the Unicode PROCESSENTRY32W, as wincgo calls the W
// functions. Its dwSize is not a field: it is always the structure's size,
// set when the structure is passed to Windows, as Windows requires.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/ns-tlhelp32-processentry32w
type PROCESSENTRY32 struct {
	dwSize uint32
	// CntUsage is no longer used; always 0.
	CntUsage uint32
	// Th32ProcessID is the process identifier.
	Th32ProcessID uint32
	// Th32DefaultHeapID is no longer used; always 0.
	Th32DefaultHeapID uintptr
	// Th32ModuleID is no longer used; always 0.
	Th32ModuleID uint32
	// CntThreads is the number of threads the process started.
	CntThreads uint32
	// Th32ParentProcessID is the identifier of the process that created
	// this one.
	Th32ParentProcessID uint32
	// PcPriClassBase is the base priority of the process's threads.
	PcPriClassBase int32
	// DwFlags is no longer used; always 0.
	DwFlags uint32
	// SzExeFile is the NUL-terminated name of the process's executable
	// file (without its directory); ExeFile returns it as a string.
	SzExeFile [MAX_PATH]uint16
}

// DwSize returns the value of the C structure's dwSize: its size.
func (pe *PROCESSENTRY32) DwSize() uint32 { return uint32(unsafe.Sizeof(*pe)) }

// Pointer returns pe as the LPPROCESSENTRY32W a C function takes, with
// dwSize set (nil for a nil pe).
func (pe *PROCESSENTRY32) Pointer() unsafe.Pointer {
	if pe == nil {
		return nil
	}
	pe.dwSize = pe.DwSize()
	return unsafe.Pointer(pe)
}

// ExeFile returns SzExeFile up to its NUL as a Go string.
func (pe *PROCESSENTRY32) ExeFile() string { return syscall.UTF16ToString(pe.SzExeFile[:]) }
