/* kernel32 multiple-object wait: kernel32/wait.go. */
#ifndef WINCGO_KERNEL32_WAIT_H
#define WINCGO_KERNEL32_WAIT_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitformultipleobjects */
/* wincgo:noescape */
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(
    DWORD        nCount,
    const HANDLE *lpHandles,
    BOOL         bWaitAll,
    DWORD        dwMilliseconds
);

#endif
