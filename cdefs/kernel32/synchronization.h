/* kernel32 wait functions: kernel32/synchronization.go. */
#ifndef WINCGO_KERNEL32_SYNCHRONIZATION_H
#define WINCGO_KERNEL32_SYNCHRONIZATION_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitforsingleobject */
/* wincgo:fails-when ret == WAIT_FAILED */
WINBASEAPI DWORD WINAPI WaitForSingleObject(
    HANDLE hHandle,
    DWORD  dwMilliseconds
);

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects */
/* wincgo:fails-when ret == WAIT_FAILED */
/* wincgo:noescape lpHandles: read during the call only */
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(
    DWORD        nCount,
    const HANDLE *lpHandles,
    BOOL         bWaitAll,
    DWORD        dwMilliseconds
);

#endif
