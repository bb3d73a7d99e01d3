/* kernel32 pipe functions: kernel32/pipe.go. */
#ifndef WINCGO_KERNEL32_PIPE_H
#define WINCGO_KERNEL32_PIPE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-createpipe */
/* wincgo:noescape hReadPipe hWritePipe lpPipeAttributes: used during the call only */
WINBASEAPI BOOL WINAPI CreatePipe(
    PHANDLE               hReadPipe,
    PHANDLE               hWritePipe,
    LPSECURITY_ATTRIBUTES lpPipeAttributes,
    DWORD                 nSize
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe */
/* wincgo:noescape lpBuffer lpBytesRead lpTotalBytesAvail lpBytesLeftThisMessage: written during the call only */
WINBASEAPI BOOL WINAPI PeekNamedPipe(
    HANDLE  hNamedPipe,
    LPVOID  lpBuffer, /* wincgo:no-go-pointers */
    DWORD   nBufferSize,
    LPDWORD lpBytesRead,
    LPDWORD lpTotalBytesAvail,
    LPDWORD lpBytesLeftThisMessage
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate */
/* wincgo:noescape lpMode lpMaxCollectionCount lpCollectDataTimeout: read during the call only */
WINBASEAPI BOOL WINAPI SetNamedPipeHandleState(
    HANDLE  hNamedPipe,
    LPDWORD lpMode,
    LPDWORD lpMaxCollectionCount,
    LPDWORD lpCollectDataTimeout
);

#endif
