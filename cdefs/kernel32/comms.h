/* kernel32 communications functions: kernel32/comms.go. */
#ifndef WINCGO_KERNEL32_COMMS_H
#define WINCGO_KERNEL32_COMMS_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-clearcommerror */
WINBASEAPI BOOL WINAPI ClearCommError(
    HANDLE    hFile,
    LPDWORD   lpErrors,
    LPCOMSTAT lpStat
);
static inline wincgo_result wincgo_ClearCommError(uintptr_t hFile, LPDWORD lpErrors, LPCOMSTAT lpStat) {
    WINCGO_CALL(ClearCommError, (HANDLE)hFile, lpErrors, lpStat);
}

#endif
