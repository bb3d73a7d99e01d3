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
 * size (a power of two), at most half full, of pointers to entries in C
 * memory. Ids count up from 1 and are never handed out twice while in the
 * table, so a late callback cannot find another wait's entry until the
 * count wraps (2^32 waits later on 386, never on amd64). One SRW lock
 * guards the table, held only to look up, add or remove: a callback counts
 * itself in its entry's posting under the lock and posts after releasing
 * it, and PortWaitRemove, having taken the entry out, frees it only once
 * no callback is posting, so that once PortWaitRemove returned none is.
 * (Posting under the lock made the thread pool's workers queue behind
 * PortWaitAdd and PortWaitRemove for a wineserver call each, and Wine 8
 * then started hundreds of workers.)
 */
#ifndef WINCGO_KERNEL32_IOCP_BRIDGE_H
#define WINCGO_KERNEL32_IOCP_BRIDGE_H
#include "../wincgo.h"
#include <stdlib.h>

typedef struct wincgo_port_wait {
    ULONG_PTR id;
    HANDLE port;
    ULONG_PTR key;
    volatile LONG posting; /* callbacks between their look-up and the end of their post */
} wincgo_port_wait;

/* Static: only kernel32's zraw_windows.go includes this header, so the
 * package has one table. */
static SRWLOCK wincgo_port_waits_lock = SRWLOCK_INIT;
static wincgo_port_wait **wincgo_port_waits;
static size_t wincgo_port_waits_size, wincgo_port_waits_len;
static ULONG_PTR wincgo_port_waits_last_id;

/* wincgo_port_wait_find returns id's slot, or the empty slot where it
 * would go; the caller holds the lock and the table has an empty slot. */
static wincgo_port_wait **wincgo_port_wait_find(ULONG_PTR id) {
    size_t mask = wincgo_port_waits_size - 1;
    size_t i = id & mask;
    while (wincgo_port_waits[i] != NULL && wincgo_port_waits[i]->id != id) {
        i = (i + 1) & mask;
    }
    return &wincgo_port_waits[i];
}

/* wincgo_port_wait_grow doubles the table (16 slots at first); the caller
 * holds the lock exclusively. It returns FALSE when memory ran out. */
static BOOL wincgo_port_wait_grow(void) {
    size_t size = wincgo_port_waits_size ? 2 * wincgo_port_waits_size : 16;
    wincgo_port_wait **old = wincgo_port_waits, **table = calloc(size, sizeof *table);
    if (table == NULL) {
        return FALSE;
    }
    size_t oldSize = wincgo_port_waits_size;
    wincgo_port_waits = table;
    wincgo_port_waits_size = size;
    for (size_t i = 0; i < oldSize; i++) {
        if (old[i] != NULL) {
            *wincgo_port_wait_find(old[i]->id) = old[i];
        }
    }
    free(old);
    return TRUE;
}

/* PortWaitAdd adds an entry for the packets of a wait about to be
 * registered and returns its id, the wait's context; 0, with the last error
 * ERROR_NOT_ENOUGH_MEMORY, when memory ran out. */
static ULONG_PTR WINAPI PortWaitAdd(HANDLE CompletionPort, ULONG_PTR dwCompletionKey) {
    wincgo_port_wait *w = calloc(1, sizeof *w);
    if (w == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    w->port = CompletionPort;
    w->key = dwCompletionKey;
    AcquireSRWLockExclusive(&wincgo_port_waits_lock);
    if (2 * (wincgo_port_waits_len + 1) <= wincgo_port_waits_size || wincgo_port_wait_grow()) {
        wincgo_port_wait **slot;
        do {
            w->id = ++wincgo_port_waits_last_id;
            slot = wincgo_port_wait_find(w->id);
        } while (w->id == 0 || *slot != NULL);
        *slot = w;
        wincgo_port_waits_len++;
    }
    ReleaseSRWLockExclusive(&wincgo_port_waits_lock);
    if (w->id == 0) {
        free(w);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    return w->id;
}

/* PortWaitRemove removes id's entry and frees it: once it returned, no
 * callback posts for it. An id not in the table is left alone. */
static VOID WINAPI PortWaitRemove(ULONG_PTR id) {
    wincgo_port_wait *w = NULL;
    AcquireSRWLockExclusive(&wincgo_port_waits_lock);
    if (wincgo_port_waits_len != 0 && id != 0) {
        size_t mask = wincgo_port_waits_size - 1;
        wincgo_port_wait **slot = wincgo_port_wait_find(id);
        if (*slot != NULL) {
            w = *slot;
            /* Backward-shift deletion: move up each later entry of the
             * probe run that may not stay behind the hole (its home slot
             * is not cyclically in (hole, j]). */
            size_t hole = (size_t)(slot - wincgo_port_waits);
            wincgo_port_waits[hole] = NULL;
            for (size_t j = (hole + 1) & mask; wincgo_port_waits[j] != NULL; j = (j + 1) & mask) {
                size_t home = wincgo_port_waits[j]->id & mask;
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    wincgo_port_waits[hole] = wincgo_port_waits[j];
                    wincgo_port_waits[j] = NULL;
                    hole = j;
                }
            }
            wincgo_port_waits_len--;
        }
    }
    ReleaseSRWLockExclusive(&wincgo_port_waits_lock);
    if (w != NULL) {
        /* A callback that found the entry before it was taken out is
         * posting: a wineserver call, then it lets go. */
        while (InterlockedCompareExchange(&w->posting, 0, 0) != 0) {
            SwitchToThread();
        }
        free(w);
    }
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
    wincgo_port_wait *w = NULL;
    AcquireSRWLockShared(&wincgo_port_waits_lock);
    if (wincgo_port_waits_len != 0) {
        w = *wincgo_port_wait_find(id);
        if (w != NULL) {
            InterlockedIncrement(&w->posting);
        }
    }
    ReleaseSRWLockShared(&wincgo_port_waits_lock);
    if (w != NULL) {
        PostQueuedCompletionStatus(w->port, timerOrWaitFired ? WAIT_TIMEOUT : WAIT_OBJECT_0, w->key, NULL);
        InterlockedDecrement(&w->posting);
    }
}

#endif
