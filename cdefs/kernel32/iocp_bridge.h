/*
 * kernel32/iocp_bridge.h: the callback of kernel32's registered waits,
 * which RegisterWaitForSingleObject's "port" variant passes to Windows
 * (cdefs/kernel32/iocp.h), and the table it reads. Written by hand: it
 * binds no Windows function, it is C code Windows runs on its thread
 * pool's threads, where no Go code runs (no Go callback, no goroutine or
 * OS thread per wait), and a prototype cannot say what it does.
 *
 * A wait's context, the value Windows hands its callback, is a number, not
 * a pointer: the key of an entry of this table, which holds the port and
 * the key of the wait's packets. UnregisterWaitEx removes the entry once
 * Windows returned, and a callback whose entry is gone posts nothing. So
 * no packet of a wait follows UnregisterWaitEx, and no memory is read
 * after it was freed, even when a callback runs after UnregisterWaitEx
 * with INVALID_HANDLE_VALUE returned, which Windows documents never
 * happens and Wine 8 does now and then (a wait signalled as it is
 * unregistered: its thread pool can queue the callback after it finished
 * waiting for the wait's callbacks; TestUnregisteredWaitPostsNothing).
 *
 * The table: open addressing with linear probing, indexed by id modulo its
 * size (a power of two), at most half full. Ids count up from 1 and are
 * never handed out twice while in the table, so a late callback cannot
 * find another wait's entry until the count wraps (2^32 waits later on
 * 386, never on amd64). One SRW lock: callbacks share it, and hold it
 * while they post, so that once PortWaitRemove returned none is posting.
 */
#ifndef WINCGO_KERNEL32_IOCP_BRIDGE_H
#define WINCGO_KERNEL32_IOCP_BRIDGE_H
#include "../wincgo.h"
#include <stdlib.h>

typedef struct wincgo_port_wait {
    ULONG_PTR id; /* 0: a free slot */
    HANDLE port;
    ULONG_PTR key;
} wincgo_port_wait;

/* Static: only kernel32's zraw_windows.go includes this header, so the
 * package has one table. */
static SRWLOCK wincgo_port_waits_lock = SRWLOCK_INIT;
static wincgo_port_wait *wincgo_port_waits;
static size_t wincgo_port_waits_size, wincgo_port_waits_len;
static ULONG_PTR wincgo_port_waits_last_id;

/* wincgo_port_wait_find returns id's slot, or the free slot where it would
 * go; the caller holds the lock and the table has a free slot. */
static wincgo_port_wait *wincgo_port_wait_find(ULONG_PTR id) {
    size_t mask = wincgo_port_waits_size - 1;
    size_t i = id & mask;
    while (wincgo_port_waits[i].id != 0 && wincgo_port_waits[i].id != id) {
        i = (i + 1) & mask;
    }
    return &wincgo_port_waits[i];
}

/* wincgo_port_wait_grow doubles the table (16 slots at first); the caller
 * holds the lock exclusively. It returns FALSE when memory ran out. */
static BOOL wincgo_port_wait_grow(void) {
    size_t size = wincgo_port_waits_size ? 2 * wincgo_port_waits_size : 16;
    wincgo_port_wait *old = wincgo_port_waits, *table = calloc(size, sizeof *table);
    if (table == NULL) {
        return FALSE;
    }
    size_t oldSize = wincgo_port_waits_size;
    wincgo_port_waits = table;
    wincgo_port_waits_size = size;
    for (size_t i = 0; i < oldSize; i++) {
        if (old[i].id != 0) {
            *wincgo_port_wait_find(old[i].id) = old[i];
        }
    }
    free(old);
    return TRUE;
}

/* PortWaitAdd adds an entry for the packets of a wait about to be
 * registered and returns its id, the wait's context; 0, with the last error
 * ERROR_NOT_ENOUGH_MEMORY, when the table cannot grow. */
static ULONG_PTR WINAPI PortWaitAdd(HANDLE CompletionPort, ULONG_PTR dwCompletionKey) {
    ULONG_PTR id = 0;
    AcquireSRWLockExclusive(&wincgo_port_waits_lock);
    if (2 * (wincgo_port_waits_len + 1) <= wincgo_port_waits_size || wincgo_port_wait_grow()) {
        wincgo_port_wait *slot;
        do {
            id = ++wincgo_port_waits_last_id;
            slot = wincgo_port_wait_find(id);
        } while (id == 0 || slot->id != 0);
        slot->id = id;
        slot->port = CompletionPort;
        slot->key = dwCompletionKey;
        wincgo_port_waits_len++;
    }
    ReleaseSRWLockExclusive(&wincgo_port_waits_lock);
    if (id == 0) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    return id;
}

/* PortWaitRemove removes id's entry: once it returned, no callback posts
 * for it. An id not in the table is left alone. */
static VOID WINAPI PortWaitRemove(ULONG_PTR id) {
    AcquireSRWLockExclusive(&wincgo_port_waits_lock);
    if (wincgo_port_waits_len != 0 && id != 0) {
        size_t mask = wincgo_port_waits_size - 1;
        wincgo_port_wait *slot = wincgo_port_wait_find(id);
        if (slot->id == id) {
            /* Backward-shift deletion: move up each later entry of the
             * probe run that may not stay behind the hole (its home slot
             * is not cyclically in (hole, j]). */
            size_t hole = (size_t)(slot - wincgo_port_waits);
            wincgo_port_waits[hole].id = 0;
            for (size_t j = (hole + 1) & mask; wincgo_port_waits[j].id != 0; j = (j + 1) & mask) {
                size_t home = wincgo_port_waits[j].id & mask;
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    wincgo_port_waits[hole] = wincgo_port_waits[j];
                    wincgo_port_waits[j].id = 0;
                    hole = j;
                }
            }
            wincgo_port_waits_len--;
        }
    }
    ReleaseSRWLockExclusive(&wincgo_port_waits_lock);
}

/* PortWaitCount returns the number of entries (for tests: the registered
 * waits C knows of). */
static ULONG_PTR WINAPI PortWaitCount(void) {
    AcquireSRWLockShared(&wincgo_port_waits_lock);
    ULONG_PTR n = wincgo_port_waits_len;
    ReleaseSRWLockShared(&wincgo_port_waits_lock);
    return n;
}

/*
 * The packet: the entry's key, lpOverlapped NULL, and as byte count
 * WAIT_OBJECT_0 when the object was signalled or WAIT_TIMEOUT when the
 * wait's time-out elapsed; nothing when the entry is gone. A failed post
 * (the port was closed) has no one to tell.
 */
static VOID CALLBACK wincgo_port_wait_callback(PVOID context, BOOLEAN timerOrWaitFired) {
    ULONG_PTR id = (ULONG_PTR)context;
    AcquireSRWLockShared(&wincgo_port_waits_lock);
    if (wincgo_port_waits_len != 0) {
        const wincgo_port_wait *w = wincgo_port_wait_find(id);
        if (w->id == id) {
            PostQueuedCompletionStatus(w->port, timerOrWaitFired ? WAIT_TIMEOUT : WAIT_OBJECT_0, w->key,
                                       NULL);
        }
    }
    ReleaseSRWLockShared(&wincgo_port_waits_lock);
}

#endif
