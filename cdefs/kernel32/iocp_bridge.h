/*
 * kernel32/iocp_bridge.h: the callback of kernel32's registered waits,
 * which RegisterWaitForSingleObject's "port" variant passes to Windows
 * (cdefs/kernel32/iocp.h). Written by hand: it binds no Windows function,
 * it is C code Windows runs on its thread pool's threads, where no Go code
 * runs (no Go callback, no goroutine or OS thread per wait), and a
 * prototype cannot say what it does.
 */
#ifndef WINCGO_KERNEL32_IOCP_BRIDGE_H
#define WINCGO_KERNEL32_IOCP_BRIDGE_H
#include "../wincgo.h"

/*
 * A wait's context: the port and the key of the packets it posts. Go owns
 * it (kernel32/iocp.go, portWait.ctx: the same two words) and keeps it
 * pinned from RegisterWaitForSingleObject until UnregisterWaitEx with
 * INVALID_HANDLE_VALUE returned TRUE: Windows then guarantees that no
 * callback of the wait is running or will run.
 */
typedef struct wincgo_port_wait {
    HANDLE port;
    ULONG_PTR key;
} wincgo_port_wait;
_Static_assert(sizeof(wincgo_port_wait) == 2 * sizeof(uintptr_t), "Go's [2]uintptr");

/*
 * The packet: the context's key, lpOverlapped NULL, and as byte count
 * WAIT_OBJECT_0 when the object was signalled or WAIT_TIMEOUT when the
 * wait's time-out elapsed. A failed post (the port was closed) has no one
 * to tell.
 */
static VOID CALLBACK wincgo_port_wait_callback(PVOID context, BOOLEAN timerOrWaitFired) {
    const wincgo_port_wait *w = (const wincgo_port_wait *)context;
    PostQueuedCompletionStatus(w->port, timerOrWaitFired ? WAIT_TIMEOUT : WAIT_OBJECT_0, w->key,
                               NULL);
}

#endif
