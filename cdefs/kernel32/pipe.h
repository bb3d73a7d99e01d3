/* kernel32 pipe functions: kernel32/pipe.go. */
#ifndef WINCGO_KERNEL32_PIPE_H
#define WINCGO_KERNEL32_PIPE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-createpipe */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI CreatePipe(
    PHANDLE               hReadPipe,
    PHANDLE               hWritePipe,
    LPSECURITY_ATTRIBUTES lpPipeAttributes,
    DWORD                 nSize
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI PeekNamedPipe(
    HANDLE  hNamedPipe,
    LPVOID  lpBuffer, /* wincgo:bytes */
    DWORD   nBufferSize,
    LPDWORD lpBytesRead,
    LPDWORD lpTotalBytesAvail,
    LPDWORD lpBytesLeftThisMessage
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI SetNamedPipeHandleState(
    HANDLE  hNamedPipe,
    LPDWORD lpMode,
    LPDWORD lpMaxCollectionCount,
    LPDWORD lpCollectDataTimeout
);

#endif
