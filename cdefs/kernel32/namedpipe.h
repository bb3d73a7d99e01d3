/* kernel32 named pipe functions: kernel32/namedpipe.go. */
#ifndef WINCGO_KERNEL32_NAMEDPIPE_H
#define WINCGO_KERNEL32_NAMEDPIPE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createnamedpipew */
WINBASEAPI HANDLE WINAPI CreateNamedPipeW(
    LPCWSTR               lpName,
    DWORD                 dwOpenMode,
    DWORD                 dwPipeMode,
    DWORD                 nMaxInstances,
    DWORD                 nOutBufferSize,
    DWORD                 nInBufferSize,
    DWORD                 nDefaultTimeOut,
    LPSECURITY_ATTRIBUTES lpSecurityAttributes
);
static inline wincgo_result wincgo_CreateNamedPipeW(
    LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances, DWORD nOutBufferSize,
    DWORD nInBufferSize, DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes) {
    WINCGO_CALL(CreateNamedPipeW, lpName, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize,
                nInBufferSize, nDefaultTimeOut, lpSecurityAttributes);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-connectnamedpipe */
WINBASEAPI BOOL WINAPI ConnectNamedPipe(
    HANDLE       hNamedPipe,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_ConnectNamedPipe(uintptr_t hNamedPipe, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(ConnectNamedPipe, (HANDLE)hNamedPipe, lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-disconnectnamedpipe */
WINBASEAPI BOOL WINAPI DisconnectNamedPipe(
    HANDLE hNamedPipe
);
static inline wincgo_result wincgo_DisconnectNamedPipe(uintptr_t hNamedPipe) {
    WINCGO_CALL(DisconnectNamedPipe, (HANDLE)hNamedPipe);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-waitnamedpipew */
WINBASEAPI BOOL WINAPI WaitNamedPipeW(
    LPCWSTR lpNamedPipeName,
    DWORD   nTimeOut
);
static inline wincgo_result wincgo_WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut) {
    WINCGO_CALL(WaitNamedPipeW, lpNamedPipeName, nTimeOut);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-getnamedpipeinfo */
WINBASEAPI BOOL WINAPI GetNamedPipeInfo(
    HANDLE  hNamedPipe,
    LPDWORD lpFlags,
    LPDWORD lpOutBufferSize,
    LPDWORD lpInBufferSize,
    LPDWORD lpMaxInstances
);
static inline wincgo_result wincgo_GetNamedPipeInfo(
    uintptr_t hNamedPipe, LPDWORD lpFlags, LPDWORD lpOutBufferSize, LPDWORD lpInBufferSize,
    LPDWORD lpMaxInstances) {
    WINCGO_CALL(GetNamedPipeInfo, (HANDLE)hNamedPipe, lpFlags, lpOutBufferSize, lpInBufferSize,
                lpMaxInstances);
}

#endif
