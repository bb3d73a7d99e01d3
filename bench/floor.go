//go:build windows

package bench

// The floor: each operation as a bare cgo call with no checks, no
// conversions and no last-error handling beyond what the operation needs
// to report its result, written the way a minimal hand binding would be.
// wincgo's overhead is what it costs above these.
//
// The TEB helpers at the end expose cdefs/wincgo.h's inline last-error
// access to TestTEBLastError.

/*
#cgo CFLAGS: -DWINCGO_PKG=bench -Werror=implicit-function-declaration -Werror=incompatible-pointer-types -Werror=int-conversion
#cgo LDFLAGS: -lws2_32 -luser32
#cgo noescape floor_ReadFileAt
#cgo nocallback floor_ReadFileAt
#cgo noescape floor_ReadFile
#cgo nocallback floor_ReadFile
#cgo noescape floor_WriteFile
#cgo nocallback floor_WriteFile
#cgo noescape floor_OpenEventW
#cgo nocallback floor_OpenEventW
#cgo noescape floor_MsgWaitForMultipleObjects
#cgo nocallback floor_MsgWaitForMultipleObjects
#cgo noescape floor_WSAEnumNetworkEvents
#cgo nocallback floor_WSAEnumNetworkEvents
#cgo nocallback floor_PostQueuedCompletionStatus
#cgo noescape floor_GetQueuedCompletionStatusEx
#cgo nocallback floor_GetQueuedCompletionStatusEx
#include "../cdefs/wincgo.h"

typedef struct floor_result {
    uintptr_t ret;
    uint32_t lastError;
} floor_result;

static uintptr_t floor_GetStdHandle(DWORD n) { return (uintptr_t)GetStdHandle(n); }

static DWORD floor_WaitForSingleObject(uintptr_t h, DWORD ms) { return WaitForSingleObject((HANDLE)h, ms); }

static BOOL floor_SetEvent(uintptr_t h) { return SetEvent((HANDLE)h); }

// The error path's floor: the call and its code, read in the same C call.
static floor_result floor_SetEventError(uintptr_t h) {
    floor_result r;
    r.ret = (uintptr_t)SetEvent((HANDLE)h);
    r.lastError = GetLastError();
    return r;
}

static uintptr_t floor_CreateEventW(void) { return (uintptr_t)CreateEventW(NULL, TRUE, FALSE, NULL); }

static BOOL floor_CloseHandle(uintptr_t h) { return CloseHandle((HANDLE)h); }

static floor_result floor_OpenEventW(DWORD access, BOOL inherit, const uint16_t *name) {
    floor_result r;
    r.ret = (uintptr_t)OpenEventW(access, inherit, (LPCWSTR)name);
    r.lastError = GetLastError();
    return r;
}

static DWORD floor_ReadFile(uintptr_t h, void *buf, DWORD n) {
    DWORD done = 0;
    if (!ReadFile((HANDLE)h, buf, n, &done, NULL)) {
        return 0;
    }
    return done;
}

static DWORD floor_WriteFile(uintptr_t h, const void *buf, DWORD n) {
    DWORD done = 0;
    if (!WriteFile((HANDLE)h, buf, n, &done, NULL)) {
        return 0;
    }
    return done;
}

// A positioned read on a synchronous handle: the OVERLAPPED only carries
// the offset, as os.File.ReadAt does it.
static DWORD floor_ReadFileAt(uintptr_t h, void *buf, DWORD n, DWORD offset) {
    OVERLAPPED ov;
    DWORD done = 0;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    if (!ReadFile((HANDLE)h, buf, n, &done, &ov)) {
        return 0;
    }
    return done;
}

static DWORD floor_MsgWaitForMultipleObjects(DWORD n, const uintptr_t *handles, DWORD ms, DWORD mask) {
    return MsgWaitForMultipleObjects(n, (const HANDLE *)handles, FALSE, ms, mask);
}

static int floor_WSAEnumNetworkEvents(uintptr_t s, uintptr_t ev, long *events) {
    WSANETWORKEVENTS ne;
    int r = WSAEnumNetworkEvents((SOCKET)s, (WSAEVENT)ev, &ne);
    *events = ne.lNetworkEvents;
    return r;
}

static DWORD floor_GetExitCodeProcess(uintptr_t h) {
    DWORD code = 0;
    if (!GetExitCodeProcess((HANDLE)h, &code)) {
        return 0xFFFFFFFF;
    }
    return code;
}

static BOOL floor_PostQueuedCompletionStatus(uintptr_t port, DWORD n, uintptr_t key, uintptr_t ov) {
    return PostQueuedCompletionStatus((HANDLE)port, n, (ULONG_PTR)key, (LPOVERLAPPED)ov);
}

// The count of packets dequeued, 0 on failure (GetQueuedCompletionStatusEx
// never succeeds with none).
static ULONG floor_GetQueuedCompletionStatusEx(uintptr_t port, void *entries, ULONG count, DWORD ms) {
    ULONG removed = 0;
    if (!GetQueuedCompletionStatusEx((HANDLE)port, (LPOVERLAPPED_ENTRY)entries, count, &removed, ms, FALSE)) {
        return 0;
    }
    return removed;
}

// The clock the chunks are timed with: QueryPerformanceCounter, whose
// resolution is well under a microsecond on Windows and under Wine (where
// Go's time.Now follows a shared-data page updated only every few
// milliseconds).
static int64_t qpc(void) { LARGE_INTEGER v; QueryPerformanceCounter(&v); return v.QuadPart; }
static int64_t qpc_frequency(void) { LARGE_INTEGER v; QueryPerformanceFrequency(&v); return v.QuadPart; }

// wincgo.h's inline access to the thread's last error, and kernel32's.
static DWORD teb_set_then_get_last_error(DWORD code) { wincgo_set_last_error(code); return GetLastError(); }
static DWORD set_last_error_then_teb(DWORD code) { SetLastError(code); return wincgo_get_last_error(); }
static DWORD wsa_set_last_error_then_teb(int code) { WSASetLastError(code); return wincgo_get_last_error(); }
static int teb_set_then_wsa_get_last_error(DWORD code) { wincgo_set_last_error(code); return WSAGetLastError(); }
static int teb_offset(void) {
#ifdef WINCGO_TEB_LAST_ERROR_OFFSET
    return WINCGO_TEB_LAST_ERROR_OFFSET;
#else
    return -1;
#endif
}
*/
import "C"

import (
	"unsafe"

	"github.com/wincgo/wincgo/wintypes"
)

func floorGetStdHandle(n uint32) uintptr { return uintptr(C.floor_GetStdHandle(C.DWORD(n))) }

func floorWaitForSingleObject(h uintptr, ms uint32) uint32 {
	return uint32(C.floor_WaitForSingleObject(C.uintptr_t(h), C.DWORD(ms)))
}

func floorSetEvent(h uintptr) bool { return C.floor_SetEvent(C.uintptr_t(h)) != 0 }

func floorSetEventError(h uintptr) (bool, uint32) {
	r := C.floor_SetEventError(C.uintptr_t(h))
	return r.ret != 0, uint32(r.lastError)
}

func floorCreateEvent() uintptr { return uintptr(C.floor_CreateEventW()) }

func floorCloseHandle(h uintptr) bool { return C.floor_CloseHandle(C.uintptr_t(h)) != 0 }

// floorOpenEvent takes name already converted: the floor converts nothing.
func floorOpenEvent(access uint32, name []uint16) (uintptr, uint32) {
	r := C.floor_OpenEventW(C.DWORD(access), 0, (*C.uint16_t)(unsafe.Pointer(&name[0])))
	return uintptr(r.ret), uint32(r.lastError)
}

func floorReadFile(h uintptr, buf []byte) int {
	return int(C.floor_ReadFile(C.uintptr_t(h), unsafe.Pointer(&buf[0]), C.DWORD(len(buf))))
}

func floorWriteFile(h uintptr, buf []byte) int {
	return int(C.floor_WriteFile(C.uintptr_t(h), unsafe.Pointer(&buf[0]), C.DWORD(len(buf))))
}

func floorReadFileAt(h uintptr, buf []byte, offset uint32) int {
	return int(C.floor_ReadFileAt(C.uintptr_t(h), unsafe.Pointer(&buf[0]), C.DWORD(len(buf)), C.DWORD(offset)))
}

func floorMsgWaitForMultipleObjects(handles []uintptr, ms, mask uint32) uint32 {
	return uint32(C.floor_MsgWaitForMultipleObjects(C.DWORD(len(handles)),
		(*C.uintptr_t)(unsafe.Pointer(&handles[0])), C.DWORD(ms), C.DWORD(mask)))
}

func floorWSAEnumNetworkEvents(s, ev uintptr) (int, int32) {
	var events C.long
	r := C.floor_WSAEnumNetworkEvents(C.uintptr_t(s), C.uintptr_t(ev), &events)
	return int(r), int32(events)
}

func floorGetExitCodeProcess(h uintptr) uint32 {
	return uint32(C.floor_GetExitCodeProcess(C.uintptr_t(h)))
}

func floorPostQueuedCompletionStatus(port uintptr, n uint32, key, ov uintptr) bool {
	return C.floor_PostQueuedCompletionStatus(C.uintptr_t(port), C.DWORD(n), C.uintptr_t(key), C.uintptr_t(ov)) != 0
}

// floorGetQueuedCompletionStatusEx fills entries, whose layout is
// OVERLAPPED_ENTRY's (wintypes checks it), and returns the count, 0 on
// failure.
func floorGetQueuedCompletionStatusEx(port uintptr, entries []wintypes.OVERLAPPED_ENTRY, ms uint32) int {
	return int(C.floor_GetQueuedCompletionStatusEx(C.uintptr_t(port), unsafe.Pointer(&entries[0]), C.ULONG(len(entries)), C.DWORD(ms)))
}

var qpcFrequency = int64(C.qpc_frequency())

// nanotime returns QueryPerformanceCounter in nanoseconds.
func nanotime() int64 {
	c := int64(C.qpc())
	return c/qpcFrequency*1e9 + c%qpcFrequency*1e9/qpcFrequency
}

// tebSetThenGetLastError writes code inline and reads it back with
// GetLastError, in one C call (the thread cannot change in between).
func tebSetThenGetLastError(code uint32) uint32 {
	return uint32(C.teb_set_then_get_last_error(C.DWORD(code)))
}

// setLastErrorThenTEB is the converse: SetLastError, then the inline read.
func setLastErrorThenTEB(code uint32) uint32 { return uint32(C.set_last_error_then_teb(C.DWORD(code))) }

// wsaSetLastErrorThenTEB: WSASetLastError, then the inline read.
func wsaSetLastErrorThenTEB(code int32) uint32 {
	return uint32(C.wsa_set_last_error_then_teb(C.int(code)))
}

// tebSetThenWSAGetLastError: the inline write, then WSAGetLastError.
func tebSetThenWSAGetLastError(code uint32) int32 {
	return int32(C.teb_set_then_wsa_get_last_error(C.DWORD(code)))
}

// tebOffset is WINCGO_TEB_LAST_ERROR_OFFSET, or -1 where wincgo.h falls
// back to GetLastError and SetLastError.
func tebOffset() int { return int(C.teb_offset()) }
