/*
 * kernel32/iocp_bridge.h: C helpers kernel32/iocp.go calls around the
 * generated shims of kernel32/iocp.h (hand-written: they are not bindings
 * of one function, and they hold C state).
 */
#ifndef WINCGO_KERNEL32_IOCP_BRIDGE_H
#define WINCGO_KERNEL32_IOCP_BRIDGE_H
#include "zshims_iocp.h"
#include <stdlib.h>

/*
 * wincgoPost posts a packet whose lpOverlapped is an address Go holds as an
 * integer (Windows never reads it): Go must not turn an arbitrary address
 * into a pointer to pass it.
 */
static inline wincgo_result wincgoPost(uintptr_t port, DWORD n, uintptr_t key, uintptr_t ov) {
    return wincgo_PostQueuedCompletionStatus(port, n, key, (LPOVERLAPPED)ov);
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
 * context is kept (a callback may still use it): the caller may retry,
 * unless the failure is ERROR_IO_PENDING (unregistered, a callback still
 * to run: the context is then kept for ever).
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
    wincgo_result r = wincgo_RegisterWaitForSingleObject((uintptr_t *)&w->wait, hObject,
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
