/* kernel32 synchronization functions: kernel32/synchronization.go. */
#ifndef WINCGO_KERNEL32_SYNCHRONIZATION_H
#define WINCGO_KERNEL32_SYNCHRONIZATION_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-waitforsingleobject */
WINBASEAPI DWORD WINAPI WaitForSingleObject(
    HANDLE hHandle,
    DWORD  dwMilliseconds
);

#endif
