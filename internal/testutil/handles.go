//go:build windows

package testutil

import (
	"fmt"
	"os"
	"sort"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// This file lists the process's handles for the leak check (leakcheck.go
// holds its policy). Wine's GetProcessHandleCount always answers 0, so the
// handles are listed, each with its value and type name.

var (
	modkernel32              = windows.NewLazySystemDLL("kernel32.dll")
	modntdll                 = windows.NewLazySystemDLL("ntdll.dll")
	procGetProcessIDOfThread = modkernel32.NewProc("GetProcessIdOfThread")
	procNtQueryObject        = modntdll.NewProc("NtQueryObject")
)

// OBJECT_INFORMATION_CLASS values for NtQueryObject.
const (
	objectNameInformation = 1
	objectTypeInformation = 2
)

// Handle is one open handle of this process.
type Handle struct {
	Value uintptr
	// Type is the object type name NtQueryObject reports ("File",
	// "Event", "Thread", ...), or "type #N" for an object it gives no
	// name (Wine's internal server objects: N is the handle table's type
	// index, 0 under Wine's probe).
	Type string
	// ThreadProcess is, for a Thread handle, the id of the process the
	// thread belongs to (GetProcessIdOfThread); 0 otherwise or when it
	// cannot tell.
	ThreadProcess uint32
}

// Handles lists this process's open handles, ordered by value: on Windows
// from the system's handle table, one NtQuerySystemInformation
// (SystemExtendedHandleInformation) call filtered by this process id;
// under Wine, or where that call fails, by probing handle values.
//
// Why not the table under Wine: Wine 8's SystemExtendedHandleInformation
// sometimes never returns while other processes are busy (seen: 1 call in
// about 30 hung for good with three test binaries and a build running),
// and probing only asks about this process's own handles.
func Handles() []Handle {
	if !IsWine() {
		if hs, err := systemHandles(); err == nil {
			return hs
		}
	}
	return probeHandles()
}

// systemHandleEntry is SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX.
type systemHandleEntry struct {
	Object                uintptr
	UniqueProcessID       uintptr
	HandleValue           uintptr
	GrantedAccess         uint32
	CreatorBackTraceIndex uint16
	ObjectTypeIndex       uint16
	HandleAttributes      uint32
	Reserved              uint32
}

func systemHandles() ([]Handle, error) {
	// The table holds every process's handles: grow the buffer until it
	// fits, with room for the table to grow between two calls.
	buf := make([]uintptr, 1<<15)
	for {
		var n uint32
		size := uint32(uintptr(len(buf)) * unsafe.Sizeof(buf[0]))
		err := windows.NtQuerySystemInformation(windows.SystemExtendedHandleInformation, unsafe.Pointer(&buf[0]), size, &n)
		if err == windows.STATUS_INFO_LENGTH_MISMATCH { //nolint:errorlint // an NTStatus value, compared as Windows defines it
			buf = make([]uintptr, (uintptr(max(n, 2*size))+64<<10)/unsafe.Sizeof(buf[0]))
			continue
		}
		if err != nil {
			return nil, err
		}
		break
	}
	// SYSTEM_HANDLE_INFORMATION_EX: NumberOfHandles, Reserved, Handles[].
	entries := unsafe.Slice((*systemHandleEntry)(unsafe.Pointer(&buf[2])), buf[0])
	pid := uintptr(os.Getpid())
	names := map[uint16]string{} // one NtQueryObject per type, not per handle
	var hs []Handle
	for _, e := range entries {
		if e.UniqueProcessID != pid {
			continue
		}
		name, ok := names[e.ObjectTypeIndex]
		if !ok {
			var st windows.NTStatus
			if name, st = handleType(e.HandleValue); st != 0 {
				continue // closed since the table was read
			}
			if name == "" {
				name = fmt.Sprintf("type #%d", e.ObjectTypeIndex)
			}
			names[e.ObjectTypeIndex] = name
		}
		hs = append(hs, newHandle(e.HandleValue, name))
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Value < hs[j].Value })
	return hs, nil
}

// probeGap is how many consecutive free handle values above the highest
// open one end the probe: Windows and Wine both hand out the lowest free
// value first, so the open values are dense from 4 up.
const probeGap = 1024

// probeHandles finds the open handles by asking NtQueryObject for the
// type of every handle value (multiples of 4) until probeGap free values
// in a row. Under Wine each question is a wineserver request (about
// 0.1-0.3 ms).
func probeHandles() []Handle {
	var hs []Handle
	for v, high := uintptr(4), uintptr(0); v <= high+4*probeGap; v += 4 {
		name, st := handleType(v)
		if st == windows.STATUS_INVALID_HANDLE {
			continue
		}
		high = v
		if name == "" {
			// Open, but of no type NtQueryObject names: Wine's
			// internal server objects, which have type index 0.
			name = "type #0"
		}
		hs = append(hs, newHandle(v, name))
	}
	return hs
}

func newHandle(v uintptr, typ string) Handle {
	h := Handle{Value: v, Type: typ}
	if typ == "Thread" {
		pid, _, _ := procGetProcessIDOfThread.Call(v)
		h.ThreadProcess = uint32(pid)
	}
	return h
}

// handleType returns the object type name of handle v ("" if Windows
// gives it none) and NtQueryObject's status (0 on success;
// STATUS_INVALID_HANDLE when v is not open).
func handleType(v uintptr) (string, windows.NTStatus) {
	// OBJECT_TYPE_INFORMATION starts with the UNICODE_STRING TypeName,
	// whose characters follow the structure in the same buffer.
	var buf [1024]uintptr
	st := ntQueryObject(v, objectTypeInformation, buf[:])
	if st != 0 {
		return "", st
	}
	return unicodeString(&buf[0]), 0
}

// handleName returns the object name of handle v (a file's path, a named
// pipe's or a named event's name), or "" when it has none.
//
// NtQueryObject's name query can block for good on a file opened for
// synchronous I/O while another thread's read on it waits (the I/O
// manager serialises synchronous file objects), and a leaked pipe may
// well have a leaked reader: the query runs on its own goroutine and is
// given up after a second (only ever waited for when a File leaked).
func handleName(v uintptr) string {
	done := make(chan string, 1)
	go func() {
		// OBJECT_NAME_INFORMATION is a UNICODE_STRING followed by its
		// characters.
		buf := make([]uintptr, 64<<10/unsafe.Sizeof(uintptr(0)))
		if ntQueryObject(v, objectNameInformation, buf) != 0 {
			done <- ""
			return
		}
		done <- unicodeString(&buf[0])
	}()
	select {
	case name := <-done:
		return name
	case <-time.After(time.Second):
		return "(name query blocked: synchronous I/O pending on it?)"
	}
}

func ntQueryObject(v uintptr, class uintptr, buf []uintptr) windows.NTStatus {
	var n uint32
	r, _, _ := procNtQueryObject.Call(v, class, uintptr(unsafe.Pointer(&buf[0])),
		uintptr(len(buf))*unsafe.Sizeof(buf[0]), uintptr(unsafe.Pointer(&n)))
	return windows.NTStatus(r)
}

// unicodeString reads the UNICODE_STRING at p, whose characters the call
// wrote into the same buffer.
func unicodeString(p *uintptr) string {
	s := (*windows.NTUnicodeString)(unsafe.Pointer(p))
	if s.Buffer == nil || s.Length == 0 {
		return ""
	}
	return windows.UTF16ToString(unsafe.Slice(s.Buffer, s.Length/2))
}
