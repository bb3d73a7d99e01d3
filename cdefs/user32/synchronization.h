/* user32 synchronization functions: user32/synchronization.go. */
#ifndef WINCGO_USER32_SYNCHRONIZATION_H
#define WINCGO_USER32_SYNCHRONIZATION_H
#include "../wincgo.h"

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-msgwaitformultipleobjects
 * pHandles, an array of handles, arrives as an array of uintptr_t (Go's
 * []wintypes.HANDLE, plain integers holding no Go pointers) and the shim
 * reinterprets it as the HANDLE array it is: both are pointer-sized. NULL
 * when nCount is 0.
 */
/* wincgo:fails-when ret == WAIT_FAILED */
/* wincgo:noescape pHandles: read during the call only */
WINUSERAPI DWORD WINAPI MsgWaitForMultipleObjects(
    DWORD        nCount,
    const HANDLE *pHandles,
    BOOL         fWaitAll,
    DWORD        dwMilliseconds,
    DWORD        dwWakeMask
);

#endif
