/* kernel32 last-error and temporary-path functions: kernel32/lasterror.go. */
#ifndef WINCGO_KERNEL32_LASTERROR_H
#define WINCGO_KERNEL32_LASTERROR_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror */
WINBASEAPI DWORD WINAPI GetLastError(
    VOID
);
/*
 * Not WINCGO_CALL, which clears the last error before the call: this shim
 * reads the calling thread's last error as it is. It cannot fail.
 */
static inline wincgo_result wincgo_GetLastError(void) {
    wincgo_result r = {0, 0, 0};
    r.ret = (uintptr_t)GetLastError();
    r.lastError = (uint32_t)r.ret;
    return r;
}

/* https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-setlasterror */
WINBASEAPI VOID WINAPI SetLastError(
    DWORD dwErrCode
);
/* SetLastError returns nothing and cannot fail. */
static inline wincgo_result wincgo_SetLastError(DWORD dwErrCode) {
    wincgo_result r = {0, 0, 0};
    SetLastError(dwErrCode);
    r.lastError = (uint32_t)dwErrCode;
    return r;
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-gettemppathw */
WINBASEAPI DWORD WINAPI GetTempPathW(
    DWORD  nBufferLength,
    LPWSTR lpBuffer
);
static inline wincgo_result wincgo_GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer) {
    WINCGO_CALL(GetTempPathW, nBufferLength, lpBuffer);
}

#endif
