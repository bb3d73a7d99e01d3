/* kernel32 completion ports, cancellation and registered waits: kernel32/iocp.go. */
#ifndef WINCGO_KERNEL32_IOCP_H
#define WINCGO_KERNEL32_IOCP_H
#include "wincgo.h"
#include <stdlib.h>

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-createiocompletionport */
WINBASEAPI HANDLE WINAPI CreateIoCompletionPort(
    HANDLE    FileHandle,
    HANDLE    ExistingCompletionPort,
    ULONG_PTR CompletionKey,
    DWORD     NumberOfConcurrentThreads
);
static inline wincgo_result wincgo_CreateIoCompletionPort(
    uintptr_t FileHandle, uintptr_t ExistingCompletionPort, uintptr_t CompletionKey,
    DWORD NumberOfConcurrentThreads) {
    WINCGO_CALL(CreateIoCompletionPort, (HANDLE)FileHandle, (HANDLE)ExistingCompletionPort,
                (ULONG_PTR)CompletionKey, NumberOfConcurrentThreads);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatus */
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatus(
    HANDLE       CompletionPort,
    LPDWORD      lpNumberOfBytesTransferred,
    PULONG_PTR   lpCompletionKey,
    LPOVERLAPPED *lpOverlapped,
    DWORD        dwMilliseconds
);
/*
 * The dequeued OVERLAPPED comes back as an address (uintptr_t), never as a
 * pointer Go would have to trust: Go maps it back to the OVERLAPPED it
 * registered, if any (kernel32/iocp.go).
 */
static inline wincgo_result wincgo_GetQueuedCompletionStatus(
    uintptr_t CompletionPort, LPDWORD lpNumberOfBytesTransferred, uintptr_t *lpCompletionKey,
    uintptr_t *lpOverlapped, DWORD dwMilliseconds) {
    WINCGO_CALL(GetQueuedCompletionStatus, (HANDLE)CompletionPort, lpNumberOfBytesTransferred,
                (PULONG_PTR)lpCompletionKey, (LPOVERLAPPED *)lpOverlapped, dwMilliseconds);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatusex */
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatusEx(
    HANDLE             CompletionPort,
    LPOVERLAPPED_ENTRY lpCompletionPortEntries,
    ULONG              ulCount,
    PULONG             ulNumEntriesRemoved,
    DWORD              dwMilliseconds,
    BOOL               fAlertable
);
static inline wincgo_result wincgo_GetQueuedCompletionStatusEx(
    uintptr_t CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG ulCount,
    DWORD dwMilliseconds, BOOL fAlertable) {
    ULONG removed = 0;
    WINCGO_CALL_OUT(removed, GetQueuedCompletionStatusEx, (HANDLE)CompletionPort,
                    lpCompletionPortEntries, ulCount, &removed, dwMilliseconds, fAlertable);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-postqueuedcompletionstatus */
WINBASEAPI BOOL WINAPI PostQueuedCompletionStatus(
    HANDLE       CompletionPort,
    DWORD        dwNumberOfBytesTransferred,
    ULONG_PTR    dwCompletionKey,
    LPOVERLAPPED lpOverlapped
);
/* lpOverlapped is an address the receiver gets back as is (Windows never reads it). */
static inline wincgo_result wincgo_PostQueuedCompletionStatus(
    uintptr_t CompletionPort, DWORD dwNumberOfBytesTransferred, uintptr_t dwCompletionKey,
    uintptr_t lpOverlapped) {
    WINCGO_CALL(PostQueuedCompletionStatus, (HANDLE)CompletionPort, dwNumberOfBytesTransferred,
                (ULONG_PTR)dwCompletionKey, (LPOVERLAPPED)lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/fileio/cancelioex-func */
WINBASEAPI BOOL WINAPI CancelIoEx(
    HANDLE       hFile,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_CancelIoEx(uintptr_t hFile, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(CancelIoEx, (HANDLE)hFile, lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/fileio/cancelio */
WINBASEAPI BOOL WINAPI CancelIo(
    HANDLE hFile
);
static inline wincgo_result wincgo_CancelIo(uintptr_t hFile) {
    WINCGO_CALL(CancelIo, (HANDLE)hFile);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-registerwaitforsingleobject */
WINBASEAPI BOOL WINAPI RegisterWaitForSingleObject(
    PHANDLE             phNewWaitObject,
    HANDLE              hObject,
    WAITORTIMERCALLBACK Callback,
    PVOID               Context,
    ULONG               dwMilliseconds,
    ULONG               dwFlags
);
static inline wincgo_result wincgo_RegisterWaitForSingleObject(
    PHANDLE phNewWaitObject, uintptr_t hObject, WAITORTIMERCALLBACK Callback, PVOID Context,
    ULONG dwMilliseconds, ULONG dwFlags) {
    WINCGO_CALL(RegisterWaitForSingleObject, phNewWaitObject, (HANDLE)hObject, Callback, Context,
                dwMilliseconds, dwFlags);
}

/* https://learn.microsoft.com/en-us/windows/win32/sync/unregisterwaitex */
WINBASEAPI BOOL WINAPI UnregisterWaitEx(
    HANDLE WaitHandle,
    HANDLE CompletionEvent
);
static inline wincgo_result wincgo_UnregisterWaitEx(uintptr_t WaitHandle, uintptr_t CompletionEvent) {
    WINCGO_CALL(UnregisterWaitEx, (HANDLE)WaitHandle, (HANDLE)CompletionEvent);
}

/*
 * The registered-wait bridge: a wait whose callback posts a completion
 * packet to a port, entirely in C, so that no Go code runs on the thread
 * pool's threads (no Go callback, no goroutine or OS thread per wait).
 *
 * Each wait owns a malloc'd context the callback reads. It is freed exactly
 * once, by wincgoPortWaitUnregister, and only after UnregisterWaitEx with
 * INVALID_HANDLE_VALUE returned TRUE: Windows then guarantees that no
 * callback of the wait is running or will run. If that call fails, the
 * context is kept (a callback may still use it) and the caller may retry.
 */
typedef struct wincgo_port_wait {
    HANDLE port;
    ULONG_PTR key;
    HANDLE wait;
} wincgo_port_wait;

/*
 * The packet: the caller's key, lpOverlapped NULL, and as byte count
 * WAIT_OBJECT_0 when the object was signalled or WAIT_TIMEOUT when the
 * wait's time-out elapsed. A failed post (the port was closed) has no one
 * to tell.
 */
static VOID CALLBACK wincgo_port_wait_callback(PVOID context, BOOLEAN timerOrWaitFired) {
    wincgo_port_wait *w = (wincgo_port_wait *)context;
    PostQueuedCompletionStatus(w->port, timerOrWaitFired ? WAIT_TIMEOUT : WAIT_OBJECT_0, w->key,
                               NULL);
}

/* wincgoPortWaitRegister registers the wait; out is the context's address (0 on failure). */
static inline wincgo_result wincgoPortWaitRegister(uintptr_t hObject, ULONG dwMilliseconds,
    ULONG dwFlags, uintptr_t port, uintptr_t key, uintptr_t *waitHandle) {
    wincgo_port_wait *w = (wincgo_port_wait *)calloc(1, sizeof *w);
    if (w == NULL) {
        wincgo_result r = {0, 0, ERROR_NOT_ENOUGH_MEMORY};
        return r;
    }
    w->port = (HANDLE)port;
    w->key = (ULONG_PTR)key;
    wincgo_result r = wincgo_RegisterWaitForSingleObject(&w->wait, hObject,
        wincgo_port_wait_callback, w, dwMilliseconds, dwFlags);
    if (r.ret == 0) {
        /* Not registered: no callback can ever see w. */
        free(w);
        return r;
    }
    *waitHandle = (uintptr_t)w->wait;
    r.out = (uintptr_t)w;
    return r;
}

/* wincgoPortWaitUnregister unregisters the wait of context ctx, waiting for its callbacks, then frees ctx. */
static inline wincgo_result wincgoPortWaitUnregister(uintptr_t ctx) {
    wincgo_port_wait *w = (wincgo_port_wait *)ctx;
    wincgo_result r = wincgo_UnregisterWaitEx((uintptr_t)w->wait, (uintptr_t)INVALID_HANDLE_VALUE);
    if (r.ret != 0) {
        free(w);
    }
    return r;
}

#endif
