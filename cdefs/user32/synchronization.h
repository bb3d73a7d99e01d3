/* user32 synchronization functions: user32/synchronization.go. */
#ifndef WINCGO_USER32_SYNCHRONIZATION_H
#define WINCGO_USER32_SYNCHRONIZATION_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-msgwaitformultipleobjects */
WINUSERAPI DWORD WINAPI MsgWaitForMultipleObjects(
    DWORD        nCount,
    const HANDLE *pHandles,
    BOOL         fWaitAll,
    DWORD        dwMilliseconds,
    DWORD        dwWakeMask
);
/*
 * pHandles arrives as an array of uintptr_t (Go's []wintypes.HANDLE, plain
 * integers holding no Go pointers) and is reinterpreted here as the HANDLE
 * array it is: both are pointer-sized. NULL when nCount is 0.
 */
static inline wincgo_result wincgo_MsgWaitForMultipleObjects(
    DWORD nCount, const uintptr_t *pHandles, BOOL fWaitAll, DWORD dwMilliseconds, DWORD dwWakeMask) {
    _Static_assert(sizeof(uintptr_t) == sizeof(HANDLE), "a HANDLE is pointer-sized");
    WINCGO_CALL(MsgWaitForMultipleObjects, nCount, (const HANDLE *)pHandles, fWaitAll, dwMilliseconds, dwWakeMask);
}

#endif
