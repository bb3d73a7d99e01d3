/* kernel32 multiple-object wait: kernel32/wait.go. */
#ifndef WINCGO_KERNEL32_WAIT_H
#define WINCGO_KERNEL32_WAIT_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects */
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(
    DWORD        nCount,
    const HANDLE *lpHandles,
    BOOL         bWaitAll,
    DWORD        dwMilliseconds
);
/*
 * lpHandles arrives as an array of uintptr_t (Go's []wintypes.HANDLE, plain
 * integers) and is reinterpreted as the HANDLE array it is.
 */
static inline wincgo_result wincgo_WaitForMultipleObjects(
    DWORD nCount, const uintptr_t *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds) {
    _Static_assert(sizeof(uintptr_t) == sizeof(HANDLE), "a HANDLE is pointer-sized");
    WINCGO_CALL(WaitForMultipleObjects, nCount, (const HANDLE *)lpHandles, bWaitAll, dwMilliseconds);
}

#endif
