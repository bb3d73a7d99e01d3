/* kernel32 last-error functions: kernel32/lasterror.go. */
#ifndef WINCGO_KERNEL32_LASTERROR_H
#define WINCGO_KERNEL32_LASTERROR_H
#include "../wincgo.h"

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror
 * Not the usual call, which clears the last error first: this reads the
 * calling thread's last error as it is. It cannot fail.
 */
/* wincgo:keep-last-error */
WINBASEAPI DWORD WINAPI GetLastError(
    VOID
);

/* https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-setlasterror */
WINBASEAPI VOID WINAPI SetLastError(
    DWORD dwErrCode
);

#endif
