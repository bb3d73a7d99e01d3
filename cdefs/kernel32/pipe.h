/* kernel32 pipe functions: kernel32/pipe.go. */
#ifndef WINCGO_KERNEL32_PIPE_H
#define WINCGO_KERNEL32_PIPE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-createpipe */
WINBASEAPI BOOL WINAPI CreatePipe(
    PHANDLE               hReadPipe,
    PHANDLE               hWritePipe,
    LPSECURITY_ATTRIBUTES lpPipeAttributes,
    DWORD                 nSize
);
static inline wincgo_result wincgo_CreatePipe(
    uintptr_t *hReadPipe, uintptr_t *hWritePipe, LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize) {
    WINCGO_CALL(CreatePipe, (PHANDLE)hReadPipe, (PHANDLE)hWritePipe, lpPipeAttributes, nSize);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe */
WINBASEAPI BOOL WINAPI PeekNamedPipe(
    HANDLE  hNamedPipe,
    LPVOID  lpBuffer,
    DWORD   nBufferSize,
    LPDWORD lpBytesRead,
    LPDWORD lpTotalBytesAvail,
    LPDWORD lpBytesLeftThisMessage
);
static inline wincgo_result wincgo_PeekNamedPipe(
    uintptr_t hNamedPipe, void *lpBuffer, DWORD nBufferSize, LPDWORD lpBytesRead,
    LPDWORD lpTotalBytesAvail, LPDWORD lpBytesLeftThisMessage) {
    WINCGO_CALL(PeekNamedPipe, (HANDLE)hNamedPipe, lpBuffer, nBufferSize, lpBytesRead,
                lpTotalBytesAvail, lpBytesLeftThisMessage);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate */
WINBASEAPI BOOL WINAPI SetNamedPipeHandleState(
    HANDLE  hNamedPipe,
    LPDWORD lpMode,
    LPDWORD lpMaxCollectionCount,
    LPDWORD lpCollectDataTimeout
);
static inline wincgo_result wincgo_SetNamedPipeHandleState(
    uintptr_t hNamedPipe, LPDWORD lpMode, LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout) {
    WINCGO_CALL(SetNamedPipeHandleState, (HANDLE)hNamedPipe, lpMode, lpMaxCollectionCount,
                lpCollectDataTimeout);
}

#endif
