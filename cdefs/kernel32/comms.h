/* kernel32 communications functions: kernel32/comms.go. */
#ifndef WINCGO_KERNEL32_COMMS_H
#define WINCGO_KERNEL32_COMMS_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-clearcommerror */
/* wincgo:noescape lpErrors lpStat: written during the call only */
WINBASEAPI BOOL WINAPI ClearCommError(
    HANDLE    hFile,
    LPDWORD   lpErrors,
    LPCOMSTAT lpStat
);

#endif
