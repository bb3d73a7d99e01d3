/* kernel32 named pipe functions: kernel32/namedpipe.go. */
#ifndef WINCGO_KERNEL32_NAMEDPIPE_H
#define WINCGO_KERNEL32_NAMEDPIPE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-createnamedpipew */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
/* wincgo:noescape lpName lpSecurityAttributes: read during the call only */
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

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-connectnamedpipe */
WINBASEAPI BOOL WINAPI ConnectNamedPipe(
    HANDLE       hNamedPipe,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-disconnectnamedpipe */
WINBASEAPI BOOL WINAPI DisconnectNamedPipe(
    HANDLE hNamedPipe
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-waitnamedpipew */
/* wincgo:noescape lpNamedPipeName: read during the call only */
WINBASEAPI BOOL WINAPI WaitNamedPipeW(
    LPCWSTR lpNamedPipeName,
    DWORD   nTimeOut
);

/* https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-getnamedpipeinfo */
/* wincgo:noescape lpFlags lpOutBufferSize lpInBufferSize lpMaxInstances: written during the call only */
WINBASEAPI BOOL WINAPI GetNamedPipeInfo(
    HANDLE  hNamedPipe,
    LPDWORD lpFlags,
    LPDWORD lpOutBufferSize,
    LPDWORD lpInBufferSize,
    LPDWORD lpMaxInstances
);

#endif
